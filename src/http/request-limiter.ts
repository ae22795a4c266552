/**
 * Counting requests per key (a session, a client address) in a sliding window, in this
 * process's memory: the sliding-window counter of two fixed windows (the previous window's
 * count weighted by how much of it still overlaps). Memory is bounded: keys of windows that
 * ended are dropped when the window turns, and at most `maxKeys` keys are kept (the oldest go).
 * Several server processes each count their own share; the database-backed limits (link codes)
 * are the ones that must hold across processes.
 *
 * @example
 * const perSession = new RequestLimiter({ limit: 20, windowMs: 60_000 });
 * const verdict = perSession.take('session-1');
 * if (!verdict.ok) throw new HttpError(429, 'rate_limited', `retry in ${verdict.retryAfterSeconds} s`);
 */
import { performance } from 'node:perf_hooks';

export interface RequestLimiterOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Most keys remembered (default 100 000). */
  maxKeys?: number;
  /** Milliseconds on a monotonic clock; tests replace it. */
  now?: () => number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RequestLimiter {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private windowStart: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: RequestLimiterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.maxKeys = options.maxKeys ?? 100_000;
    this.windowStart = this.now();
  }

  private turn(now: number): void {
    const { windowMs } = this.options;
    const elapsed = now - this.windowStart;
    if (elapsed < windowMs) return;
    const windows = Math.floor(elapsed / windowMs);
    this.previous = windows === 1 ? this.current : new Map();
    this.current = new Map();
    this.windowStart += windows * windowMs;
  }

  /** The weighted count for `key` now, without counting a request. */
  count(key: string): number {
    const now = this.now();
    this.turn(now);
    const overlap = 1 - (now - this.windowStart) / this.options.windowMs;
    return (this.current.get(key) ?? 0) + (this.previous.get(key) ?? 0) * overlap;
  }

  /** Counts one request for `key` when it is within the limit. */
  take(key: string): LimitVerdict {
    if (this.count(key) + 1 > this.options.limit) {
      const left = this.windowStart + this.options.windowMs - this.now();
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
    }
    this.current.set(key, (this.current.get(key) ?? 0) + 1);
    if (this.current.size > this.maxKeys) this.current.delete(this.current.keys().next().value!);
    return { ok: true };
  }

  /** Whether `key` was counted in this or the previous window. */
  seen(key: string): boolean {
    this.turn(this.now());
    return this.current.has(key) || this.previous.has(key);
  }

  /** Marks `key` as seen without limiting it (its count goes up by one). */
  remember(key: string): void {
    this.turn(this.now());
    this.current.set(key, (this.current.get(key) ?? 0) + 1);
    if (this.current.size > this.maxKeys) this.current.delete(this.current.keys().next().value!);
  }
}
