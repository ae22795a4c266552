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
  /** Calls `public.<fn>(p_key => value, ...)` and returns its jsonb result. */
  call<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T>;
  /** True when the database answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A driver that can also run raw SQL: migrations, tests and admin commands only. */
export interface SqlStore extends Store {
  exec(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

const FUNCTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const ARG_NAME = /^[a-z][a-z0-9_]{0,60}$/;

/** Builds `select public.fn(p_a => $1, ...) as result` and its parameters for SQL drivers. */
export function buildCall(fn: string, args: Record<string, unknown> = {}): { sql: string; params: unknown[] } {
  if (!FUNCTION_NAME.test(fn)) throw new Error(`invalid function name: ${fn}`);
  const params: unknown[] = [];
  const named: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (!ARG_NAME.test(key)) throw new Error(`invalid argument name: ${key}`);
    params.push(encodeArg(value));
    named.push(`p_${key} => $${params.length}`);
  }
  return { sql: `select public.${fn}(${named.join(', ')}) as result`, params };
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
