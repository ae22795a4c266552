/**
 * Numbers as founders type them: "5", "5 người", "1.000.000" (Vietnamese thousands dots),
 * "1,5" (decimal comma), "2tr" / "2 triệu" (millions), "500k" / "500 nghìn", "1 tỷ".
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

/**
 * Parses a number (optionally within [min, max]), or says why not.
 *
 * @example
 * parseNumber('6', { min: 1, max: 5 }) // { ok: false, reason: 'out_of_range' }
 */
export function parseNumber(text: string, range: { min?: number; max?: number; integer?: boolean } = {}): Parsed<number> {
  const folded = fold(text);
  if (!folded) return fail('empty');
  const match = /^(-?\d{1,3}(?:\.\d{3})+|-?\d+(?:[.,]\d+)?)\s*([a-z]+)?\b/.exec(folded);
  if (!match) return fail('invalid');
  let raw = match[1]!;
  raw = /^-?\d{1,3}(\.\d{3})+$/.test(raw) ? raw.replace(/\./g, '') : raw.replace(',', '.');
  let value = Number(raw);
  const unit = match[2];
  if (unit && MULTIPLIERS[unit]) value *= MULTIPLIERS[unit];
  if (!Number.isFinite(value)) return fail('invalid');
  if (range.integer && !Number.isInteger(value)) return fail('invalid');
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) return fail('out_of_range');
  return ok(value);
}
