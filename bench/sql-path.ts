/**
 * The database work of the message path, without the bot around it: the calls an echo update
 * costs, grouped as the bot groups them under load (events stored 8 at a time, claims of up to 64
 * conversations, commits of the turns that finished together, sent outcomes recorded in
 * batches), run on one connection one after another. What it reports is the database's own
 * time per update (the round trips are loopback), so a change to a SQL function can be weighed
 * alone, away from the noise of a whole webhook benchmark. Printed per round of `--updates`
 * updates, with the time each function took.
 *
 * @example
 * npx tsx bench/sql-path.ts                              # embedded PGlite in memory
 * npx tsx bench/sql-path.ts --postgres postgres://postgres@127.0.0.1:5432/postgres
 * npx tsx bench/sql-path.ts --commit-batch 1     # every turn committed alone (an idle bot)
 */
import { parseArgs } from 'node:util';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-driver.js';
import { openPostgres } from '../src/store/postgres-driver.js';
import type { SqlStore } from '../src/store/store.js';
import { createScratchDatabase } from './scratch-postgres.js';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '2000' },
    chats: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    'commit-batch': { type: 'string', default: '10' },
    postgres: { type: 'string' },
  },
});
const UPDATES = Number(args.updates);
const CHATS = Number(args.chats);
const ROUNDS = Number(args.rounds);
const INBOX_BATCH = 8;
const CLAIM_LIMIT = 64;
const COMMIT_BATCH = Number(args['commit-batch']);
const WORKER = 'bench-dispatcher';
const SENDER = 'bench-sender';

interface Claimed {
  inbox_id: number;
  conversation: { id: number; version: number; chat_id: string };
  payload: { text?: string };
}
interface Leased { id: number }

async function openStore(): Promise<{ store: SqlStore; close: () => Promise<void>; kind: string }> {
  if (!args.postgres) {
    const store = await openPglite();
    await migrate(store);
    return { store, close: () => store.close(), kind: 'PGlite (in memory, this thread)' };
  }
  const scratch = await createScratchDatabase(args.postgres, 'uom_bench_sql');
  const store = openPostgres({ connectionString: scratch.url, max: 1 });
  await migrate(store);
  return {
    store,
    kind: 'PostgreSQL',
    close: async () => {
      await store.close();
      await scratch.drop();
    },
  };
}

const { store, close, kind } = await openStore();
await store.call('channels_register', { ids: ['telegram'] });
await store.call('sender_presence', { worker: SENDER, channels: ['telegram'], ttl_seconds: 3600 });
const times = new Map<string, number>();
async function timed<T>(fn: string, call: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await call();
  } finally {
    times.set(fn, (times.get(fn) ?? 0) + performance.now() - t);
  }
}

let nextEvent = 1;
async function round(): Promise<number> {
  times.clear();
  const t0 = performance.now();
  for (let i = 0; i < UPDATES; i += INBOX_BATCH) {
    const events = Array.from({ length: Math.min(INBOX_BATCH, UPDATES - i) }, () => {
      const id = nextEvent++;
      const chat = String(6_000_000_000 + (id % CHATS));
      const payload = { kind: 'text', channel: 'telegram', eventId: String(id), chatId: chat, userId: chat, text: `echo #${id}`, chatType: 'private', locale: 'vi' };
      return { channel: 'telegram', event_id: String(id), chat_id: chat, user_id: chat, payload, chat_type: 'private', locale: 'vi' };
    });
    await timed('inbox_put_many', () => store.call('inbox_put_many', { events }));
  }
  for (;;) {
    const claimed = await timed('dispatch_claim', () => store.call<Claimed[]>('dispatch_claim', { worker: WORKER, limit: CLAIM_LIMIT, lease_seconds: 120 }));
    if (claimed.length === 0) break;
    for (let i = 0; i < claimed.length; i += COMMIT_BATCH) {
      const turns = claimed.slice(i, i + COMMIT_BATCH).map((c) => ({
        inbox_id: c.inbox_id, worker: WORKER, version: c.conversation.version, state: { locale: 'vi' },
        outbound: [{ payload: { text: c.payload.text ?? '' } }], effects: [], log_inbound: true,
        lease: { worker: SENDER, channels: ['telegram'], lease_seconds: 60 },
      }));
      // As TurnCommitter sends them: a turn alone through turn_commit, a group through turn_commit_many.
      const results = turns.length === 1
        ? [await timed('turn_commit_many', () => store.call<{ leased?: Leased[]; error?: string }>('turn_commit', turns[0]!))]
        : await timed('turn_commit_many', () => store.call<{ leased?: Leased[]; error?: string }[]>('turn_commit_many', { turns }));
      const failed = results.find((r) => r.error);
      if (failed) throw new Error(`turn_commit_many: ${failed.error}`);
      const leased = results.flatMap((r) => r.leased ?? []);
      const unleased = turns.length - leased.length;
      if (unleased > 0) {
        const rows = await timed('outbox_claim', () => store.call<Leased[]>('outbox_claim', { worker: SENDER, channels: ['telegram'], limit: 50, lease_seconds: 60 }));
        leased.push(...rows);
      }
      if (leased.length > 0) {
        const results = leased.map((row, n) => ({ id: row.id, outcome: 'sent', platform_message_id: String(row.id * 10 + n) }));
        await timed('outbox_complete', () => store.call('outbox_complete', { worker: SENDER, results }));
      }
    }
  }
  return performance.now() - t0;
}

console.log(`Database work of the message path: ${kind}, ${UPDATES} echo updates per round, ${CHATS} chats`);
console.log('| round | ms per update | ' + ['inbox_put_many', 'dispatch_claim', 'turn_commit(_many)', 'outbox_claim', 'outbox_complete'].join(' | ') + ' (ms per update) |');
console.log('|---|---|---|---|---|---|---|');
for (let r = 1; r <= ROUNDS; r++) {
  const ms = await round();
  const per = (fn: string) => ((times.get(fn) ?? 0) / UPDATES).toFixed(3);
  console.log(`| ${r} | ${(ms / UPDATES).toFixed(3)} | ${per('inbox_put_many')} | ${per('dispatch_claim')} | ${per('turn_commit_many')} | ${per('outbox_claim')} | ${per('outbox_complete')} |`);
}
await close();
