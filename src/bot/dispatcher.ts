/**
 * The dispatcher turns inbox events into committed turns. It claims conversations with due
 * events in the database (so several processes share the work and one conversation is never
 * handled by two of them at once), routes one event per conversation at a time (order holds
 * within a conversation, conversations run in parallel), and commits each turn in one call.
 * A failing turn is retried with exponential backoff and finally parked with its error; the
 * founder is told something went wrong rather than left without an answer.
 *
 * @example
 * const dispatcher = new Dispatcher(services, router, { concurrency: 8 });
 * dispatcher.start();
 * // ... later
 * await dispatcher.stop();
 */
import { randomUUID } from 'node:crypto';
import { localeFromTag, translator, type Locale } from '../content/messages.js';
import { ConflictError } from '../store/errors.js';
import type { Inbound } from './inbound.js';
import type { Outbound } from './outbound.js';
import type { Router } from './router.js';
import type { Services } from './services.js';
import { TurnCommitter, type TurnCommitArgs, type TurnCommitResult } from './turn-committer.js';
import type { ContactInfo, ConversationInfo, ConversationState, Effect, OutboxItem, Turn } from './turn.js';
import { WakeUp } from './wakeup.js';

export interface DispatcherOptions {
  /** Conversations handled at once by this process (default `DISPATCH_CONCURRENCY`). */
  concurrency?: number;
  /** Attempts before an event is parked (default `TURN_MAX_ATTEMPTS`). */
  maxAttempts?: number;
  /** How long a claim lasts; a crashed process's conversations are free again after it. */
  leaseSeconds?: number;
  /** Idle poll interval in ms (default `POLL_INTERVAL_MS`). */
  pollMs?: number;
  workerId?: string;
  /**
   * Commits a finished turn. Default: a `TurnCommitter` of its own; the bot passes its
   * `InboxWriter.commit`, so turns ride along with the events it stores (one call at a time).
   */
  commit?: (turn: TurnCommitArgs) => Promise<TurnCommitResult>;
}

/** A claimed event as `dispatch_claim` returns it. */
export interface ClaimedEvent {
  inbox_id: number;
  attempts: number;
  received_at: string;
  payload: Inbound;
  conversation: {
    id: number;
    channel: Inbound['channel'];
    chat_id: string;
    chat_type: 'private' | 'group';
    state: ConversationState;
    version: number;
    contact_id: number | null;
    identity_id: number | null;
    last_inbound_at: string | null;
  };
  contact: {
    id: number;
    locale: Locale;
    display_name: string | null;
    profile: Record<string, unknown>;
    consent_version: string | null;
    consented_at: string | null;
    subscribed: boolean;
  } | null;
}

/**
 * Room in this process's dispatcher, lent to the call that stores events (`inbox_put_claim`):
 * `args` are that call's claim arguments; exactly one of `adopt` (with what the call claimed)
 * or `cancel` (the call failed) must follow, which gives the room back.
 */
export interface DirectClaim {
  args: { worker: string; limit: number; lease_seconds: number };
  adopt(events: ClaimedEvent[]): void;
  cancel(): void;
}

function conversationKey(channel: string, chatId: string): string {
  return `${channel}\u0000${chatId}`;
}

/** Seconds to wait before retry `attempt` (1-based): 2, 4, 8, ... capped at 5 minutes. */
export function backoffSeconds(attempt: number): number {
  return Math.min(2 ** attempt, 300);
}

/** Builds the `Turn` for a claimed event. Exported for tests of single features. */
export function createTurn(services: Services, claimed: ClaimedEvent): Turn {
  const outbox: OutboxItem[] = [];
  const effects: Effect[] = [];
  const state: ConversationState = structuredClone(claimed.conversation.state ?? {});
  const contact: ContactInfo | null = claimed.contact && {
    id: claimed.contact.id,
    locale: claimed.contact.locale,
    displayName: claimed.contact.display_name,
    profile: claimed.contact.profile ?? {},
    consentVersion: claimed.contact.consent_version,
    consentedAt: claimed.contact.consented_at,
    subscribed: claimed.contact.subscribed,
  };
  const conversation: ConversationInfo = {
    id: claimed.conversation.id,
    channel: claimed.conversation.channel,
    chatId: claimed.conversation.chat_id,
    chatType: claimed.conversation.chat_type,
    contactId: claimed.conversation.contact_id,
    identityId: claimed.conversation.identity_id,
    lastInboundAt: claimed.conversation.last_inbound_at,
  };
  const locale: Locale =
    state.locale ??
    (contact?.consentedAt ? contact.locale : undefined) ??
    localeFromTag(claimed.payload.locale) ??
    services.config.DEFAULT_LOCALE;
  const turn: Turn = {
    event: claimed.payload,
    inboxId: claimed.inbox_id,
    attempt: claimed.attempts,
    conversation,
    contact,
    services,
    state,
    locale,
    t: translator(services.messages, locale),
    logInbound: Boolean(contact?.consentedAt),
    outbox,
    effects,
    reply(message: Outbound) {
      outbox.push({ payload: message.locale ? message : { ...message, locale: turn.locale } });
    },
    enqueue(item: OutboxItem) {
      outbox.push(item);
    },
    effect(fn, args = {}) {
      effects.push({ fn, args });
    },
    setLocale(next: Locale) {
      turn.locale = next;
      turn.t = translator(services.messages, next);
      turn.state.locale = next;
    },
  };
  return turn;
}

export class Dispatcher {
  readonly workerId: string;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly leaseSeconds: number;
  private readonly pollMs: number;
  private readonly signal = new WakeUp();
  private readonly commitTurn: (turn: TurnCommitArgs) => Promise<TurnCommitResult>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Conversations being handled here (channel + chat), and those that got an event meanwhile. */
  private readonly busy = new Set<string>();
  private readonly arrivedWhileBusy = new Set<string>();
  /**
   * Whether a claim may find something. An empty claim costs a database call, and on the
   * embedded database every call waits its turn on the one connection: claiming after every
   * finished turn made three claims per update. So claim only when an event arrived, the last
   * claim was cut short by capacity, a turn failed (its retry may be due), or a poll interval
   * passed (another process may have written).
   */
  private dueMaybe = true;
  private lastClaimAt = -Infinity;
  /** Slots lent to calls storing events (`directClaim`) and not yet given back. */
  private reserved = 0;
  private readonly lent = new Set<Promise<void>>();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    private readonly router: Router,
    options: DispatcherOptions = {},
  ) {
    const { config } = services;
    this.concurrency = options.concurrency ?? config.DISPATCH_CONCURRENCY;
    this.maxAttempts = options.maxAttempts ?? config.TURN_MAX_ATTEMPTS;
    this.leaseSeconds = options.leaseSeconds ?? 120;
    this.pollMs = options.pollMs ?? config.POLL_INTERVAL_MS;
    this.workerId = options.workerId ?? `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
    const committer = options.commit ? undefined : new TurnCommitter(services.store);
    this.commitTurn = options.commit ?? ((turn) => committer!.commit(turn));
  }

  /** Claims and processes what is due now; resolves when those turns are done. Returns the count. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.concurrency);
    await Promise.all(claimed.map((event) => this.process(event)));
    return claimed.length;
  }

  /** Processes until no event is due (tests and the CLI). */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const n = await this.runOnce();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  /**
   * Tells the dispatcher an event was stored (for `conversation`, when known), so it claims
   * without waiting for the next poll.
   *
   * @example
   * dispatcher.wake({ channel: 'telegram', chatId: '42' });
   */
  wake(conversation?: { channel: string; chatId: string }): void {
    this.dueMaybe = true;
    if (conversation) {
      const key = conversationKey(conversation.channel, conversation.chatId);
      if (this.busy.has(key)) this.arrivedWhileBusy.add(key);
    }
    this.signal.wake();
  }

  /**
   * Lends the free slots to a call that stores events and claims their conversations in the
   * same transaction (`InboxWriter`); null when none is free or the dispatcher is not running.
   *
   * @example
   * const claim = dispatcher.directClaim();
   * if (claim) claim.adopt(await store.call('inbox_put_claim', { events, ...claim.args }).claimed);
   */
  directClaim(): DirectClaim | null {
    const free = this.concurrency - this.inFlight.size - this.reserved;
    if (!this.running || free <= 0) return null;
    this.reserved += free;
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    this.lent.add(settled);
    let open = true;
    const giveBack = () => {
      if (!open) return false;
      open = false;
      this.reserved -= free;
      this.lent.delete(settled);
      settle();
      return true;
    };
    return {
      args: { worker: this.workerId, limit: free, lease_seconds: this.leaseSeconds },
      adopt: (events) => {
        if (!giveBack()) return;
        for (const event of events) this.run(event);
      },
      cancel: () => {
        if (giveBack()) this.signal.wake();
      },
    };
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
    // Events claimed by a storing call still under way are this process's to finish.
    await Promise.all(this.lent);
    await Promise.all(this.inFlight);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const capacity = this.concurrency - this.inFlight.size - this.reserved;
      if (performance.now() - this.lastClaimAt >= this.pollMs) this.dueMaybe = true;
      let claimed: ClaimedEvent[] = [];
      if (capacity > 0 && this.dueMaybe) {
        // Cleared before the call: an event stored while it runs sets it again.
        this.dueMaybe = false;
        this.lastClaimAt = performance.now();
        try {
          claimed = await this.claim(capacity);
        } catch (error) {
          this.dueMaybe = true;
          this.services.log.error({ err: error }, 'dispatch claim failed');
          await this.signal.wait(this.pollMs * 8);
          continue;
        }
        if (claimed.length >= capacity) this.dueMaybe = true;
      }
      for (const event of claimed) this.run(event);
      if (claimed.length === 0 || !this.dueMaybe) await this.signal.wait(this.pollMs);
    }
  }

  /** Processes a claimed event in the background, its conversation marked busy meanwhile. */
  private run(event: ClaimedEvent): void {
    const key = conversationKey(event.conversation.channel, event.conversation.chat_id);
    this.busy.add(key);
    const task: Promise<void> = this.process(event).finally(() => {
      this.inFlight.delete(task);
      this.busy.delete(key);
      // The conversation's next event became claimable, or a slot freed for waiting work.
      if (this.arrivedWhileBusy.delete(key)) this.dueMaybe = true;
      if (this.dueMaybe) this.signal.wake();
    });
    this.inFlight.add(task);
  }

  private claim(limit: number): Promise<ClaimedEvent[]> {
    return this.services.store.call<ClaimedEvent[]>('dispatch_claim', {
      worker: this.workerId,
      limit,
      lease_seconds: this.leaseSeconds,
    });
  }

  /**
   * Processes `first`, then each next event of its conversation that its commit claimed
   * (`turn_commit_chain`): the conversation keeps its slot while it has work.
   */
  private async process(first: ClaimedEvent): Promise<void> {
    let claimed: ClaimedEvent | undefined = first;
    while (claimed) claimed = await this.processOne(claimed);
  }

  /** Routes and commits one event; returns the conversation's next event when the commit claimed one. */
  private async processOne(claimed: ClaimedEvent): Promise<ClaimedEvent | undefined> {
    const { log } = this.services;
    const turn = createTurn(this.services, claimed);
    const context = { inboxId: claimed.inbox_id, conversationId: claimed.conversation.id, kind: claimed.payload.kind };
    const dropped = this.router.checkState(turn.state);
    if (dropped.length) log.warn({ ...context, slices: dropped }, 'state_slices_dropped: stored by an older version');
    try {
      await this.router.route(turn);
      // The replies go straight to this process's sender, leased in the commit: no second claim.
      const lease = turn.outbox.length > 0 ? (this.services.delivery?.leaseRequest() ?? null) : null;
      const committed = await this.commitTurn({
        inbox_id: claimed.inbox_id,
        worker: this.workerId,
        version: claimed.conversation.version,
        state: turn.state,
        outbound: turn.outbox,
        effects: turn.effects,
        log_inbound: turn.logInbound,
        lease,
        // A stopping dispatcher takes no new work; one that runs goes on with the conversation.
        ...(this.running ? { next: this.leaseSeconds } : {}),
      });
      const leased = committed.leased ?? [];
      log.debug({ ...context, replies: turn.outbox.length, leased: leased.length }, 'turn committed');
      if (leased.length > 0) this.services.delivery?.adopt(leased);
      if (turn.outbox.length > leased.length) this.services.wakeSender();
      return committed.next;
    } catch (error) {
      await this.fail(claimed, turn, error, context);
      return undefined;
    }
  }

  private async fail(
    claimed: ClaimedEvent,
    turn: Turn,
    error: unknown,
    context: Record<string, unknown>,
  ): Promise<void> {
    const { log, store } = this.services;
    const conflict = error instanceof ConflictError;
    const park = !conflict && claimed.attempts >= this.maxAttempts;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log[conflict ? 'warn' : 'error']({ ...context, attempt: claimed.attempts, park, err: error }, 'turn failed');
    try {
      await store.call('turn_fail', {
        inbox_id: claimed.inbox_id,
        worker: this.workerId,
        error: message,
        retry_in_seconds: conflict ? 0 : backoffSeconds(claimed.attempts),
        park,
      });
      if (park) {
        await store.call('outbox_enqueue', {
          items: [{ payload: { text: turn.t('error.generic') }, kind: 'notice' }],
          conversation_id: claimed.conversation.id,
        });
        this.services.wakeSender();
      }
    } catch (failError) {
      // The lease expires on its own; the event is then claimed again.
      log.error({ ...context, err: failError }, 'could not record turn failure');
    }
    // A conflict is retried at once; look again when this turn's slot frees.
    this.dueMaybe = true;
  }
}
