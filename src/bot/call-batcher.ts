/**
 * Gathers work that arrives while a database call is running and hands it over as one group
 * when that call returns: a lone item goes at once (no timer, no added latency), a burst costs
 * one call per group. `InboxWriter` (webhook events) and `TurnCommitter` (finished turns) are
 * built on it; each decides how a group is written and answers every item of it.
 *
 * @example
 * const batcher = new CallBatcher<number, number>(async (group) => {
 *   for (const p of group) p.resolve(p.item * 2);
 * }, { maxBatch: 50 });
 * await batcher.add(21); // 42
 */

/** One waiting item and how to answer its caller. */
export interface PendingItem<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export interface CallBatcherOptions {
  /** Most items handed over in one group. */
  maxBatch: number;
}

export class CallBatcher<I, O> {
  private queue: PendingItem<I, O>[] = [];
  private writing = false;

  /**
   * @param write Writes one group and settles every item of it (an item left unsettled would
   *   leave its caller waiting for good).
   */
  constructor(
    private readonly write: (group: PendingItem<I, O>[]) => Promise<void>,
    private readonly options: CallBatcherOptions,
  ) {}

  /**
   * Queues `item` (with whatever else is waiting) and resolves with its result.
   *
   * @example
   * const result = await batcher.add(item);
   */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.options.maxBatch);
        // A write that throws must not strand its group.
        await this.write(group).catch((error: unknown) => {
          for (const pending of group) pending.reject(error);
        });
      }
    } finally {
      this.writing = false;
    }
  }
}
