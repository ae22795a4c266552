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
import { normalizeForMatching, plainLanguage } from '../nlu/index.js';
import { foldWords } from '../nlu/fold.js';

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

/** How sure the NLU must be that a message asks for another language to take it as a choice. */
const LANGUAGE_CHOICE_CONFIDENCE = 0.6;

/**
 * The language a typed message asks for ("switch to English please", "nói tiếng Việt đi",
 * "/lang en", "English"): a `language_change` read with its language and some confidence, or an
 * exact language word. For parts of the bot that see the text before the intents do (a talk with
 * staff relays it), so the founder's choice is not lost there. Undefined when it asks none.
 *
 * @example
 * typedLanguageChoice(turn); // 'en' for "switch to English please"
 */
export function typedLanguageChoice(turn: Turn): 'vi' | 'en' | undefined {
  const { event } = turn;
  if (event.kind !== 'text' || !event.text.trim()) return undefined;
  const command = /^\/lang(?:uage)?\s+(vi|en)\b/i.exec(event.text.trim());
  if (command) return command[1]!.toLowerCase() as 'vi' | 'en';
  if (event.text.trim().startsWith('/')) return undefined;
  const u = turn.services.nlu.understand(event.text.trim().slice(0, 500), { now: turn.services.clock() });
  const complained = complainedLanguage(event.text);
  if (complained) return complained === 'en' ? 'vi' : 'en';
  if (u.intent !== 'language_change' || u.unsure || u.confidence < LANGUAGE_CHOICE_CONFIDENCE) return undefined;
  return u.slots.language;
}

/** A language named in a text, folded: which one. */
const NAMED = String.raw`(tieng anh|english|tieng viet|vietnamese|tieng viet nam)`;
/**
 * A complaint about the language the bot speaks, folded: "ơ sao nói tiếng anh z", "sao lại trả
 * lời bằng tiếng Anh", "why are you speaking Vietnamese", "why is this in English", "mình ko
 * biết tiếng anh", "I can't read Vietnamese". Not "sao không nói tiếng Anh" (why not: a request).
 */
const COMPLAINT = new RegExp(
  String.raw`(?:^| )(?:sao|tai sao|why|how come)(?! (?:khong|ko|not|don t|dont|chua) )(?: \S+){0,5} ${NAMED}(?: |$)`
  + String.raw`|(?:^| )(?:khong|ko|hong|chang|chua) (?:biet|hieu|doc|doc duoc|ranh|gioi|thao|quen)(?: \S+){0,2} ${NAMED}(?: |$)`
  + String.raw`|(?:^| )(?:i|we) (?:don t|do not|can t|cannot|can not) (?:speak|read|understand)(?: \S+){0,2} ${NAMED}(?: |$)`,
);

/**
 * The language a message complains of ("ơ sao nói tiếng anh z" → 'en'), or undefined.
 *
 * @example
 * complainedLanguage('why are you speaking vietnamese') // 'vi'
 */
export function complainedLanguage(text: string): 'vi' | 'en' | undefined {
  for (const folded of [foldWords(normalizeForMatching(text)), foldWords(text)]) {
    const m = COMPLAINT.exec(folded);
    if (m) return /anh|english/.test(m[1] ?? m[2] ?? m[3] ?? '') ? 'en' : 'vi';
  }
  return undefined;
}

/**
 * The language a request to change it wants: the other one when it complains of one ("sao nói
 * tiếng anh" → Vietnamese), else the one it names, else the other of the conversation's.
 *
 * @example
 * wantedLanguage('ơ sao nói tiếng anh z', 'en', 'en') // 'vi'
 */
export function wantedLanguage(text: string, named: 'vi' | 'en' | undefined, current: 'vi' | 'en'): 'vi' | 'en' {
  const complained = complainedLanguage(text);
  if (complained) return complained === 'en' ? 'vi' : 'en';
  return named ?? (current === 'vi' ? 'en' : 'vi');
}
