/**
 * The profile questions the bot asks after consent give way to what the founder came for: a
 * request typed at them is carried out at once (no "leave or carry on?"), and "skip" at a
 * question that cannot be skipped ends them. In a flow the founder asked for, "skip" at a
 * required question says it cannot be skipped and keeps the flow. Through the whole bot in a
 * web chat on PGlite; assertions on flow state and payloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU_PAYLOADS } from '../../src/flows/menu.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { openTuesday, payloads, webChat } from '../support/typed-chat.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

let store: SqlStore;
let harness: BotHarness;
const { say } = webChat(() => harness);

beforeAll(async () => {
  store = await pgliteTestStore();
  harness = await botHarness({ store, clock: () => NOW });
});
afterAll(async () => {
  await harness?.close();
  await store?.close();
});

type FlowState = { id: string; step: string; misses: number };
async function flowOf(chat: string): Promise<FlowState | undefined> {
  const rows = await store.query<{ state: { flow?: FlowState } }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  return rows[0]?.state.flow;
}

async function consented(chat: string, hello = 'xin chào', agree = 'dong y'): Promise<void> {
  await say(chat, hello);
  await say(chat, agree);
  expect(await flowOf(chat)).toMatchObject({ id: 'profile', step: 'name' });
}

describe('the profile questions after consent', () => {
  it('give way at once to a booking typed at the name question', async () => {
    const chat = 'yields-booking';
    await consented(chat);
    const replies = await say(chat, 'minh muon dat 1 cho ngoi lam viec thu 5 tuan nay');
    expect(payloads(replies)).not.toContain('flow:_:switch');
    expect(payloads(replies).some((p) => p.startsWith('flow:slot:'))).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ id: 'booking' });
  });

  it('give way to a request typed at a choice question too', async () => {
    const chat = 'yields-at-stage';
    await consented(chat);
    await say(chat, 'Lan');
    await say(chat, 'bỏ qua');
    expect(await flowOf(chat)).toMatchObject({ id: 'profile', step: 'stage' });
    const replies = await say(chat, 'cho mình đặt phòng họp chiều mai 2 tiếng');
    expect(payloads(replies)).not.toContain('flow:_:switch');
    expect((await flowOf(chat))?.id).toBe('booking');
  });

  it('end on "skip" at the name question, which cannot be skipped, with the menu', async () => {
    const chat = 'yields-skip';
    await consented(chat, 'hello', 'I agree');
    const replies = await say(chat, 'skip');
    expect(await flowOf(chat)).toBeUndefined();
    expect(payloads(replies)).toEqual(Object.values(MENU_PAYLOADS));
  });
});

describe('a flow the founder asked for', () => {
  it('says a required question cannot be skipped, and keeps the flow and its misses', async () => {
    const chat = 'required-skip';
    await consented(chat);
    await say(chat, 'hủy');
    await say(chat, '/profile');
    const before = await flowOf(chat);
    expect(before).toMatchObject({ id: 'profile', step: 'name' });
    await say(chat, 'Lan');
    await say(chat, 'bỏ qua');
    await say(chat, 'ý tưởng');
    await say(chat, 'công nghệ');
    const at = await flowOf(chat);
    expect(at?.step).toBe('province');
    await say(chat, 'bỏ qua');
    // The profile gives way to requests, so "skip" ends it even when run with /profile.
    expect(await flowOf(chat)).toBeUndefined();
  });
});
