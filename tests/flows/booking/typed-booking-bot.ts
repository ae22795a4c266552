/**
 * A bot with only the booking feature and what typing needs (flows, intents, menu), on PGlite at
 * a clock the test moves, and the three moves its typed tests make: a new consenting founder, a
 * typed message, a pressed button (each returning the last reply to that founder).
 *
 * @example
 * const bot = typedBookingBot(SPACES, () => now, 'web-window');
 * beforeAll(bot.open); afterAll(bot.close);
 * const { chat } = await bot.founder(); await bot.say(chat, 'đặt bàn mai 9h');
 */
import { expect } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { createBookingFeature } from '../../../src/flows/booking/feature.js';
import type { SpacesContent } from '../../../src/flows/booking/spaces.js';
import { flowFeature } from '../../../src/flows/engine/index.js';
import { intentsFeature } from '../../../src/flows/intents/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

/** The booking conversation's flow as stored (the parts the typed tests look at). */
export interface BookingFlowState {
  id: string;
  step: string;
  answers: Record<string, unknown>;
  data?: { slots?: string[]; lengths?: number[] };
}

/** The payloads of a reply's buttons. @example expect(payloads(reply)).toContain('flow:confirm:yes') */
export function payloads(message: Outbound): string[] {
  return (message.buttons ?? []).map((b) => b.payload);
}

export interface TypedBookingBot {
  /** The database (valid after `open`). */
  readonly store: SqlStore;
  readonly harness: BotHarness;
  open(): Promise<void>;
  close(): Promise<void>;
  /** A new consenting founder (each test its own, so the per-founder limit never interferes). */
  founder(locale?: 'vi' | 'en'): Promise<{ chat: string; contactId: number }>;
  say(chat: string, text: string): Promise<Outbound>;
  press(chat: string, payload: string): Promise<Outbound>;
  /** The flow stored in the founder's web conversation, if one is open. */
  flow(chat: string): Promise<BookingFlowState | undefined>;
}

export function typedBookingBot(spaces: SpacesContent, clock: () => Date, chatPrefix: string): TypedBookingBot {
  let store: SqlStore | undefined;
  let harness: BotHarness | undefined;
  let chats = 0;
  const lastReply = async (chat: string, what: string): Promise<Outbound> => {
    const sent = (await harness!.settle()).filter((s) => s.to.chatId === chat);
    expect(sent.length, `an answer to ${what}`).toBeGreaterThan(0);
    return sent.at(-1)!.message;
  };
  return {
    get store() { return store!; },
    get harness() { return harness!; },
    async open() {
      store = await pgliteTestStore();
      harness = await botHarness({
        store,
        features: [flowFeature, createBookingFeature({ spaces }), intentsFeature, menuFeature, fallbackFeature],
        clock,
      });
    },
    async close() {
      await harness?.close();
      await store?.close();
    },
    async founder(locale = 'vi') {
      const chat = `${chatPrefix}-${String(++chats).padStart(10, '0')}`;
      return { chat, contactId: await harness!.consent('web', chat, locale) };
    },
    async say(chat, text) {
      await harness!.say('web', chat, text);
      return lastReply(chat, `"${text}"`);
    },
    async press(chat, payload) {
      await harness!.press('web', chat, payload);
      return lastReply(chat, payload);
    },
    async flow(chat) {
      const rows = await store!.query<{ state: { flow?: BookingFlowState } }>(
        `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
      );
      return rows[0]?.state.flow;
    },
  };
}
