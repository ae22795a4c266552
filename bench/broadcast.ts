/**
 * Broadcast delivery, measured in one run against the loopback fake Bot API
 * (tests/fakes/telegram-bot-api.ts) through the real Telegram adapter (grammY):
 *
 * 1. baseline: bare grammY `sendMessage` calls at the sender's concurrency, no database — the
 *    most the fake and the HTTP client can do on this machine;
 * 2. uncapped: a broadcast to `--recipients` founders (default 100,000) with the rate limit
 *    lifted: materialisation (delivery + outbox rows) and the sender's own throughput (claim →
 *    send → record), as messages/s and as a ratio of the baseline (goal ≥ 1,000 messages/s);
 *    plus the latency of one claim of a batch on the full outbox (the per-recipient
 *    NOT EXISTS ordering check);
 * 3. capped: a second broadcast under the default 30/s limit for `--capped-seconds` (default
 *    20): the most sends in any sliding one-second window at the fake (never above the cap) and
 *    the average rate (goal ≥ 95% of the cap).
 *
 * Database: PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a scratch database
 * is created and dropped), embedded PGlite in memory otherwise.
 *
 * @example
 * TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/broadcast.ts
 * npx tsx bench/broadcast.ts --recipients 20000 --capped-seconds 10
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Api } from 'grammy';
import { createUomBot as createBot } from '../src/app/create-bot.js';
import { createBroadcast } from '../src/staff/broadcast/compose.js';
import { broadcastReport } from '../src/staff/broadcast/report.js';
import { BroadcastRunner } from '../src/staff/broadcast/runner.js';
import { TelegramChannel } from '../src/bot/channels/telegram/telegram-channel.js';
import { channelRates, RateLimiter } from '../src/bot/rate-limit.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-driver.js';
import { openPostgres } from '../src/store/postgres-driver.js';
import type { SqlStore } from '../src/store/store.js';
import { startFakeTelegram } from '../tests/fakes/telegram-bot-api.js';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    'capped-seconds': { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '32' },
    batch: { type: 'string', default: '500' },
  },
});
const RECIPIENTS = Number(args.recipients);
const CAPPED_SECONDS = Number(args['capped-seconds']);
const CONCURRENCY = Number(args.concurrency);
const BATCH = Number(args.batch);
const TOKEN = '123456:bench-token';

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
let store: SqlStore;
let dropDatabase = async () => {};
if (serverUrl) {
  const name = `uom_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ connectionString: serverUrl, max: 1 });
  await admin.exec(`create database ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  store = openPostgres({ connectionString: url.toString(), max: 8 });
  dropDatabase = async () => {
    const cleanup = openPostgres({ connectionString: serverUrl, max: 1 });
    await cleanup.exec(`drop database if exists ${name} with (force)`);
    await cleanup.close();
  };
} else {
  store = await openPglite();
}
await migrate(store);
const fake = await startFakeTelegram({ token: TOKEN });
const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const log = createLogger({ level: 'silent' });
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms: number) => ms / 1000;

console.log(`Broadcast benchmark: ${fmt(RECIPIENTS)} recipients, ${store.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ` +
  `concurrency ${CONCURRENCY}, batch ${BATCH}`);

// --- 1. Baseline: the fake and grammY alone ----------------------------------------------
const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
const baselineCount = Math.min(20_000, RECIPIENTS);
let next = 0;
let start = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < baselineCount) {
    const i = next++;
    await api.sendMessage(9_000_000 + i, 'baseline');
  }
}));
const baselineRate = baselineCount / seconds(performance.now() - start);
console.log(`baseline (grammY → fake, no database): ${fmt(baselineRate)} messages/s`);
fake.calls.length = 0;

// --- 2. Uncapped: materialise and send 100k ----------------------------------------------
start = performance.now();
await store.exec(`
  with c as (
    insert into public.contacts (display_name, consented_at, consent_version, locale)
    select 'Founder ' || g, now(), 'bench', case when g % 5 = 0 then 'en' else 'vi' end
      from generate_series(1, ${RECIPIENTS}) g
    returning id
  )
  insert into public.channel_identities (contact_id, channel, external_id)
  select id, 'telegram', (1000000 + id)::text from c;`);
console.log(`seeded ${fmt(RECIPIENTS)} founders in ${fmt(seconds(performance.now() - start), 1)} s`);

const telegram = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, mode: 'polling' });
const messages = (await import('../src/content/messages.js')).loadMessages('content');

async function runBroadcast(limiter: RateLimiter, stopAfterMs?: number) {
  const bot = await createBot(config, {
    store, log, channels: [telegram], features: [],
    sender: { concurrency: CONCURRENCY, batchSize: BATCH, pollMs: 20, limiter },
  });
  const created = await createBroadcast(store, messages, {
    createdBy: 'bench', text: 'Chào {name}! Lớp gọi vốn ngày 1/12 tại trung tâm.', audience: 'channel=telegram', rsvp: true,
  });
  const runner = new BroadcastRunner(bot.services, { batchSize: 5000 });
  const t0 = performance.now();
  const materialized = await runner.materializeDue();
  const materializeMs = performance.now() - t0;
  // Claim latency on the full outbox, rows handed straight back.
  const c0 = performance.now();
  const claimed = await store.call<{ id: number }[]>('outbox_claim', { worker: 'bench-probe', channels: ['telegram'], limit: BATCH, lease_seconds: 60 });
  const claimMs = performance.now() - c0;
  await store.call('outbox_complete', { worker: 'bench-probe', results: claimed.map((r) => ({ id: r.id, outcome: 'retry', retry_in_ms: 0 })) });
  fake.calls.length = 0;
  const s0 = performance.now();
  bot.sender.start();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (stopAfterMs !== undefined && performance.now() - s0 >= stopAfterMs) break;
    if (stopAfterMs === undefined && fake.calls.length >= materialized) {
      const report = await broadcastReport(store, created.id);
      if (report.pending === 0) break;
    }
  }
  await bot.sender.stop();
  const sendMs = performance.now() - s0;
  if (stopAfterMs !== undefined) await store.call('broadcast_cancel', { id: created.id });
  const report = await broadcastReport(store, created.id);
  return { created, materialized, materializeMs, claimMs, sendMs, report, calls: fake.callsTo('sendMessage').map((c) => c.time) };
}

const uncapped = await runBroadcast(new RateLimiter({}));
const uncappedRate = uncapped.report.sent / seconds(uncapped.sendMs);
console.log(`materialised ${fmt(uncapped.materialized)} deliveries in ${fmt(seconds(uncapped.materializeMs), 1)} s ` +
  `(${fmt(uncapped.materialized / seconds(uncapped.materializeMs))} rows/s)`);
console.log(`one claim of ${BATCH} rows on the full outbox: ${fmt(uncapped.claimMs, 1)} ms`);
console.log(`uncapped: ${fmt(uncapped.report.sent)} sent in ${fmt(seconds(uncapped.sendMs), 1)} s = ${fmt(uncappedRate)} messages/s ` +
  `(${fmt(uncappedRate / baselineRate, 2)} × baseline; goal ≥ 1,000/s: ${uncappedRate >= 1000 ? 'met' : 'NOT met'}); ` +
  `failed ${uncapped.report.failed}, duplicates ${uncapped.calls.length - uncapped.report.sent}`);

// --- 3. Capped at the configured Telegram rate -------------------------------------------
const cap = config.TELEGRAM_RATE_PER_SECOND;
await store.exec(`update public.broadcasts set status = 'done'`);
const capped = await runBroadcast(new RateLimiter(channelRates(config)), CAPPED_SECONDS * 1000);
const times = capped.calls.sort((a, b) => a - b);
let maxWindow = 0;
for (let lo = 0, hi = 0; hi < times.length; hi++) {
  while (times[hi]! - times[lo]! >= 1000) lo++;
  maxWindow = Math.max(maxWindow, hi - lo + 1);
}
// Average over whole seconds from the first send: (n - 1) / span would overstate a sender that
// sends the cap in a burst at the start of each second.
const wholeSeconds = Math.max(1, Math.floor(seconds(times[times.length - 1]! - times[0]!)));
const cappedAvg = times.filter((t) => t < times[0]! + wholeSeconds * 1000).length / wholeSeconds;
console.log(`capped at ${cap}/s for ${CAPPED_SECONDS} s (the first 4 s: the new sender's join wait): ${fmt(times.length)} sent, max ${maxWindow} in any 1-s window ` +
  `(${maxWindow <= cap ? 'never above the cap' : 'ABOVE THE CAP'}), average ${fmt(cappedAvg, 2)}/s = ` +
  `${fmt((cappedAvg / cap) * 100, 1)}% of the cap over ${wholeSeconds} whole seconds (goal ≥ 95%)`);

await fake.close();
await store.close();
await dropDatabase();
