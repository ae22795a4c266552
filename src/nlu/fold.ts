/**
 * Vietnamese text folding: founders type with or without diacritics ("dat phong" = "đặt
 * phòng"), so matching compares folded forms. Follows the evaluation's definition: NFD, combining
 * marks removed, đ→d, lower case, runs of white space collapsed.
 *
 * @example
 * fold('  Đặt   Phòng ') // 'dat phong'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** NFC-normalises text (the form documents and answers are stored in). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Folds and strips punctuation, for matching short commands such as "gặp cán bộ!". */
export function foldWords(text: string): string {
  return fold(text.replace(/[^\p{L}\p{N}\s/]/gu, ' '));
}

// A syllable or number: letters/digits, keeping number punctuation such as "2-4/12", "5.000",
// "200.000usd" in one token so facts with numbers match as a whole.
const TOKEN = /[\p{L}\p{N}]+(?:[.,/\-:][\p{N}]+)*[\p{L}]*/gu;

/**
 * Splits text into folded tokens (syllables, words, numbers), the unit of the search index.
 *
 * @example
 * foldTokens('Khởi nghiệp: 2-4/12!') // ['khoi', 'nghiep', '2-4/12']
 */
export function foldTokens(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

/**
 * Splits text into lower-cased tokens that keep their diacritics (for the "right accents" boost).
 *
 * @example
 * accentTokens('Khởi nghiệp') // ['khởi', 'nghiệp']
 */
export function accentTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
}

/** True when a token carries Vietnamese diacritics (or đ), i.e. differs from its folded form. */
export function hasDiacritics(token: string): boolean {
  return fold(token) !== token;
}
