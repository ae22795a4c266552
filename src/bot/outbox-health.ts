/**
 * The outbox's health: how many messages wait, and for how long the oldest due one has waited.
 * `/healthz` turns it into 503 past `HEALTH_OUTBOX_MAX_AGE_SECONDS`; `uom status` prints it.
 *
 * @example
 * const health = await outboxHealth(store, ['telegram', 'web']);
 * if ((health.oldest_due_seconds ?? 0) > 900) alert();
 */
import type { Store } from '../store/store.js';
import type { ChannelId } from './inbound.js';

export interface OutboxHealth {
  /** Rows due now and not in flight. */
  due: number;
  /** Of those, live ones (replies, relays, reminders: priority below 100). */
  due_live: number;
  /** Rows waiting for a later time (scheduled, retry backoff). */
  scheduled: number;
  /** Rows in flight (claimed by a sender). */
  sending: number;
  /** Seconds the oldest due row has waited since it became due; null when none is due. */
  oldest_due_seconds: number | null;
  oldest_due_live_seconds: number | null;
}

/**
 * Reads the outbox health for `channels` (all channels when omitted).
 *
 * @example
 * const { due, oldest_due_seconds } = await outboxHealth(store);
 */
export async function outboxHealth(store: Store, channels?: readonly ChannelId[]): Promise<OutboxHealth> {
  const health = await store.call<OutboxHealth>('outbox_health', { channels: channels ? [...channels] : null });
  // jsonb numerics arrive as numbers from every driver; keep null as null.
  return {
    ...health,
    oldest_due_seconds: health.oldest_due_seconds === null ? null : Number(health.oldest_due_seconds),
    oldest_due_live_seconds: health.oldest_due_live_seconds === null ? null : Number(health.oldest_due_live_seconds),
  };
}
