/**
 * The part of the day a founder asks for, as a window of start times: "chiều mai" (the
 * afternoon), "sáng thứ 6", "buổi trưa", "tối nay", "tomorrow afternoon", "tonight", and bounds
 * typed as times: "after 3pm", "sau 15h", "từ 3h trở đi" (from 15:00), "trước 10h" (before 10:00).
 * A booking that asks for a part of the day offers only the starts in it; an exact time
 * ("2h chiều", "14h") stays the `start` slot.
 *
 * Folded, some of these words are also other words, so each is read in context, with its accents
 * when the founder typed them: "sáng" (morning) / "sang" (to: "dời sang thứ 6") / "sáng tạo";
 * "tối" (evening) / "tôi" (I) / "tới"; "đêm" (night) / "đem" (bring); "chiều" / "máy chiếu"
 * (projector); "sau 3h" (after) / "thứ sáu" (Friday). Without accents the neighbours decide:
 * "sang" after a verb of moving is "to", "toi" is the evening only before "nay", "mai", a weekday
 * or after "buổi" or a clock time.
 *
 * @example
 * findTimeWindow('dat cho chieu mai', 'đặt chỗ chiều mai')   // { from: '12:00', to: '18:00', part: 'afternoon' }
 * findTimeWindow('book anh desk after 3pm', 'book a desk after 3pm') // { from: '15:00', to: '24:00', bound: 'after' }
 * findTimeWindow('doi lich sang thu 6', 'doi lich sang thu 6') // undefined ("sang" is "to")
 */
import { accentTokens, fold } from '../fold.js';
import { findTimes, formatClock, toMinuteOfDay } from './time.js';

/** A part of the day a founder can name. */
export type DayPart = 'morning' | 'noon' | 'afternoon' | 'evening';

/** The start times a founder asked for: from `from` (inclusive) to before `to`, local "HH:MM". */
export interface TimeWindow {
  from: string;
  /** "24:00" for the end of the day. */
  to: string;
  /** The part of the day named, when one was (the reply names it). */
  part?: DayPart;
  /**
   * Set when a time was typed as a bound ("after 3pm", "trước 10h"): that time is not a start
   * to book exactly (the `start` slot then holds the bound).
   */
  bound?: 'after' | 'before' | 'between';
  /**
   * The whole part of the day was asked ("cả buổi sáng", "all afternoon"): a stay from its usual
   * start to its usual end, not only a start in it (the booking works out both).
   */
  whole?: true;
}

// "cả buổi sáng", "trọn buổi chiều", "(đến) hết buổi sáng", "all morning", "the whole afternoon".
const WHOLE_PART = /\b(?:ca|tron|nguyen|het|suot|all|whole|full|entire)\s+(?:(?:buoi|ban)\s+)?(?:sang|chieu|morning|afternoon)\b/;

/**
 * Minutes since midnight [from, to) of each part. Starts, not whole stays: a morning start is
 * before noon. "Trưa" overlaps both neighbours (a 12:30 start is lunchtime and afternoon); the
 * afternoon starts at noon as in English; the evening at 18:00.
 */
export const DAY_PARTS: Readonly<Record<DayPart, { from: number; to: number }>> = {
  morning: { from: 0, to: 12 * 60 },
  noon: { from: 11 * 60, to: 14 * 60 },
  afternoon: { from: 12 * 60, to: 18 * 60 },
  evening: { from: 18 * 60, to: 24 * 60 },
};

const PART_OF_WORD: Record<string, DayPart> = {
  sang: 'morning', morning: 'morning', forenoon: 'morning',
  trua: 'noon', noon: 'noon', midday: 'noon', lunchtime: 'noon', lunch: 'noon',
  chieu: 'afternoon', afternoon: 'afternoon',
  toi: 'evening', dem: 'evening', evening: 'evening', tonight: 'evening', night: 'evening',
};
// "buổi"/"ban" before the word makes it a part of the day whatever its accents.
const PART_WORD = /\b(?:(buoi|ban)\s+)?(sang|trua|chieu|toi|dem|morning|forenoon|noon|midday|lunchtime|lunch|afternoon|evening|tonight|night)\b/g;
// The accented form that is the part of the day, for the folded words that are also other words.
const ACCENTED: Record<string, string> = { sang: 'sáng', toi: 'tối', dem: 'đêm', chieu: 'chiều' };

// "dời/đổi/chuyển/lùi … sang thứ 6": "sang" is "to" (the first one after the verb).
const MOVE_BEFORE = /\b(?:doi|chuyen|lui|day|dich|hoan|move|reschedule)\b(?:(?!\bsang\b).)*$/;
// "sáng tạo", "sáng kiến", "sáng lập", "sáng chế", "ánh sáng", "chiếu sáng": not the morning.
const SANG_WORD_AFTER = /^\s+(?:tao|kien|lap|che|suot|sua)\b/;
const SANG_WORD_BEFORE = /\b(?:anh|chieu|toa|phat)\s+$/;
const SANG_TO_AFTER = /^\s+(?:tuan|thang|nam)\b/;
// "tối"/"đêm" without accents: before a day word, or after "buổi" or a clock time ("8h tối").
const EVENING_DAY_AFTER = /^\s+(?:nay|mai|mot|qua|hom nay|cuoi tuan|chu nhat|cn|t[2-7]|thu\s+(?:[2-7]|hai|ba|tu|nam|sau|bay))\b/;
const EVENING_CLOCK_BEFORE = /(?:\d\s*(?:h|g|gio)(?:\s*\d{1,2})?|\d\s*(?:h|g|gio)\s*ruoi|luc\s+\d{1,2}|chieu)\s*$/;
// "cho tôi mai": "tôi" is the founder.
const FOR_ME_BEFORE = /\b(?:cho|giup|dum|ho|voi|cua|giu)\s+$/;
// "máy chiếu", "trình chiếu", "chiều dài", "một chiều": not the afternoon.
const CHIEU_WORD_BEFORE = /\b(?:may|man|trinh|phong|rap|den|phat|tham|nguoc|mot|hai)\s+$/;
const CHIEU_WORD_AFTER = /^\s+(?:phim|slide|dai|rong|cao|sang|khach|theo|chuong)\b/;

// Bounds next to a time: "sau 3h", "after 3pm", "trước 10h", "3h trở đi", "from 3pm onwards".
const AFTER_CUE = /\b(sau|after|later than|since)\s+(?:luc\s+|khoang\s+|tam\s+)?$/;
const BEFORE_CUE = /\b(?:truoc|before|earlier than|no later than)\s+(?:luc\s+|khoang\s+)?$/;
const ONWARD = /^\s*(?:tro di|tro ve sau|tro len|onwards?\b|or later\b|and later\b)/;
// "after 3", "trước 10": a bare hour after a cue (findTimes reads only "3h", "3pm", "lúc 3").
const BARE_BOUND = /\b(sau|after|truoc|before)\s+(?:luc\s+)?(\d{1,2})\b(?!\s*(?:[:h./-]|g\b|gio|am\b|pm\b|tieng|hours?|hrs?|phut|p\b|min|ngay|days?|tuan|weeks?|thang|months?|nam|nguoi|people|lan|buoi))(?:\s+(sang|trua|chieu|toi))?/g;
// Words before "sau" that make it "sáu" (six): "thứ sáu", "tuần sau" is "next week".
const SIX_BEFORE = /\b(?:thu|tuan|thang|nam|ngay|hang|lan|t)\s+$/;

/** The k-th original token (lower case, with its accents) that folds to `word`. */
function originals(text: string, word: string): string[] {
  return accentTokens(text).filter((t) => fold(t) === word);
}

function writesAccents(text: string): boolean {
  return /[\u0300-\u036f]|đ/i.test(text.normalize('NFD'));
}

/** Whether the k-th `word` of the folded text is the part of the day (see the module doc). */
function isPartWord(word: string, certain: boolean, typed: string | undefined, before: string, after: string, accents: boolean): boolean {
  const accented = ACCENTED[word];
  if (word === 'sang' && (SANG_WORD_AFTER.test(after) || SANG_WORD_BEFORE.test(before))) return false;
  if (word === 'chieu' && (CHIEU_WORD_BEFORE.test(before) || CHIEU_WORD_AFTER.test(after))) return false;
  if (certain || !accented) return true;
  // Typed with accents: the accents say which word it is.
  if (typed !== undefined && typed !== word) return typed === accented;
  switch (word) {
    case 'sang':
      // Someone who types accents wrote "sang" (to) on purpose.
      if (accents) return false;
      return !MOVE_BEFORE.test(before) && !SANG_TO_AFTER.test(after);
    case 'toi':
    case 'dem':
      if (FOR_ME_BEFORE.test(before)) return false;
      return EVENING_DAY_AFTER.test(after) || EVENING_CLOCK_BEFORE.test(before);
    default:
      return true;
  }
}

/** The parts of the day named in the text, in order. */
function namedParts(normalized: string, text: string): DayPart[] {
  const accents = writesAccents(text);
  const seen = new Map<string, number>();
  const typedOf = new Map<string, string[]>();
  const parts: DayPart[] = [];
  for (const m of normalized.matchAll(PART_WORD)) {
    const word = m[2]!;
    const k = seen.get(word) ?? 0;
    seen.set(word, k + 1);
    if (!typedOf.has(word)) typedOf.set(word, originals(text, word));
    const index = (m.index ?? 0) + m[0].length - word.length;
    const before = normalized.slice(0, index);
    const after = normalized.slice(index + word.length);
    if (isPartWord(word, m[1] !== undefined, typedOf.get(word)![k], before, after, accents)) parts.push(PART_OF_WORD[word]!);
  }
  return parts;
}

/** Whether the "sau" just before `end` is "after" rather than "sáu"/"tuần sau". */
function sauIsAfter(normalized: string, cueIndex: number, text: string): boolean {
  if (SIX_BEFORE.test(normalized.slice(0, cueIndex))) return false;
  const k = (normalized.slice(0, cueIndex).match(/\bsau\b/g) ?? []).length;
  const typed = originals(text, 'sau')[k];
  return typed === undefined || typed === 'sau';
}

/** The after/before bounds typed next to times, in minutes since midnight. */
function bounds(normalized: string, text: string): { after?: number; before?: number } {
  const found: { after?: number; before?: number } = {};
  for (const t of findTimes(normalized)) {
    const before = normalized.slice(0, t.index);
    const cue = AFTER_CUE.exec(before);
    if ((cue && (cue[1] !== 'sau' || sauIsAfter(normalized, cue.index, text))) || ONWARD.test(normalized.slice(t.end))) {
      found.after ??= t.minuteOfDay;
    } else if (BEFORE_CUE.test(before)) found.before ??= t.minuteOfDay;
  }
  for (const m of normalized.matchAll(BARE_BOUND)) {
    const cue = m[1]!;
    if (cue === 'sau' && !sauIsAfter(normalized, m.index ?? 0, text)) continue;
    const minute = toMinuteOfDay(Number(m[2]), 0, m[3], true);
    if (minute === undefined) continue;
    if (cue === 'sau' || cue === 'after') found.after ??= minute;
    else found.before ??= minute;
  }
  return found;
}

/**
 * The window of start times asked for in a message, or undefined when it names none.
 * `normalized` is the folded, casual-expanded text (`normalizeForMatching`); `text` the message
 * as typed (its accents tell "sáng" from "sang").
 *
 * @example
 * findTimeWindow('cho minh 1 cho sang thu 6', 'cho mình 1 chỗ sáng thứ 6') // { from: '00:00', to: '12:00', part: 'morning' }
 */
export function findTimeWindow(normalized: string, text: string): TimeWindow | undefined {
  const parts = namedParts(normalized, text);
  const { after, before } = bounds(normalized, text);
  const union = parts.length
    ? { from: Math.min(...parts.map((p) => DAY_PARTS[p].from)), to: Math.max(...parts.map((p) => DAY_PARTS[p].to)) }
    : undefined;
  const part = parts.length > 0 && parts.every((p) => p === parts[0]) ? parts[0] : undefined;
  if (after !== undefined || before !== undefined) {
    let from = after ?? 0;
    let to = before ?? 24 * 60;
    // "chiều mai sau 3h": within the afternoon; a window left empty keeps the bound alone.
    if (union && Math.max(from, union.from) < Math.min(to, union.to)) {
      from = Math.max(from, union.from);
      to = Math.min(to, union.to);
    }
    if (from >= to) return undefined;
    const bound = after !== undefined && before !== undefined ? 'between' : after !== undefined ? 'after' : 'before';
    return { from: formatClock(from), to: formatClock(to), bound, ...(part ? { part } : {}) };
  }
  if (!union) return undefined;
  const whole = (part === 'morning' || part === 'afternoon') && WHOLE_PART.test(normalized);
  return { from: formatClock(union.from), to: formatClock(union.to), ...(part ? { part } : {}), ...(whole ? { whole: true as const } : {}) };
}
