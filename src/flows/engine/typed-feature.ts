/**
 * Typed buttons outside a flow (order 28, before the active flow, which matches its own): a
 * founder who types the label of a button of the bot's last message, or its number ("1"), gets
 * exactly what pressing it does: "hủy lịch K7QX2M" → the confirmation → "1" (or "ừ hủy đi")
 * cancels. Only the whole label, the number, or a yes naming one button counts here (a free
 * sentence is read by the NLU later).
 *
 * @example
 * new Router([consentFeature, typedButtonsFeature, flowFeature, bookingFeature]);
 */
import { lastButtons, treatAsPress, type Feature } from '../../bot/router.js';
import { activeFlow } from './engine.js';
import { affirmedButton, matchShownButton } from './typed.js';

export const typedButtonsFeature: Feature = {
  name: 'typed-buttons',
  order: 28,
  async handle(turn, next) {
    const { event } = turn;
    if (event.kind !== 'text' || event.chatType === 'group' || activeFlow(turn) || event.text.trim().startsWith('/')) return next();
    const shown = lastButtons(turn);
    // The whole label or its number, or a yes that names one button ("ừ hủy đi").
    const payload = matchShownButton(shown, event.text, { numbers: true, prefix: false }) ?? affirmedButton(shown, event.text);
    if (payload) treatAsPress(turn, payload);
    return next();
  },
};
