/**
 * Lengths inside a sentence: "2 tiếng" → 120, "1 tiếng rưỡi" → 90, "nửa tiếng" → 30, "90 phút" → 90,
 * "1h30" after "trong", "2 hours", "an hour and a half", "hai tiếng", "tiếng rưỡi" (one understood), and ranges "từ 8h đến 10h",
 * "9-11h", "1pm to 3pm" (the difference).
 *
 * @example
 * parseDuration('đặt phòng họp mai 2h chiều 2 tiếng') // { ok: true, value: 120 }
 * parseDuration('từ 8h đến 10h')                     // { ok: true, value: 120 }
 */
import { fold } from '../fold.js';
import { fail, ok, type Parsed } from '../result.js';
import { findTimes, toMinuteOfDay } from './time.js';
import { findEndTime } from './end-time.js';

const WORD_NUMBERS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, one: 1, two: 2, three: 3, four: 4,
  five: 5, six: 6, seven: 7, eight: 8, an: 1, a: 1,
};
const NUMBER = String.raw`(\d{1,2}(?:[.,]\d{1,2})?|mot|hai|ba|bon|nam|sau|bay|tam|one|two|three|four|five|six|seven|eight|an|a)`;
const HOURS_FIRM = new RegExp(String.raw`\b${NUMBER}\s*(?:tieng|hours?|hrs?|hr)\b(?:\s*(?:(ruoi|and a half)|(?:va\s+|and\s+)?(\d{1,2})\s*(?:phut|p|mins?|minutes?)?\b))?`, 'g');
// "2h", "2 giờ", "1h30" read as a length only after "trong (vòng)", "for", "mất" …
const HOURS_AFTER_CUE = new RegExp(String.raw`\b(?:trong(?:\s+vong)?|for|in|mat|het|dung|keo dai|thoi luong|tong)\s+(?:khoang\s+|about\s+)?${NUMBER}\s*(?:h|g|gio)(?![a-z])\s*(?:(ruoi)|(\d{1,2})\s*(?:phut|p)?\b)?`, 'g');
// "45 phút", "30p", "90'" (the minute sign).
const MINUTES = /\b(\d{1,3})(?:\s*(?:phut|p|mins?|minutes?)\b|')/g;
// A bare "Nh" right after a time is how long: "mai 9h 2h", "14h 1h" (at most a few hours, so
// "9h 11h" is not read as eleven hours).
const LENGTH_AFTER_TIME = /^\s*([1-4])\s*h\s*$/;
// "tiếng rưỡi" / "giờ rưỡi" with no number before it is an hour and a half: the "một" is left
// out in speech ("thư viện chiều nay 1h, tiếng rưỡi"). With a number, HOURS_FIRM reads it first.
const HOUR_AND_HALF = /(?<!\d\s*)(?<!\b(?:mot|hai|ba|bon|nam|sau|bay|tam)\s+)\b(?:tieng|gio)\s+ruoi\b/;
const HALF_HOUR = /\b(nua tieng|nua gio|half an hour|half hour|30p)\b/;
// What may stand between the two times of a range: "8h - 10h", "9h sáng tới 2h chiều", "9h sáng mai đến 12h".
// The part may name its day: "từ 9h sáng mai đến 12h".
const RANGE_WORD = /^\s*(?:(?:buoi\s+)?(?:sang|trua|chieu|am|pm)(?:\s+(?:nay|mai|mot|hom nay|ngay mai))?\s+)?(?:-|–|den|toi|to|until|till|->)\s*$/;
// Two bare hours after "từ/from", or after a change of a booking's time ("make it 11 to 1", "đổi
// thành 9 đến 11"): "từ 8 đến 11", "from 8 to 11" (hours of opening time).
const BARE_RANGE = /\b(?:tu|from|meant|make it|change it to|move it to|doi thanh|doi sang|doi lai|doi qua|chuyen sang|sua thanh|sua lai)\s+(\d{1,2})(?:[:h](\d{2}))?\s*(?:den|toi|to|until|-|–)\s*(\d{1,2})(?:[:h](\d{2}))?\b(?!\s*(?:\/|\.|thang|nguoi|people|tieng|hours?|ngay|days?))/;

function numberOf(token: string): number {
  return WORD_NUMBERS[token] ?? Number(token.replace(',', '.'));
}

/**
 * Finds a length in folded text, in minutes.
 *
 * @example
 * findDuration('trong 3 tieng') // 180
 */
export function findDuration(folded: string): number | undefined {
  for (const m of folded.matchAll(HOURS_FIRM)) {
    // "half an hour": the "an hour" is halved, not an hour.
    if ((m[1] === 'an' || m[1] === 'a') && /\bhalf\s+$/.test(folded.slice(0, m.index))) continue;
    const hours = numberOf(m[1]!);
    const minutes = Math.round(hours * 60) + (m[2] ? 30 : 0) + (m[3] ? Number(m[3]) : 0);
    if (minutes > 0) return minutes;
  }
  for (const m of folded.matchAll(HOURS_AFTER_CUE)) {
    const minutes = Math.round(numberOf(m[1]!) * 60) + (m[2] ? 30 : 0) + (m[3] ? Number(m[3]) : 0);
    if (minutes > 0) return minutes;
  }
  if (HOUR_AND_HALF.test(folded)) return 90;
  if (HALF_HOUR.test(folded)) return 30;
  for (const m of folded.matchAll(MINUTES)) {
    const before = folded.slice(0, m.index ?? 0);
    // "7h 30 phút" is a time, not a length.
    if (/\d\s*(?:h|g|gio)\s*$/.test(before)) continue;
    return Number(m[1]);
  }
  const times = findTimes(folded);
  for (let i = 0; i + 1 < times.length; i += 1) {
    const following = LENGTH_AFTER_TIME.exec(folded.slice(times[i]!.end, times[i + 1]!.end));
    if (following && !/^\s*(?:sang|trua|chieu|toi|dem|am|pm|ruoi|kem)\b/.test(folded.slice(times[i + 1]!.end))) return Number(following[1]) * 60;
  }
  for (let i = 0; i + 1 < times.length; i += 1) {
    const between = folded.slice(times[i]!.end, times[i + 1]!.index);
    if (RANGE_WORD.test(between)) {
      const length = times[i + 1]!.minuteOfDay - times[i]!.minuteOfDay;
      if (length > 0) return length;
    }
  }
  const bare = BARE_RANGE.exec(folded);
  if (bare) {
    const from = toMinuteOfDay(Number(bare[1]), Number(bare[2] ?? 0), undefined, true);
    const to = toMinuteOfDay(Number(bare[3]), Number(bare[4] ?? 0), undefined, true);
    if (from !== undefined && to !== undefined && to > from) return to - from;
  }
  const short = /\b(\d{1,2})\s*(?:-|–|den)\s*(\d{1,2})\s*(?:h|g|gio)\b/.exec(folded);
  if (short) {
    const length = (Number(short[2]) - Number(short[1])) * 60;
    if (length > 0) return length;
  }
  // "start 9am, end 12pm", "9am until lunch", "8h, kết thúc lúc 11h30": a start, then its end.
  const end = findEndTime(folded);
  const from = end?.minuteOfDay !== undefined ? times.filter((t) => t.end <= end.index).at(-1) : undefined;
  if (end?.minuteOfDay !== undefined && from && end.minuteOfDay > from.minuteOfDay) return end.minuteOfDay - from.minuteOfDay;
  return undefined;
}

/**
 * The length a sentence asks for, in whole minutes, or why not.
 *
 * @example
 * parseDuration('1 tiếng rưỡi') // { ok: true, value: 90 }
 * parseDuration('nửa tiếng')    // { ok: true, value: 30 }
 */
export function parseDuration(text: string): Parsed<number> {
  const folded = fold(text);
  if (!folded) return fail('empty');
  const minutes = findDuration(folded);
  return minutes === undefined ? fail('invalid') : ok(minutes);
}
