/**
 * Typed buttons outside a flow (order 28, before the active flow, which matches its own): a
 * founder who types the label of a button of the bot's last message, or its number ("1"), gets
 * exactly what pressing it does: "hủy lịch K7QX2M" → the confirmation → "1" (or "ừ hủy đi")
 * cancels. Only the whole label, the number, a yes naming one button, or a bare yes ("ok",
 * "ừ") to a two-button question whose yes is known (`affirmativeButton`), or a bare no ("không",
 * "thôi") where no keeps things as they are (`keepingButton`), counts here; a bare yes
 * to two buttons of which neither is a yes gets the choices named (a free sentence is read by
 * the NLU later).
 *
 * @example
 * new Router([consentFeature, typedButtonsFeature, flowFeature, bookingFeature]);
 */
import { lastButtons, treatAsPress, type Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { affirmativeButton, noToTwo, yesToTwo } from './affirmative.js';
import { activeFlow } from './engine.js';
import { affirmation, affirmedButton, matchShownButton, type ShownButton } from './typed.js';

/**
 * Whether two buttons answer a question the bot asked, rather than follow an answer or a notice
 * ("👍 Hữu ích / 🙋 Gặp cán bộ" under an answer, the menu's buttons): a yes to those is not a
 * choice to ask about.
 */
function asksToChoose(buttons: readonly ShownButton[]): boolean {
  return buttons.length === 2 && !buttons.some((b) => b.payload.startsWith('kb:') || b.payload.startsWith('menu:'));
}

/** "Which one?": the two choices named, with their buttons again. */
function askWhich(turn: Turn, buttons: readonly ShownButton[]): void {
  const choices = buttons.map((b, i) => `${i + 1}. ${b.label}`).join('\n');
  turn.reply({ text: turn.t('flows.hint.which', { choices }), buttons: buttons.map((b) => ({ label: b.label, payload: b.payload })) });
}

export const typedButtonsFeature: Feature = {
  name: 'typed-buttons',
  order: 28,
  async handle(turn, next) {
    const { event } = turn;
    if (event.kind !== 'text' || event.chatType === 'group' || activeFlow(turn) || event.text.trim().startsWith('/')) return next();
    const shown = lastButtons(turn);
    // The whole label or its number, a yes that names one button ("ừ hủy đi"), or a bare yes to
    // a question whose yes button is known ("ok" to "Hủy lịch K7QX2M?").
    const payload = matchShownButton(shown, event.text, { numbers: true, prefix: false }) ?? affirmedButton(shown, event.text)
      ?? yesToTwo(shown, event.text) ?? noToTwo(shown, event.text);
    if (payload) treatAsPress(turn, payload);
    else if (affirmation(event.text) === 'yes' && asksToChoose(shown) && !affirmativeButton(shown)) {
      askWhich(turn, shown); // "ok" to "Đăng ký / Quay lại": which one?
      return;
    }
    return next();
  },
};
