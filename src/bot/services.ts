/**
 * What every part of the bot can reach: settings, the store, the message catalogue, a clock,
 * the logger and the channel adapters. Built once by `createBot` and passed down.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { MessageCatalog } from '../content/messages.js';
import type { Nlu } from '../nlu/index.js';
import type { Store } from '../store/store.js';
import type { ChannelAdapter } from './channels/channel.js';
import type { ChannelId } from './inbound.js';
import type { ClaimedOutbox, OutboxLease } from './sender.js';

/** The sender as the dispatcher sees it: a committed turn's replies go to it without a claim. */
export interface DirectDelivery {
  /** The lease `turn_commit` should take (null: leave the rows to the sender's claims). */
  leaseRequest(): OutboxLease | null;
  /** Sends rows `turn_commit` leased. */
  adopt(rows: readonly ClaimedOutbox[]): void;
}

export interface Services {
  config: Config;
  store: Store;
  log: Logger;
  messages: MessageCatalog;
  /** Now; tests replace it to move time. */
  clock: () => Date;
  /** Understanding what founders type (intents, slots, confidence), trained once per bot at start-up. */
  nlu: Nlu;
  channels: ReadonlyMap<ChannelId, ChannelAdapter>;
  /** Nudges the sender after new outbox rows were committed (it also polls). */
  wakeSender: () => void;
  /** Nudges the dispatcher after an inbox event was stored, for that chat when known (it also polls). */
  wakeDispatcher: (conversation?: { channel: string; chatId: string }) => void;
  /** This process's sender, for replies sent straight after their turn commits. */
  delivery?: DirectDelivery;
  /**
   * This bot's own registries and loaded content (flows, deep links, catalogues, settings), one
   * per bot instance: two bots in one process never see each other's. Features declare a
   * `botSlot` and reach it with `services.slots.get(slot)`.
   */
  slots: BotSlots;
}

/** A typed key of a per-bot value; `create` makes the bot's value the first time it is asked for. */
export interface BotSlot<T> {
  readonly name: string;
  readonly create: () => T;
}

/**
 * Declares a per-bot value (a registry, a loaded catalogue) owned by a feature module.
 *
 * @example
 * const FLOWS = botSlot('flows', () => new Map<string, FlowDefinition>());
 * services.slots.get(FLOWS).set('profile', profileFlow);
 */
export function botSlot<T>(name: string, create: () => T): BotSlot<T> {
  return { name, create };
}

/**
 * The per-bot values of one bot: created on first use, never shared with another bot.
 *
 * @example
 * const slots = new BotSlots();
 * slots.get(FLOWS) === slots.get(FLOWS); // true; another BotSlots gets its own
 */
export class BotSlots {
  readonly #values = new Map<BotSlot<unknown>, unknown>();

  /** This bot's value of `slot`, created on first use. @example services.slots.get(DEEP_LINKS) */
  get<T>(slot: BotSlot<T>): T {
    if (!this.#values.has(slot)) this.#values.set(slot, slot.create());
    return this.#values.get(slot) as T;
  }
}
