/**
 * Local time for bookings: the centre's calendar is its time zone (the `TIME_ZONE` setting,
 * Asia/Ho_Chi_Minh by default) whatever the server's zone. Converting a local day and time to an
 * instant uses the zone's offset on that day (Vietnam: UTC+7 all year).
 * Also reads times ("9h30", "14:00", "2 pm") and lengths ("2 tiếng", "90 phút", "1h30") as
 * founders type them, with or without diacritics.
 *
 * @example
 * localDay('2026-11-30T18:00:00Z')          // '2026-12-01'
 * localTime('2026-12-01T02:30:00Z')         // '09:30'
 * instantOf('2026-12-01', 9 * 60 + 30)      // '2026-12-01T02:30:00.000Z'
 * parseClock('9h30') // 570
 */
import type { Translator } from '../../content/messages.js';
import { fold } from '../../nlu/fold.js';
import { formatInstant, localInstant } from '../../clock/time-zone.js';

/** The local calendar day ("YYYY-MM-DD") of an instant. @example localDay(new Date()) */
export function localDay(instant: string | Date): string {
  return formatInstant(new Date(instant), 'date');
}

/** The local time ("HH:MM") of an instant. @example localTime('2026-12-01T02:30:00Z') // '09:30' */
export function localTime(instant: string | Date): string {
  return formatInstant(new Date(instant), 'time');
}

/** The instant of a local day and minute of the day, as ISO UTC. @example instantOf('2026-12-01', 540) // '2026-12-01T02:00:00.000Z' */
export function instantOf(day: string, minuteOfDay: number): string {
  return localInstant(day, minuteOfDay).toISOString();
}

/** Minutes since local midnight of an instant. @example minuteOfDay('2026-12-01T02:30:00Z') // 570 */
export function minuteOfDay(instant: string | Date): number {
  const [h, m] = localTime(instant).split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** "Thứ Ba 01/12" / "Tue 01/12". @example dayLabel(t, '2026-12-01') */
export function dayLabel(t: Translator, day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return `${t(`booking.weekday.${weekday}`)} ${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** "1 giờ 30 phút" / "1 h 30 min". @example durationLabel(t, 90) */
export function durationLabel(t: Translator, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('booking.duration.minutes', { m });
  return m === 0 ? t('booking.duration.hours', { h }) : t('booking.duration.hours_minutes', { h, m });
}

/**
 * A time of day typed by a founder, in minutes since midnight, or undefined: "9", "9h", "9h30",
 * "9:30", "14g", "2 pm", "2:30 chiều", "9 giờ sáng".
 *
 * @example
 * parseClock('2:30 chiều') // 870
 * parseClock('2h')         // 840 (an hour 1-6 is the afternoon unless "sáng" says otherwise)
 */
export function parseClock(text: string): number | undefined {
  const folded = fold(text);
  const m = /^(?:luc\s+|at\s+)?(\d{1,2})(?:\s*(?:h|g|gio|:|\.)\s*(\d{2})?)?(?:\s*(?:phut|p))?\s*(am|pm|sang|chieu|toi|trua)?$/.exec(folded);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const part = m[3];
  if ((part === 'pm' || part === 'chieu' || part === 'toi') && hour < 12) hour += 12;
  // An hour from 1 to 6 written as a time ("2h", "3:30") is the afternoon, as the NLU reads it
  // (src/nlu/entities/time.ts): at the times of a day the centre opens at 8, "2h" is 14:00, not
  // 02:00. A bare digit ("2") stays what it was: the second button, or 02:00.
  if (!part && hour >= 1 && hour <= 6 && /\d\s*(?:h|g|gio|:)/.test(folded)) hour += 12;
  if (part === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return hour * 60 + minute;
}

/**
 * A length typed by a founder, in minutes, or undefined: "2", "2h", "2 tiếng", "1h30",
 * "1 giờ 30 phút", "90 phút", "90 min", "1.5 hours".
 *
 * @example
 * parseLength('1 tieng ruoi') // 90
 */
export function parseLength(text: string): number | undefined {
  const folded = fold(text);
  let m = /^(\d{1,3})\s*(?:phut|p|min|mins|minutes?)$/.exec(folded);
  if (m) return Number(m[1]);
  m = /^(\d{1,2}(?:[.,]5)?)\s*(?:h|g|gio|tieng|hours?|hrs?)?\s*(ruoi)?$/.exec(folded);
  if (m) return Math.round(Number(m[1]!.replace(',', '.')) * 60) + (m[2] ? 30 : 0);
  m = /^(\d{1,2})\s*(?:h|g|gio|tieng|hours?|hrs?)\s*(\d{1,2})\s*(?:phut|p|min|mins|minutes?)?$/.exec(folded);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return undefined;
}

// Words said around a length at "how long?" ("3h30 vậy", "ok 2h then", "thôi 2 tiếng nha"): none is a time of day.
const LENGTH_FILLERS = new Set([
  'ok', 'oke', 'okay', 'okie', 'then', 'vay', 'z', 'thoi', 'nhe', 'nha', 'nhen', 'nghe', 'di', 'luon', 'a', 'ah', 'u', 'uh', 'um',
  'vang', 'da', 'roi', 'please', 'pls', 'khoang', 'tam', 'chung', 'about', 'around', 'maybe', 'lets', 'let', 's', 'do', 'so',
  'well', 'hmm', 'just', 'for', 'cho', 'minh', 'em', 'e', 'tui', 'duoc', 'dc', 'it', 'make', 'lam', 'the', 'trong', 'dung',
]);

/**
 * A length typed with only filler words around it, at the length question: "3h30 vậy" (3 h 30),
 * "ok 2h then" (2 h). There "3h30" is how long, not a start at 03:30 or 15:30: a start is said
 * with its cue ("lúc 3h", "từ 3h chiều"), which is not a filler, so such a text stays undefined.
 *
 * @example
 * lengthAmongFillers('3h30 vậy') // 210
 */
export function lengthAmongFillers(text: string): number | undefined {
  const words = fold(text).replace(/[!?,;]+/g, ' ').split(/\s+/).filter((w) => w && !LENGTH_FILLERS.has(w.replace(/\.$/, '')));
  return words.length > 0 && words.length <= 3 ? parseLength(words.join(' ').replace(/\.$/, '')) : undefined;
}
