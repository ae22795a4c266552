/**
 * The stall scenario of issue 15 §1, end to end: 1,000 Telegram chats × 4 messages offered at
 * 100 updates/s (as webhooks would store them) with Telegram's 30 messages/s cap in force. An
 * echo feature answers each message; replies go through the real Telegram adapter (grammY) to
 * the loopback fake Bot API. Real time: the cap is a rate, so this takes about 2 minutes.
 *
 * What is checked: every reply delivered exactly once, in per-chat order. The delivered rate
 * over the steady part of the run (the first and last 5 % of sends left out) is returned, not
 * asserted: how close it comes to the cap is measured by `npx tsx bench/sender-backlog.ts`
 * (a timed assertion fails on a loaded machine whatever the sender does).
 */
import { expect } from 'vitest';
import { createBot } from '../../src/bot/app.js';
import type { Feature } from '../../src/bot/router.js';
import { createLogger } from '../../src/logger.js';
import type { SqlStore, Store } from '../../src/store/store.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { testConfig } from '../support/config.js';

export interface BacklogOptions {
  chats?: number;
  perChat?: number;
  offeredPerSecond?: number;
  capPerSecond?: number;
}

/** The tests' scenario: still a backlog (offered at over three times the cap), in about 20 s. */
export const BACKLOG_TEST: BacklogOptions = { chats: 300, perChat: 4, offeredPerSecond: 200, capPerSecond: 60 };

export interface BacklogResult {
  delivered: number;
  steadyRate: number;
  duplicates: number;
}

const TOKEN = '7000001:backlog-token';

/** Runs the scenario on `store`, asserts every reply once and in order, and returns the figures. */
export async function runBacklogScenario(store: Store, options: BacklogOptions = {}): Promise<BacklogResult> {
  const chats = options.chats ?? 1000;
  const perChat = options.perChat ?? 4;
  const offered = options.offeredPerSecond ?? 100;
  const cap = options.capPerSecond ?? 30;
  const total = chats * perChat;
  const fake = await startFakeTelegram({ token: TOKEN });
  const echo: Feature = {
    name: 'echo',
    order: 1,
    async handle(turn) {
      if (turn.event.kind === 'text') turn.reply({ text: turn.event.text });
    },
  };
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: 'backlog-secret',
    TELEGRAM_API_ROOT: fake.apiRoot,
    PUBLIC_URL: 'https://backlog.example.vn',
    TELEGRAM_RATE_PER_SECOND: String(cap),
    POLL_INTERVAL_MS: '100',
  });
  const bot = await createBot(config, { store, features: [echo], log: createLogger({ level: (process.env.BACKLOG_LOG_LEVEL ?? 'silent') as 'silent' }) });
  await bot.start();
  try {
    // Offer `offered` updates a second: message k of every chat before message k + 1 of any.
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const chat = 7_000_000 + (i % chats);
      const seq = Math.floor(i / chats);
      const due = started + (i * 1000) / offered;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await bot.accept({
        channel: 'telegram', eventId: `backlog-${i}`, chatId: String(chat), userId: String(chat),
        kind: 'text', text: `m ${chat} ${seq}`,
      });
    }
    const calls = await fake.waitForCalls('sendMessage', total, 600_000);
    // A little longer: a duplicate would arrive after the last expected reply.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sends = fake.callsTo('sendMessage');

    const seen = new Map<string, number>();
    const lastSeq = new Map<string, number>();
    let outOfOrder = 0;
    for (const call of sends) {
      const text = String(call.params.text);
      seen.set(text, (seen.get(text) ?? 0) + 1);
      const [, chat, seq] = text.split(' ');
      if ((lastSeq.get(chat!) ?? -1) >= Number(seq)) outOfOrder++;
      lastSeq.set(chat!, Number(seq));
    }
    const duplicates = [...seen.values()].filter((n) => n > 1).length;
    if (duplicates > 0 || seen.size !== total) {
      // Say why before failing: which outcomes the doubled rows went through.
      const why = await (store as SqlStore).query(
        `select attempts, orphaned_attempts, left(coalesce(last_error, ''), 80) as last_error, status, count(*)::int as n
           from public.outbox group by 1, 2, 3, 4 order by n desc limit 10`);
      console.log('outbox outcomes:', JSON.stringify(why));
    }
    expect(seen.size).toBe(total);
    expect(duplicates).toBe(0);
    expect(outOfOrder).toBe(0);

    // Steady delivered rate: leave out the first and last 5 % of sends (start-up, tail).
    const times = calls.slice(0, total).map((c) => c.time);
    const from = Math.floor(total * 0.05);
    const to = Math.floor(total * 0.95);
    const steadyRate = (to - from) / ((times[to]! - times[from]!) / 1000);
    return { delivered: sends.length, steadyRate, duplicates };
  } finally {
    await bot.stop();
    await fake.close();
  }
}
