/**
 * Mends typing slips in words the classifier has never seen ("cancle", "aplication", "bookng"):
 * a word of five letters or more that is not in the training vocabulary becomes the vocabulary
 * word one slip away (a letter dropped, added, changed, or two neighbours swapped), the most
 * frequent if several are. Vietnamese syllables and short words are left alone: folded
 * syllables are often one letter apart ("hop"/"hoc", "nguon"/"nguoi"), so only longer words that
 * no syllable spells (mostly English) are mended. Training text is unchanged by construction
 * (all its words are in the vocabulary).
 *
 * @example
 * const mender = new TypoMender(['cancel my booking']);
 * mender.mend('cancle my booking') // 'cancel my booking'
 */
import { withinOneEdit } from './entities/phrases.js';
import { isSyllable } from './telex.js';

const MIN_LENGTH = 5;

export class TypoMender {
  private readonly counts = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();

  /** @param texts normalised training texts */
  constructor(texts: Iterable<string>) {
    for (const text of texts) for (const w of text.match(/\p{L}+/gu) ?? []) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
    for (const w of this.counts.keys()) {
      if (w.length < MIN_LENGTH) continue;
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  /** The text with each unknown long word replaced by its nearest known word, when one is a slip away. */
  mend(normalized: string): string {
    return normalized.replace(/[\p{L}\p{N}]+/gu, (w) => (/^\p{L}+$/u.test(w) ? this.nearest(w) ?? w : w));
  }

  private nearest(word: string): string | undefined {
    // A folded Vietnamese syllable ("nguoi", "truong", "khuyen") is a word, however rare: it is
    // never taken for a slip of another.
    if (word.length < MIN_LENGTH || this.counts.has(word) || isSyllable(word)) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    for (const length of [word.length - 1, word.length, word.length + 1]) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const count = this.counts.get(candidate)!;
        if (count > bestCount && oneSlipApart(word, candidate)) [best, bestCount] = [candidate, count];
      }
    }
    return best;
  }
}

/** One insertion, deletion, substitution or swap of neighbours (Damerau distance 1), not equal. */
export function oneSlipApart(a: string, b: string): boolean {
  return a !== b && withinOneEdit(a, b);
}
