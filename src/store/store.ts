/**
 * The one interface every storage driver implements. All data operations are Postgres
 * functions in `public` that return `jsonb`; `call` invokes one by name with named arguments,
 * so PGlite, node-postgres and supabase-js (`.rpc`) behave identically.
 *
 * Argument conventions (so the three drivers agree):
 * - parameter names are `p_<name>`; pass them without the prefix: `{ channel: 'web' }`;
 * - values are strings, numbers, booleans, null, or objects/arrays (sent as `jsonb`);
 * - ids that may exceed 2^53 (platform ids) are strings; database ids are `bigint` returned as
 *   numbers inside jsonb (well below 2^53).
 *
 * @example
 * const ticket = await store.call<{ id: number }>('ticket_open', { contact_id: 7 });
 */
export interface Store {
  readonly kind: 'embedded' | 'postgres' | 'supabase';
  /** The clock every call runs at: SQL reads it through `public.uom_now()` (setting `uom.now`). */
  readonly clock: Clock;
  /** Calls `public.<fn>(p_key => value, ...)` at `clock()` and returns its jsonb result. */
  call<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T>;
  /**
   * The same database (same pool, same connection) whose calls run at another clock. The bot
   * calls this with its `services.clock`, so SQL and TypeScript agree on what time it is.
   */
  withClock(clock: Clock): Store;
  /** True when the database answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A driver that can also run raw SQL: migrations, tests and admin commands only. */
export interface SqlStore extends Store {
  withClock(clock: Clock): SqlStore;
  exec(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * The one source of time: a function returning now. Tests pass a movable one; SQL follows it
 * because every driver sets `uom.now` from it on every call.
 *
 * @example
 * const clock: Clock = () => new Date('2027-09-02T16:30:00Z');
 */
export type Clock = () => Date;

/** The machine's clock; the default of every store and of the bot. */
export const systemClock: Clock = () => new Date();

/**
 * The clock's reading as `uom.now` expects it (ISO 8601 in UTC). An invalid date is a bug in
 * the caller's clock, reported here rather than as a SQL cast error.
 *
 * @example
 * clockSetting(() => new Date(0)); // '1970-01-01T00:00:00.000Z'
 */
export function clockSetting(clock: Clock): string {
  const now = clock();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('the clock returned an invalid date');
  return now.toISOString();
}

const FUNCTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const ARG_NAME = /^[a-z][a-z0-9_]{0,60}$/;

/**
 * Builds one statement that first sets `uom.now` (transaction-local: the implicit transaction of
 * this one statement) and then calls the function, with its parameters, for SQL drivers:
 * `select public.fn(p_a => $2, ...) as result from (select set_config('uom.now', $1, true)) as clock`.
 * The sub-select holds a volatile function, so the planner keeps it as a scan that runs before
 * the outer select list is evaluated (checked on PostgreSQL 15 and PGlite by the store tests).
 *
 * @example
 * buildCall('ticket_get', { id: 7 }, '2027-01-01T00:00:00.000Z').params; // ['2027-01-01T00:00:00.000Z', 7]
 */
export function buildCall(
  fn: string,
  args: Record<string, unknown> = {},
  now: string = clockSetting(systemClock),
): { sql: string; params: unknown[] } {
  if (!FUNCTION_NAME.test(fn)) throw new Error(`invalid function name: ${fn}`);
  const params: unknown[] = [now];
  const named: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (!ARG_NAME.test(key)) throw new Error(`invalid argument name: ${key}`);
    params.push(encodeArg(value));
    named.push(`p_${key} => $${params.length}`);
  }
  return {
    sql: `select public.${fn}(${named.join(', ')}) as result from (select pg_catalog.set_config('uom.now', $1, true)) as clock`,
    params,
  };
}

function encodeArg(value: unknown): unknown {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Prefixes argument names with `p_`, as PostgREST needs them for `.rpc`. */
export function rpcArgs(args: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (!ARG_NAME.test(key)) throw new Error(`invalid argument name: ${key}`);
    out[`p_${key}`] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
