/**
 * The set-up every typed-founder test of this folder shares: a fresh migrated PGlite store and the
 * whole bot on it (default features, the project's content) at a fixed clock, made before the
 * file's tests and closed after them, with `say` / `press` in a web chat. Call it once at the top
 * level of a test file (it registers the file's `beforeAll` / `afterAll`).
 *
 * @example
 * const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
 * const { say } = bot;
 * it('books', async () => {
 *   await bot.harness.consent('web', 'c1', 'vi');
 *   expect(payloads(await say('c1', 'đặt bàn mai 9h 2 tiếng'))).toContain('flow:confirm:yes');
 *   expect(await flowStateOf(bot.store, 'c1')).toMatchObject({ id: 'booking' });
 * });
 */
import { afterAll, beforeAll } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';
import { webChat } from '../../support/typed-chat.js';

/** The bot of a typed-founder test file; `store` and `harness` exist from `beforeAll` on. */
export interface TypedBot {
  readonly store: SqlStore;
  readonly harness: BotHarness;
  /** Types `text` in web chat `chat`; resolves with the bot's replies to it. */
  say(chat: string, text: string): Promise<Outbound[]>;
  /** Presses `payload` in web chat `chat`; resolves with the bot's replies to it. */
  press(chat: string, payload: string): Promise<Outbound[]>;
  /** Closes the bot and its database and starts both afresh (rooms booked before are free again). */
  fresh(): Promise<void>;
}

/**
 * Registers the file's set-up and tear-down and returns the bot they manage.
 *
 * @example
 * const bot = typedBot(NOW);
 */
export function typedBot(now: Date): TypedBot {
  let store: SqlStore | undefined;
  let harness: BotHarness | undefined;
  const open = async () => {
    store = await pgliteTestStore();
    harness = await botHarness({ store, clock: () => now });
  };
  const close = async () => {
    await harness?.close();
    await store?.close();
  };
  beforeAll(open);
  afterAll(close);
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`typedBot: ${name} is made in beforeAll`);
    return value;
  };
  const chat = webChat(() => ready(harness, 'harness'));
  return {
    get store() {
      return ready(store, 'store');
    },
    get harness() {
      return ready(harness, 'harness');
    },
    say: chat.say,
    press: chat.press,
    async fresh() {
      await close();
      await open();
    },
  };
}
