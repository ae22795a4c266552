/**
 * The NLU's reading of the turn's typed text, computed once per turn and text however many
 * features ask (the flow engine for an interruption, the intents feature, the handoff).
 *
 * @example
 * const u = understandTurn(turn); // undefined for a button press or an empty text
 * if (u && !u.unsure && u.intent === 'kb_question') …
 */
import type { Turn } from '../../bot/turn.js';
import type { IntentName, Understanding } from '../../nlu/index.js';

const memo = new WeakMap<Turn, { text: string; understanding: Understanding }>();

/**
 * The understanding of `text` (default: the turn's typed text), or undefined when there is none.
 *
 * @example
 * understandTurn(turn)?.intent // 'booking_new'
 */
export function understandTurn(turn: Turn, text?: string): Understanding | undefined {
  const typed = (text ?? (turn.event.kind === 'text' ? turn.event.text : '')).trim();
  if (!typed || typed.startsWith('/')) return undefined;
  const cached = memo.get(turn);
  if (cached && cached.text === typed) return cached.understanding;
  const understanding = turn.services.nlu.understand(typed.slice(0, 500), { now: turn.services.clock() });
  memo.set(turn, { text: typed, understanding });
  return understanding;
}

/** Intents that ask the bot to do something (start a feature), as opposed to chat and questions. */
export const ACTION_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>([
  'programme_find', 'programme_apply', 'application_status', 'booking_new', 'booking_list', 'booking_cancel',
  'booking_move', 'survey_take', 'handoff_request', 'profile_show', 'forget_me', 'language_change', 'unsubscribe',
  'subscribe',
]);

/** Chat and "not ours": never a request to act on, nor a question for the documents. */
export const CHAT_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>(['greeting', 'thanks', 'goodbye', 'out_of_scope']);
