/**
 * Times of day inside a sentence, as founders type them: "2h chiều" → 14:00, "7h30" → 07:30,
 * "9 giờ sáng" → 09:00, "14g15", "3pm", "10:30 am", "lúc 10", "2 giờ rưỡi chiều" → 14:30,
 * "chiều nay 4h" → 16:00. A bare hour from 1 to 6 means the afternoon (the centre's opening hours
 * start at 07:30), unless `officeHours` is turned off. A number followed by "tiếng" or preceded by
 * "trong" is a length, not a time (see `parseDuration`).
 *
 * @example
 * parseTime('đặt phòng mai 2h chiều') // { ok: true, value: '14:00' }
 * parseTime('từ 8h30 trong 3 tiếng')  // { ok: true, value: '08:30' }
 */
import { fold } from '../fold.js';
import { fail, ok, type Parsed } from '../result.js';
import { NUMBER_WORD, wholeNumber } from './spelled-number.js';
import { withEnglishNumbers } from './english-numbers.js';

/** Options of `parseTime`. */
export interface TimeOptions {
  /** Read a bare hour 1–6 as the afternoon (13:00–18:00). Default true. */
  officeHours?: boolean;
}

/** A time found in a sentence: minutes since midnight and where it was. */
export interface TimeMatch {
  minuteOfDay: number;
  index: number;
  end: number;
}

// Folded "toi" before a time is "tới" (to) in a range ("từ 8h tới 11h30"), not "tối" (evening);
// before a length it is still the evening ("7h tối 1 tiếng rưỡi"). Before noon or closing ("9h
// tới trưa", "9h tới lúc đóng cửa") it is "tới" too.
const PART_AFTER = /^\s*(?:,\s*)?(?:(?:buoi|vao|luc)\s+)?(sang|trua|chieu|toi(?!\s*\d(?!\d?(?:[.,]\d+)?\s*(?:tieng|phut|p|hours?|hrs?|mins?|minutes?)\b))(?!\s+(?:(?:gio|buoi|luc)\s+)?(?:trua|an trua|nghi trua|dong cua|het gio|khi)\b)|dem|am|pm|a\.m\.?|p\.m\.?)\b/;
const PART_BEFORE = /\b(sang|trua|chieu|toi|dem)(?:\s+(?:nay|mai|mot|kia|hom nay|ngay mai|thu\s+\S+|t\d|cn|chu nhat))?(?:\s+(?:luc|tu|vao|khoang|tam))?\s*$/;
// "8h30", "8 h 30", "14g", "9 giờ", "9:30", "8h30p", "2 giờ rưỡi", "3 giờ kém 15".
// The minutes after "9h " are not a number that counts something else: "9h 2 tiếng" is nine
// o'clock for two hours, "9h 3 người" nine o'clock for three people.
// "10h 1,5 tiếng": a decimal after the hour is a length, not its minutes.
// "9:30am" has no word boundary between "30" and "am"; "2 rưỡi chiều" is half past two.
const CLOCK = /\b(\d{1,2})\s*(?:(h|g|gio)\b\s*(?:(\d{1,2})(?!\d)(?![.,]\d)(?!\s*(?:tieng|gio|h|g|hours?|hrs?|nguoi|people|ngay|buoi|lan|cho|ban)\b))?(?:\s*(?:phut|p)\b)?|(h|g)(\d{2})(?:\b|(?=am\b|pm\b))(?:\s*(?:phut|p)\b)?|:(\d{2})(?!\d)|\s*(am|pm)\b|(?=\s+ruoi\b))(\s*ruoi\b)?(?:\s*\bkem\s+(\d{1,2}))?/g;
// The first hour of a range that gives its unit or part once: "2-4pm", "9–11h", "1 to 3pm".
const RANGE_HEAD = /\b(\d{1,2})(?::(\d{2}))?\s*(?:-|–|den|toi|to)\s*(?=(\d{1,2})(?::\d{2})?\s*(h|g|gio|am|pm)\b)/g;
const AT_BARE = /\b(?:luc|at|tu|from|khoang|tam|around|meant|make it|change it to|move it to|doi thanh|doi sang|doi lai|doi qua|chuyen sang|sua thanh|sua lai)\s+(\d{1,2})\b(?!\s*(?:\/|-|\.|tieng|hours?|hrs?|phut|p\b|minutes?|mins?|nguoi|people|ngay|thang|\d))/g;
const BEFORE_LENGTH = /\b(trong(?:\s+vong)?|for|in|mat|het|dung|keo dai|thoi luong|tong)\s*(?:khoang\s+)?$/;

// Words before a number that make it a day, not an hour: "thứ 2 tới 9h", "ngày 5 đến 10h".
const DAY_NUMBER_BEFORE = /\b(?:thu|th|t|ngay|mung|mong|thang|tuan)\.?\s*$/;
// "tuần tới", "thứ 2 tới", "tháng tới": "tới" is "next", not "tối" (evening).
const NEXT_BEFORE = /\b(?:tuan|thang|nam|(?:thu|th|t)\.?\s*[2-7]|chu nhat|cn)\s*$/;

// "cho tôi 9h", "giúp tôi": folded, "tôi" (me) is "toi" like "tối" (evening).
const FOR_ME = /\b(?:cho|giup|dum|ho|voi|cua|giu)\s+$/;

/** The part of the day written before a time ("chiều nay 4h"), unless it is "tôi" (me). */
function partBefore(before: string): string | undefined {
  const m = PART_BEFORE.exec(before);
  if (!m) return undefined;
  if ((m[1] === 'toi' || m[1] === 'dem') && FOR_ME.test(before.slice(0, m.index))) return undefined;
  if (m[1] === 'toi' && NEXT_BEFORE.test(before.slice(0, m.index))) return undefined;
  // "8h tới 11h30": "tới" (to) between two times, not "tối".
  // "8h sáng nay tới 10h": the part of the day of the first time may stand between.
  if (m[1] === 'toi' && /\d\s*(?:h|g|gio|am|pm)?\s*\d{0,2}\s*(?:(?:sang|trua|chieu)(?:\s+(?:nay|mai|mot|hom nay|ngay mai))?\s*)?$/.test(before.slice(0, m.index))) return undefined;
  return m[1];
}

const SPELLED_HOURS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10, 'muoi mot': 11, 'muoi hai': 12,
};
// "hai giờ chiều", "mười giờ sáng". "bảy giờ" and "sáu giờ" fold to "bây giờ" (now) and "sau
// giờ …" (after hours): those two count only with a part of the day after them.
// Nor does "bây giờ rưỡi" / "bây giờ kém": "bảy giờ rưỡi" is half past seven.
const SPELLED_HOUR = /\b(muoi mot|muoi hai|mot|hai|ba|bon|nam|tam|chin|muoi|(?:sau|bay)(?=\s+gio\s+(?:sang|trua|chieu|toi|dem|ruoi|kem)\b))\s+(?=gio\b)/g;

const SPELLED_MINUTES = new RegExp(String.raw`\b((?:${NUMBER_WORD}\s+){0,2}${NUMBER_WORD})\s+(?=(?:phut|minutes?|mins?)\b)`, 'g');
const SPELLED_TO = new RegExp(String.raw`\bkem\s+((?:${NUMBER_WORD}\s+){0,2}${NUMBER_WORD})\b`, 'g');

/**
 * The words with their longest spelled number at the end written in digits: "tam bon muoi lam"
 * ("tầm bốn mươi lăm", about forty-five) is "tam 45".
 */
function spelledTail(phrase: string): string {
  const words = phrase.split(/\s+/);
  for (let k = 0; k < words.length; k += 1) {
    const n = wholeNumber(words.slice(k).join(' '));
    if (n !== undefined) return [...words.slice(0, k), String(n)].join(' ');
  }
  return phrase;
}

/**
 * Folded text with hours and minutes spelled in words written as numbers ("hai gio chieu" → "2 gio chieu",
 * "bon muoi lam phut" → "45 phut", English "ten thirty" → "10:30" and "two pm" → "2 pm",
 * "half past 8" → "8:30", "quarter to 10" → "9:45", "noon" → "12:00", "9.30 tomorrow" → "9:30 tomorrow"), for the time and length
 * readers, which read digits.
 *
 * @example
 * withSpelledHours('dat phong muoi gio sang mai') // 'dat phong 10 gio sang mai'
 */
export function withSpelledHours(folded: string): string {
  return withEnglishNumbers(folded)
    .replace(SPELLED_HOUR, (_, word: string) => `${SPELLED_HOURS[word]} `)
    // "bốn mươi lăm phút" → "45 phut", "kém mười lăm" → "kem 15".
    .replace(SPELLED_MINUTES, (_, words: string) => `${spelledTail(words)} `)
    .replace(SPELLED_TO, (_, words: string) => `kem ${spelledTail(words)}`)
    .replace(/\b(half|quarter)\s+past\s+(\d{1,2})\b/g, (_, part: string, hour: string) => `${hour}:${part === 'half' ? '30' : '15'}`)
    // British "half 4" is half past four, after a word that leads a time ("till half 4", "at half 9");
    // "half 2 hours" and "half a day" are lengths and left alone.
    .replace(/\b(till|until|til|to|at|from|by)\s+half\s+(\d{1,2})\b(?!\s*(?:hours?|hrs?|h\b|mins?|minutes?|days?))/g, (_, lead: string, hour: string) => `${lead} ${hour}:30`)
    .replace(/\bquarter\s+to\s+(\d{1,2})\b/g, (_, hour: string) => `${(Number(hour) + 11) % 12 || 12}:45`)
    .replace(/\b(?:at\s+)?(?:noon|midday)\b/g, 'at 12:00')
    // "9.30 tomorrow", "lúc 14.45": minutes past 12 are no month, and a word of time is beside it.
    .replace(/\b(\d{1,2})\.([1-5]\d)\b(?![.,]\d)(?=(\s+(?:am|pm|sang|trua|chieu|toi|mai|tomorrow|today|hom nay)\b)?)/g, (whole: string, hour: string, minute: string, after: string | undefined, offset: number, text: string) => {
      const cued = after !== undefined || /\b(?:luc|at|from|tu|vao)\s+$/.test(text.slice(0, offset));
      return cued && Number(hour) <= 23 && Number(minute) > 12 ? `${hour}:${minute}` : whole;
    });
}

// "11.30am", "9.15 pm", "11.30 sáng": a dot between hour and minutes, with a part of the day
// after it. Am/pm says it is a time whatever the minutes; a Vietnamese part of the day only
// with minutes past 12 ("ngày 10.12 sáng" is a date and a morning).
const DOT_CLOCK = /\b(\d{1,2})\.([0-5]\d)(?![.,]?\d)(?=\s*(am|pm|a\.m|p\.m|sang|trua|chieu|toi)\b)/g;

/**
 * Folded text with "H.MM" written "H:MM" where a part of the day follows it: read before, "9.15pm"
 * was 15:00 ("15pm") and "11.30am" no time at all. Same length, so positions stay.
 */
function withClockDots(folded: string): string {
  return folded.replace(DOT_CLOCK, (whole: string, hour: string, minute: string, part: string) => {
    const ampm = part.startsWith('a') || part.startsWith('p');
    if (Number(hour) > (ampm ? 12 : 23)) return whole;
    return ampm || Number(minute) > 12 ? `${hour}:${minute}` : whole;
  });
}

/**
 * Every time of day in folded text, in order. Exposed for `parseDuration`, which needs the
 * times of a range ("từ 8h đến 10h").
 *
 * @example
 * findTimes('tu 8h den 10h') // [{ minuteOfDay: 480, … }, { minuteOfDay: 600, … }]
 */
export function findTimes(text: string, options: TimeOptions = {}): TimeMatch[] {
  const folded = withClockDots(text);
  const found: TimeMatch[] = [];
  for (const m of folded.matchAll(CLOCK)) {
    const index = m.index ?? 0;
    const before = folded.slice(0, index);
    // "trong 2h", "trong 1h30", "trong 1 rưỡi": a length. A bare "2 rưỡi" counts as a unit here.
    const unit = m[2] ?? m[4] ?? (m[6] === undefined && m[7] === undefined ? 'ruoi' : undefined);
    if (unit && BEFORE_LENGTH.test(before)) continue;
    let hour = Number(m[1]);
    let minute = Number(m[3] ?? m[5] ?? m[6] ?? 0);
    if (m[8]) minute = 30;
    const end = index + m[0].length;
    const part = m[7] ?? PART_AFTER.exec(folded.slice(end))?.[1] ?? partBefore(before);
    if (m[9]) {
      minute = -Number(m[9]);
    }
    const total = toMinuteOfDay(hour, minute, part, options.officeHours ?? true);
    if (total !== undefined) found.push({ minuteOfDay: total, index, end });
    hour = 0;
  }
  for (const m of folded.matchAll(RANGE_HEAD)) {
    const index = m.index ?? 0;
    if (found.some((f) => index >= f.index && index < f.end)) continue;
    // "thứ 2 tới 9h" is a day and "next", not a range from two o'clock.
    if (DAY_NUMBER_BEFORE.test(folded.slice(0, index))) continue;
    if (/\d\s*[-/.]\s*$/.test(folded.slice(0, index))) continue; // "1-2-2027" is a date
    const unit = m[4]!;
    const part = unit === 'am' || unit === 'pm' ? unit : undefined;
    const office = options.officeHours ?? true;
    const end = toMinuteOfDay(Number(m[3]), 0, part, office);
    // "11-1pm" is 11:00 to 13:00: the part is shared only when it keeps the range in order.
    let start = toMinuteOfDay(Number(m[1]), Number(m[2] ?? 0), part, office);
    if (start !== undefined && end !== undefined && start >= end) start = toMinuteOfDay(Number(m[1]), Number(m[2] ?? 0), undefined, false);
    if (start === undefined || (end !== undefined && start >= end)) continue;
    found.push({ minuteOfDay: start, index, end: index + m[1]!.length + (m[2] ? 3 : 0) });
  }
  for (const m of folded.matchAll(AT_BARE)) {
    const index = (m.index ?? 0) + m[0].length - m[1]!.length;
    if (found.some((f) => index >= f.index && index < f.end)) continue;
    const end = (m.index ?? 0) + m[0].length;
    const part = PART_AFTER.exec(folded.slice(end))?.[1] ?? partBefore(folded.slice(0, m.index ?? 0));
    const total = toMinuteOfDay(Number(m[1]), 0, part, options.officeHours ?? true);
    if (total !== undefined) found.push({ minuteOfDay: total, index, end });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Minutes since midnight of an hour, minute and part of the day as typed ("3" + "chieu" → 900);
 * a bare hour 1–6 is the afternoon when `officeHours` is on. Exposed for `findTimeWindow`
 * ("after 3" is 15:00).
 *
 * @example
 * toMinuteOfDay(3, 0, undefined, true) // 900
 */
export function toMinuteOfDay(hour: number, minute: number, part: string | undefined, officeHours: boolean): number | undefined {
  let h = hour;
  const p = part?.replace(/\./g, '');
  if (minute < 0) {
    // "3 giờ kém 15": a quarter to three.
    h -= 1;
    minute += 60;
  }
  if (h > 24 || minute > 59 || minute < 0) return undefined;
  if ((p === 'pm' || p === 'chieu' || p === 'toi' || p === 'dem') && h < 12) h += 12;
  else if (p === 'trua' && h >= 1 && h <= 3) h += 12;
  else if (p === 'am' && h === 12) h = 0;
  else if (!p && officeHours && h >= 1 && h <= 6) h += 12;
  if (h === 24) h = 0;
  return h * 60 + minute;
}

/** "HH:MM" of minutes since midnight. @example formatClock(870) // '14:30' */
export function formatClock(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/**
 * The first time of day in a sentence as "HH:MM", or why not.
 *
 * @example
 * parseTime('3pm')          // { ok: true, value: '15:00' }
 * parseTime('9 giờ sáng')   // { ok: true, value: '09:00' }
 * parseTime('2 tiếng')      // { ok: false, reason: 'invalid' }
 */
export function parseTime(text: string, options: TimeOptions = {}): Parsed<string> {
  const folded = fold(text);
  if (!folded) return fail('empty');
  const first = findTimes(folded, options)[0];
  return first ? ok(formatClock(first.minuteOfDay)) : fail('invalid');
}
