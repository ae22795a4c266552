/**
 * A fresh embedded store holding a fixture folder's documents for one `describe` block: opened
 * and ingested before its tests, closed after them.
 *
 * @example
 * let store: PgliteStore;
 * withIngestedStore(join(here, 'fixtures', 'loanwords'), (opened) => (store = opened));
 */
import { afterAll, beforeAll } from 'vitest';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from './stores.js';

export function withIngestedStore(dir: string, receive: (store: PgliteStore) => void): void {
  let store: PgliteStore | undefined;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
    receive(store);
  });
  afterAll(async () => {
    await store?.close();
  });
}
