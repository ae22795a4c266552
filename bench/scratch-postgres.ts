/**
 * A fresh database on a PostgreSQL server for one benchmark run, so runs never see each
 * other's rows; dropped afterwards.
 *
 * @example
 * const scratch = await createScratchDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'uom_bench_kb');
 * const store = openPostgres({ connectionString: scratch.url });
 * // …
 * await store.close();
 * await scratch.drop();
 */
import { randomBytes } from 'node:crypto';
import { openPostgres } from '../src/store/postgres-driver.js';

export interface ScratchDatabase {
  /** The server URL with the scratch database's name. */
  url: string;
  /** Drops the database (its connections are closed by force). */
  drop(): Promise<void>;
}

export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ connectionString: serverUrl, max: 1 });
  try {
    await admin.exec(`create database ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = openPostgres({ connectionString: serverUrl, max: 1 });
      try {
        await cleanup.exec(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}
