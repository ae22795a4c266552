/**
 * The walking skeleton: inbox → dispatcher → router → turn commit → outbox → sender, on PGlite,
 * through the bot's own parts (recording channel adapters stand in for the platforms). The
 * features are the menu and the fallback only: onboarding and the rest have their own suites.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Feature } from '../../src/bot/router.js';
import { fallbackFeature, MENU_PAYLOADS, menuFeature } from '../../src/flows/menu.js';
import { botHarness, type BotHarness } from '../support/bot.js';

let harness: BotHarness | undefined;
const menuOnly = () => botHarness({ features: [menuFeature, fallbackFeature] });
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('message path', () => {
  it('answers a greeting, with or without diacritics, with the main menu', async () => {
    harness = await botHarness();
    await harness.consent('web', 'web-session-000000001'); // past the consent gate (tests/flows/onboarding)
    await harness.consent('web', 'web-session-000000002');
    await harness.say('web', 'web-session-000000001', 'Xin chào');
    await harness.say('web', 'web-session-000000002', 'xin chao');
    const sent = await harness.settle();
    expect(sent).toHaveLength(2);
    for (const { message } of sent) {
      expect(message.buttons?.map((b) => b.payload)).toEqual(Object.values(MENU_PAYLOADS));
      expect(message.text).toContain('Ươm');
    }
  });

  it('answers in English when the platform says the person uses English', async () => {
    harness = await menuOnly(); // no consent step: the platform's language alone decides
    await harness.send({ channel: 'telegram', chatId: '77', userId: '77', locale: 'en-GB', kind: 'text', text: 'hello' });
    const [reply] = await harness.settle();
    expect(reply!.message.buttons?.[1]!.label).toContain('Book a space');
  });

  it('processes a redelivered event once and answers it once', async () => {
    harness = await menuOnly();
    for (let i = 0; i < 3; i++) {
      await harness.send({ channel: 'telegram', eventId: 'update-42', chatId: '5', userId: '5', kind: 'text', text: 'hi' });
    }
    expect(await harness.settle()).toHaveLength(1);
  });

  it('keeps the order of messages within a conversation', async () => {
    const seen: string[] = [];
    const echo: Feature = {
      name: 'echo',
      order: 1,
      async handle(turn) {
        if (turn.event.kind === 'text') {
          seen.push(turn.event.text);
          turn.reply({ text: turn.event.text });
        }
      },
    };
    harness = await botHarness({ features: [echo] });
    for (const n of ['1', '2', '3', '4', '5']) await harness.say('zalo', 'z-1', n);
    const sent = await harness.settle();
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
    expect(sent.map((s) => s.message.text)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('retries a failing turn, then parks it and tells the founder', async () => {
    let calls = 0;
    const broken: Feature = {
      name: 'broken',
      order: 1,
      async handle() {
        calls++;
        throw new Error('database exploded');
      },
    };
    harness = await botHarness({ features: [broken, menuFeature], env: { TURN_MAX_ATTEMPTS: '2' } });
    await harness.say('web', 'web-session-000000003', 'hello');
    await harness.settle();
    // The retry waits for its backoff; make it due now.
    await harness.store.call('uom_ping');
    const sql = harness.store as unknown as { exec(q: string): Promise<void>; query<R>(q: string): Promise<R[]> };
    await sql.exec("update inbox set next_attempt_at = now() where status = 'pending'");
    const sent = await harness.settle();
    expect(calls).toBe(2);
    const rows = await sql.query<{ status: string; last_error: string }>('select status, last_error from inbox');
    expect(rows).toEqual([{ status: 'parked', last_error: 'Error: database exploded' }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.text).toMatch(/trục trặc/);
  });

  it('does not chatter in group chats', async () => {
    harness = await botHarness(); // every default feature must stay quiet in a group
    await harness.send({ channel: 'telegram', chatId: '-100200', userId: '9', chatType: 'group', kind: 'text', text: 'ok team' });
    expect(await harness.settle()).toEqual([]);
  });

  it('answers an unsupported message politely and asks for an edited one again', async () => {
    harness = await menuOnly();
    await harness.send({ channel: 'telegram', chatId: '12', userId: '12', kind: 'unsupported', what: 'sticker' });
    await harness.send({ channel: 'telegram', chatId: '12', userId: '12', kind: 'unsupported', what: 'edited_message' });
    const [sticker, edited] = await harness.settle();
    expect(sticker!.message.text).toMatch(/chưa đọc được loại tin nhắn này/);
    expect(sticker!.message.buttons?.length).toBe(5);
    expect(edited!.message.text).toMatch(/tin nhắn đã sửa/);
  });
});
