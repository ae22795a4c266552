/**
 * The PostgreSQL driver (`DATABASE_URL`): a node-postgres pool. Works with Supabase's direct or
 * pooled (transaction mode) connection and any PostgreSQL 15+ server; it uses no prepared
 * statement names and no session state, so a transaction-mode pooler is fine.
 *
 * @example
 * const store = openPostgres({ connectionString: 'postgres://postgres@localhost/uom' });
 */
import pg from 'pg';
import { toStoreError } from './errors.js';
import { buildCall, clockSetting, systemClock, type Clock, type SqlStore } from './store.js';

// Return bigint/numeric/timestamps as strings; jsonb results carry our data anyway.
export interface PostgresOptions {
  connectionString: string;
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** The clock calls run at (`public.uom_now()`); the machine's clock by default. */
  clock?: Clock;
}

export class PostgresStore implements SqlStore {
  readonly kind = 'postgres' as const;
  constructor(
    readonly pool: pg.Pool,
    readonly clock: Clock = systemClock,
  ) {}

  withClock(clock: Clock): PostgresStore {
    return new PostgresStore(this.pool, clock);
  }

  async call<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T> {
    const { sql, params } = buildCall(fn, args, clockSetting(this.clock));
    try {
      const res = await this.pool.query<{ result: T }>(sql, params);
      return res.rows[0]!.result;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.pool.query(sql);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query(sql, params)).rows as R[];
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Opens a pool; no connection is made until the first call. */
export function openPostgres(options: PostgresOptions): PostgresStore {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'uom',
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new PostgresStore(pool, options.clock);
}
