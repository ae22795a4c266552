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
