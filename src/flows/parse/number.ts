/**
 * Numbers as founders type them: "5", "5 người", "1.000.000" (Vietnamese thousands dots),
 * "1,5" (decimal comma), "2tr" / "2 triệu" (millions), "500k" / "500 nghìn", "1 tỷ", the one
 * number of a sentence ("nhóm mình 5 người") and a count in words ("tầm chục người").
 *
 * @example
 * parseNumber('1.500.000')  // { ok: true, value: 1500000 }
 * parseNumber('2,5 triệu')  // { ok: true, value: 2500000 }
 */
import { fold } from '../../nlu/fold.js';
import { fail, ok, type Parsed } from './result.js';

const MULTIPLIERS: Record<string, number> = {
  k: 1e3, nghin: 1e3, ngan: 1e3, thousand: 1e3,
  tr: 1e6, trieu: 1e6, m: 1e6, million: 1e6,
  ty: 1e9, ti: 1e9, billion: 1e9,
};

const NUMBER = /(-?\d{1,3}(?:\.\d{3})+|-?\d+(?:[.,]\d+)?)\s*([a-z]+)?\b/;
const NUMBER_FIRST = new RegExp(`^${NUMBER.source}`);

/**
 * The one number written inside a sentence ("nhóm mình 5 người", "tầm 10 người", "khoảng 2tr
 * thôi"); none when there are two ("3 đến 5 người" says no one number).
 */
function onlyNumberIn(folded: string): RegExpExecArray | null {
  const all = [...folded.matchAll(new RegExp(`(?:^|[^\\d.,])${NUMBER.source}`, 'g'))];
  const found = all.length === 1 ? NUMBER.exec(folded.slice(all[0]!.index)) : null;
  // "thôi đặt bàn mai 9h đi": a time of day in a sentence counts nothing (it became a team of 9).
  return found && CLOCK_UNITS.has(found[2] ?? '') ? null : found;
}

/** Counting words, folded, with what follows them when they count people ("ba người", "chục người"). */
const COUNT_WORDS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10, chuc: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const COUNTED = /(?:^| )(mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|chuc|one|two|three|four|five|six|seven|eight|nine|ten) (nguoi|ban|thanh vien|nhan su|nhan vien|people|persons|members)\b/;

/** A number said in words before what it counts ("nhóm có ba người", "tầm chục người", "five people"), or why not. */
function countWord(folded: string, range: { min?: number; max?: number }): Parsed<number> {
  const said = COUNTED.exec(folded);
  if (!said) return fail('invalid');
  const value = COUNT_WORDS[said[1]!]!;
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) return fail('out_of_range');
  return ok(value);
}

/** Units that make a number a time of day ("6h", "9 giờ", "3pm"), not an amount. */
const CLOCK_UNITS: ReadonlySet<string> = new Set(['h', 'g', 'gio', 'am', 'pm', 'phut', 'p', 'tieng']);

/**
 * Words before a number that make it a day or a time ("thứ 6", "t6", "ngày 5", "tháng 6",
 * "lúc 9"): "thu 6 tuan sau" typed at "how many people?" is a day, not a team of six.
 */
const DAY_OR_TIME_BEFORE = /(?:^|\s)(?:thu|t|ngay|thang|tuan|luc|vao luc|hom)\s*$/;

/**
 * Parses a number (optionally within [min, max]), or says why not.
 *
 * @example
 * parseNumber('6', { min: 1, max: 5 }) // { ok: false, reason: 'out_of_range' }
 */
export function parseNumber(text: string, range: { min?: number; max?: number; integer?: boolean } = {}): Parsed<number> {
  const folded = fold(text);
  if (!folded) return fail('empty');
  const match = NUMBER_FIRST.exec(folded) ?? onlyNumberIn(folded);
  if (!match) return countWord(folded, range);
  const unit = match[2];
  if (unit && CLOCK_UNITS.has(unit)) return fail('invalid');
  if (DAY_OR_TIME_BEFORE.test(folded.slice(0, folded.indexOf(match[0])))) return fail('invalid');
  // "6/12", "6-12": a day and month, not a count.
  if (/^[/-]\d/.test(folded.slice(folded.indexOf(match[0]) + match[0].length))) return fail('invalid');
  let raw = match[1]!;
  raw = /^-?\d{1,3}(\.\d{3})+$/.test(raw) ? raw.replace(/\./g, '') : raw.replace(',', '.');
  let value = Number(raw);
  if (unit && MULTIPLIERS[unit]) value *= MULTIPLIERS[unit];
  if (!Number.isFinite(value)) return fail('invalid');
  if (range.integer && !Number.isInteger(value)) return fail('invalid');
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) return fail('out_of_range');
  return ok(value);
}
