/**
 * Issue 15 §1 on PostgreSQL (skipped without TEST_DATABASE_URL): the backlog scenario of
 * sender-backlog.test.ts on a real server.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresTestStore, TEST_DATABASE_URL, type PostgresTestStore } from '../support/stores.js';
import { BACKLOG_TEST, runBacklogScenario } from './sender-backlog-scenario.js';

describe.skipIf(!TEST_DATABASE_URL)('backlog on PostgreSQL', () => {
  let store: PostgresTestStore;
  beforeAll(async () => {
    store = (await postgresTestStore())!;
  });
  afterAll(async () => {
    await store?.destroy();
  });

  it('delivers 300 chats × 4 replies offered at 200/s under a 60/s cap once each, in order (PostgreSQL)', async () => {
    const result = await runBacklogScenario(store, BACKLOG_TEST);
    console.log(`backlog on PostgreSQL: ${result.delivered} delivered, steady rate ${result.steadyRate.toFixed(2)}/s`);
  }, 600_000);
});
