/**
 * Issue 15 §1 on the embedded database: under a backlog (replies offered faster than Telegram's
 * cap lets them out) the sender never stalls and delivers every reply once, in per-chat order.
 * (The same on PostgreSQL: sender-backlog-postgres.test.ts.) How close it comes to the cap is
 * measured by `npx tsx bench/sender-backlog.ts` (1,000 chats × 4 at 100/s under 30/s).
 */
import { afterAll, beforeAll, it } from 'vitest';

// A real-time test with no dates in it: `.ci/run` runs it once (with the whole suite) and leaves
// it out of the repeated runs at other dates (UOM_CI_DATE_RUN=1).
const run = process.env.UOM_CI_DATE_RUN === '1' ? it.skip : it;
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';
import { BACKLOG_TEST, runBacklogScenario } from './sender-backlog-scenario.js';

let store: PgliteStore;
beforeAll(async () => {
  store = await pgliteTestStore();
});
afterAll(async () => {
  await store.close();
});

run('delivers 300 chats × 4 replies offered at 200/s under a 60/s cap once each, in order (PGlite)', async () => {
  const result = await runBacklogScenario(store, BACKLOG_TEST);
  console.log(`backlog on PGlite: ${result.delivered} delivered, steady rate ${result.steadyRate.toFixed(2)}/s`);
}, 600_000);
