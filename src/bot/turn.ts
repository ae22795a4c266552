/**
 * A `Turn` is the bot's handling of one inbox event. Handlers read the event, the conversation
 * state and the contact; they answer through `reply`, send elsewhere through `enqueue`, and ask
 * for database changes through `effect`. Nothing reaches the platform or the database until the
 * router is done: then state, effects, outbound messages and the event's status are committed in
 * one database call (`turn_commit`), or none of them is.
 *
 * @example
 * const handler: TurnHandler = async (turn, next) => {
 *   if (turn.event.kind !== 'text') return next();
 *   turn.reply({ text: turn.t('menu.prompt') });
 * };
 */
import type { Locale, Translator } from '../content/messages.js';
import type { Inbound } from './inbound.js';
import type { Outbound } from './outbound.js';
import type { Services } from './services.js';

export interface ConversationInfo {
  id: number;
  channel: Inbound['channel'];
  chatId: string;
  chatType: 'private' | 'group';
  contactId: number | null;
  identityId: number | null;
  /** When the previous inbound event of this conversation arrived (null on first contact). */
  lastInboundAt: string | null;
}

export interface ContactInfo {
  id: number;
  locale: Locale;
  displayName: string | null;
  profile: Record<string, unknown>;
  consentVersion: string | null;
  consentedAt: string | null;
  subscribed: boolean;
}

/** Conversation state: each feature keeps its part under its own key. */
export type ConversationState = Record<string, unknown> & { locale?: Locale };

/** An outbox row queued by a turn (to this conversation unless channel/recipient are given). */
export interface OutboxItem {
  payload: Outbound;
  channel?: Inbound['channel'];
  recipient?: string;
  conversation_id?: number;
  contact_id?: number;
  kind?: 'reply' | 'relay' | 'reminder' | 'broadcast' | 'staff' | 'notice';
  priority?: number;
  not_before?: string;
  dedupe_key?: string;
  source_id?: number;
}

export interface Effect {
  /** A `public.fx_*` SQL function taking one jsonb argument; it runs inside the turn's commit. */
  fn: `fx_${string}`;
  args: Record<string, unknown>;
}

export interface Turn {
  readonly event: Inbound;
  readonly inboxId: number;
  /** 1 on the first try; higher when the turn is retried after a failure. */
  readonly attempt: number;
  readonly conversation: ConversationInfo;
  readonly contact: ContactInfo | null;
  readonly services: Services;
  state: ConversationState;
  locale: Locale;
  t: Translator;
  /** Whether the inbound message goes into the message log (false before consent). */
  logInbound: boolean;
  /** Queues a reply to this conversation. */
  reply(message: Outbound): void;
  /** Queues any outbox row (staff group, another channel, a scheduled reminder). */
  enqueue(item: OutboxItem): void;
  /** Queues a database change committed atomically with the turn. */
  effect(fn: Effect['fn'], args?: Record<string, unknown>): void;
  /** Changes the language for the rest of this turn (and, via state, later turns). */
  setLocale(locale: Locale): void;
  readonly outbox: readonly OutboxItem[];
  readonly effects: readonly Effect[];
}

export type TurnHandler = (turn: Turn, next: () => Promise<void>) => Promise<void>;
