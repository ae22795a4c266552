/**
 * Issue 15 §1 on the embedded database: under a backlog of 4,000 replies to 1,000 chats the
 * sender never stalls, delivers every reply once in per-chat order, and fills Telegram's cap.
 * (The same on PostgreSQL: sender-backlog-postgres.test.ts.)
 */
import { afterAll, beforeAll, it } from 'vitest';

// A three-minute throughput test with no dates in it: `.ci/run` runs it once (with the whole
// suite) and leaves it out of the repeated runs at other dates (UOM_CI_DATE_RUN=1).
const run = process.env.UOM_CI_DATE_RUN === '1' ? it.skip : it;
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';
import { runBacklogScenario } from './sender-backlog-scenario.js';

let store: PgliteStore;
beforeAll(async () => {
  store = await pgliteTestStore();
});
afterAll(async () => {
  await store.close();
});

run('delivers 1,000 chats × 4 replies offered at 100/s once each, in order, at ≥ 0.95 × the 30/s cap (PGlite)', async () => {
  const result = await runBacklogScenario(store);
  console.log(`backlog on PGlite: ${result.delivered} delivered, steady rate ${result.steadyRate.toFixed(2)}/s`);
}, 600_000);
