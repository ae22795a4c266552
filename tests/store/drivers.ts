/**
 * The store drivers under test, each opened on a fresh migrated database: PGlite always, the
 * real PostgreSQL server when `TEST_DATABASE_URL` is set, and supabase-js through the PostgREST
 * fake (backed by PGlite). `sql` gives raw access to the same database for assertions.
 */
import type { SqlStore, Store } from '../../src/store/store.js';
import { openSupabase } from '../../src/store/supabase-driver.js';
import { startFakePostgrest } from '../fakes/postgrest.js';
import { pgliteTestStore, postgresTestStore, TEST_DATABASE_URL } from '../support/stores.js';

export interface DriverUnderTest {
  store: Store;
  sql: SqlStore;
  close(): Promise<void>;
}

export interface DriverFactory {
  name: string;
  available: boolean;
  open(): Promise<DriverUnderTest>;
}

export const driverFactories: DriverFactory[] = [
  {
    name: 'pglite',
    available: true,
    async open() {
      const store = await pgliteTestStore();
      return { store, sql: store, close: () => store.close() };
    },
  },
  {
    name: 'postgres',
    available: Boolean(TEST_DATABASE_URL),
    async open() {
      const store = (await postgresTestStore())!;
      return { store, sql: store, close: () => store.destroy() };
    },
  },
  {
    name: 'supabase',
    available: true,
    async open() {
      const backing = await pgliteTestStore();
      const key = 'test-service-role-key';
      const fake = await startFakePostgrest(backing, key);
      const store = openSupabase({ url: fake.url, serviceRoleKey: key });
      return {
        store,
        sql: backing,
        async close() {
          await store.close();
          await fake.close();
          await backing.close();
        },
      };
    },
  },
];
