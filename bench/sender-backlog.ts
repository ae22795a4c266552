/**
 * The sender under a backlog (issue 15 §1): 1,000 Telegram chats × 4 replies offered at 100/s
 * with Telegram's 30 messages/s cap in force, through the real adapter (grammY) to the loopback
 * fake Bot API. Prints the delivered rate over the steady part of the run and its ratio to the
 * cap (the target is ≥ 0.95); every reply must arrive once, in per-chat order. Real time: about
 * two minutes per database.
 *
 * @example
 * npx tsx bench/sender-backlog.ts                 # embedded PGlite
 * npx tsx bench/sender-backlog.ts --postgres postgres://postgres@127.0.0.1:5432/uom_ci
 */
import { parseArgs } from 'node:util';
import { runBacklogScenario, type BacklogOptions } from '../tests/bot/sender-backlog-scenario.js';
import { pgliteTestStore, postgresTestStore } from '../tests/support/stores.js';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    chats: { type: 'string', default: '1000' },
    'per-chat': { type: 'string', default: '4' },
    offered: { type: 'string', default: '100' },
    cap: { type: 'string', default: '30' },
  },
});
const options: BacklogOptions = {
  chats: Number(args.chats), perChat: Number(args['per-chat']), offeredPerSecond: Number(args.offered), capPerSecond: Number(args.cap),
};

if (args.postgres) process.env.TEST_DATABASE_URL = args.postgres;
const store = args.postgres ? (await postgresTestStore())! : await pgliteTestStore();
try {
  const result = await runBacklogScenario(store, options);
  const cap = options.capPerSecond!;
  console.log(`sender backlog on ${args.postgres ? 'PostgreSQL' : 'PGlite'}: ${options.chats} chats × ${options.perChat} offered at ${options.offeredPerSecond}/s, cap ${cap}/s`);
  console.log(`delivered ${result.delivered} once each, in order; steady rate ${result.steadyRate.toFixed(2)}/s = ${(result.steadyRate / cap).toFixed(3)} × the cap (target ≥ 0.95)`);
} finally {
  if ('destroy' in store && typeof store.destroy === 'function') await store.destroy();
  else await store.close();
}
