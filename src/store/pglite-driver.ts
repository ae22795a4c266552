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
import { buildCall, clockSetting, systemClock, type Clock, type SqlFunctionName, type SqlStore } from './store.js';

export interface PgliteOptions {
  /** Directory for the database files; in memory when absent. */
  dataDir?: string;
  /** A dump made by `dumpDataDir` to start from (tests start from a migrated template). */
  loadDataDir?: Blob | File;
  /** The clock calls run at (`public.uom_now()`); the machine's clock by default. */
  clock?: Clock;
  /**
   * Flush every commit to the disk (fsync) so a power cut cannot lose or corrupt committed
   * data. Default true for a data directory (`EMBEDDED_FSYNC`); ignored in memory. Off trades
   * durability for speed (docs/security.md has the measured cost).
   */
  durable?: boolean;
}

/**
 * Functions that jump the queue on the single PGlite connection: storing a webhook's event must
 * not wait behind dispatcher and sender work, or platforms time out and redeliver; a sender's
 * heartbeat must not either, or it is taken for dead and its rows are released.
 */
export const URGENT_FUNCTIONS: ReadonlySet<string> = new Set(['inbox_put', 'inbox_put_many', 'sender_presence']);

export const pgliteExtensions = { btree_gist, pg_trgm, unaccent, vector };

/**
 * The single PGlite connection's waiting line: urgent work (a webhook's event) before the rest,
 * otherwise in arrival order.
 */
class ConnectionQueue {
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];
  private busy = false;

  run<T>(task: () => Promise<T>, urgent: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        task().then(resolve, reject).finally(() => this.afterTask());
      };
      (urgent ? this.urgent : this.normal).push(start);
      if (!this.busy) this.startNext();
    });
  }

  private startNext(): void {
    const start = this.urgent.shift() ?? this.normal.shift();
    this.busy = start !== undefined;
    start?.();
  }

  private afterTask(): void {
    if (this.urgent.length === 0 && this.normal.length === 0) {
      this.busy = false;
      return;
    }
    // PGlite runs a query synchronously on this thread. Started straight from the previous
    // query's continuation, a queue that never empties would never let the event loop read
    // the sockets: webhooks would wait behind the whole backlog instead of behind one query.
    // So yield to I/O first (setImmediate runs after the poll phase), then take the most
    // urgent task, which may be a webhook that arrived meanwhile.
    setImmediate(() => this.startNext());
  }
}

export class PgliteStore implements SqlStore {
  readonly kind = 'embedded' as const;

  constructor(
    readonly db: PGlite,
    private readonly releaseLock: () => void = () => {},
    readonly clock: Clock = systemClock,
    /** Shared by every clock view of this database, so priorities hold across them. */
    private readonly queue: ConnectionQueue = new ConnectionQueue(),
  ) {}

  withClock(clock: Clock): PgliteStore {
    return new PgliteStore(this.db, this.releaseLock, clock, this.queue);
  }

  /** Runs `task` when the connection is free, urgent tasks before the others. */
  private run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
    return this.queue.run(task, urgent);
  }

  async call<T = unknown>(fn: SqlFunctionName, args?: Record<string, unknown>): Promise<T> {
    const { sql, params } = buildCall(fn, args, clockSetting(this.clock));
    try {
      const res = await this.run(() => this.db.query<{ result: T }>(sql, params), URGENT_FUNCTIONS.has(fn));
      return res.rows[0]!.result;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.run(() => this.db.exec(sql));
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.run(() => this.db.query<R>(sql, params))).rows;
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
    return new PgliteStore(db, release, options.clock);
  } catch (error) {
    release();
    throw error;
  }
}
