/**
 * The one connection to an embedded PGlite database, and the line its queries wait in.
 *
 * PGlite runs Postgres synchronously in WebAssembly: while a query runs, nothing else on that
 * thread does. `DirectConnection` runs it on the caller's thread (tests, one-shot commands);
 * `ThreadConnection` (pglite-thread-client.ts) runs the same `DirectConnection` in a worker
 * thread, so a server's webhooks, timers and turns keep running while the database works.
 *
 * @example
 * const connection = new DirectConnection(await PGlite.create());
 * const rows = await connection.query('select 1 as one', [], false);
 */
import type { PGlite } from '@electric-sql/pglite';

/** What `PgliteStore` needs of a connection, wherever the database runs. */
export interface PgliteConnection {
  /** Runs one statement with parameters; `urgent` jumps the queue (see `URGENT_FUNCTIONS`). */
  query<R>(sql: string, params: unknown[], urgent: boolean): Promise<R[]>;
  /** Runs a script of statements (simple protocol: one implicit transaction). */
  exec(sql: string): Promise<void>;
  /** Runs one statement in its own read-only transaction (local clients' raw SQL). */
  readOnlyQuery<R>(sql: string, params: unknown[]): Promise<R[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Functions that jump the queue on the single PGlite connection: storing a webhook's event must
 * not wait behind dispatcher and sender work, or platforms time out and redeliver; a sender's
 * heartbeat must not either, or it is taken for dead and its rows are released.
 * (`inbox_put_claim` stores events too; its claim is of the conversations just stored.)
 */
export const URGENT_FUNCTIONS: ReadonlySet<string> = new Set(['inbox_put', 'inbox_put_many', 'inbox_put_claim', 'sender_presence']);

/**
 * The single PGlite connection's waiting line: urgent work (a webhook's event) before the rest,
 * otherwise in arrival order.
 */
export class ConnectionQueue {
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];
  private busy = false;

  run<T>(task: () => Promise<T>, urgent: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        task().then(resolve, reject).finally(() => this.afterTask());
      };
      (urgent ? this.urgent : this.normal).push(start);
      if (!this.busy) this.startNext();
    });
  }

  private startNext(): void {
    const start = this.urgent.shift() ?? this.normal.shift();
    this.busy = start !== undefined;
    start?.();
  }

  private afterTask(): void {
    if (this.urgent.length === 0 && this.normal.length === 0) {
      this.busy = false;
      return;
    }
    // PGlite runs a query synchronously on this thread. Started straight from the previous
    // query's continuation, a queue that never empties would never let the event loop read
    // the sockets (or, in the database thread, the next messages): an urgent query would wait
    // behind the whole backlog instead of behind one query. So yield to I/O first
    // (setImmediate runs after the poll phase), then take the most urgent task.
    setImmediate(() => this.startNext());
  }
}

/** A PGlite instance on this thread, behind a `ConnectionQueue`. */
export class DirectConnection implements PgliteConnection {
  private readonly queue = new ConnectionQueue();

  constructor(readonly db: PGlite) {}

  async query<R>(sql: string, params: unknown[], urgent: boolean): Promise<R[]> {
    return (await this.queue.run(() => this.db.query<R>(sql, params), urgent)).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.queue.run(() => this.db.exec(sql), false);
  }

  readOnlyQuery<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.queue.run(
      () =>
        this.db.transaction(async (tx) => {
          await tx.exec('set transaction read only');
          return (await tx.query<R>(sql, params)).rows;
        }),
      false,
    );
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
