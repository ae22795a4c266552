/**
 * Text from a platform, made safe to store. PostgreSQL's jsonb refuses the NUL character and
 * unpaired UTF-16 surrogates (`\u0000`, `\ud800` in JSON), so one such character in a message,
 * a name or an id made the inbox write fail with a 500. Every adapter's schema reads strings
 * through `cleanText`, which puts U+FFFD (the replacement character) in their place: the person's
 * message still arrives, minus the characters nobody can see.
 *
 * @example
 * cleanText('a\u0000b'); // 'a\uFFFDb'
 * textField(100).parse('x\ud800'); // 'x\uFFFD'
 */
import { z } from 'zod';

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with NUL and unpaired surrogates replaced by U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/** Every string inside a JSON-like value cleaned (keys too); other values unchanged. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  }
  return value;
}

/** A zod string of at most `max` UTF-16 units, cleaned. */
export function textField(max: number) {
  return z.string().max(max).transform(cleanText);
}

/** A zod identifier string: 1..`max` characters, no control characters at all. */
export function idField(max: number) {
  return z.string().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]+$/, 'control characters in an id').transform(cleanText);
}

/** A BCP 47-ish language tag (`vi`, `en-US`, `zh-Hant-TW`); anything else is dropped by callers. */
export const localeField = z.string().max(35).regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/);
