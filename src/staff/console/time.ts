/**
 * Times shown in the console and its exports: always in the centre's time zone (the `TIME_ZONE`
 * setting when the configuration has it, else `timezone` in content/staff.yaml), never the
 * machine's.
 *
 * @example
 * const fmt = timeFormatter('Asia/Ho_Chi_Minh', 'vi');
 * fmt.dateTime('2026-12-02T01:00:00Z'); // '02/12/2026 08:00'
 */
import type { Config } from '../../config.js';
import type { Locale } from '../../content/messages.js';
import { loadStaffSettings } from '../handoff/settings.js';

/**
 * The centre's time zone.
 *
 * @example
 * centreTimeZone(config); // 'Asia/Ho_Chi_Minh'
 */
export function centreTimeZone(config: Config): string {
  const configured = (config as Config & { TIME_ZONE?: unknown }).TIME_ZONE;
  if (typeof configured === 'string' && configured !== '') return configured;
  return loadStaffSettings(config.CONTENT_DIR).timezone;
}

export interface TimeFormatter {
  zone: string;
  /** `dd/mm/yyyy hh:mm` (vi) or `yyyy-mm-dd hh:mm` (en), in the zone; '' for null. */
  dateTime(at: string | Date | null | undefined): string;
  /** `yyyy-mm-dd hh:mm:ss` in the zone, for exports. */
  iso(at: string | Date | null | undefined): string;
  /** `yyyy-mm-dd` in the zone. */
  day(at: string | Date): string;
}

/**
 * Formats instants in `zone` for `locale`.
 *
 * @example
 * timeFormatter('Asia/Ho_Chi_Minh', 'en').iso('2026-12-02T01:00:00Z'); // '2026-12-02 08:00:00'
 */
export function timeFormatter(zone: string, locale: Locale): TimeFormatter {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  // Intl is slow (tens of µs a call; an export of thousands of rows makes tens of thousands of
  // calls), so the zone's offset is asked once per quarter hour (offsets only change on such
  // boundaries) and the wall-clock fields come from plain UTC arithmetic.
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / 900_000);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const start = bucket * 900_000;
      const p = Object.fromEntries(parts.formatToParts(new Date(start)).map((x) => [x.type, x.value]));
      offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - start;
      if (offsets.size > 50_000) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const two = (n: number) => String(n).padStart(2, '0');
  const split = (at: string | Date) => {
    const ms = new Date(at).getTime();
    const d = new Date(ms + offsetAt(ms));
    return {
      y: String(d.getUTCFullYear()).padStart(4, '0'), m: two(d.getUTCMonth() + 1), d: two(d.getUTCDate()),
      h: two(d.getUTCHours()), i: two(d.getUTCMinutes()), s: two(d.getUTCSeconds()),
    };
  };
  return {
    zone,
    dateTime(at) {
      if (!at) return '';
      const x = split(at);
      return locale === 'vi' ? `${x.d}/${x.m}/${x.y} ${x.h}:${x.i}` : `${x.y}-${x.m}-${x.d} ${x.h}:${x.i}`;
    },
    iso(at) {
      if (!at) return '';
      const x = split(at);
      return `${x.y}-${x.m}-${x.d} ${x.h}:${x.i}:${x.s}`;
    },
    day(at) {
      const x = split(at);
      return `${x.y}-${x.m}-${x.d}`;
    },
  };
}

/**
 * The instant of a wall-clock time (`2026-12-05T09:00`, as a datetime-local field gives it) in
 * `zone`, or undefined when it is not such a time.
 *
 * @example
 * zonedInstant('2026-12-05T09:00', 'Asia/Ho_Chi_Minh')?.toISOString(); // '2026-12-05T02:00:00.000Z'
 */
export function zonedInstant(local: string, zone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(guess)) return undefined;
  // The zone's offset at that moment (twice, for a guess that crossed an offset change).
  const offset = (at: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - at;
  };
  let at = guess - offset(guess);
  at = guess - offset(at);
  return new Date(at);
}
