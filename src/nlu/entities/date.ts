/**
 * Dates as founders type them, in Vietnamese or English, with or without diacritics, alone or
 * inside a sentence: "hôm nay", "mai" / "ngày mai", "mốt" / "ngày kia", "thứ 2".."thứ 7",
 * "thứ hai".."thứ bảy", "t6", "chủ nhật" / "cn", "thứ hai tuần sau", "cuối tuần", "25/12",
 * "25-12-2026", "25.12.26", "2026-12-25", "ngày 25 tháng 12", "ngày 15", "Dec 25", "25 December",
 * "today", "tomorrow", "day after tomorrow", "friday", "next monday", and days and months spelled
 * in words ("ngày mười lăm tháng mười hai").
 * Days are counted in the centre's time zone (a config value), never the server's.
 * A weekday alone means the nearest such day from today on (today included); with "tuần sau" /
 * "next" it is that day in the week after this one (Monday-based): on Tuesday 1 Dec 2026,
 * "thứ hai tuần sau" is Monday 7 Dec. A day/month without a year means this year, or next year
 * when `notPast` is set and the date has gone by.
 *
 * @example
 * const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
 * parseDate('thứ hai tuần sau', { now })       // { ok: true, value: '2026-12-07' }
 * parseDate('thứ 6', { now })                  // { ok: true, value: '2026-12-04' }
 * parseDate('1/1/2020', { now, notPast: true }) // { ok: false, reason: 'past' }
 */
import { centreTimeZone } from '../../clock/time-zone.js';
import { fold } from '../fold.js';
import { fail, ok, type Parsed } from '../result.js';
import { withSpelledDays } from './spelled-number.js';
import { withEnglishNumbers } from './english-numbers.js';
import { withDialect } from '../casual.js';
import { casualOfDefaultContent } from '../normalize.js';

/** The default centre time zone (Viet Nam has one, without daylight saving); config overrides it. */
export const CENTRE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Options of `parseDate`. */
export interface DateOptions {
  now?: Date;
  /** IANA zone whose calendar "today" refers to. */
  timeZone?: string;
  /** Reject dates before today. */
  notPast?: boolean;
  /**
   * Read a day and month without a year that went by more than a month ago as next year's
   * ("5/1" typed on 1 December is next January), without rejecting anything: what a founder
   * asks for is ahead of them, and a day of last month is more likely a slip the flow questions.
   */
  yearAhead?: boolean;
}

/** ISO "YYYY-MM-DD" of `now` in `timeZone`. @example localToday(new Date('2026-11-22T18:00:00Z')) // '2026-11-23' */
export function localToday(now: Date = new Date(), timeZone = centreTimeZone()): string {
  const time = now.getTime();
  if (lastToday.time === time && lastToday.zone === timeZone) return lastToday.day;
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  const day = format.format(now);
  lastToday = { time, zone: timeZone, day };
  return day;
}

// The same instant is asked for again and again while training and within one message.
let lastToday = { time: NaN, zone: '', day: '' };

// Building an Intl formatter costs far more than using one; one per zone is kept.
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

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

// "nay" alone is "this" ("phòng này"), so today needs its compound forms.
const TODAY = /\b(hom nay|hnay|bua nay|ngay hom nay|sang nay|trua nay|chieu nay|toi nay|dem nay|today|tonight|this (?:morning|afternoon|evening))\b/;
const AFTER_TOMORROW = /\b(ngay kia|ngay mot|hom kia|day after tomorrow)\b/;
// "mia" is "mai" typed with two letters swapped, taken only before a time ("dat phong mia 2h chieu").
const TOMORROW = /\b(ngay mai|sang mai|trua mai|chieu mai|toi mai|mai|tomorrow|tmr|tmrw|mia(?=\s+(?:(?:luc|tu|khoang|tam)\s+)?(?:\d{1,2}\s*(?:h|g|gio|:|am|pm)|(?:sang|trua|chieu|toi)\b)))\b/;
// "mot" folded is both "mốt" (the day after tomorrow) and "một" (one); without accents it is a
// day only where a number cannot be.
const MOT_AS_DAY = /\bmot\b(?=\s*$|\s+(?:sang|chieu|toi|trua|luc|nhe|nha|duoc|khong|di|co|\d{1,2}\s*(?:h|g|gio|:)))/;
const COUNT_WORDS: Record<string, number> = { hai: 2, ba: 3, bon: 4, nam: 5, two: 2, three: 3, four: 4, five: 5 };
const IN_DAYS = /\b(\d{1,2}|hai|ba|bon|nam)\s+(?:ngay|hom)\s+nua\b|\bin\s+(\d{1,2}|two|three|four|five)\s+days?\b/;
const WEEKEND = /\b(cuoi tuan|weekend)\b/;
const NEXT_WEEK = /\b(tuan sau|tuan toi|tuan ke tiep|next week)\b|\bnext\s+(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/;

// Vietnamese weekday numbers: "thứ 2" is Monday … "thứ 7" Saturday; Sunday is "chủ nhật".
const VI_WEEKDAY_WORDS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
const EN_WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};
const EN_MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_NAME = Object.keys(EN_MONTHS).join('|');
const MONTH_DAY = new RegExp(String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`);
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_NAME})\b`);

// A weekday spoken of in general names no day: "các ngày thứ 7", "mỗi chủ nhật", "thứ 2 hàng tuần".
const GENERIC_WEEKDAY = /\b(?:cac|moi)\s+(?:ngay\s+)?(?:thu|th|t|chu nhat|cn)\b|(?:\b(?:thu|th|t)\.?\s*[2-7]|\bthu\s+(?:hai|ba|tu|nam|sau|bay)|\bchu nhat|\bcn)\s+hang\s+tuan\b/;

function findWeekday(folded: string): number | undefined {
  // "thứ 7", "t7", "th7", "t.7".
  let m = /\b(?:thu|th|t)\.?\s*([2-7])\b(?!\s*[/.-]\s*\d)/.exec(folded);
  if (m) return Number(m[1]) - 1;
  m = /\bthu\s+(hai|ba|tu|nam|sau|bay)\b/.exec(folded);
  if (m) return VI_WEEKDAY_WORDS[m[1]!]!;
  // "cn" is also "công nghệ" in "kh cn"; Sunday only when not after "kh".
  if (/\bchu nhat\b/.test(folded) || /(?<!\bkh\s?)\bcn\b/.test(folded)) return 0;
  // After "next" or "this", a short English name is a day ("next Tue"), not "tuệ" or "thư".
  m = /\b(?:next|this)\s+(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\b/.exec(folded);
  if (m) return EN_WEEKDAYS[m[1]!];
  // Short English names that are also Vietnamese syllables ("thu" viện, "mon" ăn, trí "tue",
  // "sat") are left out.
  m = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|tues|wed|thurs|fri)\b/.exec(folded);
  if (m) return EN_WEEKDAYS[m[1]!];
  return undefined;
}

/**
 * Parses a date to ISO "YYYY-MM-DD", or says why not.
 *
 * @example
 * parseDate('mai', { now, notPast: true }) // { ok: true, value: '2026-12-02' }
 */
export function parseDate(text: string, options: DateOptions = {}): Parsed<string> {
  // Regional words first ("sáng ni" is "sáng nay"), as everywhere text is normalised.
  const nfc = withDialect(text.normalize('NFC'), casualOfDefaultContent());
  return parseFoldedDate(withoutAccentedMai(nfc, fold(nfc)), /mốt/i.test(nfc), options);
}

const ACCENTED_MAI = /(?:^|[^\p{L}])(?:mãi|mái|mài|mại|mải)(?=$|[^\p{L}])/iu;
const PLAIN_MAI = /(?:^|[^\p{L}])mai(?=$|[^\p{L}])/iu;

/**
 * Folded "mai" is tomorrow, but also "mãi" (forever: "hỏi mãi không được"), "mái", "mài"…
 * When the founder typed one of those with its accent and never a plain "mai", the folded "mai"
 * is not a day and is taken out before dates are read.
 *
 * @example
 * withoutAccentedMai('hỏi bot mãi không ra', 'hoi bot mai khong ra') // 'hoi bot   khong ra'
 */
export function withoutAccentedMai(nfcText: string, folded: string): string {
  if (!ACCENTED_MAI.test(nfcText) || PLAIN_MAI.test(nfcText)) return folded;
  return folded.replace(/\bmai\b/g, ' ');
}

/**
 * `parseDate` on text already folded (the NLU folds a message once). `accentedMot` says whether
 * the original had "mốt" with its accents (the day after tomorrow, not "một").
 *
 * @example
 * parseFoldedDate('thu 6', false, { now }) // { ok: true, value: '2026-12-04' }
 */
export function parseFoldedDate(folded: string, accentedMot: boolean, options: DateOptions = {}): Parsed<string> {
  if (!folded) return fail('empty');
  const today = localToday(options.now ?? new Date(), options.timeZone ?? centreTimeZone());
  // Voice typing spells days out ("ngày mười lăm tháng mười hai", "december twenty fifth"); the
// readers below read digits.
  const roll: YearRoll = options.notPast ? 'past' : options.yearAhead ? 'month-ago' : 'never';
  const result = findDate(withSpelledDays(withEnglishNumbers(folded)), today, roll, accentedMot);
  if (!result) return fail('invalid');
  if (options.notPast && result < today) return fail('past');
  return ok(result);
}

/** When a day and month without a year moves to next year: once past, once past by a month, or never. */
type YearRoll = 'past' | 'month-ago' | 'never';

function dayMonth(year: number, month: number, day: number, today: string, roll: YearRoll): string | undefined {
  const thisYear = isoOf(year, month, day);
  if (!thisYear || roll === 'never') return thisYear;
  const limit = roll === 'past' ? today : addDays(today, -31);
  return thisYear < limit ? isoOf(year + 1, month, day) : thisYear;
}

// "mai mốt" together is "some day, later on" ("mai mốt em ghé"), neither tomorrow nor the day
// after; "mai một tiếng" (tomorrow, one hour) is a count, hence the units that may not follow.
const SOMEDAY = /\bmai\s+mot\b(?!\s*(?:tieng|gio|h|g|buoi|lan|phut|p|ngay|nguoi|cai|chut)\b)/g;

// "5/1 năm sau", "sang năm", "next year" with a day and month: that day of next year ("thứ năm sau" is a weekday).
const NEXT_YEAR = /(?<!\bthu\s)\b(?:nam sau|nam toi|sang nam|next year)\b/;

function findDate(text: string, today: string, roll: YearRoll, accentedMot: boolean): string | undefined {
  const folded = text.replace(SOMEDAY, ' ');
  const nextYear = NEXT_YEAR.test(folded);
  const thisYear = Number(today.slice(0, 4));
  const year = nextYear ? thisYear + 1 : thisYear;
  let m = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(folded);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})\b/.exec(folded);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return isoOf(y, Number(m[2]), Number(m[1]));
  }
  // "25/12", "25-12", "ngày 10 tháng 12", "10 thg 12", but not a time range "9-11h" or "9:30-11:00", a clock
  // "8.30" or a length "1.5 hours".
  // A clock's minutes are not a day: "10:30-12:00" is no 30 December.
  m = /(?<![:\d])\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\b(?!\s*(?:h|g|gio|am|pm|tieng|phut|nguoi|hours?|hrs?|mins?|minutes?|days?)\b)(?!\s*:\d)/.exec(folded) ??
    /\b(?:(?:ngay|mung|mong)\s+)?(\d{1,2})\s+(?:thang|thg)\s+(\d{1,2})\b/.exec(folded);
  // A pair that is no day and month ("9.30" is half past nine) leaves the other forms to try.
  // The clock check is for the bare pair only: "14 giờ ngày 10 tháng 12" names its day and month.
  const clockBefore = m !== null && !/\b(?:ngay|mung|mong|thang|thg)\b/.test(m[0]) && /\d\s*(?:h|g|gio)\s*$/.test(folded.slice(0, m.index));
  const numeric = m && !clockBefore ? dayMonth(year, Number(m[2]), Number(m[1]), today, roll) : undefined;
  if (numeric) return numeric;
  m = MONTH_DAY.exec(folded);
  if (m) return dayMonth(year, EN_MONTHS[m[1]!]!, Number(m[2]), today, roll);
  m = DAY_MONTH.exec(folded);
  if (m) return dayMonth(year, EN_MONTHS[m[2]!]!, Number(m[1]), today, roll);
  const nextWeek = NEXT_WEEK.test(folded);
  const day = GENERIC_WEEKDAY.test(folded) ? undefined : findWeekday(folded);
  if (day !== undefined) return weekdayDate(today, day, nextWeek);
  if (WEEKEND.test(folded)) return weekdayDate(today, 6, nextWeek);
  // "đầu tuần sau": the Monday of next week.
  if (nextWeek && /\b(?:dau tuan|early next week)\b/.test(folded)) return weekdayDate(today, 1, true);
  // "ngày 15", "mùng 4" / "mồng 4" (the first ten days), "the 10th": the next such day of the
  // month (this month, or next month once it has gone by). Folded "mong" is also "mong" (to
  // hope): "mong 2 bạn giúp" is not a date, hence the words that may not follow.
  m =
    /\b(?:ngay|mung|mong)\s+(\d{1,2})\b(?!\s*(?:[-/.]|thang|ngay|tieng|gio|h|g|nguoi|lan|buoi|phut|p|ban|anh|chi|em|ong|ba|co|thay|ad|admin)\b)/.exec(folded) ??
    /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:the\s+)?(?:month|week|time|floor|year|day))/.exec(folded);
  if (m) {
    const [y, mo] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const candidate = isoOf(y, mo, Number(m[1]));
    if (candidate && candidate >= today) return candidate;
    return mo === 12 ? isoOf(y + 1, 1, Number(m[1])) : isoOf(y, mo + 1, Number(m[1]));
  }
  // "2 ngày nữa", "3 hôm nữa", "in two days": that many days from today.
  m = IN_DAYS.exec(folded);
  if (m) {
    const count = m[1] ?? m[2]!;
    return addDays(today, COUNT_WORDS[count] ?? Number(count));
  }
  return relativeDay(folded, today, accentedMot);
}

// A clock time ("2h", "2 giờ", "14:30", "3pm"): the day said next to it is the one booked.
const CLOCK = /\b\d{1,2}\s*(?:h|g|gio|am|pm)(?![a-z])|\b\d{1,2}:\d{2}\b/;

/**
 * "hôm nay", "mai", "mốt" and their kin. A message may name several ("bữa nay em bận, chiều mai
 * thì rảnh, khoảng 2 giờ rưỡi"): the one nearest the clock time is the day meant; without a
 * time, today comes first, then the day after tomorrow, then tomorrow.
 */
function relativeDay(folded: string, today: string, accentedMot: boolean): string | undefined {
  const found: { offset: number; at: number[] }[] = [];
  const positions = (re: RegExp): number[] => [...folded.matchAll(new RegExp(re.source, 'g'))].map((m) => m.index);
  const todays = positions(TODAY);
  if (todays.length > 0) found.push({ offset: 0, at: todays });
  const afterTomorrow = positions(AFTER_TOMORROW);
  if (/\bmot\b/.test(folded) && (accentedMot || MOT_AS_DAY.test(folded))) afterTomorrow.push(...positions(/\bmot\b/));
  if (afterTomorrow.length > 0) found.push({ offset: 2, at: afterTomorrow });
  const tomorrows = positions(TOMORROW);
  if (tomorrows.length > 0) found.push({ offset: 1, at: tomorrows });
  if (found.length === 0) return undefined;
  const clock = CLOCK.exec(folded);
  if (found.length === 1 || !clock) return addDays(today, found[0]!.offset);
  const distance = (f: { at: number[] }): number => Math.min(...f.at.map((i) => Math.abs(i - clock.index)));
  // Ties keep the order above (sort is stable).
  const nearest = [...found].sort((a, b) => distance(a) - distance(b))[0]!;
  return addDays(today, nearest.offset);
}

// Weekday 0 = Sunday … 6 = Saturday. This week's day from today on, or that day of next week
// (weeks start on Monday, as in Viet Nam).
function weekdayDate(today: string, day: number, nextWeek: boolean): string {
  const todayIndex = (weekday(today) + 6) % 7; // Monday 0 … Sunday 6
  const dayIndex = (day + 6) % 7;
  if (nextWeek) return addDays(today, 7 - todayIndex + dayIndex);
  return addDays(today, (dayIndex - todayIndex + 7) % 7);
}

/** Shows an ISO date the Vietnamese way (also understood in English). @example formatDate('2026-12-25') // '25/12/2026' */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The Monday of next week when a text names next week but no day of it ("đặt phòng họp tuần
 * sau", "book a desk next week"), else undefined: the days to offer start there.
 *
 * @example
 * weekAhead('dat phong hop tuan sau', { now }) // '2026-12-07' (on Tuesday 1 December)
 * weekAhead('thu 6 tuan sau', { now })        // undefined (a day is named)
 */
export function weekAhead(text: string, options: DateOptions = {}): string | undefined {
  const folded = fold(text.normalize('NFC'));
  if (!NEXT_WEEK.test(folded) || /\bnext\s+(?:mon|tue|wed|thu|fri|sat|sun)/.test(folded)) return undefined;
  if (parseFoldedDate(folded, false, options).ok) return undefined;
  const today = localToday(options.now ?? new Date(), options.timeZone ?? centreTimeZone());
  return weekdayDate(today, 1, true);
}

// One day of a list or range: "thứ 2", "t6", "thứ sáu", "chủ nhật", "monday", "15/12".
const ONE_DAY = String.raw`(?:(?:thu|th|t)\.?\s*[2-7]|thu\s+(?:hai|ba|tu|nam|sau|bay)|chu nhat|cn|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|\d{1,2}\s*[/.-]\s*\d{1,2})`;
const DAY_RANGE = new RegExp(String.raw`\b(${ONE_DAY})\s*(?:den|toi|-|–|to|through|thru|until|till)\s*(${ONE_DAY})\b(?!\s*[/.-]?\s*\d)`);
const DAY_PAIR = new RegExp(String.raw`\b(${ONE_DAY})\s*(?:,|va|voi|and|&)\s*(${ONE_DAY})\b(?!\s*[/.-]?\s*\d)`);

/**
 * The days of a request for several ("từ thứ 2 đến thứ 6 tuần sau", "thứ 3 và thứ 5", "mon to
 * fri", "15/12 - 18/12"), first to last, or undefined when it names one day or none. A range
 * covers every day between (at most two weeks); "tuần sau" said once applies to both ends.
 *
 * @example
 * findDays('tu thu 2 den thu 6 tuan sau', { now }) // ['2026-12-07', …, '2026-12-11']
 */
export function findDays(text: string, options: DateOptions = {}): string[] | undefined {
  const folded = fold(text.normalize('NFC'));
  const range = DAY_RANGE.exec(folded);
  const pair = range ? undefined : DAY_PAIR.exec(folded);
  const m = range ?? pair;
  if (!m) return undefined;
  const next = NEXT_WEEK.test(folded) ? ' tuan sau' : '';
  const dayOf = (part: string) => parseFoldedDate(`${part}${/\d/.test(part) && /[/.-]/.test(part) ? '' : next}`, false, { ...options, yearAhead: true });
  const first = dayOf(m[1]!);
  const second = dayOf(m[2]!);
  if (!first.ok || !second.ok) return undefined;
  let last = second.value;
  // "thứ 6 đến thứ 2": the Monday after.
  while (last < first.value) last = addDays(last, 7);
  if (last === first.value) return undefined;
  if (pair) return [first.value, last];
  const days: string[] = [];
  for (let d = first.value; d <= last && days.length < 15; d = addDays(d, 1)) days.push(d);
  return days;
}
