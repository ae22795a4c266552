/**
 * Changing the founder's language: the conversation at once, the contact after consent (so the
 * next conversation, and broadcasts, use it too).
 *
 * @example
 * changeLanguage(turn, 'en');
 */
import type { Turn } from '../bot/turn.js';

export function changeLanguage(turn: Turn, locale: 'vi' | 'en'): void {
  turn.setLocale(locale);
  if (turn.contact?.consentedAt) turn.effect('fx_contact_locale', { locale });
}
