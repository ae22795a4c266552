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
  /** Releases the bot's value when the bot stops (a thread, a timer); only values that were created. */
  readonly close?: (value: T) => Promise<void> | void;
}

/**
 * Declares a per-bot value (a registry, a loaded catalogue) owned by a feature module; `close`
 * releases what the value holds when its bot stops.
 *
 * @example
 * const FLOWS = botSlot('flows', () => new Map<string, FlowDefinition>());
 * services.slots.get(FLOWS).set('profile', profileFlow);
 * const THREAD = botSlot('thread', () => ({ worker: null as Worker | null }), { close: (t) => t.worker?.terminate() });
 */
export function botSlot<T>(name: string, create: () => T, options: { close?: (value: T) => Promise<void> | void } = {}): BotSlot<T> {
  return { name, create, close: options.close };
}

/**
 * The per-bot values of one bot: created on first use, never shared with another bot.
 *
 * @example
 * const slots = new BotSlots();
 * slots.get(FLOWS) === slots.get(FLOWS); // true; another BotSlots gets its own
 */
export class BotSlots {
  /** By slot: the bot's value, and how to release it. */
  readonly #values = new Map<object, { value: unknown; close?: () => Promise<void> | void }>();

  /** This bot's value of `slot`, created on first use. @example services.slots.get(DEEP_LINKS) */
  get<T>(slot: BotSlot<T>): T {
    let entry = this.#values.get(slot);
    if (!entry) {
      const value = slot.create();
      const close = slot.close;
      this.#values.set(slot, (entry = { value, close: close && (() => close(value)) }));
    }
    return entry.value as T;
  }

  /**
   * Releases the values whose slot has `close` (the bot stops); every one is closed even when
   * another fails, and the first failure is thrown after.
   *
   * @example
   * await services.slots.close();
   */
  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const { close } of this.#values.values()) {
      try {
        await close?.();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
