/**
 * Per-channel send rate limits for the outbox sender.
 *
 * - Overall rate per channel (Telegram 30/s, Zalo's OA rate): a sliding-window log in which a
 *   send counts from the moment it is allowed until one window after it *finished*. The
 *   platform sees each request somewhere between those two instants, so however the requests
 *   are delayed on the way (event-loop stalls, connection set-up), no one-second window at the
 *   platform ever holds more than the cap. (A token bucket would allow cap + bucket size, and
 *   counting only start times lets a delayed batch and a prompt one land in the same second.)
 * - Per chat (Telegram ~1/s per chat): a small token bucket for proactive messages (reminders,
 *   broadcasts), so a short run goes out at once while a long run to one chat is paced.
 * - Priorities: waiting sends are served lowest `priority` first (live replies 0, broadcasts
 *   100), so a long broadcast never delays an answer to a founder.
 * - Pauses: a platform-wide "slow down" (Telegram 429 `retry_after`) holds every send of the
 *   channel in this process until the pause ends.
 * - Shares: with several sender processes each takes `1 / n` of the channel's rate
 *   (`setShare`), n coming from the database's sender presence table.
 *
 * @example
 * const limiter = new RateLimiter({ telegram: { perSecond: 30, perChatPerSecond: 1 } });
 * const done = await limiter.acquire('telegram', '42', 0); // resolves when sending is allowed
 * try { await send(); } finally { done(); }
 */
import type { Config } from '../config.js';
import type { ChannelId } from './inbound.js';

export interface ChannelRate {
  /** Sends per second for the whole channel (all chats); omit or Infinity for no cap. */
  perSecond?: number;
  /** Sends per second to one chat. */
  perChatPerSecond?: number;
  /** Sends to one chat that may go out at once before per-chat pacing starts. */
  perChatBurst?: number;
  /**
   * Per-chat pacing applies from this priority on (default 10: reminders and broadcasts). Live
   * replies answer the founder's own message, so the founder paces them; holding an answer
   * back a second per extra message would only make the bot feel slow.
   */
  perChatFromPriority?: number;
}

export interface RateLimiterOptions {
  /** Added to every window (default 0: the window already ends a second after the send finished). */
  marginMs?: number;
  /** Milliseconds since some origin; tests may replace it. */
  now?: () => number;
}

/**
 * Called when the send is over (sent or failed); its slot in the window starts expiring then.
 * `release(false)` says the slot was not used (the row was handed back unsent): it is given
 * back at once, and so is the chat's token, so a hand-back costs no rate.
 */
export type Release = (used?: boolean) => void;

interface Waiter {
  chat: string;
  priority: number;
  seq: number;
  resolve: (release: Release) => void;
}

interface ChatBucket {
  tokens: number;
  at: number;
}

class ChannelLimiter {
  /** Finish times of completed sends, in order (finish times only grow). */
  private readonly log: number[] = [];
  private head = 0;
  /** Sends allowed and not finished yet: they count in every window until they finish. */
  private open = 0;
  private readonly waiters: Waiter[] = [];
  private readonly chats = new Map<string, ChatBucket>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private seq = 0;
  pausedUntil = 0;
  share = 1;

  constructor(
    private readonly rate: ChannelRate,
    private readonly marginMs: number,
    private readonly now: () => number,
  ) {}

  get waiting(): number {
    return this.waiters.length;
  }

  /** Sends per second this process may make (Infinity when uncapped). */
  get perSecond(): number {
    const base = this.rate.perSecond ?? Infinity;
    return base === Infinity ? Infinity : base * this.share;
  }

  acquire(chat: string, priority: number): Promise<Release> {
    return new Promise<Release>((resolve) => {
      const waiter: Waiter = { chat, priority, seq: this.seq++, resolve };
      // Keep waiters sorted by (priority, arrival); live replies jump ahead of broadcasts.
      let i = this.waiters.length;
      while (i > 0 && this.waiters[i - 1]!.priority > priority) i--;
      this.waiters.splice(i, 0, waiter);
      this.pump();
    });
  }

  pause(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    this.schedule(untilMs);
  }

  private windowOf(perSecond: number): { count: number; ms: number } {
    const count = Math.max(1, Math.floor(perSecond));
    return { count, ms: (count * 1000) / perSecond + this.marginMs };
  }

  /** When the overall window admits one more send: now, later, or Infinity (wait for a finish). */
  private globalReadyAt(now: number): number {
    const perSecond = this.perSecond;
    if (perSecond === Infinity) return now;
    const { count, ms } = this.windowOf(perSecond);
    while (this.head < this.log.length && this.log[this.head]! <= now - ms) this.head++;
    if (this.head > 4096) {
      this.log.splice(0, this.head);
      this.head = 0;
    }
    const finished = this.log.length - this.head;
    if (this.open + finished < count) return now;
    // Full: the oldest finished send leaves the window first; open sends only when they finish.
    return finished > 0 ? this.log[this.head]! + ms : Infinity;
  }

  private release(chat: string | undefined): Release {
    const capped = this.perSecond !== Infinity;
    if (capped) this.open++;
    let released = false;
    return (used = true) => {
      if (released) return;
      released = true;
      if (!used && chat !== undefined) this.refundChat(chat);
      if (capped) {
        this.open--;
        if (used) this.log.push(this.now());
      }
      if (this.waiters.length > 0) this.schedule(this.now());
    };
  }

  private refundChat(chat: string): void {
    const bucket = this.chats.get(chat);
    if (bucket) bucket.tokens += 1;
  }

  private pacesChat(priority: number): boolean {
    return priority >= (this.rate.perChatFromPriority ?? 10);
  }

  /** When `chat` may receive one more message. */
  private chatReadyAt(chat: string, now: number): number {
    const perChat = this.rate.perChatPerSecond;
    if (!perChat || perChat === Infinity) return now;
    const bucket = this.chats.get(chat);
    if (!bucket) return now;
    const burst = this.rate.perChatBurst ?? 1;
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * perChat) / 1000);
    return tokens >= 1 ? now : now + ((1 - tokens) * 1000) / perChat;
  }

  private takeChat(chat: string, now: number): void {
    const perChat = this.rate.perChatPerSecond;
    if (!perChat || perChat === Infinity) return;
    const burst = this.rate.perChatBurst ?? 1;
    const bucket = this.chats.get(chat) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * perChat) / 1000);
    this.chats.set(chat, { tokens: tokens - 1, at: now });
    if (this.chats.size > 50_000) this.pruneChats(now, burst, perChat);
  }

  private pruneChats(now: number, burst: number, perChat: number): void {
    const fullAfter = (burst * 1000) / perChat;
    for (const [chat, bucket] of this.chats) if (now - bucket.at > fullAfter) this.chats.delete(chat);
  }

  private pump(): void {
    const now = this.now();
    if (this.pausedUntil > now) return this.schedule(this.pausedUntil);
    let nextAt = Infinity;
    while (this.waiters.length > 0) {
      const globalAt = this.globalReadyAt(now);
      if (globalAt > now) {
        nextAt = Math.min(nextAt, globalAt);
        break;
      }
      // The first waiter (by priority) whose chat is ready gets the slot.
      let chosen = -1;
      for (let i = 0; i < this.waiters.length; i++) {
        const candidate = this.waiters[i]!;
        const at = this.pacesChat(candidate.priority) ? this.chatReadyAt(candidate.chat, now) : now;
        if (at <= now) {
          chosen = i;
          break;
        }
        nextAt = Math.min(nextAt, at);
      }
      if (chosen < 0) break;
      const [waiter] = this.waiters.splice(chosen, 1);
      const paced = this.pacesChat(waiter!.priority);
      if (paced) this.takeChat(waiter!.chat, now);
      waiter!.resolve(this.release(paced ? waiter!.chat : undefined));
    }
    if (this.waiters.length > 0 && nextAt < Infinity) this.schedule(nextAt);
  }

  private schedule(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, Math.ceil(at - this.now())));
  }

  /** Lets every waiting send go at once, uncounted (the sender is stopping and hands them back). */
  releaseWaiters(): void {
    for (const waiter of this.waiters.splice(0)) waiter.resolve(() => {});
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Rate limits of every channel this process sends on. */
export class RateLimiter {
  private readonly limiters = new Map<ChannelId, ChannelLimiter>();
  private readonly now: () => number;
  private readonly marginMs: number;

  constructor(
    private readonly rates: Partial<Record<ChannelId, ChannelRate>>,
    options: RateLimiterOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.marginMs = options.marginMs ?? 0;
  }

  private limiter(channel: ChannelId): ChannelLimiter {
    let limiter = this.limiters.get(channel);
    if (!limiter) {
      limiter = new ChannelLimiter(this.rates[channel] ?? {}, this.marginMs, this.now);
      this.limiters.set(channel, limiter);
    }
    return limiter;
  }

  /**
   * Resolves when a message to `chat` on `channel` may be sent (lower `priority` first) with
   * a function to call once the send is over.
   *
   * @example
   * const done = await limiter.acquire('telegram', '42', 100);
   * try { await adapter.send(to, message); } finally { done(); }
   */
  acquire(channel: ChannelId, chat: string, priority: number): Promise<Release> {
    return this.limiter(channel).acquire(chat, priority);
  }

  /**
   * Holds every send on `channel` for `ms` (a platform-wide 429).
   *
   * @example
   * limiter.pause('telegram', 5000);
   */
  pause(channel: ChannelId, ms: number): void {
    this.limiter(channel).pause(this.now() + ms);
  }

  /**
   * Milliseconds the channel is still paused for (0 when not paused).
   *
   * @example
   * if (limiter.pausedFor('telegram') > 0) console.log('waiting for Telegram');
   */
  pausedFor(channel: ChannelId): number {
    return Math.max(0, this.limiter(channel).pausedUntil - this.now());
  }

  /**
   * Sets this process's share of the channel's overall rate (1 / live senders).
   *
   * @example
   * limiter.setShare('telegram', 1 / 3); // three senders: 10/s each of Telegram's 30/s
   */
  setShare(channel: ChannelId, share: number): void {
    this.limiter(channel).share = Math.min(1, Math.max(share, 0.001));
  }

  /**
   * The sends per second this process may make on `channel` (Infinity when uncapped).
   *
   * @example
   * limiter.perSecond('web'); // Infinity
   */
  perSecond(channel: ChannelId): number {
    return this.limiter(channel).perSecond;
  }

  /**
   * True when `channel` has an overall cap (the sender then claims only what it can send soon).
   *
   * @example
   * limiter.isCapped('telegram'); // true
   */
  isCapped(channel: ChannelId): boolean {
    return (this.rates[channel]?.perSecond ?? Infinity) !== Infinity;
  }

  /**
   * Sends waiting for a slot on `channel`.
   *
   * @example
   * limiter.waiting('telegram'); // 12
   */
  waiting(channel: ChannelId): number {
    return this.limiters.get(channel)?.waiting ?? 0;
  }

  /**
   * Resolves every waiting `acquire` at once without counting it: for a sender that is stopping
   * and hands its unsent rows back instead of waiting out a pause.
   *
   * @example
   * limiter.releaseWaiters();
   */
  releaseWaiters(): void {
    for (const limiter of this.limiters.values()) limiter.releaseWaiters();
  }

  /** Stops timers (waiters are not resolved; the sender stops first). */
  close(): void {
    for (const limiter of this.limiters.values()) limiter.close();
  }
}

/**
 * The platform limits from the settings: Telegram overall and per chat, Zalo's OA rate; web
 * chat and Bot Framework uncapped.
 *
 * @example
 * const limiter = new RateLimiter(channelRates(config));
 */
export function channelRates(config: Config): Partial<Record<ChannelId, ChannelRate>> {
  return {
    telegram: {
      perSecond: config.TELEGRAM_RATE_PER_SECOND,
      perChatPerSecond: config.TELEGRAM_RATE_PER_CHAT_PER_SECOND,
      perChatBurst: 3,
    },
    zalo: { perSecond: config.ZALO_RATE_PER_SECOND },
  };
}
