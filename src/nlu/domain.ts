/**
 * The centre's knowledge domain as words, against the topics it does not cover: a feature of the
 * classifier so "giá vàng hôm nay" (gold price) is out of scope while "giá thuê phòng họp" (a
 * coworking price) is a knowledge question, even with words the examples never used. Staff edit
 * the lists in `content/nlu/domain.yaml`.
 *
 * @example
 * const domain = new DomainLexicon({ knowledge: ['hồ sơ'], out_of_scope: ['giá vàng'] });
 * domain.cues(['gia', 'vang', 'hom', 'nay']) // ['oos']
 */
import { PhraseMatcher, wordsOf } from './entities/phrases.js';

/** The two word lists. */
export interface DomainLists {
  knowledge: readonly string[];
  out_of_scope: readonly string[];
  /** Things of other businesses founders book, cancel or subscribe to (see `not-ours.ts`). */
  not_ours?: readonly string[];
}

/** Matches the knowledge-domain and out-of-scope phrases of a message. */
export class DomainLexicon {
  private readonly matcher: PhraseMatcher;

  constructor(lists: DomainLists) {
    this.matcher = new PhraseMatcher([
      { id: 'kb', phrases: lists.knowledge },
      { id: 'oos', phrases: lists.out_of_scope },
    ], false); // exact words: "phương trình" (an equation) is one letter from "chương trình"

  }

  /**
   * 'kb' and/or 'oos' (and 'kb2' for two or more knowledge words) for the words of a message.
   *
   * @example
   * domain.cues(wordsOf('han nop ho so')) // ['kb', 'kb2']
   */
  cues(words: readonly string[]): string[] {
    const plain = words.map((w) => (w.startsWith('n:') ? w.slice(2) : w));
    const found = this.matcher.findAll(plain);
    const kb = found.filter((m) => m.id === 'kb').length;
    const oos = found.filter((m) => m.id === 'oos').length;
    const cues: string[] = [];
    if (kb > 0) cues.push('kb');
    if (kb > 1) cues.push('kb2');
    if (oos > 0) cues.push('oos');
    if (oos > 0 && kb === 0) cues.push('oos_only');
    if (kb === 0 && oos === 0) cues.push('none');
    return cues;
  }

  /** Same as `cues` for raw text. @example domain.cuesOf('giá vàng') // ['oos', 'oos_only'] */
  cuesOf(text: string): string[] {
    return this.cues(wordsOf(text));
  }
}
