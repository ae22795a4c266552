/**
 * Office hours from the founder's side: whether staff are at work now (`content/staff.yaml`
 * business hours, working days and holidays, in the centre's time zone) and, when not, the time
 * they will be, in words for the founder ("08:00 thứ Ba 08/12", "08:00 Tuesday 08/12").
 *
 * @example
 * const opens = nextOpening(turn.services.clock(), settings); // undefined during office hours
 */
import type { Locale } from '../../content/messages.js';
import { addBusinessMinutes } from './sla.js';
import type { StaffSettings } from './settings.js';

/**
 * When staff are next at work, or undefined when they are now.
 *
 * @example
 * nextOpening(new Date('2026-12-07T13:00:00Z'), settings); // 2026-12-08T01:00:00Z (08:00 Tuesday in Hà Nội)
 */
export function nextOpening(now: Date, settings: StaffSettings): Date | undefined {
  // Zero business minutes from now is now itself inside office hours, else the next opening.
  const opens = addBusinessMinutes(now, 0, settings);
  return opens.getTime() > now.getTime() ? opens : undefined;
}

/**
 * The opening time in the founder's words and language.
 *
 * @example
 * openingWords(new Date('2026-12-08T01:00:00Z'), settings, 'vi'); // '08:00 thứ Ba 08/12'
 */
export function openingWords(at: Date, settings: StaffSettings, locale: Locale): string {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: settings.timezone, ...options }).format(at);
  const time = part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // vi-VN writes 08-12: the founder reads 08/12 everywhere else in the bot.
  const day = `${part({ day: '2-digit' })}/${part({ month: '2-digit' })}`;
  const weekday = part({ weekday: 'long' });
  return `${time} ${weekday} ${day}`;
}
