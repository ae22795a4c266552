/**
 * The messages between a server's main thread and its database thread (pglite-thread.ts).
 * Structured clone carries them; errors travel as their SQLSTATE and message, which is all
 * `toStoreError` reads.
 */
import type { PgliteDatabaseOptions } from './pglite-database.js';

/** `workerData` of the database thread: how to open the database. */
export type ThreadOpenOptions = Omit<PgliteDatabaseOptions, 'loadDataDir'>;

export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; urgent: boolean }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'readOnlyQuery'; sql: string; params: unknown[] }
  | { id: number; op: 'ping' }
  | { id: number; op: 'close' };

/** A driver error reduced to what survives the thread boundary. */
export interface ThreadError {
  code?: string;
  message: string;
}

export type ThreadReply =
  | { id: 0; ready: true }
  | { id: 0; failedToOpen: ThreadError }
  | { id: number; value: unknown }
  | { id: number; error: ThreadError };

export function threadError(error: unknown): ThreadError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
  };
}
