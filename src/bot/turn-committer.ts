/**
 * Commits turns, several in one database call when they finish together.
 *
 * Under load many turns finish while one commit is running. `TurnCommitter` gathers them and
 * commits the group with `turn_commit_chain` as soon as the previous call returns: a lone turn is
 * committed at once (no timer, no added latency), a burst pays the call's
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
import type { ClaimedEvent } from './dispatcher.js';
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
  /**
   * Claim the conversation's next due event in the same call, leased for this many seconds
   * (`turn_commit_chain`); it comes back as `next`.
   */
  next?: number;
}

/** What `turn_commit` returns. */
export interface TurnCommitResult {
  version: number;
  outbox_ids?: number[];
  effects?: unknown[];
  leased?: ClaimedOutbox[];
  /** The conversation's next event, claimed for the same worker when the turn asked (`next`). */
  next?: ClaimedEvent;
}

/** One turn's entry in `turn_commit_chain`'s result: its commit, or why it failed. */
export type TurnCommitBatchEntry = TurnCommitResult | { error: string; sqlstate: string };

export interface TurnCommitterOptions {
  /** Most turns committed in one call (default 50). */
  maxBatch?: number;
}

/** Batches concurrent commits into `turn_commit_chain` calls (see the module comment). */
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

  private write(batch: PendingItem<TurnCommitArgs, TurnCommitResult>[]): Promise<void> {
    return commitTurns(this.store, batch);
  }
}

/**
 * Commits a group of turns in one call (`turn_commit` for a lone turn that wants no next event,
 * `turn_commit_chain` otherwise) and settles each. `InboxWriter` uses it for the turns that wait when no events do.
 *
 * @example
 * await commitTurns(store, [{ item: args, resolve, reject }]);
 */
export async function commitTurns(store: Store, batch: PendingItem<TurnCommitArgs, TurnCommitResult>[]): Promise<void> {
  if (batch.length === 0) return;
  if (batch.length === 1 && batch[0]!.item.next === undefined) {
    const [one] = batch;
    await store.call<TurnCommitResult>('turn_commit', { ...one!.item }).then(one!.resolve, one!.reject);
    return;
  }
  // When the call itself fails (connection, timeout), nothing of it committed: `CallBatcher`
  // rejects every turn of the group, and each caller retries as it would alone.
  answerTurns(batch, await store.call<TurnCommitBatchEntry[]>('turn_commit_chain', { turns: batch.map((p) => p.item) }));
}

/**
 * Settles each turn of a group from `turn_commit_chain`'s results (one per turn, in order): a
 * turn that failed gets the typed error it would get alone.
 *
 * @example
 * answerTurns(batch, await store.call('turn_commit_chain', { turns }));
 */
export function answerTurns(batch: PendingItem<TurnCommitArgs, TurnCommitResult>[], results: readonly TurnCommitBatchEntry[]): void {
  batch.forEach((pending, i) => {
    const result = results[i];
    if (result && 'error' in result) pending.reject(toStoreError({ code: result.sqlstate, message: result.error }));
    else if (result) pending.resolve(result);
    else pending.reject(toStoreError({ message: 'turn_commit_chain returned fewer results than turns' }));
  });
}
