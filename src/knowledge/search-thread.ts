/**
 * The knowledge search thread: holds the in-process passage index and runs the bot's searches
 * (`searchKnowledgeWithQuery`), so their CPU work and their garbage (about half a megabyte a
 * search) stay off the thread that runs the turns. It has no database: the index's calls are
 * sent to the main thread, which runs them on the bot's store (any driver). Started by
 * `ThreadSearcher` (search-thread-client.ts); never imported by anything else.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { IndexStore } from './passage-index.js';
import { searchKnowledgeWithQuery } from './search.js';
import { isSearchThreadCall, type FromSearchThread, type SearchThreadData, type ThreadFailure, type ToSearchThread } from './search-thread-protocol.js';

// Below the turns for a core: on two busy cores, a burst of searches at the same priority took
// the core a booking turn's reply waited for (its p99 grew 1.8-2.7×). Linux only: there a
// thread's nice value is its own (setpriority on the calling thread); elsewhere it would lower
// the whole process.
const { nice } = workerData as SearchThreadData;
if (process.platform === 'linux' && nice > 0) {
  try {
    setPriority(nice);
  } catch {
    // Not allowed here: the searches run at the process's priority.
  }
}

const port = parentPort!;
const post = (message: FromSearchThread) => port.postMessage(message);

/** This thread's Linux id (`/proc/thread-self` is `<pid>/task/<tid>`): the main thread sets its scheduling class by it. */
function linuxThreadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}
post({ op: 'ready', tid: linuxThreadId() });

/** A database call that failed on the main thread; its store error code goes back with the search's failure. */
class CallFailed extends Error {
  constructor(readonly failure: ThreadFailure) {
    super(failure.message);
  }
}

const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
let nextCall = 1;

/** The store the index reads: each call runs on the main thread's store. */
const store: IndexStore = {
  call<T>(fn: string, args?: Record<string, unknown>): Promise<T> {
    if (!isSearchThreadCall(fn)) return Promise.reject(new Error(`the search thread does not call ${fn}`));
    const id = nextCall++;
    return new Promise<T>((resolve, reject) => {
      calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      post({ op: 'call', id, fn, args });
    });
  },
};

function failureOf(error: unknown): ThreadFailure {
  if (error instanceof CallFailed) return error.failure;
  return { message: error instanceof Error ? error.message : String(error) };
}

async function search(request: Extract<ToSearchThread, { op: 'search' }>): Promise<void> {
  try {
    const { query, passages } = await searchKnowledgeWithQuery(store, request.question, request.options);
    post({ op: 'found', id: request.id, hits: { query, passages } });
  } catch (error) {
    // A result that cannot be cloned lands here too (a bug): the search fails, the thread lives.
    post({ op: 'failed', id: request.id, error: failureOf(error) });
  }
}

port.on('message', (message: ToSearchThread) => {
  switch (message.op) {
    case 'search':
      void search(message);
      return;
    case 'called':
    case 'callFailed': {
      const waiting = calls.get(message.id);
      calls.delete(message.id);
      if (message.op === 'called') waiting?.resolve(message.value);
      else waiting?.reject(new CallFailed(message.error));
      return;
    }
  }
});
