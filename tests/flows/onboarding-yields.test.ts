/**
 * The profile questions the bot asks after consent give way to what the founder came for: a
 * request typed at them is carried out at once (no "leave or carry on?"), and "skip" at a
 * question that cannot be skipped ends them. The same questions asked for with /profile are the
 * founder's own: "skip" at a required one says it cannot be skipped, and a request asks first. Through the whole bot in a
 * web chat on PGlite; assertions on flow state and payloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/content/messages.js';
import { MENU_PAYLOADS } from '../../src/flows/menu.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { flowStateOf, openTuesday, payloads, webChat } from '../support/typed-chat.js';

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

const flowOf = (chat: string) => flowStateOf(store, chat);

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

  it('keep what was answered before giving way: the name typed is stored', async () => {
    const chat = 'yields-keeps-name';
    await consented(chat);
    await say(chat, 'Lan');
    await say(chat, 'bỏ qua');
    await say(chat, 'cho mình đặt phòng họp chiều mai 2 tiếng');
    expect((await flowOf(chat))?.id).toBe('booking');
    const [contact] = await store.query<{ display_name: string | null; profile: Record<string, unknown> }>(
      `select c.display_name, c.profile from contacts c join channel_identities i on i.contact_id = c.id where i.channel = 'web' and i.external_id = $1`,
      [chat],
    );
    expect(contact).toMatchObject({ display_name: 'Lan' });
    expect(contact!.profile.stage).toBeUndefined();
  });

  it('end on "skip" at the name question, which cannot be skipped, with the menu', async () => {
    const chat = 'yields-skip';
    await consented(chat, 'hello', 'I agree');
    const replies = await say(chat, 'skip');
    expect(await flowOf(chat)).toBeUndefined();
    expect(payloads(replies)).toEqual(Object.values(MENU_PAYLOADS));
  });
});

describe('the same questions asked for with /profile', () => {
  it('say a required question cannot be skipped, keep the flow, and ask before leaving it for a request', async () => {
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
    const [hint] = await say(chat, 'bỏ qua');
    // Asked for with /profile, it is the founder's own: the question stays, with why.
    expect(hint?.text).toContain(translator(harness.bot.services.messages, 'vi')('flows.hint.required'));
    expect(await flowOf(chat)).toMatchObject({ id: 'profile', step: 'province', misses: at!.misses + 1 });
    // And a request typed in it asks first whether to leave it.
    expect(payloads(await say(chat, 'cho mình đặt phòng họp chiều mai 2 tiếng'))).toContain('flow:_:switch');
  });
});
