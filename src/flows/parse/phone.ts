/**
 * Vietnamese phone numbers as founders type them ("0912 345 678", "+84 912.345.678",
 * "(84) 912345678", "0084912345678", "024 3825 1234") to E.164 ("+84912345678").
 * Mobile numbers have 9 digits after the trunk 0 and start with 3, 5, 7, 8 or 9 (since the
 * 2018 renumbering); landlines have 10 digits after the 0 and start with 2 (area code 2xx).
 *
 * @example
 * parsePhone('0912 345 678') // { ok: true, value: '+84912345678' }
 * parsePhone('12345')        // { ok: false, reason: 'invalid' }
 */
import { fail, ok, type Parsed } from './result.js';

/**
 * Parses a Vietnamese phone number to E.164, or says why not.
 *
 * @example
 * parsePhone('+84 912 345 678') // { ok: true, value: '+84912345678' }
 */
export function parsePhone(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (!trimmed) return fail('empty');
  if (/[^\d\s().+\-]/.test(trimmed)) return fail('invalid');
  let digits = trimmed.replace(/[^\d+]/g, '');
  if (digits.lastIndexOf('+') > 0) return fail('invalid');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `84${digits.slice(1)}`;
  else if (!digits.startsWith('84') || digits.length < 11) digits = `84${digits}`;
  if (!digits.startsWith('84')) return fail('invalid'); // a foreign number: not a Vietnamese one
  let national = digits.slice(2);
  if (national.startsWith('0')) national = national.slice(1); // "+84 0912…" is a common slip
  const mobile = /^[35789]\d{8}$/.test(national);
  const landline = /^2\d{9}$/.test(national);
  return mobile || landline ? ok(`+84${national}`) : fail('invalid');
}

/** Shows an E.164 number the Vietnamese way. @example formatPhone('+84912345678') // '0912 345 678' */
export function formatPhone(e164: string): string {
  if (!e164.startsWith('+84')) return e164;
  const n = `0${e164.slice(3)}`;
  return n.length === 10 ? `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}` : `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
}

/**
 * The one phone number written inside a sentence ("sdt của mình là 0912 345 678", "my number is
 * +84 912 345 678", "sđt: 0912.345.678 ạ"), parsed, or undefined when there is none or several
 * different ones (which is meant is unclear then).
 *
 * @example
 * findPhoneIn('số của mình là 0912345678 nhé') // { ok: true, value: '+84912345678' }
 */
export function findPhoneIn(text: string): Parsed<string> | undefined {
  const found = new Set<string>();
  for (const written of text.match(/(?:\(\+?84\)\s*|\+)?\d[\d .-]{7,14}\d/g) ?? []) {
    const parsed = parsePhone(written);
    if (parsed.ok) found.add(parsed.value);
  }
  return found.size === 1 ? ok([...found][0]!) : undefined;
}
