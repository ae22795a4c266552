import { afterAll, beforeAll, it } from 'vitest';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';
import { runBacklogScenario } from './sender-backlog-scenario.js';
let store: PgliteStore;
beforeAll(async () => { store = await pgliteTestStore(); });
afterAll(async () => { await store.close(); });
it('small', async () => {
  const result = await runBacklogScenario(store, { chats: 300 });
  console.log(JSON.stringify(result));
}, 600_000);
