/**
 * The centre's time zone: one setting (`TIME_ZONE`, default Asia/Ho_Chi_Minh) for every time
 * shown to a person and every local day or hour the bot reasons about, whatever the server's
 * zone. `createBot` and the CLI apply the configured zone once at start-up; everything else asks
 * `centreTimeZone()` or formats through `formatInstant`.
 *
 * @example
 * useCentreTimeZone(config.TIME_ZONE);
 * formatInstant('2026-12-01T16:30:00Z'); // '2026-12-01 23:30' (Asia/Ho_Chi_Minh)
 */

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * True for a time zone Intl knows (IANA names such as Asia/Ho_Chi_Minh, or UTC).
 *
 * @example
 * isTimeZone('Asia/Ho_Chi_Minh'); // true
 * isTimeZone('ICT'); // false
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let zone = DEFAULT_TIME_ZONE;

/**
 * Sets the centre's time zone for this process (from the configuration).
 *
 * @example
 * useCentreTimeZone('Asia/Ho_Chi_Minh');
 */
export function useCentreTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new Error(`unknown time zone: ${timeZone}`);
  zone = timeZone;
}

/** The centre's time zone. @example centreTimeZone(); // 'Asia/Ho_Chi_Minh' */
export function centreTimeZone(): string {
  return zone;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(instant: Date, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** What `formatInstant` prints: a day, a time of day, both, or both with seconds. */
export type InstantStyle = 'date' | 'time' | 'datetime' | 'seconds';

/**
 * An instant as people at the centre read it: `YYYY-MM-DD HH:MM` in the centre's zone (or
 * `zone`). The one formatter for times the CLI prints; `-` for a missing value.
 *
 * @example
 * formatInstant('2026-12-01T02:30:00Z');          // '2026-12-01 09:30'
 * formatInstant('2026-12-01T02:30:00Z', 'time');  // '09:30'
 * formatInstant(null);                            // '-'
 */
export function formatInstant(
  instant: string | number | Date | null | undefined,
  style: InstantStyle = 'datetime',
  timeZone: string = centreTimeZone(),
): string {
  if (instant === null || instant === undefined || instant === '') return '-';
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const p = partsOf(date, timeZone);
  const day = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  switch (style) {
    case 'date':
      return day;
    case 'time':
      return time;
    case 'seconds':
      return `${day} ${time}:${p.second}`;
    default:
      return `${day} ${time}`;
  }
}

/**
 * Minutes the zone is ahead of UTC at an instant (+420 for Asia/Ho_Chi_Minh).
 *
 * @example
 * offsetMinutes(new Date('2026-12-01T00:00:00Z'), 'Asia/Ho_Chi_Minh'); // 420
 */
export function offsetMinutes(instant: Date, timeZone: string = centreTimeZone()): number {
  const p = partsOf(instant, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in the centre's zone (or `zone`): local day "YYYY-MM-DD" and
 * minutes since local midnight.
 *
 * @example
 * localInstant('2026-12-01', 9 * 60).toISOString(); // '2026-12-01T02:00:00.000Z' (Asia/Ho_Chi_Minh)
 */
export function localInstant(day: string, minuteOfDay: number, timeZone: string = centreTimeZone()): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d, 0, minuteOfDay));
  // Subtract the zone's offset, checked again after the shift for zones whose offset changes
  // between the guess and the answer (daylight saving).
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60_000);
}
