/**
 * Booking codes inside a sentence ("hủy lịch KN45TQ", "mã là m4nb6c"): six letters and digits,
 * returned upper case. Ordinary words are not codes, so a candidate needs a digit and a letter
 * (and is not a time or a quantity such as "10h30p", "200usd", "2026hn"), or, when it is all
 * letters, to be written in capitals right after a code cue ("mã", "code", "booking") or in a
 * sentence that moves or cancels a booking ("move MQRSTV to friday"). Codes are drawn from
 * `CODE_ALPHABET` (the SQL's `booking_code` alphabet, without I, L, O, 0 and 1), which also tells
 * a code such as "XYZ234" from a model name such as "abc123".
 *
 * @example
 * parseBookingCode('huy dat cho ma 7hd2qp giup e') // { ok: true, value: '7HD2QP' }
 * parseBookingCode('đặt lịch CHIEU nay')            // { ok: false, reason: 'invalid' }
 */
import { fold } from '../fold.js';
import { fail, ok, type Parsed } from '../result.js';

const CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z0-9]{6}(?![\p{L}\p{N}])/gu;
/** The characters `booking_code` draws from (baseline_booking.sql). */
const CODE_ALPHABET = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/i;
/** Words that move or cancel a booking, folded: a capitalised six-letter word beside them is its code. */
const BOOKING_VERB = /\b(doi|doi lich|dich|doi sang|huy|move|cancel|reschedule|change|booking|dat cho|lich)\b/;
const CUE_BEFORE = /\b(ma|code|booking|ma so|ma dat|ma lich|so|id|#)\s*(?:la|is|:)?\s*$/;
// Numbers with a unit or a clock, which have the shape of a code without being one.
const NOT_A_CODE = [
  /^\d{1,2}[hg]\d{1,2}[p]?$/i, // 10h30p
  /^\d+(?:k|tr|usd|vnd|dong|m2|ph|phut|gio|am|pm|th|st|nd|rd|kg|km|gb|mb|cm)$/i,
  /^(?:19|20)\d{2}[a-z]{2}$/i,
  /^[a-z]{1,3}\d{1,3}$/i, // ipp2, covid19-like short model names are kept below 6 anyway
];

/**
 * Every booking code in a sentence, upper case, in order.
 *
 * @example
 * findBookingCodes('đổi PH7K2M sang thứ 6') // ['PH7K2M']
 */
export function findBookingCodes(text: string): string[] {
  const codes: string[] = [];
  const nfc = text.normalize('NFC');
  for (const m of nfc.matchAll(CANDIDATE)) {
    const token = m[0];
    const before = fold(nfc.slice(Math.max(0, (m.index ?? 0) - 20), m.index ?? 0));
    const hasDigit = /\d/.test(token);
    const hasLetter = /[A-Za-z]/.test(token);
    if (hasDigit && hasLetter) {
      // "XYZ234" has the shape of a model name but only a code's characters: a code.
      if (NOT_A_CODE.some((p) => p.test(token)) && !CODE_ALPHABET.test(token)) continue;
      codes.push(token.toUpperCase());
    } else if (!hasDigit && token === token.toUpperCase() && (CUE_BEFORE.test(before) || (CODE_ALPHABET.test(token) && BOOKING_VERB.test(fold(nfc))))) {
      codes.push(token);
    }
  }
  return codes;
}

/**
 * The first booking code in a sentence, or why not.
 *
 * @example
 * parseBookingCode('Please cancel my booking X9T4LM') // { ok: true, value: 'X9T4LM' }
 */
export function parseBookingCode(text: string): Parsed<string> {
  if (!text.trim()) return fail('empty');
  const first = findBookingCodes(text)[0];
  return first ? ok(first) : fail('invalid');
}
