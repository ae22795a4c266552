/**
 * Which of a question's concepts are everyday words (`content/lexicon/everyday-words.yaml`):
 * words of daily speech whose rarity in a small set of documents says nothing about the topic.
 * A founder's paraphrase uses them ("nộp tận tay", "ở giữa tuần", "mang theo"); the passage
 * that answers says the same in the documents' words and lacks them. Their idf over a few dozen
 * passages is as high as that of a topic the documents lack, so without this a paraphrase and a
 * trap look alike to the gate. A marked concept a text lacks costs what a generic word weighs
 * (evidence.ts, `missingWeight`); one it holds still counts fully.
 *
 * A word typed without diacritics is everyday only when every spelling of it in the documents
 * is an everyday word: "ban" typed over documents that write "bàn" (a desk) is the desk.
 *
 * @example
 * markEverydayWords(query, index, question); // concept "giữa" of "nộp giữa tuần" is everyday
 */
import { fold, foldTokens } from '../nlu/fold.js';
import { loadLexicon, type EverydayWords } from './lexicon.js';
import type { PassageIndex } from './passage-index.js';
import type { Concept, SearchQuery } from './query.js';
import { ACCENT_PREFIX } from './terms.js';

/** What the check needs from the index: accented spellings and their presence. */
export type SpellingIndex = Pick<PassageIndex, 'accentVariants' | 'df'>;

/** Marks the everyday concepts of a query (`Concept.everyday`); names and numbers never are. */
export function markEverydayWords(query: SearchQuery, index: SpellingIndex, question: string, words: EverydayWords = loadLexicon().everyday): void {
  const typed = new Set(foldTokens(question));
  for (const concept of query.concepts) {
    if (concept.anchor !== null || concept.foreign) continue;
    const everyday = query.language === 'en' ? englishEveryday(concept, typed, words) : vietnameseEveryday(concept, query.typedAccents, index, words);
    if (everyday) concept.everyday = true;
  }
}

/** An English word of the question (as typed, or its bare form) that is an everyday word. */
function englishEveryday(concept: Concept, typed: ReadonlySet<string>, words: EverydayWords): boolean {
  return concept.alternatives.slice(0, concept.own).some((w) => w.length === 1 && typed.has(w[0]!) && words.en.has(w[0]!));
}

function vietnameseEveryday(concept: Concept, typedAccents: boolean, index: SpellingIndex, words: EverydayWords): boolean {
  const own = concept.alternatives[0]!;
  const accents = own.length === 1 ? [concept.accent] : (concept.accents ?? own.map(() => null));
  // In a question typed with diacritics, a syllable without any is spelt so ("mang" is not "mạng").
  const spelt = own.map((w, i) => accents[i] ?? (typedAccents ? w : null));
  if (spelt.every((s): s is string => s !== null)) return words.vi.has(spelt.join(' '));
  const spellings = words.viFolded.get(own.join(' '));
  if (!spellings) return false;
  if (own.length > 1) return true;
  // Typed without diacritics: every accented spelling the documents use must be an everyday one.
  const word = own[0]!;
  const everydayInDocuments = [...spellings].filter((s) => fold(s) === word && s !== word && index.df(`${ACCENT_PREFIX}${s}`) > 0).length;
  return index.accentVariants(word) === everydayInDocuments;
}
