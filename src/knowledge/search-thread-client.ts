/**
 * The bot's knowledge searches run in a worker thread of their own (search-thread.ts).
 *
 * Why: a search is CPU work (the index, the evidence of every candidate) and leaves about half a
 * megabyte of garbage. On the thread that runs the turns, a burst of 50 questions at 10,000
 * passages made young-generation collections every 40-80 ms (4-8 ms pauses each) and delayed
 * other founders' database replies: a booking turn's p99 grew 2.4-3.2× on PostgreSQL. Taking
 * turns and yielding between a search's stages was not enough. In its own thread the search
 * costs the main thread only a few messages: its database calls (run here, on the bot's store,
 * whatever the driver) and the result.
 *
 * The thread runs at a lower priority (nice 10 on Linux): when the cores are contended, the turns
 * get them first; idle cores it uses fully. Where `chrt` can, it also runs in `SCHED_IDLE`
 * while its searches keep up, and normally (at nice 10) while one has waited longer than
 * `SEARCH_ESCALATE_MS` (search-thread-policy.ts says why).
 *
 * The thread starts with the first search and does not keep the process alive while idle. When
 * it fails or exits, the searches it held fail with `KB_SEARCH_UNAVAILABLE` and the next search
 * starts a new thread. `botSearcher(services)` is the bot's own searcher, closed when the bot stops.
 *
 * @example
 * const searcher = new ThreadSearcher(store);
 * const { query, passages } = await searcher.search('Hội trường có bao nhiêu chỗ?', { k: 5 });
 * await searcher.close();
 */
import type { Worker } from 'node:worker_threads';
import { botSlot, type Services } from '../bot/services.js';
import { storeErrorOf } from '../store/errors.js';
import { startModuleWorker } from '../store/worker-thread.js';
import type { IndexStore } from './passage-index.js';
import { nearestChunks, type SearchHits, type SearchOptions } from './search.js';
import { KnowledgeSearchError, type KnowledgeSearcher } from './searcher.js';
import { SEARCH_ESCALATE_MS, SearchThreadPolicy, type SearchThreadPolicyOptions } from './search-thread-policy.js';
import { callFailure, isSearchThreadCall, type FromSearchThread, type SearchThreadData, type ThreadFailure, type ToSearchThread } from './search-thread-protocol.js';

/** The search thread's nice value: a core goes to the turns first (10: about a tenth of a contended core). */
export const SEARCH_THREAD_NICE = 10;

/**
 * How long searches may wait without a word from the thread (a result or a database call)
 * before it is taken for hung and ended. A search takes milliseconds; building the index of
 * 100,000 passages asks for a page every couple of seconds.
 */
export const SEARCH_THREAD_SILENCE_MS = 30_000;

export interface ThreadSearcherOptions {
  /** Called with every thread started (the first search's, and one after a thread was lost): logs, tests. */
  onStart?: (worker: Worker) => void;
  /** The thread's nice value on Linux (default `SEARCH_THREAD_NICE`; 0: the process's priority). */
  nice?: number;
  /** Silence while searches wait after which the thread is ended (default `SEARCH_THREAD_SILENCE_MS`). */
  silenceMs?: number;
  /** Whether the thread runs in `SCHED_IDLE` while its searches keep up (Linux, default true). */
  schedIdle?: boolean;
  /** How long a search may wait before the thread leaves `SCHED_IDLE` (default `SEARCH_ESCALATE_MS`). */
  escalateMs?: number;
  /** How the scheduling class is set (tests). */
  policy?: SearchThreadPolicyOptions;
}

interface Pending {
  worker: Worker;
  /** performance.now() when it was sent to the thread. */
  sentAt: number;
  resolve: (hits: SearchHits) => void;
  reject: (error: Error) => void;
}

/** A search's failure rebuilt here: the store error of a database call, or the thread's own. */
function searchError(failure: ThreadFailure): Error {
  if (failure.store) return storeErrorOf(failure.store.code, failure.message, failure.store.sqlState);
  return new KnowledgeSearchError('KB_SEARCH_UNAVAILABLE', `knowledge search failed: ${failure.message}`);
}

export class ThreadSearcher implements KnowledgeSearcher {
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;
  /** When the thread last said anything (performance.now()), and the timer watching it. */
  #heardAt = 0;
  #watch: NodeJS.Timeout | undefined;
  /** The thread's scheduling class (null until it told its id, or off Linux), and the timer that may lift it. */
  #policy: SearchThreadPolicy | null = null;
  #escalation: NodeJS.Timeout | undefined;

  /** `store`: where the thread's database calls run (the bot's store). */
  constructor(
    private readonly store: IndexStore,
    private readonly options: ThreadSearcherOptions = {},
  ) {}

  /** The search thread's scheduling class, when it can be set (null: not set, nice value only). */
  get schedulingClass(): 'idle' | 'normal' | null {
    return this.#policy?.available ? this.#policy.current : null;
  }

  /** The running thread's id; null before the first search and after the thread was lost. */
  get threadId(): number | null {
    return this.#worker?.threadId ?? null;
  }

  /** Searches in the thread (see `searchKnowledgeWithQuery`); the same hits as in this thread. */
  async search(question: string, options: SearchOptions = {}): Promise<SearchHits> {
    if (this.#closed) throw this.#closedError();
    // Here, not there: the LLM client cannot cross, and its wait costs this thread nothing.
    const vector = options.vector ?? (options.llm ? await nearestChunks(this.store, question, options.llm) : []);
    if (this.#closed) throw this.#closedError();
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    const { k, candidates, detailed, ranker } = options;
    return new Promise<SearchHits>((resolve, reject) => {
      // Silence is counted from when there is something to wait for.
      if (this.#pending.size === 0) this.#heardAt = performance.now();
      this.#pending.set(id, { worker, resolve, reject, sentAt: performance.now() });
      this.#watchSilence();
      this.#watchWaiting();
      // Searching keeps the process alive; an idle thread does not.
      worker.ref();
      this.#post(worker, { op: 'search', id, question, options: { k, candidates, detailed, ranker, vector } });
    });
  }

  /** Ends the thread; searches still running fail with `KB_SEARCH_CLOSED`, later ones too. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#watch);
    this.#watch = undefined;
    clearTimeout(this.#escalation);
    this.#escalation = undefined;
    const worker = this.#worker;
    this.#worker = null;
    this.#rejectAll(worker, this.#closedError());
    await worker?.terminate();
  }

  #closedError(): KnowledgeSearchError {
    return new KnowledgeSearchError('KB_SEARCH_CLOSED', 'the knowledge searcher is closed (its bot stopped)');
  }

  #start(): Worker {
    const workerData: SearchThreadData = { nice: this.options.nice ?? SEARCH_THREAD_NICE };
    const worker = startModuleWorker(import.meta.url, './search-thread', { workerData });
    worker.unref();
    worker.on('message', (message: FromSearchThread) => this.#receive(worker, message));
    worker.on('error', (error) => {
      this.#lost(worker, `the search thread failed: ${error.message}`);
      void worker.terminate();
    });
    // A message that cannot be read leaves a search without an answer: start afresh.
    worker.on('messageerror', () => void worker.terminate());
    worker.on('exit', (code) => this.#lost(worker, `the search thread exited (${code})`));
    this.#worker = worker;
    this.options.onStart?.(worker);
    return worker;
  }

  #post(worker: Worker, message: ToSearchThread): void {
    try {
      worker.postMessage(message);
    } catch (error) {
      // A message that cannot be cloned fails its search only.
      const pending = message.op === 'search' ? this.#pending.get(message.id) : undefined;
      if (!pending) throw error;
      this.#settled(message.id);
      pending.reject(new KnowledgeSearchError('KB_SEARCH_UNAVAILABLE', `knowledge search not sent: ${(error as Error).message}`));
    }
  }

  #receive(worker: Worker, message: FromSearchThread): void {
    if (worker === this.#worker) this.#heardAt = performance.now();
    switch (message.op) {
      case 'ready':
        if (worker === this.#worker) this.#adoptThread(message.tid);
        return;
      case 'call': {
        const { id, fn, args } = message;
        const run = isSearchThreadCall(fn) ? this.store.call(fn, args) : Promise.reject(new Error(`the search thread may not call ${String(fn)}`));
        run.then(
          (value) => this.#reply(worker, { op: 'called', id, value }),
          (error: unknown) => this.#reply(worker, { op: 'callFailed', id, error: callFailure(error) }),
        );
        return;
      }
      case 'found':
      case 'failed': {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#settled(message.id);
        if (message.op === 'found') pending.resolve(message.hits);
        else pending.reject(searchError(message.error));
        return;
      }
    }
  }

  /** Answers a call of `worker`, unless it is gone meanwhile. */
  #reply(worker: Worker, message: ToSearchThread): void {
    if (this.#worker === worker) worker.postMessage(message);
  }

  #settled(id: number): void {
    const worker = this.#pending.get(id)?.worker;
    this.#pending.delete(id);
    if (worker && ![...this.#pending.values()].some((p) => p.worker === worker)) worker.unref();
    // Caught up: back to using idle cores only.
    if (this.#pending.size === 0) void this.#policy?.idle();
  }

  /** The thread told its Linux id: from now on it runs in `SCHED_IDLE` while it keeps up. */
  #adoptThread(tid: number | null): void {
    this.#policy = null;
    if (tid === null || this.options.schedIdle === false || process.platform !== 'linux') return;
    this.#policy = new SearchThreadPolicy(tid, this.options.policy);
    void this.#policy.idle();
    this.#watchWaiting();
  }

  /**
   * While searches wait and the thread is (or is becoming) idle-class, checks the oldest one:
   * after `escalateMs` the thread runs normally until the queue is empty. This runs here, not in
   * the thread: a starved thread could not lift itself.
   */
  #watchWaiting(): void {
    if (this.#escalation || !this.#policy?.available) return;
    const escalateMs = this.options.escalateMs ?? SEARCH_ESCALATE_MS;
    const check = () => {
      this.#escalation = undefined;
      const policy = this.#policy;
      if (!policy?.available || this.#pending.size === 0) return;
      const oldest = Math.min(...[...this.#pending.values()].map((p) => p.sentAt));
      const waited = performance.now() - oldest;
      if (waited >= escalateMs) void policy.normal();
      else this.#escalation = setTimeout(check, escalateMs - waited).unref();
    };
    this.#escalation = setTimeout(check, escalateMs).unref();
  }

  /**
   * While searches wait, checks that the thread still speaks: one stuck in a loop, or waiting
   * for a database call that never returns, would otherwise hold every later question.
   */
  #watchSilence(): void {
    if (this.#watch) return;
    const silenceMs = this.options.silenceMs ?? SEARCH_THREAD_SILENCE_MS;
    this.#watch = setInterval(() => {
      const worker = this.#worker;
      if (this.#pending.size === 0 || !worker) {
        clearInterval(this.#watch);
        this.#watch = undefined;
        return;
      }
      if (performance.now() - this.#heardAt < silenceMs) return;
      this.#lost(worker, `the search thread said nothing for ${Math.round(silenceMs / 1000)} s`);
      void worker.terminate();
    }, Math.max(10, Math.min(1000, silenceMs / 4)));
    this.#watch.unref();
  }

  /** The thread is gone: its searches fail, the next search starts a new one. */
  #lost(worker: Worker, reason: string): void {
    if (this.#worker === worker) {
      this.#worker = null;
      this.#policy = null;
    }
    this.#rejectAll(worker, new KnowledgeSearchError('KB_SEARCH_UNAVAILABLE', reason));
  }

  #rejectAll(worker: Worker | null, error: Error): void {
    for (const [id, pending] of this.#pending) {
      if (pending.worker !== worker) continue;
      this.#pending.delete(id);
      pending.reject(error);
    }
  }
}

/** The bot's searcher, made at its first question and closed with the bot (its thread ends). */
const SEARCHER = botSlot('knowledge.searcher', () => ({ searcher: null as ThreadSearcher | null }), {
  close: (slot) => slot.searcher?.close(),
});

/**
 * This bot's searcher: its searches run in the bot's knowledge thread, its database calls on the
 * bot's store.
 *
 * @example
 * await answerQuestion(turn.services.store, question, { searcher: botSearcher(turn.services) });
 */
export function botSearcher(services: Pick<Services, 'store' | 'slots' | 'log'>): ThreadSearcher {
  const slot = services.slots.get(SEARCHER);
  slot.searcher ??= new ThreadSearcher(services.store, {
    onStart: (worker) => services.log.debug({ thread: worker.threadId }, 'knowledge search thread started'),
    policy: { onUnavailable: (reason) => services.log.debug({ reason }, 'knowledge search thread keeps its nice value only') },
  });
  return slot.searcher;
}
