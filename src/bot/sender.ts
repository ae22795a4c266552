/**
 * The sender delivers outbox rows through the channel adapters. It claims due rows in the
 * database (live replies before reminders before broadcasts, one row per chat at a time so a
 * chat sees its messages in order, `SKIP LOCKED` so several processes share the work), sends
 * them concurrently, and records every outcome in one call: sent, retry later (with the
 * platform's `retry_after` or a backoff), or failed (permanently; an unreachable recipient is
 * marked on their identity). Rows a crashed sender left half-done are claimed again after their
 * lock expires, so at most the sends in flight at a crash can be delivered twice.
 *
 * @example
 * const sender = new Sender(services);
 * sender.start();
 */
import { randomUUID } from 'node:crypto';
import type { Recipient } from './channels/channel.js';
import type { ChannelId } from './inbound.js';
import type { Outbound, SendResult } from './outbound.js';
import type { Services } from './services.js';
import { WakeUp } from './wakeup.js';

export interface SenderOptions {
  /** Sends in flight at once (default `SENDER_CONCURRENCY`). */
  concurrency?: number;
  /** Rows claimed per database round trip. */
  batchSize?: number;
  /** Attempts before a transient failure becomes permanent. */
  maxAttempts?: number;
  pollMs?: number;
  /** How long a claimed row stays locked to this sender. */
  leaseSeconds?: number;
  workerId?: string;
  /** Only these channels (default: every configured adapter). */
  channels?: ChannelId[];
}

export interface ClaimedOutbox {
  id: number;
  channel: ChannelId;
  recipient: string;
  payload: Outbound;
  kind: string;
  priority: number;
  attempts: number;
  conversation_id: number | null;
  contact_id: number | null;
  source_id: number | null;
  reference: unknown;
}

interface Completion {
  id: number;
  outcome: 'sent' | 'retry' | 'failed';
  platform_message_id?: string;
  error?: string;
  retry_in_ms?: number;
  unreachable_reason?: string;
}

/** Runs `worker` over `items` with at most `limit` at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export class Sender {
  readonly workerId: string;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly channels: ChannelId[];
  private readonly signal = new WakeUp();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    options: SenderOptions = {},
  ) {
    const { config } = services;
    this.concurrency = options.concurrency ?? config.SENDER_CONCURRENCY;
    this.batchSize = options.batchSize ?? Math.max(50, this.concurrency * 4);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.pollMs = options.pollMs ?? config.POLL_INTERVAL_MS;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.channels = options.channels ?? [...services.channels.keys()];
    this.workerId = options.workerId ?? `sender-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Claims one batch, delivers it and records the outcomes. Returns the number of rows handled. */
  async runOnce(): Promise<number> {
    if (this.channels.length === 0) return 0;
    const rows = await this.services.store.call<ClaimedOutbox[]>('outbox_claim', {
      worker: this.workerId,
      channels: this.channels,
      limit: this.batchSize,
      lease_seconds: this.leaseSeconds,
    });
    if (rows.length === 0) return 0;
    const results = await mapLimit(rows, this.concurrency, (row) => this.deliver(row));
    await this.services.store.call('outbox_complete', { worker: this.workerId, results });
    this.notifyDelivered(rows, results);
    return rows.length;
  }

  /** Delivers until nothing is due (tests and the CLI). */
  async drain(maxRounds = 10_000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const n = await this.runOnce();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  wake(): void {
    this.signal.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (error) {
        this.services.log.error({ err: error }, 'sender round failed');
        await this.signal.wait(this.pollMs * 8);
        continue;
      }
      if (handled === 0) await this.signal.wait(this.pollMs);
    }
  }

  private notifyDelivered(rows: readonly ClaimedOutbox[], results: readonly Completion[]): void {
    const byChannel = new Map<ChannelId, Recipient[]>();
    rows.forEach((row, i) => {
      if (results[i]?.outcome !== 'sent') return;
      const list = byChannel.get(row.channel) ?? [];
      list.push({ channel: row.channel, chatId: row.recipient, outboxId: row.id });
      byChannel.set(row.channel, list);
    });
    for (const [channel, recipients] of byChannel) this.services.channels.get(channel)?.delivered?.(recipients);
  }

  private async deliver(row: ClaimedOutbox): Promise<Completion> {
    const adapter = this.services.channels.get(row.channel);
    const recipient: Recipient = { channel: row.channel, chatId: row.recipient, reference: row.reference, outboxId: row.id };
    let result: SendResult;
    if (!adapter) {
      result = { status: 'retry', retryInMs: 60_000, error: `channel ${row.channel} is not configured` };
    } else {
      try {
        result = await adapter.send(recipient, row.payload);
      } catch (error) {
        // An adapter bug or a network error the adapter did not classify: treat as transient.
        result = { status: 'retry', retryInMs: 1000 * 2 ** Math.min(row.attempts, 8), error: (error as Error).message };
      }
    }
    const log = this.services.log;
    switch (result.status) {
      case 'sent':
        return { id: row.id, outcome: 'sent', ...(result.platformMessageId ? { platform_message_id: result.platformMessageId } : {}) };
      case 'retry':
        if (row.attempts >= this.maxAttempts) {
          log.warn({ outboxId: row.id, channel: row.channel, error: result.error }, 'delivery gave up');
          return { id: row.id, outcome: 'failed', error: `gave up after ${row.attempts} attempts: ${result.error}` };
        }
        return { id: row.id, outcome: 'retry', error: result.error, retry_in_ms: result.retryInMs };
      case 'failed':
        log.warn({ outboxId: row.id, channel: row.channel, error: result.error }, 'delivery failed');
        return {
          id: row.id,
          outcome: 'failed',
          error: result.error,
          ...(result.unreachable ? { unreachable_reason: result.unreachable } : {}),
        };
    }
  }
}
