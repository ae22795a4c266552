/**
 * Helpers for tests that talk to the whole bot by typing in a web chat, as a founder would:
 * a fixed test day the spaces are open, and `say` / `press` returning what the bot answered.
 *
 * @example
 * const { say, press } = webChat(() => harness);
 * expect(payloads(await say('chat-1', 'đặt phòng họp mai 2h'))).toContain('flow:confirm:yes');
 */
import type { Outbound } from '../../src/bot/outbound.js';
import { loadSpaces } from '../../src/flows/booking/spaces.js';
import { addDays } from '../../src/flows/parse/date.js';
import type { SqlStore } from '../../src/store/store.js';
import type { BotHarness } from './bot.js';

/** The first Tuesday 02:00Z (09:00 in Hà Nội) from `from` with no closed day in the 8 days from it. */
export function openTuesday(from: Date): Date {
  const closed = new Set(loadSpaces('content').closedDates.map((d) => d.date));
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), 2));
  for (;;) {
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 2 && [...Array(8).keys()].every((i) => !closed.has(addDays(day, i)))) return d;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

/** `say` and `press` in a web chat of the harness `harness()` returns, each resolving with the bot's replies to that chat. */
export function webChat(harness: () => BotHarness): {
  say(chat: string, text: string): Promise<Outbound[]>;
  press(chat: string, payload: string): Promise<Outbound[]>;
} {
  const repliesTo = async (chat: string) => (await harness().settle()).filter((s) => s.to.chatId === chat).map((s) => s.message);
  return {
    async say(chat, text) {
      await harness().say('web', chat, text);
      return repliesTo(chat);
    },
    async press(chat, payload) {
      await harness().press('web', chat, payload);
      return repliesTo(chat);
    },
  };
}

/** The payloads of every button in `messages`, in order. */
export function payloads(messages: Outbound[]): string[] {
  return messages.flatMap((m) => m.buttons?.map((b) => b.payload) ?? []);
}

/** A web chat's flow state as the typed-conversation tests read it (`conversations.state.flow`). */
export interface TypedFlowState {
  id: string;
  step: string;
  answers: Record<string, unknown>;
  misses: number;
  pendingSwitch?: string;
  offered?: boolean;
}

/**
 * The flow state of web chat `chat`, or undefined when no flow runs.
 *
 * @example
 * expect(await flowStateOf(store, 'chat-1')).toMatchObject({ id: 'booking', step: 'slot' });
 */
export async function flowStateOf(store: SqlStore, chat: string): Promise<TypedFlowState | undefined> {
  const rows = await store.query<{ state: { flow?: TypedFlowState } }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  return rows[0]?.state.flow;
}

/**
 * A web chat's conversation language (its state) and its contact's stored language.
 *
 * @example
 * expect(await languagesOf(store, 'c1')).toEqual({ conversation: 'en', contact: 'en' });
 */
export async function languagesOf(store: SqlStore, chat: string): Promise<{ conversation: string | null; contact: string | null }> {
  const rows = await store.query<{ conversation: string | null; contact: string | null }>(
    `select c.state->>'locale' as conversation, k.locale as contact
       from public.conversations c left join public.contacts k on k.id = c.contact_id
      where c.channel = 'web' and c.chat_id = $1`, [chat]);
  return rows[0] ?? { conversation: null, contact: null };
}
