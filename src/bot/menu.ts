/**
 * The main menu: the answer to a greeting, to `/start`, to "menu", and (until the knowledge
 * base lands) to any other text. Its buttons lead to the features; a button whose feature is not
 * installed gets a polite "coming soon" and the menu again.
 *
 * @example
 * turn.reply(mainMenu(turn.t)); // text + five buttons
 */
import type { Translator } from '../content/messages.js';
import { foldWords } from '../knowledge/fold.js';
import type { Outbound } from './outbound.js';
import type { Feature } from './router.js';

/** Button payloads of the main menu; features handle the ones that are theirs. */
export const MENU_PAYLOADS = {
  programmes: 'menu:programmes',
  booking: 'menu:booking',
  surveys: 'menu:surveys',
  ask: 'menu:ask',
  staff: 'menu:staff',
} as const;

/** The menu message, with `intro` as its text (the greeting by default). */
export function mainMenu(t: Translator, intro = t('menu.prompt')): Outbound {
  return {
    text: intro,
    buttons: [
      { label: t('menu.programmes'), payload: MENU_PAYLOADS.programmes },
      { label: t('menu.booking'), payload: MENU_PAYLOADS.booking },
      { label: t('menu.surveys'), payload: MENU_PAYLOADS.surveys },
      { label: t('menu.ask'), payload: MENU_PAYLOADS.ask },
      { label: t('menu.staff'), payload: MENU_PAYLOADS.staff },
    ],
  };
}

const GREETINGS = new Set(['xin chao', 'chao', 'chao ban', 'hi', 'hello', 'hey', 'alo', 'menu', 'start', '/start', '/menu', 'bat dau']);

/** True for "xin chào", "Chào bạn!", "hello", "/start" and the like, with or without diacritics. */
export function isGreeting(text: string): boolean {
  const folded = foldWords(text);
  return GREETINGS.has(folded) || folded.startsWith('/start');
}

/** Answers greetings and `/lang`, and is the last resort for anything no other feature took. */
export const menuFeature: Feature = {
  name: 'menu',
  order: 100,
  async handle(turn) {
    const { event, t } = turn;
    if (event.kind === 'text') {
      const lang = /^\/lang\s+(vi|en)\b/i.exec(event.text.trim());
      if (lang) {
        turn.setLocale(lang[1]!.toLowerCase() as 'vi' | 'en');
        turn.reply(mainMenu(turn.t, turn.t('menu.again')));
        return;
      }
      turn.reply(mainMenu(t, isGreeting(event.text) ? t('menu.prompt') : t('menu.again')));
      return;
    }
    if (event.kind === 'button' && Object.values(MENU_PAYLOADS).includes(event.payload as never)) {
      turn.reply(mainMenu(t, t('menu.coming_soon')));
      return;
    }
    if (event.kind === 'reachability') return; // nothing to say to someone who left
    if (event.kind === 'unsupported' || event.kind === 'image' || event.kind === 'file' || event.kind === 'location') {
      turn.reply(mainMenu(t, t('error.unsupported')));
      return;
    }
    turn.reply(mainMenu(t, t('menu.again')));
  },
};
