/**
 * The embedded driver: PGlite (Postgres 18 in WebAssembly) with the extensions our schema uses.
 * Data lives in `dataDir` (file-backed) or in memory when `dataDir` is omitted (tests).
 *
 * @example
 * const store = await openPglite({ dataDir: './data' });
 * await store.call('uom_ping');
 */
import type { PGlite } from '@electric-sql/pglite';
import { acquireDirectoryLock } from './lockfile.js';
import { StoreError, toStoreError } from './errors.js';
import { DirectConnection, URGENT_FUNCTIONS, type PgliteConnection } from './pglite-connection.js';
import { createPgliteDatabase } from './pglite-database.js';
import { ThreadConnection } from './pglite-thread-client.js';
import { buildCall, clockSetting, systemClock, type Clock, type SqlFunctionName, type SqlStore } from './store.js';

export { URGENT_FUNCTIONS } from './pglite-connection.js';

/** The tables updated on every message, ticket or booking: the ones `maintain` vacuums. */
export const MAINTAINED_TABLES = [
  'inbox', 'outbox', 'conversations', 'contacts', 'channel_identities', 'sender_presence', 'channel_pauses',
  'messages', 'tickets', 'ticket_messages', 'bookings', 'broadcast_deliveries', 'broadcasts', 'link_codes',
  'link_attempts', 'staff_sessions', 'survey_responses', 'kb_index_state', 'zalo_tokens',
] as const;
export { pgliteExtensions } from './pglite-database.js';

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
  /**
   * Run the database in its own worker thread (default false): a server's event loop then
   * never waits for a query (see pglite-thread-client.ts). Not with `loadDataDir`.
   */
  thread?: boolean;
}

export class PgliteStore implements SqlStore {
  readonly kind = 'embedded' as const;

  constructor(
    /** Shared by every clock view of this database, so the queue's priorities hold across them. */
    private readonly connection: PgliteConnection,
    private readonly releaseLock: () => void = () => {},
    readonly clock: Clock = systemClock,
  ) {}

  /**
   * The PGlite instance, when it runs on this thread (tests dump it, or open a transaction).
   *
   * @example
   * const dump = await store.db.dumpDataDir('none');
   */
  get db(): PGlite {
    if (this.connection instanceof DirectConnection) return this.connection.db;
    throw new StoreError('INVALID', 'this embedded database runs in its own thread');
  }

  /** Whether the database runs in its own worker thread. */
  get threaded(): boolean {
    return this.connection instanceof ThreadConnection;
  }

  withClock(clock: Clock): PgliteStore {
    return new PgliteStore(this.connection, this.releaseLock, clock);
  }

  async call<T = unknown>(fn: SqlFunctionName, args?: Record<string, unknown>): Promise<T> {
    const { sql, params } = buildCall(fn, args, clockSetting(this.clock));
    try {
      const rows = await this.connection.query<{ result: T }>(sql, params, URGENT_FUNCTIONS.has(fn));
      return rows[0]!.result;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.connection.exec(sql);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return await this.connection.query<R>(sql, params, false);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Runs one statement in its own read-only transaction (raw SQL from local clients).
   *
   * @example
   * const rows = await store.readOnlyQuery('select count(*) from public.contacts');
   */
  async readOnlyQuery<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return await this.connection.readOnlyQuery<R>(sql, params);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  ping(): Promise<boolean> {
    return this.connection.ping();
  }

  /**
   * Vacuums and analyzes the tables the bot rewrites all day. Postgres's autovacuum does this on
   * a server; PGlite runs Postgres in single-user mode, where nothing does: dead rows of the
   * inbox and the outbox would pile up in their indexes for good, and the planner would never
   * get statistics (it planned the claims for empty tables). Runs in the connection's queue
   * like any query, behind urgent work; takes milliseconds on a centre's tables.
   *
   * @example
   * await store.maintain();
   */
  async maintain(): Promise<void> {
    await this.exec(`vacuum (analyze) ${MAINTAINED_TABLES.map((t) => `public.${t}`).join(', ')}`);
  }

  /**
   * Runs `maintain` every `everyMs` until the returned function is called; failures go to
   * `onError` (the next round tries again).
   *
   * @example
   * const stop = store.maintainEvery(10 * 60_000, (err) => log.warn({ err }, 'vacuum failed'));
   */
  maintainEvery(everyMs: number, onError: (error: unknown) => void): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.maintain()
        .catch(onError)
        .finally(() => (running = false));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async close(): Promise<void> {
    try {
      await this.connection.close();
    } finally {
      this.releaseLock();
    }
  }
}

/** Opens (and creates when missing) the embedded database; see `PgliteOptions`. */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteStore> {
  const release = options.dataDir ? acquireDirectoryLock(options.dataDir) : () => {};
  try {
    const connection =
      options.thread && !options.loadDataDir
        ? await ThreadConnection.open({ dataDir: options.dataDir, durable: options.durable })
        : new DirectConnection(await createPgliteDatabase(options));
    return new PgliteStore(connection, release, options.clock);
  } catch (error) {
    release();
    throw error;
  }
}
