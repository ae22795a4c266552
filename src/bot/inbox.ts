/**
 * The inbox: a webhook stores the normalized event (deduplicated on channel + event id) and is
 * answered at once; the dispatcher processes it later.
 *
 * Under load many webhooks arrive while one insert is running. `InboxWriter` gathers them and
 * stores the whole group in one call (`inbox_put_many`) as soon as the previous call returns:
 * a lone update is written at once (no timer, no added latency), a burst costs one round trip
 * per group instead of one per update. An event the batch could not store is retried alone, so
 * its caller gets the real error and the others are not held back.
 *
 * With `claims` (the dispatcher's `directClaim`), the same call also claims the conversations
 * the group was stored for, as far as this process's dispatcher has room (`inbox_put_claim`):
 * their turns start without a second call, and an accept result says whether its event was
 * claimed (then nobody needs waking) or its conversation is leased (`busy`: the lease holder's
 * commit claims it, `turn_commit_chain`). The sender's buffered delivery outcomes (`outcomes`) ride
 * along in that call too, instead of a call of their own.
 *
 * Finished turns (`commit`) go through the same queue: a process makes one call at a time, and
 * the turns waiting when it starts are committed by it (`inbox_put_claim`'s `p_turns`), or by
 * `turn_commit(_many)` when no event waits. Two calls side by side cost two transactions where
 * one does; on PostgreSQL the transactions, not the rows, were most of the database's time.
 *
 * @example
 * const inbox = new InboxWriter(store, { claims: () => dispatcher.directClaim() });
 * const { duplicate, claimed } = await inbox.accept(event);
 */
import type { Store } from '../store/store.js';
import type { AcceptResult } from './channels/channel.js';
import { CallBatcher, type PendingItem } from './call-batcher.js';
import type { ClaimedEvent, DirectClaim } from './dispatcher.js';
import type { RecordableOutcomes } from './sender.js';
import { answerTurns, commitTurns, type TurnCommitArgs, type TurnCommitBatchEntry, type TurnCommitResult } from './turn-committer.js';
import type { Inbound } from './inbound.js';

/** The `inbox_put` arguments of one event. */
function putArgs(event: Inbound): Record<string, unknown> {
  return {
    channel: event.channel,
    event_id: event.eventId,
    chat_id: event.chatId,
    user_id: event.userId,
    payload: event,
    chat_type: event.chatType ?? 'private',
    locale: event.locale?.slice(0, 2).toLowerCase() ?? null,
  };
}

/**
 * Stores one event (one database call).
 *
 * @example
 * const { inboxId, duplicate } = await acceptInbound(store, event);
 */
export async function acceptInbound(store: Store, event: Inbound): Promise<AcceptResult> {
  const result = await store.call<{ inbox_id: number; duplicate: boolean }>('inbox_put', putArgs(event));
  return { inboxId: result.inbox_id, duplicate: result.duplicate };
}

export interface InboxWriterOptions {
  /** Most events stored in one call (default 200). */
  maxBatch?: number;
  /** Room in this process's dispatcher for the stored events' turns (null: none now). */
  claims?: () => DirectClaim | null;
  /** The sender's buffered delivery outcomes, recorded by the same call (null: none now). */
  outcomes?: () => RecordableOutcomes | null;
}

type BatchResult = { inbox_id: number; duplicate: boolean; conversation_id?: number } | { error: string; sqlstate: string };

/** What waits in the queue: an event to store, or a finished turn to commit. */
type QueuedWork = { event: Inbound; turn?: undefined } | { turn: TurnCommitArgs; event?: undefined };
type EventPending = PendingItem<Inbound, AcceptResult>;
type TurnPending = PendingItem<TurnCommitArgs, TurnCommitResult>;

/** Batches concurrent accepts into `inbox_put_many` calls (see the module comment). */
export class InboxWriter {
  private readonly batcher: CallBatcher<QueuedWork, AcceptResult | TurnCommitResult>;

  constructor(
    private readonly store: Store,
    private readonly options: InboxWriterOptions = {},
  ) {
    this.batcher = new CallBatcher((group) => this.writeGroup(group), { maxBatch: options.maxBatch ?? 200 });
  }

  /**
   * Stores `event` (with whatever else is waiting) and resolves with its inbox id.
   *
   * @example
   * const { inboxId, duplicate } = await writer.accept(event);
   */
  accept(event: Inbound): Promise<AcceptResult> {
    return this.batcher.add({ event }) as Promise<AcceptResult>;
  }

  /**
   * Commits a finished turn with the next call (with events when some wait) and resolves with
   * its result; each turn commits or fails on its own, as with `TurnCommitter`.
   *
   * @example
   * const { leased } = await writer.commit({ inbox_id: 7, worker, version: 3, state, outbound: [], effects: [], log_inbound: false, lease: null });
   */
  commit(turn: TurnCommitArgs): Promise<TurnCommitResult> {
    return this.batcher.add({ turn }) as Promise<TurnCommitResult>;
  }

  private async writeGroup(group: PendingItem<QueuedWork, AcceptResult | TurnCommitResult>[]): Promise<void> {
    const events: EventPending[] = [];
    const turns: TurnPending[] = [];
    for (const { item, resolve, reject } of group) {
      if (item.event) events.push({ item: item.event, resolve, reject });
      else turns.push({ item: item.turn, resolve, reject });
    }
    if (events.length === 0) return commitTurns(this.store, turns);
    return this.write(events, turns);
  }

  private async write(batch: EventPending[], turns: TurnPending[]): Promise<void> {
    const claim = this.options.claims?.() ?? null;
    if (claim || turns.length > 0) return this.writeAndClaim(batch, claim, turns);
    if (batch.length === 1) {
      const [one] = batch;
      await acceptInbound(this.store, one!.item).then(one!.resolve, one!.reject);
      return;
    }
    let results: BatchResult[];
    try {
      results = await this.store.call<BatchResult[]>('inbox_put_many', { events: batch.map((p) => putArgs(p.item)) });
    } catch {
      // The batch call itself failed (connection, timeout): store each alone for its own answer.
      await this.eachAlone(batch);
      return;
    }
    await this.answer(batch, results);
  }

  /**
   * Stores the group, claims what the dispatcher has room for (`claim`, or nothing) and commits
   * `turns`, in one call.
   */
  private async writeAndClaim(batch: EventPending[], claim: DirectClaim | null, turns: TurnPending[]): Promise<void> {
    let answer: {
      results: BatchResult[];
      claimed: ClaimedEvent[];
      committed: TurnCommitBatchEntry[] | null;
      /** Conversations of the stored events that are leased when the call ends. */
      busy?: number[];
    };
    const outcomes = this.options.outcomes?.() ?? null;
    try {
      answer = await this.store.call('inbox_put_claim', {
        events: batch.map((p) => putArgs(p.item)),
        ...(claim?.args ?? { worker: '', limit: 0 }),
        outcomes: outcomes?.args,
        turns: turns.length > 0 ? turns.map((p) => p.item) : undefined,
      });
    } catch {
      // Nothing of the call committed: each part is written again on its own.
      outcomes?.settle(false);
      claim?.cancel();
      await Promise.all([this.eachAlone(batch), commitTurns(this.store, turns).catch((error: unknown) => turns.forEach((p) => p.reject(error)))]);
      return;
    }
    outcomes?.settle(true);
    if (turns.length > 0) answerTurns(turns, answer.committed ?? []);
    // Handed over before the webhooks are answered: an event left unclaimed behind one of them
    // wakes the dispatcher, which must already know the conversation is busy here.
    claim?.adopt(answer.claimed);
    await this.answer(batch, answer.results, new Set(answer.claimed.map((event) => event.inbox_id)), new Set(answer.busy ?? []));
  }

  /** Stores each event alone, so each caller gets its own answer. */
  private async eachAlone(batch: EventPending[]): Promise<void> {
    await Promise.all(batch.map((p) => acceptInbound(this.store, p.item).then(p.resolve, p.reject)));
  }

  /** Answers each caller from the group's results; an event the group could not store is retried alone. */
  private async answer(
    batch: EventPending[],
    results: BatchResult[],
    claimed?: ReadonlySet<number>,
    busy?: ReadonlySet<number>,
  ): Promise<void> {
    const failed: EventPending[] = [];
    batch.forEach((pending, i) => {
      const result = results[i];
      if (!result || !('inbox_id' in result)) return void failed.push(pending);
      const leased = busy !== undefined && result.conversation_id !== undefined && busy.has(result.conversation_id);
      pending.resolve({
        inboxId: result.inbox_id,
        duplicate: result.duplicate,
        ...(claimed ? { claimed: claimed.has(result.inbox_id) } : {}),
        ...(leased ? { busy: true } : {}),
      });
    });
    await this.eachAlone(failed);
  }
}
