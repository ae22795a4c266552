/**
 * Days and months spelled in Vietnamese words, as voice typing and careful writers give them:
 * "ngày mười lăm tháng mười hai" is 15/12, "hai mươi mốt" 21, "hai lăm" 25. Only the numbers a
 * date can hold (1–31) are read as days; `spelledNumber` reads up to 99 (minutes: "bốn mươi lăm phút").
 *
 * @example
 * withSpelledDays('ngay muoi lam thang muoi hai') // 'ngay 15 thang 12'
 */

const UNITS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9 };
// After "mười"/"mươi" (or a tens digit said alone, "hai lăm"), five is "lăm"/"nhăm" and one
// after a tens word is "mốt"; all fold to these.
const AFTER_TENS: Record<string, number> = { ...UNITS, lam: 5, nham: 5 };

/**
 * The number spelled by the words from `at` on (1–99), and how many words it took, or
 * undefined. The longest reading wins: "mười hai" is 12, not 10; "bốn mươi lăm" is 45.
 *
 * @example
 * spelledNumber(['hai', 'muoi', 'mot'], 0) // { value: 21, words: 3 }
 */
export function spelledNumber(words: readonly string[], at: number): { value: number; words: number } | undefined {
  const [a, b, c] = [words[at], words[at + 1], words[at + 2]];
  if (a === undefined) return undefined;
  if (a === 'muoi') {
    const unit = b !== undefined ? AFTER_TENS[b] : undefined;
    return unit !== undefined ? { value: 10 + unit, words: 2 } : { value: 10, words: 1 };
  }
  const tens = UNITS[a];
  if (tens === undefined) return undefined;
  if (tens >= 2 && b === 'muoi') {
    const unit = c !== undefined ? AFTER_TENS[c] : undefined;
    return unit !== undefined ? { value: tens * 10 + unit, words: 3 } : { value: tens * 10, words: 2 };
  }
  // "hai lăm", "bốn lăm": the tens said without "mươi", before a five that cannot start a number.
  if (tens >= 2 && (b === 'lam' || b === 'nham')) return { value: tens * 10 + 5, words: 2 };
  return { value: tens, words: 1 };
}

const WORD = String.raw`(?:mot|hai|ba|bon|tu|nam|lam|nham|sau|bay|tam|chin|muoi)`;
// A day and a month, either spelled: "ngày mười lăm tháng mười hai", "mùng năm tháng 1".
const DAY_AND_MONTH = new RegExp(String.raw`\b(ngay|mung|mong)\s+(${WORD}(?:\s+${WORD}){0,2}|\d{1,2})\s+(thang|thg)\s+(${WORD}(?:\s+${WORD})?|\d{1,2})\b`, 'g');
// A day alone after "ngày" only when it has a tens word ("ngày mười lăm", "ngày hai mươi"):
// "ngày mốt" is the day after tomorrow and "ngày hai" too short to be sure of. After "mùng"
// (the first ten days) any unit is a day; folded "mong" is also "mong" (to hope), so not there.
const DAY_ALONE = new RegExp(String.raw`\b(?:ngay\s+((?:${WORD}\s+)?muoi(?:\s+${WORD})?|(?:hai|ba)\s+(?:lam|nham))|mung\s+(${WORD}))\b`, 'g');

// A cheap first look: a day cue followed by a number word.
const ANY_SPELLED_DAY = new RegExp(String.raw`\b(?:ngay|mung|mong)\s+${WORD}\b`);

/**
 * The number of a whole spelled phrase, or undefined when words are left over.
 *
 * @example
 * wholeNumber('bon muoi lam') // 45
 */
export function wholeNumber(phrase: string): number | undefined {
  const words = phrase.trim().split(/\s+/);
  const n = spelledNumber(words, 0);
  return n && n.words === words.length ? n.value : undefined;
}

/** Spelled number words, for patterns that find a number before reading it. */
export const NUMBER_WORD = WORD;

/**
 * Folded text with spelled days and months of dates written in digits, for the date reader.
 * "tháng sáu" alone is left as it is: folded it is also "tháng sau" (next month).
 *
 * @example
 * withSpelledDays('dat hoi truong ngay hai muoi thang muoi hai') // 'dat hoi truong ngay 20 thang 12'
 */
export function withSpelledDays(folded: string): string {
  if (!ANY_SPELLED_DAY.test(folded)) return folded;
  return folded
    .replace(DAY_AND_MONTH, (whole, cue: string, day: string, month: string, monthWords: string) => {
      const d = /^\d+$/.test(day) ? Number(day) : wholeNumber(day);
      const m = /^\d+$/.test(monthWords) ? Number(monthWords) : monthWords === 'sau' ? undefined : wholeNumber(monthWords);
      return d !== undefined && d <= 31 && m !== undefined && m >= 1 && m <= 12 ? `${cue} ${d} ${month} ${m}` : whole;
    })
    .replace(DAY_ALONE, (whole, afterNgay: string | undefined, afterMung: string | undefined) => {
      const d = wholeNumber((afterNgay ?? afterMung)!);
      if (d === undefined || d > 31) return whole;
      return afterNgay !== undefined ? `ngay ${d}` : d <= 10 ? `mung ${d}` : whole;
    });
}
