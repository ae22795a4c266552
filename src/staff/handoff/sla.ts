/**
 * SLA due times in business hours: minutes are only counted on working days (not holidays)
 * between the opening and closing time, in the centre's time zone.
 *
 * @example
 * // Friday 16:30 in Hà Nội + 120 business minutes (08:00-17:30) → Monday 09:30
 * addBusinessMinutes(new Date('2026-11-27T09:30:00Z'), 120, settings); // 2026-11-30T02:30:00Z
 */
import type { StaffSettings } from './settings.js';

interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: number; // 1 = Monday
  minutes: number; // since local midnight
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday!]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60,
  };
}

function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The instant `minutes` business minutes after `from`.
 *
 * @example
 * addBusinessMinutes(new Date(), 240, loadStaffSettings('content'));
 */
export function addBusinessMinutes(from: Date, minutes: number, settings: StaffSettings): Date {
  const open = clockMinutes(settings.business_hours.start);
  const close = clockMinutes(settings.business_hours.end);
  const holidays = new Set(settings.holidays);
  let at = new Date(from.getTime());
  let left = minutes;
  for (let guard = 0; guard < 800; guard++) {
    const local = localTime(at, settings.timezone);
    const working = settings.workdays.includes(local.weekday) && !holidays.has(local.date);
    if (working && local.minutes < close) {
      const start = Math.max(local.minutes, open);
      const available = close - start;
      const startAt = new Date(at.getTime() + (start - local.minutes) * 60_000);
      if (left <= available) return new Date(startAt.getTime() + left * 60_000);
      left -= available;
    }
    // Jump to the next local midnight (+1 minute guards against DST-free rounding).
    at = new Date(at.getTime() + (24 * 60 - local.minutes) * 60_000);
  }
  return at;
}

/**
 * Formats an instant for staff in the centre's time zone, e.g. `T2 30/11 09:30`.
 *
 * @example
 * formatLocal(new Date(), settings, 'vi');
 */
export function formatLocal(at: Date, settings: StaffSettings, locale: 'vi' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: settings.timezone, weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
