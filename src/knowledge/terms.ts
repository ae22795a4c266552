/**
 * The search index's vocabulary: every passage is indexed as folded syllables ("khoi"),
 * folded syllable bigrams ("khoi_nghiep", so multi-syllable words and phrases match as units)
 * and accented syllables ("~khởi", for the boost when the founder typed the right diacritics).
 * Questions are turned into the same terms by `queryTerms` (query.ts).
 *
 * @example
 * passageTerms('Khởi nghiệp') // { khoi: 1, nghiep: 1, khoi_nghiep: 1, '~khởi': 1, '~nghiệp': 1 }
 */
import { VI_ABBREVIATIONS } from './abbreviations.js';
import { accentTokens, foldTokens } from '../nlu/fold.js';
// foldTokens is still used by passageLength below.

const NON_ASCII = /[^\x00-\x7f]/;
/** `foldTokens`' token pattern (fold.ts), applied to text already folded. */
const FOLDED_TOKEN = /[\p{L}\p{N}]+(?:[.,/\-:][\p{N}]+)*[\p{L}]*/gu;

export const BIGRAM_JOINER = '_';
export const ACCENT_PREFIX = '~';

/** The term frequencies of a passage, as stored in `kb_terms`. */
export function passageTerms(text: string): Record<string, number> {
  const terms: Record<string, number> = {};
  const add = (term: string) => {
    if (term.length > 200) return;
    terms[term] = (terms[term] ?? 0) + 1;
  };
  // Bigrams do not cross sentence or clause ends: "…năm 2021. Sở KHCN…" is no phrase. The text
  // is folded once (the index's hot path), then cut into clauses.
  const folded = text.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  for (const clause of folded.split(/[.!?;:()\n"“”]+(?:\s|$)/u)) {
    const words = clause.match(FOLDED_TOKEN) ?? [];
    words.forEach((w, i) => {
      add(w);
      if (i > 0) add(`${words[i - 1]}${BIGRAM_JOINER}${w}`);
      const expansion = VI_ABBREVIATIONS[w];
      if (expansion) expandInto(expansion, add);
    });
  }
  // Tokens are lower-cased NFC letters and digits: one with a non-ASCII letter carries diacritics
  // (the cheap test; `hasDiacritics` folds every token).
  for (const token of accentTokens(text)) if (NON_ASCII.test(token)) add(`${ACCENT_PREFIX}${token}`);
  return terms;
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
