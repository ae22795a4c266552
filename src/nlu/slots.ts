/**
 * Finds the slots of NLU.md in a message: space, date, start, minutes, booking code, programme
 * and language, each with its normalised value.
 *
 * @example
 * const finder = new SlotFinder(content, 'Asia/Ho_Chi_Minh');
 * finder.find('đặt phòng họp mai 2h chiều 2 tiếng', now)
 * // { space: 'meeting-room', date: '2026-12-02', start: '14:00', minutes: 120, window: { from: '12:00', to: '18:00', part: 'afternoon' } }
 */
import { parseFoldedDate, withoutAccentedMai } from './entities/date.js';
import { findTimes, formatClock, withSpelledHours } from './entities/time.js';
import { findDuration } from './entities/duration.js';
import { findEndTime } from './entities/end-time.js';
import { findTimeWindow } from './entities/day-part.js';
import { findBookingCodes } from './entities/code.js';
import { PhraseMatcher, wordsOf, type NamedThing } from './entities/phrases.js';
import { findLanguage } from './entities/language.js';
import { moveTarget, withoutRetracted } from './entities/retraction.js';
import type { Slots } from './types.js';

const ACCENTED_VI = /(?:^|[^\p{L}])(?:vì|ví|vị|vĩ|vỉ)(?=$|[^\p{L}])/iu;
const PLAIN_VI = /(?:^|[^\p{L}])vi(?=$|[^\p{L}])/iu;

/** The entity matchers of a content folder. */
export class SlotFinder {
  private readonly spaces: PhraseMatcher;
  private readonly programmes: PhraseMatcher;
  private readonly languages: PhraseMatcher;

  constructor(
    things: { spaces: readonly NamedThing[]; programmes: readonly NamedThing[]; languages: readonly NamedThing[] },
    private readonly timeZone: string,
  ) {
    this.spaces = new PhraseMatcher(things.spaces);
    this.programmes = new PhraseMatcher(things.programmes, true, true);
    this.languages = new PhraseMatcher(things.languages);
  }

  /**
   * Every slot found. `normalized` is the casual-expanded folded text (for names); `text` the
   * original (for codes, whose case matters, and "mốt").
   *
   * @example
   * finder.find('huy lich KN45TQ', 'huy lich kn45tq', 'huy lich kn45tq', now) // { code: 'KN45TQ' }
   */
  find(text: string, folded: string, normalized: string, now: Date): Slots {
    const slots: Slots = {};
    const code = findBookingCodes(text)[0];
    if (code) slots.code = code;
    // Codes are removed before reading dates and times: "7HD2QP" is not 7 o'clock.
    // What the founder took back ("không phải thứ 5 mà thứ 6") or moves away from ("từ thứ 5 sang
    // thứ 6") is not read: the readers take the first day or time they meet.
    const withoutCodes = withoutRetracted(withoutAccentedMai(text, code ? folded.replace(code.toLowerCase(), ' ') : folded));
    // A move names its new day and time after "sang / qua / to"; the old ones may come first.
    const movedTo = moveTarget(withoutCodes);
    const dateOptions = { now, timeZone: this.timeZone, yearAhead: true };
    const accentedMot = /mốt/i.test(text);
    const newDate = movedTo !== undefined ? parseFoldedDate(movedTo, accentedMot, dateOptions) : undefined;
    const date = newDate?.ok ? newDate : parseFoldedDate(withoutCodes, accentedMot, dateOptions);
    if (date.ok) slots.date = date.value;
    const kept = withoutRetracted(normalized);
    const plain = withSpelledHours(code ? kept.replace(new RegExp(`\\b${code.toLowerCase()}\\b`, 'g'), ' ') : kept);
    const plainTarget = moveTarget(plain);
    const targetStart = plainTarget !== undefined ? findTimes(plainTarget)[0] : undefined;
    const start = targetStart ?? findTimes(plain)[0];
    // "đến 11h30", "until 12": the time after the cue is when the stay ends; with no time before
    // it there is no start ("từ 8h đến 11h30" keeps 08:00).
    const end = findEndTime(plain, text);
    if (end) slots.end = end.closing ? 'closing' : formatClock(end.minuteOfDay!);
    const startIsEnd = end !== undefined && targetStart === undefined && start !== undefined && start.index >= end.index;
    if (start && !startIsEnd) slots.start = formatClock(start.minuteOfDay);
    // The window is read from the whole message: it matches words of the text by their order.
    const window = findTimeWindow(plain, text);
    // "until lunch" names when the stay ends, not a lunchtime start.
    if (window && !(end?.word && window.part === 'noon' && !window.bound)) slots.window = window;
    const minutes = findDuration(plain);
    if (minutes !== undefined) slots.minutes = minutes;
    const words = wordsOf(kept);
    const space = this.spaces.find(words);
    if (space) slots.space = space.id;
    const programme = this.programmes.find(words);
    if (programme) slots.programme = programme.id;
    // "vi" (the language code) folds like "vì" (because), "ví", "vị": typed with its accent, and
    // never plain, it names no language.
    const language = findLanguage(this.languages, ACCENTED_VI.test(text) && !PLAIN_VI.test(text) ? words.map((w) => (w === 'vi' ? '' : w)) : words);
    if (language) slots.language = language;
    return slots;
  }
}
