/**
 * The messages between the bot's main thread and its knowledge search thread
 * (search-thread-client.ts, search-thread.ts). Structured clone carries them. The thread has no
 * database: the index's calls travel to the main thread, which runs them on the bot's store.
 * A search's options cross as plain data: the embedding neighbours are looked up before (an LLM
 * client cannot cross) and the ranking model is its weights.
 */
import { toStoreError, type StoreErrorCode } from '../store/errors.js';
import type { SqlFunctionName } from '../store/sql-functions.js';
import type { LogisticModel } from './logistic.js';
import type { SearchHits } from './search.js';

/** The only functions the search thread calls (the index's reads). */
export const SEARCH_THREAD_CALLS = ['kb_index_version', 'kb_index_load', 'kb_index_changes'] as const satisfies readonly SqlFunctionName[];
export type SearchThreadCall = (typeof SEARCH_THREAD_CALLS)[number];

/** Whether the search thread may call `fn`. @example isSearchThreadCall('kb_index_load') // true */
export function isSearchThreadCall(fn: string): fn is SearchThreadCall {
  return (SEARCH_THREAD_CALLS as readonly string[]).includes(fn);
}

/** `workerData` of the search thread. */
export interface SearchThreadData {
  /** The thread's nice value (Linux; 0: as the process): searches give way to the turns for a core. */
  nice: number;
}

/** `SearchOptions` as they cross: no LLM client, the embedding neighbours found already. */
export interface ThreadSearchOptions {
  k?: number;
  candidates?: number;
  detailed?: number;
  ranker?: LogisticModel;
  vector: number[];
}

/** A failure as it crosses: its message, and its store error's code when a database call failed. */
export interface ThreadFailure {
  message: string;
  store?: { code: StoreErrorCode; sqlState?: string };
}

/** Main thread → search thread: a search, or the answer to one of the thread's calls. */
export type ToSearchThread =
  | { op: 'search'; id: number; question: string; options: ThreadSearchOptions }
  | { op: 'called'; id: number; value: unknown }
  | { op: 'callFailed'; id: number; error: ThreadFailure };

/** Search thread → main thread: its Linux thread id (once, at start), a database call to run, or a search's outcome. */
export type FromSearchThread =
  | { op: 'ready'; tid: number | null }
  | { op: 'call'; id: number; fn: SearchThreadCall; args?: Record<string, unknown> }
  | { op: 'found'; id: number; hits: SearchHits }
  | { op: 'failed'; id: number; error: ThreadFailure };

/**
 * A database call's error as it crosses (its store error class is rebuilt on the other side).
 *
 * @example
 * post({ op: 'callFailed', id, error: callFailure(error) });
 */
export function callFailure(error: unknown): ThreadFailure {
  const stored = toStoreError(error);
  return { message: stored.message, store: { code: stored.code, sqlState: stored.sqlState } };
}
