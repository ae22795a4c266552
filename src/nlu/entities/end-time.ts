/**
 * The time a stay ends, as founders type it: "đến 11h30", "tới 12h", "until 12", "till 5pm",
 * "end 12pm", "kết thúc lúc 11h", "đến trưa" / "until lunch" (12:00), "đến lúc đóng cửa" /
 * "until closing" (the space's closing time, which the booking knows). Asked "how long?" after a
 * start, founders answer with the end as often as with a length; read as a start, "đến 11h30"
 * replaced the 08:00 start and booked 11:30–15:00.
 *
 * Folded, "den" and "toi" are also other words, so the cue counts only where it can be "until":
 * not after a pronoun or a verb of coming ("mai em đến 9h" is when they arrive, a start), not
 * "tối" typed with its accent (the evening), not "tới" after a week or weekday ("thứ 2 tới 9h":
 * next Monday at nine).
 *
 * @example
 * findEndTime('den 11h30')            // { minuteOfDay: 690, index: 0, timeIndex: 4 }
 * findEndTime('9am until lunch')      // { minuteOfDay: 720, index: 4, timeIndex: 10, word: true }
 * findEndTime('mai em den luc 9h')    // undefined (arriving at nine)
 */
import { accentTokens, fold } from '../fold.js';
import { findTimes, toMinuteOfDay } from './time.js';

/** An end found in folded text. */
export interface EndTime {
  /** Minutes since midnight; absent when the end is the closing time (`closing`). */
  minuteOfDay?: number;
  /** "until closing", "đến lúc đóng cửa": the space's closing time that day. */
  closing?: true;
  /** Where the cue ("đến", "until") starts. */
  index: number;
  /** Where the time after the cue starts (a start read there is this end, not a start). */
  timeIndex: number;
  /** The end was a word ("trưa", "lunch", "noon"), not a clock time. */
  word?: true;
}

// "đến", "tới", "until", "till", "end (at)", "kết thúc (lúc)", "xong lúc", "finish at", then
// "lúc / at / khoảng / about" before the time.
// "8am to noon", "9 to 11": English "to" is an end only right after a time ("move it to 3pm" is a new start).
const END_CUE = /\b(den|toi|until|till|til|up to|upto|(?<=\d(?:\s?(?:am|pm|h))?\s)to|ends?(?:\s+at)?|ending(?:\s+at)?|finish(?:es|ing)?(?:\s+at|\s+by)?|ket thuc(?:\s+vao)?|xong\s+(?:luc|vao luc))\s+(?:(?:luc|vao luc|at|khoang|tam|about|around|gio)\s+)?/g;
// "mai em đến 9h", "mình sẽ tới lúc 8h", "nhóm mình qua tới 9h": coming at nine, a start.
const ARRIVING_BEFORE = /\b(?:minh|em|e|toi|tui|anh|chi|ban|bn|mk|mik|nhom|team|chung toi|chung em|bon em|ca nhom|se|qua|ghe|co mat|vao|ve|di|we|i|i ll|we ll)\s+$/;
// "tuần tới", "thứ 2 tới", "tháng tới": "tới" is "next".
const NEXT_BEFORE = /\b(?:tuan|thang|nam|(?:thu|th|t)\.?\s*[2-7]|chu nhat|cn)\s*$/;
// "thứ 2 đến 9h"? No: "ngày 5 đến 10h", "từ thứ 2 đến thứ 6": a number before the cue that is a day.
const DAY_NUMBER_BEFORE = /\b(?:thu|th|t|ngay|mung|mong)\.?\s*\d{0,2}\s*$/;
// Lunch is at noon: "đến trưa", "tới giờ ăn trưa", "until lunch", "till noon" ("noon" is "at 12:00" after spelled hours).
const LUNCH = /^(?:(?:gio|buoi|luc)\s+)?(?:(?:an|nghi)\s+)?(?:trua|lunch(?:time)?|noon|midday)\b/;
const CLOSING = /^(?:(?:luc|gio|khi)\s+)?(?:dong cua|het gio|het ngay|nghi|tan|close|closing(?: time)?|the end of the day|they close|you close)\b/;
// "until 12", "đến 11": a bare hour after the cue (not a day, a count or a date).
const BARE_HOUR = /^(\d{1,2})\b(?!\s*(?:[:h./-]|g\b|gio\b|tieng|hours?|hrs?|phut|p\b|mins?|minutes?|ngay|days?|tuan|weeks?|thang|months?|nguoi|people|lan|cai|ban|cho|phong))(?:\s*(sang|trua|chieu|am|pm)\b)?/;

/** The accented tokens of `text` that fold to `word`, in order. */
function originals(text: string, word: string): string[] {
  return accentTokens(text).filter((t) => fold(t) === word);
}

/**
 * The first end of a stay in folded text (`withSpelledHours` applied, as the slot reader does),
 * or undefined. `text`, the message as typed, tells "tới" (until) from "tối" (evening) when the
 * founder typed accents.
 *
 * @example
 * findEndTime('start 9am, end 12pm')?.minuteOfDay // 720
 */
export function findEndTime(folded: string, text?: string): EndTime | undefined {
  const toiTyped = text ? originals(text, 'toi') : [];
  for (const m of folded.matchAll(END_CUE)) {
    const cue = m[1]!;
    const index = m.index ?? 0;
    const before = folded.slice(0, index);
    if (cue === 'toi') {
      const typed = toiTyped[(before.match(/\btoi\b/g) ?? []).length];
      if (typed !== undefined && typed !== 'toi' && typed !== 'tới') continue; // "tối", "tôi"
      if (NEXT_BEFORE.test(before)) continue;
    }
    if ((cue === 'den' || cue === 'toi') && (ARRIVING_BEFORE.test(before) || DAY_NUMBER_BEFORE.test(before))) continue;
    const timeIndex = index + m[0].length;
    const after = folded.slice(timeIndex);
    if (LUNCH.test(after)) return { minuteOfDay: 12 * 60, index, timeIndex, word: true };
    if (CLOSING.test(after)) return { closing: true, index, timeIndex, word: true };
    const clock = findTimes(after)[0];
    if (clock && clock.index === 0) return { minuteOfDay: clock.minuteOfDay, index, timeIndex };
    const bare = BARE_HOUR.exec(after);
    if (bare) {
      const minute = toMinuteOfDay(Number(bare[1]), 0, bare[2], true);
      if (minute !== undefined) return { minuteOfDay: minute, index, timeIndex };
    }
  }
  return undefined;
}
