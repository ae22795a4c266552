/**
 * A running bot (dispatcher and sender started, as in production) on PGlite: a turn's reply is
 * leased to this process's sender even while the chat's previous reply is still in flight with
 * it (no second claim), one chat's replies still reach the platform in order, and none overtakes
 * one still in flight.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Recipient } from '../../src/bot/channels/channel.js';
import type { Outbound, SendResult } from '../../src/bot/outbound.js';
import type { Feature } from '../../src/bot/router.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';

const sql = (harness: BotHarness) => harness.store as unknown as SqlStore;

const echo: Feature = {
  name: 'echo',
  order: 1,
  async handle(turn) {
    if (turn.event.kind === 'text') turn.reply({ text: turn.event.text });
  },
};

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Starts a bot whose Telegram sends go through `send`; returns the texts delivered, in order. */
async function startBot(send: (to: Recipient, message: Outbound) => Promise<SendResult>) {
  h = await botHarness({
    features: [echo],
    dispatcher: { pollMs: 20 },
    sender: { pollMs: 20, presenceMs: 200 },
  });
  h.channels.get('telegram')!.send = send;
  await h.bot.start();
  return h;
}

describe('replies of one chat, leased behind its reply in flight', () => {
  it('leases the next reply to the sender while the first is still being sent, and keeps the order', async () => {
    const delivered: string[] = [];
    let releaseFirst: (() => void) | undefined;
    const bot = await startBot(async (_to, message) => {
      if (message.text === 'one') await new Promise<void>((resolve) => (releaseFirst = resolve));
      delivered.push(message.text);
      return { status: 'sent' };
    });
    await bot.say('telegram', 'chat-1', 'one');
    await vi.waitFor(() => expect(releaseFirst).toBeDefined(), { timeout: 10_000, interval: 10 });
    await bot.say('telegram', 'chat-1', 'two');
    await bot.say('telegram', 'chat-1', 'three');
    // Both later replies were committed and leased to this sender while "one" is still in flight.
    await vi.waitFor(async () => {
      const rows = await sql(bot).query<{ text: string; status: string; locked_by: string | null }>(
        `select payload->>'text' as text, status, locked_by from public.outbox order by id`,
      );
      expect(rows.map((r) => [r.text, r.status])).toEqual([['one', 'sending'], ['two', 'sending'], ['three', 'sending']]);
      expect(new Set(rows.map((r) => r.locked_by)).size).toBe(1);
    }, { timeout: 10_000, interval: 20 });
    expect(delivered).toEqual([]);
    releaseFirst!();
    await vi.waitFor(() => expect(delivered).toEqual(['one', 'two', 'three']), { timeout: 10_000, interval: 20 });
  });

  // A retried message waits out its backoff without holding its chat back (outbox_claim skips a
  // head that is not due), so here only "never overtaken while in flight" and "each once" hold.
  it('does not send a reply while the one before it is in flight and then retried; both arrive once', async () => {
    const delivered: string[] = [];
    let failOnce = true;
    let releaseFirst: (() => void) | undefined;
    const bot = await startBot(async (_to, message) => {
      if (message.text === 'one' && failOnce) {
        await new Promise<void>((resolve) => (releaseFirst = resolve));
        failOnce = false;
        return { status: 'retry', retryInMs: 50, error: 'platform hiccup' };
      }
      delivered.push(message.text);
      return { status: 'sent' };
    });
    await bot.say('telegram', 'chat-2', 'one');
    await vi.waitFor(() => expect(releaseFirst).toBeDefined(), { timeout: 10_000, interval: 10 });
    await bot.say('telegram', 'chat-2', 'two');
    await vi.waitFor(async () => {
      const rows = await sql(bot).query<{ status: string }>(`select status from public.outbox where payload->>'text' = 'two'`);
      expect(rows[0]?.status).toBe('sending');
    }, { timeout: 10_000, interval: 20 });
    expect(delivered).toEqual([]);
    releaseFirst!();
    await vi.waitFor(() => expect([...delivered].sort()).toEqual(['one', 'two']), { timeout: 15_000, interval: 20 });
    // Outcomes are recorded in batches, a moment after the sends.
    await vi.waitFor(async () => {
      const rows = await sql(bot).query<{ text: string; status: string }>(
        `select payload->>'text' as text, status from public.outbox order by id`,
      );
      expect(rows).toEqual([{ text: 'one', status: 'sent' }, { text: 'two', status: 'sent' }]);
    }, { timeout: 10_000, interval: 20 });
    expect(delivered).toHaveLength(2);
  });
});
