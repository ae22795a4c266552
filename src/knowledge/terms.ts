/**
 * The search index's vocabulary: every passage is indexed as folded syllables ("khoi"),
 * folded syllable bigrams ("khoi_nghiep", so multi-syllable words and phrases match as units)
 * and accented syllables ("~khởi", for the boost when the founder typed the right diacritics).
 * Questions are turned into the same terms by `queryTerms` (query.ts).
 *
 * @example
 * passageTerms('Khởi nghiệp') // { khoi: 1, nghiep: 1, khoi_nghiep: 1, '~khởi': 1, '~nghiệp': 1 }
 */
import { fullForm } from './abbreviations.js';
import { accentTokens, foldTokens } from '../nlu/fold.js';

const NON_ASCII = /[^\x00-\x7f]/;
/** `foldTokens`' token pattern (fold.ts), applied to text already folded. */
const FOLDED_TOKEN = /[\p{L}\p{N}]+(?:[.,/\-:][\p{N}]+)*[\p{L}]*/gu;

/** `FOLDED_TOKEN` on lower-cased ASCII text, where \p{L} is [a-z] and \p{N} is [0-9]. */
const ASCII_FOLDED_TOKEN = /[a-z0-9]+(?:[.,/\-:][0-9]+)*[a-z]*/g;

export const BIGRAM_JOINER = '_';
export const ACCENT_PREFIX = '~';

/** The term frequencies of a passage, as stored in `kb_terms`. */
export function passageTerms(text: string): Record<string, number> {
  // No prototype: a word such as "constructor" is no inherited key.
  const terms: Record<string, number> = Object.create(null) as Record<string, number>;
  const add = (term: string) => {
    if (term.length > 200) return;
    terms[term] = (terms[term] ?? 0) + 1;
  };
  for (const words of foldedClauses(text)) {
    words.forEach((w, i) => {
      add(w);
      if (i > 0) add(`${words[i - 1]}${BIGRAM_JOINER}${w}`);
      const expansion = fullForm(w);
      if (expansion) expandInto(expansion, add);
    });
  }
  for (const token of accentTerms(text)) add(token);
  return terms;
}

/**
 * The folded words of a text, clause by clause. Bigrams do not cross sentence or clause ends:
 * "…năm 2021. Sở KHCN…" is no phrase. The text is folded once (the index's hot path), then cut
 * into clauses.
 *
 * @example
 * foldedClauses('Sở KHCN. Hội trường') // [['so', 'khcn'], ['hoi', 'truong']]
 */
export function foldedClauses(text: string): string[][] {
  // Lower-cased before "đ" is replaced: "Đ" becomes "đ", then "d", in one pass.
  const folded = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/đ/g, 'd');
  // Folded Vietnamese is ASCII, where the token pattern needs no Unicode tables (much faster).
  const token = NON_ASCII.test(folded) ? FOLDED_TOKEN : ASCII_FOLDED_TOKEN;
  return folded.split(/[.!?;:()\n"“”]+(?:\s|$)/u).map((clause) => splitClockHours(clause.match(token) ?? []));
}

/** "24h", "14h00" as written in Vietnamese: a number of hours ("giờ"), then the minutes. */
const CLOCK_HOURS = /^(\d{1,2})h(\d{2})?$/;

/**
 * Reads "24h" as "24 giờ" and "14h00" as "14 giờ 00", in questions and passages alike: "hủy
 * trong vòng 24h" asks what "hủy trong vòng 24 giờ" says.
 *
 * @example
 * splitClockHours(['truoc', '24h']) // ['truoc', '24', 'gio']
 */
export function splitClockHours(words: string[]): string[] {
  if (!words.some((w) => CLOCK_HOURS.test(w))) return words;
  return words.flatMap((w) => {
    const m = CLOCK_HOURS.exec(w);
    return m ? [m[1]!, 'gio', ...(m[2] ? [m[2]] : [])] : [w];
  });
}

/**
 * The accent terms of a text ("~khởi"): its tokens written with diacritics, in order, repeated.
 *
 * @example
 * accentTerms('Khởi nghiệp online') // ['~khởi', '~nghiệp']
 */
export function accentTerms(text: string): string[] {
  // Tokens are lower-cased NFC letters and digits: one with a non-ASCII letter carries diacritics
  // (the cheap test; `hasDiacritics` folds every token).
  const out: string[] = [];
  for (const token of accentTokens(text)) if (NON_ASCII.test(token)) out.push(`${ACCENT_PREFIX}${token}`);
  return out;
}

/** A stretch of text a 200-character token could come from. */
const LONG_RUN = /\S{30,}/;
/** A letter or digit outside ASCII. */
const NON_ASCII_WORD_CHAR = /(?![\x00-\x7f])[\p{L}\p{N}]/u;

/**
 * Whether a text has any accent term (`accentTerms(text).length > 0`) without listing them:
 * every letter and digit of a text belongs to one of its tokens, and tokens hold nothing else
 * outside ASCII, so a token carries diacritics exactly when a letter or digit is not ASCII (in
 * the same lower-cased NFC form the tokens are read from).
 *
 * @example
 * hasAccentTerms('Khởi nghiệp') // true
 * hasAccentTerms('khoi nghiep') // false
 */
export function hasAccentTerms(text: string): boolean {
  return NON_ASCII_WORD_CHAR.test(text.normalize('NFC').toLowerCase());
}

/** The terms a question can ask a text about: its words, and the bigrams and accent terms among them. */
export interface AskedTerms {
  /** Folded words. */
  words: ReadonlySet<string>;
  /** Every asked term: the words, bigrams ("khoi_nghiep") and accent terms ("~khởi"). */
  terms: ReadonlySet<string>;
}

/**
 * Which of the asked terms a text contains: `passageTerms` restricted to them (the same
 * tokenising, without building the text's other terms). A bigram is only formed when both its
 * words are asked; accent terms are read only when `accents` is called.
 *
 * @example
 * const found = askedTermsIn('Khởi nghiệp ở Cần Thơ', asked);
 * found.terms.has('khoi_nghiep'); found.accents().has('~khởi')
 */
export function askedTermsIn(text: string, asked: AskedTerms): { terms: Set<string>; accents: () => Set<string>; accented: () => boolean } {
  const found = new Set<string>();
  const add = (term: string) => {
    if (term.length <= 200 && asked.terms.has(term)) found.add(term);
  };
  const words = asked.words;
  for (const clause of foldedClauses(text)) {
    let previous = false;
    for (let i = 0; i < clause.length; i++) {
      const w = clause[i]!;
      const known = words.has(w);
      if (known) {
        add(w);
        if (previous) add(`${clause[i - 1]}${BIGRAM_JOINER}${w}`);
      }
      previous = known;
      const expansion = fullForm(w);
      if (expansion) expandInto(expansion, add);
    }
  }
  let accents: Set<string> | null = null;
  const accentsOf = () => (accents ??= new Set(accentTerms(text).filter((t) => t.length <= 200)));
  const accentedOf = (): boolean => {
    if (accents) return accents.size > 0;
    if (!hasAccentTerms(text)) return false;
    // Terms over 200 characters are not kept: where a token might be that long (a run of 30+
    // characters without a space, even if normalising grew it sixfold), the terms are listed.
    return LONG_RUN.test(text) ? accentsOf().size > 0 : true;
  };
  let accented: boolean | null = null;
  return { terms: found, accents: accentsOf, accented: () => (accented ??= accentedOf()) };
}

/** Adds the words and bigrams of an abbreviation's full form. */
function expandInto(phrase: string, add: (term: string) => void): void {
  const words = phrase.split(' ');
  words.forEach((w, i) => {
    add(w);
    if (i > 0) add(`${words[i - 1]}${BIGRAM_JOINER}${w}`);
  });
}

/** Number of folded syllables, the passage length BM25 normalises by. */
export function passageLength(text: string): number {
  return foldTokens(text).length;
}
