/**
 * Roman and Arabic numerals of a numbered thing ("Kỳ I" / "kỳ 1", "Đợt II" / "đợt 2", "round II"):
 * administrative documents number their rounds, parts and phases in Roman numerals while
 * founders type digits, and the other way round. A question's numbered concept also searches the
 * other spelling, so "ky 2" finds "Kỳ II" and "Kỳ I" finds "kỳ 1".
 *
 * @example
 * otherNumeral('ii') // '2'
 * otherNumeral('3') // 'iii'
 * otherNumeral('x') // '10'
 */

const ROMANS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

/** The other spelling of a numeral from 1 to 12 (folded), or null for any other word. */
export function otherNumeral(word: string): string | null {
  const roman = ROMANS.indexOf(word);
  if (roman >= 0) return String(roman + 1);
  if (!/^\d{1,2}$/.test(word)) return null;
  const n = Number(word);
  return n >= 1 && n <= ROMANS.length ? ROMANS[n - 1]! : null;
}

/** Whether a typed word is a Roman numeral from I to XII written in capitals ("II", "IV"). */
export function isRomanLabel(typed: string): boolean {
  return /^[IVX]+$/.test(typed) && ROMANS.includes(typed.toLowerCase());
}

/**
 * The alternatives of a numbered concept with each one's other numeral added: a wording of two
 * or more words that ends with a numeral after a noun ("ky 1" → also "ky i"). A lone numeral
 * or a wording already holding both spellings is left alone.
 *
 * @example
 * withOtherNumerals([['ky', '1']]) // [['ky', '1'], ['ky', 'i']]
 */
export function withOtherNumerals(alternatives: readonly string[][]): string[][] {
  const out = alternatives.map((a) => [...a]);
  const seen = new Set(out.map((a) => a.join(' ')));
  for (const a of alternatives) {
    const last = a.at(-1)!;
    const other = a.length >= 2 && !/\d/.test(a.at(-2)!) ? otherNumeral(last) : null;
    if (!other) continue;
    const form = [...a.slice(0, -1), other];
    if (!seen.has(form.join(' '))) {
      seen.add(form.join(' '));
      out.push(form);
    }
  }
  return out;
}

/** Vietnamese ordinals after a thing counted in sequence, as the number documents write. */
const VI_ORDINALS: Readonly<Record<string, string>> = {
  'đầu tiên': '1', 'thứ nhất': '1', 'thứ hai': '2', 'thứ ba': '3', 'thứ tư': '4', 'thứ năm': '5', 'thứ sáu': '6',
  'dau tien': '1', 'thu nhat': '1',
};
const VI_SEQUENCED = '(khóa|khoá|đợt|vòng|kỳ|kì|mùa|giai đoạn|khoa|dot|vong|ky|mua|giai doan)';
const VI_ORDINAL = new RegExp(`(?<![\\p{L}\\p{N}])${VI_SEQUENCED}\\s+(${Object.keys(VI_ORDINALS).join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * "khóa đầu tiên", "đợt thứ hai" as "khóa 1", "đợt 2": an ordinal after a thing counted in
 * sequence is the number the documents write ("Khóa 1"), as English "the first cohort" is.
 * Only after such a noun: "thứ Hai" alone is Monday. Unaccented, only the unambiguous ordinals
 * ("dau tien", "thu nhat"): "thu hai" may be a weekday.
 *
 * @example
 * viOrdinalsAsNumbers('Sau khóa đầu tiên có bao nhiêu dự án?') // 'Sau khóa 1 có bao nhiêu dự án?'
 */
export function viOrdinalsAsNumbers(question: string): string {
  return question.normalize('NFC').replace(VI_ORDINAL, (whole, noun: string, ordinal: string) => {
    const n = VI_ORDINALS[ordinal.toLocaleLowerCase('vi')];
    return n ? `${noun} ${n}` : whole;
  });
}
