/**
 * Link codes: 10 characters of Crockford's base32 (digits and letters without I, L, O, U), 50
 * bits from the operating system's CSPRNG, shown as two groups of five (`K7QM3-XPA9R`). Easy to
 * read aloud and type on a phone; typed in any case, with spaces or dashes, and with the
 * look-alikes O→0 and I/L→1 forgiven.
 *
 * @example
 * const code = newLinkCode(); // 'K7QM3XPA9R'
 * formatLinkCode(code); // 'K7QM3-XPA9R'
 * normalizeLinkCode('k7qm3 xpa9r'); // 'K7QM3XPA9R'
 */
import { randomInt } from 'node:crypto';

export const LINK_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_CODE_LENGTH = 10;
/** log2(32^10): the guessing space of one code. */
export const LINK_CODE_BITS = LINK_CODE_LENGTH * Math.log2(LINK_CODE_ALPHABET.length);

/** A new code in canonical form (upper case, no separator). */
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += LINK_CODE_ALPHABET[randomInt(0, LINK_CODE_ALPHABET.length)];
  return code;
}

/** The code as shown to people: two groups of five. */
export function formatLinkCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The canonical code for what someone typed, or undefined when it cannot be a code. */
export function normalizeLinkCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== LINK_CODE_LENGTH) return undefined;
  for (const c of code) if (!LINK_CODE_ALPHABET.includes(c)) return undefined;
  return code;
}
