/**
 * JSON parsing that never turns a platform id into a JavaScript number. Zalo ids and timestamps
 * exceed 2^53; the documentation sends them as strings, but a bare integer literal would silently
 * lose digits in `JSON.parse`. Integer literals longer than 15 digits are therefore quoted before
 * parsing, by a scanner that knows where strings begin and end (a regex would also rewrite digits
 * inside message text).
 *
 * @example
 * parseJsonKeepingBigIntegers('{"id": 5326712345678901234}'); // { id: '5326712345678901234' }
 */
export function parseJsonKeepingBigIntegers(raw: string): unknown {
  return JSON.parse(quoteBigIntegers(raw));
}

/**
 * The same JSON text with every integer literal of 16+ digits turned into a string literal.
 *
 * @example
 * quoteBigIntegers('{"id":5326712345678901234}'); // '{"id":"5326712345678901234"}'
 */
export function quoteBigIntegers(raw: string): string {
  let out = '';
  let i = 0;
  let copiedUpTo = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < raw.length && raw.charCodeAt(i) !== 0x22) i += raw.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    const isDigit = c >= 0x30 && c <= 0x39;
    if (isDigit || (c === 0x2d /* - */ && i + 1 < raw.length)) {
      let j = c === 0x2d ? i + 1 : i;
      while (j < raw.length && raw.charCodeAt(j) >= 0x30 && raw.charCodeAt(j) <= 0x39) j++;
      const digits = j - (c === 0x2d ? i + 1 : i);
      const next = raw[j];
      const isInteger = next !== '.' && next !== 'e' && next !== 'E';
      if (digits > 15 && isInteger) {
        out += raw.slice(copiedUpTo, i) + '"' + raw.slice(i, j) + '"';
        copiedUpTo = j;
      }
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  return out + raw.slice(copiedUpTo);
}
