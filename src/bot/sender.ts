/**
 * The sender delivers outbox rows through the channel adapters. It claims due rows in the
 * database (live replies before reminders before broadcasts, one row per chat at a time so a
 * chat sees its messages in order, `SKIP LOCKED` so several processes share the work), sends
 * them concurrently within each platform's rate limits (`rate-limit.ts`), and records outcomes
 * in batches: sent, retry later (with the platform's `retry_after` or a backoff), or failed
 * (permanently; an unreachable recipient is marked on their identity). Rows a crashed sender
 * left half-done are claimed again after their lock expires, so at most the sends in flight at
 * a crash can be delivered twice.
 *
 * Running (`start`) is a pipeline: claiming, sending and recording overlap, so a rate-capped
 * channel never idles between batches. For a capped channel the sender claims only about two
 * seconds of sends ahead (rows it holds are locked, and a live reply claimed later must not
 * queue behind thousands of broadcast rows); when its queue is full it still claims live
 * replies (priority below 100), which the limiter serves first.
 *
 * Claims never starve: the database hands out per-chat heads (the oldest due row of each chat
 * with nothing in flight), whatever the order of due rows. A row that cannot be sent in time
 * (a long pause, the sender stopping) is handed back with the outcome `release`: it keeps its
 * place and its chat's order, and its rate slot is given back unused.
 *
 * Several processes: each heartbeats in `sender_presence` every couple of seconds and takes
 * `1 / n` of each capped channel's rate, n being the live senders of that channel. A sender
 * whose heartbeat is older than the TTL is dead: the next heartbeat of any sender puts its
 * in-flight rows back at once (counted as possible duplicates), so a crash delays its chats by
 * seconds, not by the 60 s lease. A sender that finds it was declared dead (a long stall) sends
 * nothing it still holds. A 429 with `retry_after` pauses the channel here and in
 * `channel_pauses`, which every claimer honours.
 *
 * A committed turn's replies need no claim: `leaseRequest()` asks `turn_commit` to lease them
 * to this sender, and `adopt()` sends them (in order per chat).
 *
 * @example
 * const sender = new Sender(services);
 * sender.start();
 */
import { randomUUID } from 'node:crypto';
import type { Recipient } from './channels/channel.js';
import type { ChannelId } from './inbound.js';
import type { Outbound, SendResult } from './outbound.js';
import { channelRates, RateLimiter } from './rate-limit.js';
import type { Services } from './services.js';
import { WakeUp } from './wakeup.js';

/** Heartbeat TTL on the embedded database unless configured (see the constructor). */
export const EMBEDDED_PRESENCE_TTL_SECONDS = 30;

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
  /** Rate limits to use instead of the settings'. */
  limiter?: RateLimiter;
  /** Seconds of sends a capped channel claims ahead (default 2). */
  claimAheadSeconds?: number;
  /** Milliseconds between presence heartbeats (default 2000); a sender silent for four
   * heartbeats (plus two seconds) is taken for dead and its rows are released. */
  presenceMs?: number;
  /** Seconds without a heartbeat after which this sender is taken for dead (default: four
   * heartbeats and two seconds). Tests that heartbeat on every round set a long one. */
  presenceTtlSeconds?: number;
}

/** What `turn_commit` needs to lease a turn's replies to this sender (`p_lease`). */
export interface OutboxLease {
  worker: string;
  channels: ChannelId[];
  lease_seconds: number;
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

/** Buffered outcomes lent to another call (`Sender.takeOutcomes`): its `outbox_complete` arguments. */
export interface RecordableOutcomes {
  args: { worker: string; results: Completion[] };
  settle(recorded: boolean): void;
}

export interface Completion {
  id: number;
  /** `release`: handed back unsent (keeps its place, the attempt does not count). */
  outcome: 'sent' | 'retry' | 'failed' | 'release';
  platform_message_id?: string;
  error?: string;
  retry_in_ms?: number;
  unreachable_reason?: string;
}

interface Claimed {
  row: ClaimedOutbox;
  /** After this (performance.now()) the lock may have passed to another sender: do not send. */
  sendBy: number;
}

/** Priorities below this are live traffic (replies, relays, reminders), at or above bulk. */
export const BULK_PRIORITY = 100;

/**
 * Runs `worker` over `items` with at most `limit` at once.
 *
 * @example
 * await mapLimit([1, 2, 3], 2, async (n) => n * 2); // [2, 4, 6]
 */
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

/** Exponential backoff for transient failures: 1 s, 2 s, 4 s … capped at about 4 minutes. */
export function backoffMs(attempts: number): number {
  return 1000 * 2 ** Math.min(Math.max(attempts - 1, 0), 8);
}

export class Sender {
  readonly workerId: string;
  readonly limiter: RateLimiter;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly claimAheadSeconds: number;
  private readonly presenceMs: number;
  private readonly presenceTtlSeconds: number | undefined;
  private readonly channels: ChannelId[];
  private readonly signal = new WakeUp();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  /** Claimed rows not yet recorded, per channel. */
  private readonly outstanding = new Map<ChannelId, number>();
  /** Of those, live rows (priority below BULK_PRIORITY). */
  private readonly outstandingLive = new Map<ChannelId, number>();
  private sending = 0;
  private sendingBulk = 0;
  private readonly liveWaiters: (() => void)[] = [];
  /** Per chat: the rows this sender holds run one after another (see `inChatOrder`). */
  private readonly chats = new Map<string, { tail: Promise<void>; queued: number; blocked: boolean }>();
  /** Sends of adopted rows still running (stop waits for them). */
  private readonly adopted = new Set<Promise<void>>();
  private readonly bulkWaiters: (() => void)[] = [];
  private buffer: { row: ClaimedOutbox; completion: Completion }[] = [];
  private flushing: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastPresence = -Infinity;
  private lastLiveClaim = -Infinity;
  /**
   * Whether a claim may find something. Most replies are leased by their turn's commit, so a
   * claim after every recorded batch mostly came back empty, and on the embedded database each
   * empty claim waits its turn on the one connection. Claim when woken from outside (rows were
   * committed unleased), when the last claim was cut short by room or limit, or once a poll
   * interval passed (another process may have written).
   */
  private dueMaybe = true;
  private lastRoundAt = -Infinity;
  private stopping = false;
  private joinedAt = -Infinity;
  /** Rows the database took back from this sender after it stalled past the heartbeat TTL:
   * not ours any more, never to be sent or recorded (a later claim of the same id is ours). */
  private readonly lostIds = new Set<number>();
  /** performance.now() after which other senders may take this one for dead. */
  private aliveUntil = -Infinity;
  private presenceTimer: NodeJS.Timeout | undefined;
  private presenceRunning: Promise<void> | undefined;

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
    this.claimAheadSeconds = options.claimAheadSeconds ?? 2;
    this.presenceMs = options.presenceMs ?? 2000;
    // On the embedded database one server holds the data (an OS lock) and PGlite runs its queries
    // on the event loop, so under load a heartbeat can be late by many seconds: a short TTL there
    // only takes a live sender for dead and sends its rows twice.
    this.presenceTtlSeconds =
      options.presenceTtlSeconds ??
      (options.presenceMs === undefined && services.store.kind === 'embedded' ? EMBEDDED_PRESENCE_TTL_SECONDS : undefined);
    this.channels = options.channels ?? [...services.channels.keys()];
    this.workerId = options.workerId ?? `sender-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.limiter = options.limiter ?? new RateLimiter(channelRates(config));
  }

  /** Claims one batch, delivers it and records the outcomes. Returns the number of rows handled. */
  async runOnce(): Promise<number> {
    if (this.channels.length === 0) return 0;
    await this.refreshPresence();
    const rows = await this.claim(this.channels, this.batchSize);
    if (rows.length === 0) return 0;
    await Promise.all(rows.map((claimed) => this.process(claimed)));
    await this.flush();
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
    this.dueMaybe = true;
    this.signal.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.joinedAt = performance.now();
    this.loopDone = this.loop();
    // The heartbeat has its own timer: a loop busy claiming must not look dead.
    const beat = () => {
      this.presenceTimer = setTimeout(() => {
        void this.refreshPresence()
          .catch((error: unknown) => this.services.log.warn({ err: error }, 'sender heartbeat failed'))
          .finally(() => {
            if (this.running) beat();
          });
      }, this.presenceMs);
      this.presenceTimer.unref();
    };
    beat();
  }

  /**
   * The lease `turn_commit` should take for this sender, or null when it should not (not
   * running, stopping, or already holding as many rows as it can send soon).
   *
   * @example
   * const lease = sender.leaseRequest(); // { worker: 'sender-…', channels: ['telegram'], lease_seconds: 60 }
   */
  leaseRequest(): OutboxLease | null {
    if (!this.running || this.stopping || performance.now() > this.aliveUntil) return null;
    const channels = this.channels.filter((c) => this.outstandingOn(c) < this.aheadOn(c));
    if (channels.length === 0) return null;
    return { worker: this.workerId, channels, lease_seconds: this.leaseSeconds };
  }

  /**
   * Sends rows a turn commit leased to this sender (see `leaseRequest`), one chat's rows in order.
   *
   * @example
   * sender.adopt(commit.leased);
   */
  adopt(rows: readonly ClaimedOutbox[]): void {
    if (rows.length === 0) return;
    const sendBy = performance.now() + this.leaseSeconds * 1000 * 0.5;
    const chats = new Map<string, ClaimedOutbox[]>();
    for (const row of rows) {
      this.hold(row, 1);
      this.lostIds.delete(row.id);
      const key = `${row.channel}\u0000${row.recipient}`;
      chats.set(key, [...(chats.get(key) ?? []), row]);
    }
    for (const list of chats.values()) {
      for (const row of list) {
        const chain: Promise<void> = this.inChatOrder({ row, sendBy }).finally(() => this.adopted.delete(chain));
        this.adopted.add(chain);
      }
    }
  }

  /**
   * Processes `claimed` after the rows of its chat this sender already holds, so one chat's
   * messages leave in order even when a turn's commit leased a reply behind one still in
   * flight. When a row of the chat is not sent (retry, hand-back), the rows queued behind it
   * are handed back too: they go out after it, never before.
   */
  private inChatOrder(claimed: Claimed): Promise<void> {
    const key = `${claimed.row.channel}\u0000${claimed.row.recipient}`;
    let chat = this.chats.get(key);
    if (!chat) {
      chat = { tail: Promise.resolve(), queued: 0, blocked: false };
      this.chats.set(key, chat);
    }
    const state = chat;
    state.queued++;
    const run = state.tail.then(async () => {
      const outcome = await this.process(claimed, state.blocked ? 'kept behind an earlier message of its chat' : undefined);
      if (outcome === 'retry' || outcome === 'release') state.blocked = true;
    });
    state.tail = run.finally(() => {
      state.queued--;
      if (state.queued === 0) this.chats.delete(key);
    });
    return state.tail;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    // Rows still waiting for a rate slot (or a pause to end) go back to the outbox now.
    this.limiter.releaseWaiters();
    this.signal.wake();
    const finishing = this.loopDone;
    this.limiter.releaseWaiters(); // rows claimed by the last round, if they started waiting
    await finishing;
    await Promise.all(this.adopted);
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    await this.presenceRunning;
    await this.flush();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.limiter.close();
    if (this.lastPresence > -Infinity) {
      await this.services.store.call('sender_leave', { worker: this.workerId }).catch(() => undefined);
    }
    this.stopping = false;
  }

  private async loop(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      let claimed = 0;
      if (performance.now() - this.lastRoundAt >= this.pollMs) this.dueMaybe = true;
      try {
        await this.refreshPresence();
        if (this.dueMaybe) {
          // Cleared before claiming: a wake while the claims run sets it again.
          this.dueMaybe = false;
          this.lastRoundAt = performance.now();
          claimed = await this.claimRound(inFlight);
        }
      } catch (error) {
        this.dueMaybe = true;
        this.services.log.error({ err: error }, 'sender round failed');
        await this.signal.wait(this.pollMs * 8);
        continue;
      }
      if (claimed === 0 || !this.dueMaybe) await this.signal.wait(this.pollMs);
    }
    // Finish what was claimed (sends in flight complete; queued ones are still sent).
    await Promise.all(inFlight);
  }

  /** One pipeline step: claim for each channel group what it can send soon. */
  private async claimRound(inFlight: Set<Promise<void>>): Promise<number> {
    const uncapped = this.channels.filter((c) => !this.limiter.isCapped(c));
    const capped = this.channels.filter((c) => this.limiter.isCapped(c));
    let total = 0;
    const spawn = (rows: Claimed[]) => {
      for (const claimed of rows) {
        // Room for new claims appears when outcomes are recorded (flush wakes the loop).
        const p = this.inChatOrder(claimed).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      total += rows.length;
    };
    // Full of bulk rows: still take live replies (the limiter and the reserved send slots serve
    // them first), but look for them at most every poll interval, not on every wake-up, and not
    // when what it holds is live already (a live backlog: more would only wait past the lease).
    const liveDue = performance.now() - this.lastLiveClaim >= Math.max(this.pollMs, 100);
    let full = false;
    if (uncapped.length > 0) {
      const room = this.batchSize * 2 - uncapped.reduce((n, c) => n + this.outstandingOn(c), 0);
      if (room > 0) spawn(await this.claim(uncapped, Math.min(room, this.batchSize)));
      else this.dueMaybe = true; // full: look again when outcomes free room
      if (room <= 0 && liveDue && this.roomForLive(uncapped)) {
        full = true;
        spawn(await this.claim(uncapped, this.concurrency, BULK_PRIORITY - 1));
      }
    }
    // A sender that just joined sends no bulk rows on capped channels for two heartbeats: by
    // then every other sender has seen it and lowered its own share, so the sum stays at the cap.
    const settled = performance.now() - this.joinedAt >= this.presenceMs * 2;
    for (const channel of capped) {
      const room = settled ? this.aheadOn(channel) - this.outstandingOn(channel) : 0;
      if (room > 0) spawn(await this.claim([channel], Math.min(room, this.batchSize)));
      else this.dueMaybe = true;
      if (room <= 0 && liveDue && this.roomForLive([channel])) {
        full = true;
        spawn(await this.claim([channel], this.concurrency, BULK_PRIORITY - 1));
      }
    }
    if (full) this.lastLiveClaim = performance.now();
    return total;
  }

  private outstandingOn(channel: ChannelId): number {
    return this.outstanding.get(channel) ?? 0;
  }

  /** Counts a row this sender holds (+1 when claimed or adopted, -1 when let go). */
  private hold(row: ClaimedOutbox, delta: 1 | -1): void {
    this.outstanding.set(row.channel, this.outstandingOn(row.channel) + delta);
    if (row.priority < BULK_PRIORITY) this.outstandingLive.set(row.channel, (this.outstandingLive.get(row.channel) ?? 0) + delta);
  }

  /** Whether a full sender may still claim live rows on `channels`: only while the rows it
   * holds there are mostly bulk. Full of live rows already, more claims would only make rows
   * wait past their lease (and be sent twice). */
  private roomForLive(channels: ChannelId[]): boolean {
    return channels.some((c) => (this.outstandingLive.get(c) ?? 0) < this.aheadOn(c));
  }

  /** Rows this sender may hold on `channel`: about claimAheadSeconds of sends on a capped
   * channel, and never more than an uncapped channel would hold. */
  private aheadOn(channel: ChannelId): number {
    if (!this.limiter.isCapped(channel)) return this.batchSize * 2;
    return Math.min(Math.ceil(this.limiter.perSecond(channel) * this.claimAheadSeconds) + this.concurrency, this.batchSize * 2);
  }

  private async claim(channels: ChannelId[], limit: number, maxPriority?: number): Promise<Claimed[]> {
    const rows = await this.services.store.call<ClaimedOutbox[]>(
      maxPriority === undefined ? 'outbox_claim' : 'outbox_claim_upto',
      {
        worker: this.workerId,
        channels,
        limit,
        lease_seconds: this.leaseSeconds,
        ...(maxPriority === undefined ? {} : { max_priority: maxPriority }),
      },
    );
    if (rows.length >= limit) this.dueMaybe = true;
    // Keep half the lease for sending and recording: a row whose lock may expire before its
    // outcome is recorded is left for the next claimer instead of being sent twice.
    const sendBy = performance.now() + this.leaseSeconds * 1000 * 0.5;
    for (const row of rows) {
      this.hold(row, 1);
      this.lostIds.delete(row.id);
    }
    return rows.map((row) => ({ row, sendBy }));
  }

  /** Seconds without a heartbeat after which a sender is taken for dead: four heartbeats and
   * two seconds (10 s by default), so a busy database or a GC pause is not a death. */
  private get ttlSeconds(): number {
    return this.presenceTtlSeconds ?? Math.ceil((this.presenceMs * 4) / 1000) + 2;
  }

  /** Heartbeat: stay alive (or learn that we were declared dead), the number of live senders
   * (rate shares) and remote channel pauses. One at a time. */
  private async refreshPresence(): Promise<void> {
    if (this.channels.length === 0) return;
    while (this.presenceRunning) await this.presenceRunning;
    const now = performance.now();
    if (now - this.lastPresence < this.presenceMs) return;
    this.presenceRunning = this.heartbeat(now).finally(() => (this.presenceRunning = undefined));
    await this.presenceRunning;
  }

  private async heartbeat(now: number): Promise<void> {
    this.lastPresence = now;
    const presence = await this.services.store.call<{
      senders: Record<string, number>;
      paused: Record<string, number>;
      alive_before: boolean;
      released: number;
      released_own: number[];
    }>('sender_presence', { worker: this.workerId, channels: this.channels, ttl_seconds: this.ttlSeconds });
    // Alive until one TTL after the heartbeat was sent, less a margin for clock and call delays.
    this.aliveUntil = now + this.ttlSeconds * 1000 - Math.min(this.presenceMs, 1000);
    if (presence.released_own.length > 0) {
      // We stalled past the TTL: another sender may own those rows now. Send none of them.
      for (const id of presence.released_own) this.lostIds.add(id);
      this.services.log.warn({ worker: this.workerId }, 'sender was taken for dead after a stall; its claimed rows were released');
    }
    if (presence.released > 0) {
      this.services.log.warn({ rows: presence.released }, 'released the in-flight rows of a dead sender');
      this.wake();
    }
    const capped = this.channels.filter((c) => this.limiter.isCapped(c));
    for (const channel of capped) {
      this.limiter.setShare(channel, 1 / Math.max(1, presence.senders[channel] ?? 1));
      const pausedMs = presence.paused[channel];
      if (pausedMs && pausedMs > 0) this.limiter.pause(channel, pausedMs);
    }
  }

  /** Why a claimed row must not be sent now, or null when it may. */
  private handBackReason(row: ClaimedOutbox, sendBy: number): string | null {
    if (this.lostIds.has(row.id)) return 'lost';
    if (this.stopping) return 'sender stopped before sending';
    const now = performance.now();
    // Waited too long (a long pause): another sender may own the row soon.
    if (now > sendBy) return 'lease nearly expired before sending';
    // Our heartbeat is late (a stall): other senders may be releasing our rows right now.
    if (this.lastPresence > -Infinity && now > this.aliveUntil) return 'heartbeat late';
    return null;
  }

  /** Waits for the rate limiter and a send slot, sends, and buffers the outcome. */
  private async process({ row, sendBy }: Claimed, handBack?: string): Promise<Completion['outcome'] | 'lost'> {
    let completion: Completion;
    let lost = false;
    try {
      const early = handBack ?? this.handBackReason(row, sendBy);
      const done = early ? () => {} : await this.limiter.acquire(row.channel, row.recipient, row.priority);
      const reason = early ?? this.handBackReason(row, sendBy);
      if (reason) {
        // Handed back unsent: the rate slot was not used, the row keeps its place.
        done(false);
        lost = reason === 'lost';
        completion = { id: row.id, outcome: 'release', error: reason };
      } else {
        try {
          const bulk = row.priority >= BULK_PRIORITY;
          await this.takeSlot(bulk);
          try {
            completion = await this.deliver(row);
          } finally {
            this.releaseSlot(bulk);
          }
        } finally {
          done();
        }
      }
    } catch (error) {
      completion = { id: row.id, outcome: 'retry', error: (error as Error).message, retry_in_ms: backoffMs(row.attempts) };
    }
    if (lost) {
      // Taken back by the database: not ours to record any more.
      this.lostIds.delete(row.id);
      this.hold(row, -1);
      if (this.dueMaybe) this.signal.wake();
      return 'lost';
    }
    this.buffer.push({ row, completion });
    if (this.buffer.length >= this.batchSize) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), 20);
    return completion.outcome;
  }

  /** Send slots bulk rows may use: a quarter stays free for live replies (a hung platform
   * holding every slot with broadcast sends must not keep an answer from a founder). */
  private get bulkSlots(): number {
    return Math.max(1, this.concurrency - Math.max(1, Math.floor(this.concurrency / 4)));
  }

  private takeSlot(bulk: boolean): Promise<void> {
    if (this.sending < this.concurrency && (!bulk || this.sendingBulk < this.bulkSlots)) {
      this.sending++;
      if (bulk) this.sendingBulk++;
      return Promise.resolve();
    }
    return new Promise((resolve) => (bulk ? this.bulkWaiters : this.liveWaiters).push(resolve));
  }

  private releaseSlot(bulk: boolean): void {
    this.sending--;
    if (bulk) this.sendingBulk--;
    const live = this.liveWaiters.shift();
    if (live) {
      this.sending++;
      live();
      return;
    }
    if (this.bulkWaiters.length > 0 && this.sending < this.concurrency && this.sendingBulk < this.bulkSlots) {
      this.sending++;
      this.sendingBulk++;
      this.bulkWaiters.shift()!();
    }
  }

  /** Records buffered outcomes in one database call (one call at a time). */
  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = (async () => {
      try {
        await this.services.store.call('outbox_complete', { worker: this.workerId, results: batch.map((b) => b.completion) });
      } catch (error) {
        // The rows stay locked to us until the lease ends, then another claim resends them:
        // a possible duplicate, never a loss.
        this.services.log.error({ err: error, rows: batch.length }, 'recording delivery outcomes failed');
      }
      this.recorded(batch);
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
    // Room freed: worth a claim only when the last one was cut short.
    if (this.dueMaybe) this.signal.wake();
  }

  /**
   * Hands the buffered outcomes to a database call that runs anyway (the inbox's
   * `inbox_put_claim`), so they are recorded without a call of their own: on the embedded
   * database that call would wait its turn on the one connection in front of the next update.
   * Null when nothing is buffered or a flush is under way (outcomes are recorded one batch at
   * a time, so sent replies are numbered in the order they went out). Exactly one `settle`
   * must follow: `true` once the call recorded them, `false` when it failed (they are buffered
   * again and flushed on their own).
   *
   * @example
   * const outcomes = sender.takeOutcomes();
   * await store.call('inbox_put_claim', { ..., outcomes: outcomes?.args }).then(() => outcomes?.settle(true), () => outcomes?.settle(false));
   */
  takeOutcomes(): RecordableOutcomes | null {
    if (this.buffer.length === 0 || this.flushing) return null;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    let done!: () => void;
    const flushing = new Promise<void>((resolve) => (done = resolve));
    this.flushing = flushing;
    let open = true;
    return {
      args: { worker: this.workerId, results: batch.map((b) => b.completion) },
      settle: (recorded) => {
        if (!open) return;
        open = false;
        if (this.flushing === flushing) this.flushing = undefined;
        done();
        if (recorded) {
          this.recorded(batch);
          if (this.dueMaybe) this.signal.wake();
          return;
        }
        this.buffer = [...batch, ...this.buffer];
        void this.flush();
      },
    };
  }

  /** After a batch of outcomes was recorded (or its recording failed and was logged). */
  private recorded(batch: readonly { row: ClaimedOutbox; completion: Completion }[]): void {
    for (const { row } of batch) this.hold(row, -1);
    // A row handed back or to retry is due again (at once, or at its retry time).
    if (batch.some((b) => b.completion.outcome === 'release' || b.completion.outcome === 'retry')) this.dueMaybe = true;
    this.notifyDelivered(batch);
  }

  private notifyDelivered(batch: readonly { row: ClaimedOutbox; completion: Completion }[]): void {
    const byChannel = new Map<ChannelId, Recipient[]>();
    for (const { row, completion } of batch) {
      if (completion.outcome !== 'sent') continue;
      const list = byChannel.get(row.channel) ?? [];
      list.push({ channel: row.channel, chatId: row.recipient, outboxId: row.id });
      byChannel.set(row.channel, list);
    }
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
        result = { status: 'retry', retryInMs: backoffMs(row.attempts), error: (error as Error).message };
      }
    }
    const log = this.services.log;
    switch (result.status) {
      case 'sent':
        return { id: row.id, outcome: 'sent', ...(result.platformMessageId ? { platform_message_id: result.platformMessageId } : {}) };
      case 'retry':
        // A bot-wide "slow down" says nothing about this message: it never counts toward giving up.
        if (result.pauseChannel) this.pauseChannel(row.channel, result.retryInMs);
        else if (row.attempts >= this.maxAttempts) {
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

  /** A bot-wide limit (Telegram 429): hold this process's sends and tell the other senders. */
  private pauseChannel(channel: ChannelId, ms: number): void {
    this.limiter.pause(channel, ms);
    this.services.store
      .call('channel_pause', { channel, ms: Math.ceil(ms), reason: 'rate limited by the platform' })
      .catch((error: unknown) => this.services.log.warn({ err: error, channel }, 'could not record channel pause'));
  }
}
