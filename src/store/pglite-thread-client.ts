/**
 * Runs the embedded database in a worker thread (pglite-thread.ts) and talks to it by messages.
 *
 * PGlite executes every query synchronously on the thread that owns it. On the server's main
 * thread, a backlog of turns therefore held the event loop for hundreds of milliseconds at a
 * time, and webhooks (which only need one short insert) waited behind it until platforms timed
 * out. In its own thread the database works while the main thread keeps accepting webhooks and
 * routing turns; the thread's queue still puts a webhook's insert before queued work.
 *
 * @example
 * const connection = await ThreadConnection.open({ dataDir: './data', durable: true });
 * await connection.query('select 1', [], false);
 * await connection.close();
 */
import type { Worker } from 'node:worker_threads';
import { UnavailableError } from './errors.js';
import type { PgliteConnection } from './pglite-connection.js';
import type { ThreadError, ThreadOpenOptions, ThreadReply, ThreadRequest } from './pglite-thread-protocol.js';
import { startModuleWorker } from './worker-thread.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type RequestBody = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

/** A driver error rebuilt on this side, with the SQLSTATE `toStoreError` maps. */
function driverError(error: ThreadError): Error {
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/** Starts the thread (from TypeScript sources or compiled JS: `startModuleWorker`). */
function startWorker(options: ThreadOpenOptions): Worker {
  return startModuleWorker(import.meta.url, './pglite-thread', { workerData: options });
}

export class ThreadConnection implements PgliteConnection {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Why the thread is gone, once it is. */
  private gone: Error | null = null;

  private constructor(private readonly worker: Worker) {}

  /** Starts the database thread and resolves once the database is open. */
  static open(options: ThreadOpenOptions): Promise<ThreadConnection> {
    const worker = startWorker(options);
    const connection = new ThreadConnection(worker);
    return new Promise<ThreadConnection>((resolve, reject) => {
      const onOpen = (reply: ThreadReply) => {
        if (reply.id !== 0) return;
        worker.off('message', onOpen);
        if ('failedToOpen' in reply) {
          void worker.terminate();
          reject(driverError(reply.failedToOpen));
        } else {
          connection.listen();
          resolve(connection);
        }
      };
      worker.on('message', onOpen);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new UnavailableError('UNAVAILABLE', `database thread exited (${code}) while opening`)));
    });
  }

  private listen(): void {
    this.worker.removeAllListeners('error');
    this.worker.removeAllListeners('exit');
    this.worker.on('message', (reply: ThreadReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(driverError(reply.error));
      else if ('value' in reply) waiting.resolve(reply.value);
    });
    const end = (reason: Error) => {
      this.gone ??= reason;
      for (const waiting of this.pending.values()) waiting.reject(this.gone);
      this.pending.clear();
    };
    this.worker.on('error', (error) => end(new UnavailableError('UNAVAILABLE', `database thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => end(new UnavailableError('UNAVAILABLE', `database thread exited (${code})`)));
  }

  private request<T>(body: RequestBody): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as ThreadRequest);
    });
  }

  query<R>(sql: string, params: unknown[], urgent: boolean): Promise<R[]> {
    return this.request<R[]>({ op: 'query', sql, params, urgent });
  }

  exec(sql: string): Promise<void> {
    return this.request<void>({ op: 'exec', sql });
  }

  readOnlyQuery<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.request<R[]>({ op: 'readOnlyQuery', sql, params });
  }

  async ping(): Promise<boolean> {
    return this.request<boolean>({ op: 'ping' }).catch(() => false);
  }

  async close(): Promise<void> {
    if (this.gone) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.request<void>({ op: 'close' });
    await exited;
  }
}
