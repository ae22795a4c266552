/**
 * Dates as founders type them, in Vietnamese or English, with or without diacritics:
 * "hôm nay", "mai" / "ngày mai", "mốt" / "ngày kia", "thứ 2".."thứ 7", "thứ hai".."thứ bảy",
 * "t6", "chủ nhật" / "cn", "thứ 6 tuần sau", "25/12", "25-12-2026", "25.12.26", "2026-12-25",
 * "today", "tomorrow", "day after tomorrow", "friday", "next friday", "fri".
 * Days are counted in the centre's time zone (the `TIME_ZONE` setting, Asia/Ho_Chi_Minh by default), never the server's.
 * A weekday means the nearest such day from today on (today included); a day/month without a
 * year means this year, or next year when `notPast` is set and the date has gone by.
 *
 * @example
 * const now = new Date('2026-11-23T03:00:00Z'); // Monday 10:00 in Hà Nội
 * parseDate('thứ 6', { now })           // { ok: true, value: '2026-11-27' }
 * parseDate('25/12', { now })           // { ok: true, value: '2026-12-25' }
 * parseDate('1/1/2020', { now, notPast: true }) // { ok: false, reason: 'past' }
 */
import { fold } from '../../nlu/fold.js';
import { fail, ok, type Parsed } from './result.js';
import { centreTimeZone } from '../../clock/time-zone.js';

export interface DateOptions {
  now?: Date;
  /** IANA zone whose calendar "today" refers to. */
  timeZone?: string;
  /** Reject dates before today. */
  notPast?: boolean;
}

/** ISO "YYYY-MM-DD" of `now` in `timeZone`. @example localToday(new Date('2026-11-22T18:00:00Z')) // '2026-11-23' */
export function localToday(now: Date = new Date(), timeZone = centreTimeZone()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Adds days to an ISO date. @example addDays('2026-12-31', 1) // '2027-01-01' */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as in Date#getDay. */
function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function isoOf(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

const RELATIVE: [RegExp, number][] = [
  [/\b(hom nay|bua nay|nay|today|tonight)\b/, 0],
  [/\b(ngay kia|ngay mot|mot|day after tomorrow)\b/, 2],
  [/\b(ngay mai|sang mai|chieu mai|toi mai|mai|tomorrow|tmr)\b/, 1],
];

// Vietnamese weekday numbers: "thứ 2" is Monday … "thứ 7" Saturday; Sunday is "chủ nhật".
const VI_WEEKDAY_WORDS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
const EN_WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};

function findWeekday(folded: string): { day: number; nextWeek: boolean } | undefined {
  const nextWeek = /\b(tuan sau|tuan toi|next week)\b/.test(folded) || /\bnext\s+[a-z]+day\b|\bnext\s+(mon|tue|wed|thu|fri|sat|sun)\b/.test(folded);
  let m = /\b(?:thu|t)\s*([2-7])\b/.exec(folded);
  if (m) return { day: Number(m[1]) - 1, nextWeek };
  m = /\bthu\s+(hai|ba|tu|nam|sau|bay)\b/.exec(folded);
  if (m) return { day: VI_WEEKDAY_WORDS[m[1]!]!, nextWeek };
  if (/\b(chu nhat|cn)\b/.test(folded)) return { day: 0, nextWeek };
  for (const word of folded.split(/[^a-z]+/)) {
    const day = EN_WEEKDAYS[word];
    if (day !== undefined) return { day, nextWeek };
  }
  return undefined;
}

/**
 * Parses a date to ISO "YYYY-MM-DD", or says why not.
 *
 * @example
 * parseDate('mai', { now, notPast: true }) // { ok: true, value: '2026-11-24' }
 */
export function parseDate(text: string, options: DateOptions = {}): Parsed<string> {
  const today = localToday(options.now ?? new Date(), options.timeZone ?? centreTimeZone());
  const folded = fold(text);
  if (!folded) return fail('empty');
  const result = findDate(folded, today, options.notPast ?? false);
  if (!result) return fail('invalid');
  if (options.notPast && result < today) return fail('past');
  return ok(result);
}

function findDate(folded: string, today: string, notPast: boolean): string | undefined {
  const year = Number(today.slice(0, 4));
  let m = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(folded);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})\b/.exec(folded);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return isoOf(y, Number(m[2]), Number(m[1]));
  }
  m = /\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\b/.exec(folded) ?? /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\b/.exec(folded);
  if (m) {
    const thisYear = isoOf(year, Number(m[2]), Number(m[1]));
    if (thisYear && notPast && thisYear < today) return isoOf(year + 1, Number(m[2]), Number(m[1]));
    return thisYear;
  }
  const weekdayMatch = findWeekday(folded);
  if (weekdayMatch) {
    const ahead = (weekdayMatch.day - weekday(today) + 7) % 7;
    return addDays(today, ahead + (weekdayMatch.nextWeek ? 7 : 0));
  }
  for (const [pattern, days] of RELATIVE) if (pattern.test(folded)) return addDays(today, days);
  return undefined;
}

/** Shows an ISO date the Vietnamese way (also understood in English). @example formatDate('2026-12-25') // '25/12/2026' */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
