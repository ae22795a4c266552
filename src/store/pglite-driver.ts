/**
 * The embedded driver: PGlite (Postgres 18 in WebAssembly) with the extensions our schema uses.
 * Data lives in `dataDir` (file-backed) or in memory when `dataDir` is omitted (tests).
 *
 * @example
 * const store = await openPglite({ dataDir: './data' });
 * await store.call('uom_ping');
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { DurableNodeFS, durableStartParams } from './durable-nodefs.js';
import { acquireDirectoryLock } from './lockfile.js';
import { toStoreError } from './errors.js';
import { buildCall, type SqlStore } from './store.js';

export interface PgliteOptions {
  /** Directory for the database files; in memory when absent. */
  dataDir?: string;
  /** A dump made by `dumpDataDir` to start from (tests start from a migrated template). */
  loadDataDir?: Blob | File;
  /**
   * Flush every commit to the disk (fsync) so a power cut cannot lose or corrupt committed
   * data. Default true for a data directory (`EMBEDDED_FSYNC`); ignored in memory. Off trades
   * durability for speed (docs/security.md has the measured cost).
   */
  durable?: boolean;
}

export const pgliteExtensions = { btree_gist, pg_trgm, unaccent, vector };

export class PgliteStore implements SqlStore {
  readonly kind = 'embedded' as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: PGlite,
    private readonly releaseLock: () => void = () => {},
  ) {}

  async call<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T> {
    const { sql, params } = buildCall(fn, args);
    try {
      const res = await this.db.query<{ result: T }>(sql, params);
      return res.rows[0]!.result;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.db.query<R>(sql, params)).rows;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      this.releaseLock();
    }
  }
}

/** Opens (and creates when missing) the embedded database; see `PgliteOptions`. */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteStore> {
  const release = options.dataDir ? acquireDirectoryLock(options.dataDir) : () => {};
  try {
    const pgOptions: PGliteOptions = { extensions: pgliteExtensions };
    if (options.dataDir) {
      const pgDir = `${options.dataDir.replace(/\/$/, '')}/pg`;
      if (options.durable ?? true) {
        pgOptions.fs = new DurableNodeFS(pgDir);
        pgOptions.startParams = durableStartParams();
      } else {
        pgOptions.dataDir = pgDir;
      }
    }
    if (options.loadDataDir) pgOptions.loadDataDir = options.loadDataDir;
    const db = await PGlite.create(pgOptions);
    return new PgliteStore(db, release);
  } catch (error) {
    release();
    throw error;
  }
}
