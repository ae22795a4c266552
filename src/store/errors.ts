/**
 * Typed storage errors. Every driver funnels its failures through `toStoreError`, so callers
 * handle one set of classes whether the database is PGlite, PostgreSQL or Supabase (PostgREST).
 *
 * Domain errors raised by our SQL functions use SQLSTATEs of the form `PTxxx`, which PostgREST
 * passes through unchanged (and turns into HTTP status xxx). The codes we use:
 * - `PT404` not found, `PT409` conflict (for example a stale conversation version),
 *   `PT422` invalid argument, `PT403` not allowed.
 *
 * @example
 * try { await store.call('turn_commit', args) }
 * catch (e) { if (e instanceof ConflictError) retry(); else throw e; }
 */
export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'FORBIDDEN'
  | 'UNAVAILABLE'
  | 'LOCKED'
  | 'UNKNOWN';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** The SQLSTATE or HTTP status the driver saw, for logs. */
    readonly sqlState?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFoundError extends StoreError {}
export class ConflictError extends StoreError {}
export class InvalidArgumentError extends StoreError {}
export class ForbiddenError extends StoreError {}
export class UnavailableError extends StoreError {}
/** The embedded database directory is in use by another process. */
export class DatabaseLockedError extends StoreError {}

interface PgLikeError {
  code?: unknown;
  message?: unknown;
}

const CONNECTION_STATES = /^(08|57P0|53)/;

/** Maps a driver error (pg, PGlite or supabase-js/PostgREST) to a typed `StoreError`. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  const state = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  switch (state) {
    case 'PT404':
    case '42883': // undefined_function
    case 'PGRST202': // PostgREST: function not found
      return new NotFoundError('NOT_FOUND', message, state);
    case 'PT409':
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new ConflictError('CONFLICT', message, state);
    case 'PT403':
    case '42501': // insufficient_privilege
      return new ForbiddenError('FORBIDDEN', message, state);
    case 'PT422':
    case '22P02':
    case '23502':
    case '23503':
    case '23514':
    case '22023':
      return new InvalidArgumentError('INVALID', message, state);
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
      return new UnavailableError('UNAVAILABLE', message, state);
    default:
      if (state && CONNECTION_STATES.test(state)) return new UnavailableError('UNAVAILABLE', message, state);
      return new StoreError('UNKNOWN', message, state);
  }
}

const CLASSES: Record<StoreErrorCode, typeof StoreError> = {
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  INVALID: InvalidArgumentError,
  FORBIDDEN: ForbiddenError,
  UNAVAILABLE: UnavailableError,
  LOCKED: DatabaseLockedError,
  UNKNOWN: StoreError,
};

/**
 * A store error rebuilt from its code, message and SQLSTATE, as a thread that got it from another
 * thread reports it: the caller's `instanceof` checks hold as if the call had been its own.
 *
 * @example
 * storeErrorOf('CONFLICT', 'stale version', 'PT409') instanceof ConflictError // true
 */
export function storeErrorOf(code: StoreErrorCode, message: string, sqlState?: string): StoreError {
  return new CLASSES[code](code, message, sqlState);
}
