/**
 * The search thread's scheduling class on Linux: `SCHED_IDLE` while its searches keep up, so a
 * founder's turn (the main thread, the embedded database's thread, a PostgreSQL backend) takes a
 * core from it the moment it wakes; back to the normal class (at its nice value) while a search
 * has waited too long, so a machine kept busy by turns never starves the questions.
 *
 * Why not only nice 10: Linux 6.6+ schedules with EEVDF, which lets the running thread finish
 * its time slice (about 1.5 ms on two cores) before a waking one of higher priority runs. A
 * booking turn wakes four times (two database round trips), and behind a niced search thread
 * each wake could wait a slice: its p99 beside a burst of questions doubled. A `SCHED_IDLE`
 * thread is preempted at once.
 *
 * The class is set with `chrt` (util-linux), the only way from Node without a native module;
 * where it is missing or not allowed, the thread keeps its nice value and nothing else changes.
 *
 * @example
 * const policy = new SearchThreadPolicy(tid, { log });
 * await policy.idle();      // searches caught up
 * await policy.normal();    // a search waited longer than SEARCH_ESCALATE_MS
 */
import { execFile } from 'node:child_process';

/** A search waiting this long lifts the thread out of `SCHED_IDLE` until the queue is empty. */
export const SEARCH_ESCALATE_MS = 1000;

export type SchedulingClass = 'idle' | 'normal';

export interface SearchThreadPolicyOptions {
  /** Runs `chrt` (tests replace it); resolves false when it could not. */
  chrt?: (args: string[]) => Promise<boolean>;
  /** Told once when the class cannot be set (then the policy stops trying). */
  onUnavailable?: (reason: string) => void;
}

function runChrt(args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('chrt', args, { timeout: 2000 }, (error) => resolve(!error));
  });
}

/** Sets and remembers one thread's scheduling class; calls are serialised and skipped when unchanged. */
export class SearchThreadPolicy {
  #current: SchedulingClass = 'normal';
  #wanted: SchedulingClass = 'normal';
  #busy = false;
  #available = process.platform === 'linux';

  constructor(
    readonly tid: number,
    private readonly options: SearchThreadPolicyOptions = {},
  ) {}

  /** The class the thread is in now. */
  get current(): SchedulingClass {
    return this.#current;
  }

  /** Whether the class can still be set (false after `chrt` failed, or off Linux). */
  get available(): boolean {
    return this.#available;
  }

  /** Asks for `SCHED_IDLE`. @example await policy.idle() */
  idle(): Promise<void> {
    return this.#want('idle');
  }

  /** Asks for the normal class (the thread's nice value applies again). @example await policy.normal() */
  normal(): Promise<void> {
    return this.#want('normal');
  }

  async #want(wanted: SchedulingClass): Promise<void> {
    this.#wanted = wanted;
    if (this.#busy) return; // the running call looks at #wanted again when it ends
    this.#busy = true;
    try {
      while (this.#available && this.#current !== this.#wanted) {
        const target = this.#wanted;
        const ok = await (this.options.chrt ?? runChrt)([target === 'idle' ? '--idle' : '--other', '-p', '0', String(this.tid)]);
        if (!ok) {
          this.#available = false;
          this.options.onUnavailable?.(`chrt could not set ${target} for the search thread`);
          return;
        }
        this.#current = target;
      }
    } finally {
      this.#busy = false;
    }
  }
}
