/**
 * Helpers for the handoff tests.
 *
 * @example
 * alwaysAtWork(harness); // office hours never end in this bot
 */
import { staffSettings } from '../../../src/staff/handoff/settings.js';
import type { BotHarness } from '../../support/bot.js';

/** Makes every minute of every day office hours in this bot's staff settings (its own copy). */
export function alwaysAtWork(h: BotHarness): void {
  Object.assign(staffSettings(h.bot.services), {
    business_hours: { start: '00:00', end: '23:59' }, workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [],
  });
}
