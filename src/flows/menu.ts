/**
 * The main menu: the answer to a greeting, to `/start`, to "menu", and (until the knowledge
 * base lands) to any other text. Its buttons lead to the features; a button whose feature is not
 * installed gets a polite "coming soon" and the menu again.
 *
 * @example
 * turn.reply(mainMenu(turn.t)); // text + five buttons
 */
import type { Translator } from '../content/messages.js';
import { foldWords } from '../nlu/fold.js';
import type { Outbound } from '../bot/outbound.js';
import type { Feature } from '../bot/router.js';
import { payloadCodec } from '../bot/payload.js';
import { changeLanguage } from './language.js';

/** The main menu's button payloads (`menu:<item>`), declared once through the codec. */
export const menuPayloads = payloadCodec('menu', { programmes: [], booking: [], surveys: [], ask: [], staff: [] });

/** Button payloads of the main menu; features handle the ones that are theirs. */
export const MENU_PAYLOADS = {
  programmes: menuPayloads.encode('programmes'),
  booking: menuPayloads.encode('booking'),
  surveys: menuPayloads.encode('surveys'),
  ask: menuPayloads.encode('ask'),
  staff: menuPayloads.encode('staff'),
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

/** Answers greetings, `/lang` and main-menu buttons no other feature took; passes other text on. */
export const menuFeature: Feature = {
  name: 'menu',
  order: 50,
  async handle(turn, next) {
    const { event, t } = turn;
    if (event.kind === 'text') {
      const lang = /^\/lang\s+(vi|en)\b/i.exec(event.text.trim());
      if (lang) {
        changeLanguage(turn, lang[1]!.toLowerCase() as 'vi' | 'en');
        turn.reply(mainMenu(turn.t, turn.t('menu.again')));
        return;
      }
      if (isGreeting(event.text)) {
        turn.reply(mainMenu(t));
        return;
      }
      return next();
    }
    if (event.kind === 'button' && menuPayloads.decode(event.payload)) {
      turn.reply(mainMenu(t, t('menu.coming_soon')));
      return;
    }
    return next();
  },
};

/** The last resort: whatever no feature handled gets the menu (or a polite "can't read that"). */
export const fallbackFeature: Feature = {
  name: 'fallback',
  order: 1000,
  async handle(turn) {
    const { event, t } = turn;
    if (event.kind === 'reachability') return; // nothing to say to someone who left
    if (event.chatType === 'group') return; // never chatter in groups (the staff workspace)
    if (event.kind === 'unsupported' && event.what === 'edited_message') {
      turn.reply({ text: t('error.edited') }); // the founder fixed a typo: ask for it again
      return;
    }
    if (event.kind === 'unsupported' || event.kind === 'image' || event.kind === 'file' || event.kind === 'location') {
      turn.reply(mainMenu(t, t('error.unsupported')));
      return;
    }
    turn.reply(mainMenu(t, t('menu.again')));
  },
};
