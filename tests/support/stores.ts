/**
 * Test databases. Our own database is never mocked: every test runs on PGlite, and the store
 * and concurrency suites also on the real PostgreSQL server named by `TEST_DATABASE_URL`, each
 * test file in a database of its own (created here, dropped afterwards).
 *
 * @example
 * const store = await pgliteTestStore();           // fresh, migrated, in memory
 * const pg = await postgresTestStore();            // undefined without TEST_DATABASE_URL
 */
import { randomBytes } from 'node:crypto';
import { migrate } from '../../src/store/migrate.js';
import { openPglite, type PgliteStore } from '../../src/store/pglite-driver.js';
import { openPostgres, type PostgresStore } from '../../src/store/postgres-driver.js';
import type { Clock } from '../../src/store/store.js';
import { ensureTemplate, readTemplate } from './template.js';

export interface TestStoreOptions {
  /** The clock the store's calls run at (SQL's `public.uom_now()`); the machine's by default. */
  clock?: Clock;
}

/** A fresh, migrated in-memory PGlite database. */
export async function pgliteTestStore(options: TestStoreOptions = {}): Promise<PgliteStore> {
  await ensureTemplate();
  return openPglite({ loadDataDir: readTemplate(), clock: options.clock });
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface PostgresTestStore extends PostgresStore {
  /** Connection string of this test's own database. */
  url: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database on the real server, or undefined when `TEST_DATABASE_URL` is unset. */
export async function postgresTestStore(
  options: { max?: number; /** false: an empty database (default true) */ migrate?: boolean } & TestStoreOptions = {},
): Promise<PostgresTestStore | undefined> {
  if (!TEST_DATABASE_URL) return undefined;
  const name = `uom_t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ connectionString: TEST_DATABASE_URL, max: 1 });
  await admin.exec(`create database ${name}`);
  await admin.close();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const store = openPostgres({ connectionString: url.toString(), max: options.max ?? 20, clock: options.clock }) as PostgresTestStore;
  if (options.migrate !== false) await migrate(store);
  store.url = url.toString();
  store.destroy = async () => {
    await store.close();
    const cleanup = openPostgres({ connectionString: TEST_DATABASE_URL, max: 1 });
    await cleanup.exec(`drop database if exists ${name} with (force)`);
    await cleanup.close();
  };
  return store;
}
