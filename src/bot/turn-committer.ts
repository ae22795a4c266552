/**
 * Commits turns, several in one database call when they finish together.
 *
 * Under load many turns finish while one commit is running. `TurnCommitter` gathers them and
 * commits the group with `turn_commit_many` as soon as the previous call returns: a lone turn is
 * committed at once with `turn_commit` (no timer, no added latency), a burst pays the call's
 * fixed cost once per group. Each turn still commits or fails on its own (a subtransaction per
 * turn in SQL), and its caller gets the same typed error it would get alone.
 *
 * @example
 * const committer = new TurnCommitter(store);
 * const { leased } = await committer.commit({ inbox_id: 7, worker, version: 3, state, outbound: [] });
 */
import { toStoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { CallBatcher, type PendingItem } from './call-batcher.js';
import type { ClaimedOutbox } from './sender.js';

/** The `turn_commit` arguments of one turn. */
export interface TurnCommitArgs {
  inbox_id: number;
  worker: string;
  version: number;
  state: unknown;
  outbound: readonly unknown[];
  effects: readonly unknown[];
  log_inbound: boolean;
  lease: unknown;
}

/** What `turn_commit` returns. */
export interface TurnCommitResult {
  version: number;
  outbox_ids?: number[];
  effects?: unknown[];
  leased?: ClaimedOutbox[];
}

type BatchEntry = TurnCommitResult | { error: string; sqlstate: string };

export interface TurnCommitterOptions {
  /** Most turns committed in one call (default 50). */
  maxBatch?: number;
}

/** Batches concurrent commits into `turn_commit_many` calls (see the module comment). */
export class TurnCommitter {
  private readonly batcher: CallBatcher<TurnCommitArgs, TurnCommitResult>;

  constructor(
    private readonly store: Store,
    options: TurnCommitterOptions = {},
  ) {
    this.batcher = new CallBatcher((batch) => this.write(batch), { maxBatch: options.maxBatch ?? 50 });
  }

  /**
   * Commits one turn (with whatever else is waiting) and resolves with its result.
   *
   * @example
   * const result = await committer.commit(args);
   */
  commit(args: TurnCommitArgs): Promise<TurnCommitResult> {
    return this.batcher.add(args);
  }

  private async write(batch: PendingItem<TurnCommitArgs, TurnCommitResult>[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch;
      await this.store.call<TurnCommitResult>('turn_commit', { ...one!.item }).then(one!.resolve, one!.reject);
      return;
    }
    // When the call itself fails (connection, timeout), nothing of it committed: `CallBatcher`
    // rejects every turn of the group, and each caller retries as it would alone.
    const results = await this.store.call<BatchEntry[]>('turn_commit_many', { turns: batch.map((p) => p.item) });
    batch.forEach((pending, i) => {
      const result = results[i];
      if (result && 'error' in result) pending.reject(toStoreError({ code: result.sqlstate, message: result.error }));
      else if (result) pending.resolve(result);
      else pending.reject(toStoreError({ message: 'turn_commit_many returned fewer results than turns' }));
    });
  }
}
