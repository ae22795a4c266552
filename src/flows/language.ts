/**
 * The founder's language. Chosen (a language button, `/lang`, "switch to English", a language
 * asked for before consent): the conversation changes at once and the contact after consent (so
 * the next conversation, and broadcasts, use it too), and the choice is kept (`state.language`).
 * Not chosen: the language follows what the founder writes. A founder who said "hi" (read as
 * Vietnamese) and then writes full English sentences is answered in English from that message on,
 * and the other way round; a short or unclear message ("ok", "hi", "thanks", a name, a code)
 * changes nothing (`plainLanguage` in `src/nlu`). A choice always wins over what is written.
 *
 * @example
 * changeLanguage(turn, 'en');  // chosen: kept whatever the founder writes next
 * followWrittenLanguage(turn); // 'need the meeting room tomorrow at 3pm' after "hi": now 'en'
 */
import { z } from 'zod';
import type { Turn } from '../bot/turn.js';
import { plainLanguage } from '../nlu/index.js';

/** The state slice `language` (declared by the consent feature): whether the founder chose one. */
export const languageStateSchema = z.object({ chosen: z.boolean().optional() });

/** The language the founder chose: the conversation now, the contact after consent; kept as chosen. */
export function changeLanguage(turn: Turn, locale: 'vi' | 'en'): void {
  turn.setLocale(locale);
  turn.state.language = { chosen: true } satisfies z.infer<typeof languageStateSchema>;
  if (turn.contact?.consentedAt) turn.effect('fx_contact_locale', { locale });
}

/** Whether the founder chose the conversation's language (then what they write never changes it). */
export function languageChosen(turn: Turn): boolean {
  return languageStateSchema.safeParse(turn.state.language).data?.chosen === true;
}

/**
 * Follows the language of a typed message when the founder chose none: a message plainly in the
 * other language switches the conversation (and the contact after consent) and is answered in it.
 * Commands ("/start", "/lang") tell nothing. Returns the new language, or undefined.
 */
export function followWrittenLanguage(turn: Turn): 'vi' | 'en' | undefined {
  const { event } = turn;
  if (event.kind !== 'text' || event.text.trim().startsWith('/') || languageChosen(turn)) return undefined;
  const written = plainLanguage(event.text);
  if (!written || written === turn.locale) return undefined;
  turn.setLocale(written);
  if (turn.contact?.consentedAt) turn.effect('fx_contact_locale', { locale: written });
  return written;
}
