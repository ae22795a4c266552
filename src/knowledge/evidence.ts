/**
 * The evidence that a passage (and a sentence of it) answers a question, as numbers the
 * confidence models weigh (`confidence-model.json`, fitted by `uom kb calibrate`):
 *
 * - `coverage`: the question's concepts found, weighted by idf (rare words and names count most),
 *   a concept covered by any of its wordings (thesaurus, glossary), a synonym a little less than
 *   the question's own word, a word typed with other diacritics than the passage's half, an
 *   everyday word the passage lacks no more than a generic word (everyday.ts); a
 *   numbered thing ("đợt 3", "loại D 2") none where its number is missing ("Đợt 1", "Đợt 2");
 * - `phrases`: share of the question's two-syllable phrases found as phrases;
 * - `names` / `numbers`: share of the names, codes and numbers of the question found (an event
 *   name or "loại D" anchors the match: generic words around it cannot make up for it);
 * - `distinct`: coverage of the question's most distinctive concepts only (top idf);
 * - `gap`: the weight (relative to the question's rarest concept) of the most important concept
 *   the passage lacks: a trap repeats the programme's name but asks about "đợt 3" or "kim loại",
 *   which no passage has, and one missing rare word outweighs many generic ones found;
 * - `sentence`: coverage by the best single sentence (with the passage's heading and title as
 *   context at half weight), `kind`: whether that sentence holds the kind of fact asked, and
 *   `anchors`: the names and numbers of the question found in that sentence or its context;
 * - `bm25`: the passage's BM25 relative to the best one;
 * - `semantic`: cosine rank evidence from embeddings, when there are any (else 0).
 *
 * @example
 * const e = passageEvidence(query, passage, index, context);
 * e.features.coverage // 0.83
 */
import { otherNumeral } from './numeral.js';
import { sentenceHasKind, CHECKABLE_KINDS } from './answer-type.js';
import { splitSentences } from './chunk.js';
import { VI_EVERYDAY_ADVERBS, VI_EVERYDAY_WORDS, VI_GENERIC_WORDS } from './stopwords.js';
import { fold } from '../nlu/fold.js';
import type { PassageIndex } from './passage-index.js';
import type { Concept, SearchQuery } from './query.js';
import { priceAboutSubject, subjectElsewhere } from './subject.js';
import { rowCells } from './superlative.js';
import { ACCENT_PREFIX, BIGRAM_JOINER, askedTermsIn, passageTerms, type AskedTerms } from './terms.js';

export const PASSAGE_FEATURES = ['coverage', 'phrases', 'names', 'numbers', 'distinct', 'gap', 'sentence', 'kind', 'anchors', 'bm25', 'semantic'] as const;
export type PassageFeature = (typeof PASSAGE_FEATURES)[number];

/** How much a synonym from the thesaurus counts next to the question's own word. */
const SYNONYM_CREDIT = 0.85;
/** A typo correction (the nearest indexed syllable of a word no passage has): a guess. */
const TYPO_CREDIT = 0.6;
/** A word found only with other diacritics than the founder typed ("số" vs "Sở"). */
const OTHER_ACCENT_CREDIT = 0.5;
/** A word typed without diacritics that the documents spell in many ways ("so": số, sở, sổ). */
const AMBIGUOUS_CREDIT = 0.7;
/** Heading and title words count at this share for a sentence: context, not the fact. */
const CONTEXT_CREDIT = 0.5;
/** A name or number of the question found in the title or heading, for a sentence under it. */
const ANCHOR_CONTEXT_CREDIT = 0.9;

/** The terms of a text (or of an indexed passage), and whether it is written with diacritics at all. */
export interface TermSet {
  has(term: string): boolean;
  accented: boolean;
}

/**
 * The terms of an indexed passage, looked up in the index's postings (no re-tokenising).
 *
 * @example
 * indexedTermSet(index, 3).has('hoi_truong')
 */
export function indexedTermSet(index: PassageIndex, slot: number): TermSet {
  return { has: (term) => index.contains(term, slot), accented: index.accented(slot) };
}

/**
 * The terms of a text for matching.
 *
 * @example
 * termSet('Sở KHCN').terms['~sở'] // 1
 */
export function termSet(text: string): TermSet {
  const terms = passageTerms(text);
  let accented = false;
  for (const term in terms) {
    if (term.charCodeAt(0) === 126) {
      accented = true;
      break;
    }
  }
  return { has: (term) => terms[term] !== undefined, accented };
}

/**
 * The terms of a text as a question asks about them: only the question's terms are looked for
 * (`askedTerms`), so a sentence is not turned into all its terms at every search. Exact for any
 * term: one the question does not ask about is answered by tokenising the whole text (`termSet`).
 *
 * @example
 * const asked = askedTerms(query.concepts);
 * askedTermSet('Sở KHCN', asked).has('~sở')
 */
export function askedTermSet(text: string, asked: AskedTerms): TermSet {
  const found = askedTermsIn(text, asked);
  let full: TermSet | null = null;
  return {
    has: (term) => {
      if (!asked.terms.has(term)) return (full ??= termSet(text)).has(term);
      return term.charCodeAt(0) === 126 ? found.accents().has(term) : found.terms.has(term);
    },
    // Read only for a word typed with diacritics: the accent tokens are not looked for otherwise.
    get accented() {
      return found.accented();
    },
  };
}

/**
 * Every term the evidence asks a text about for these concepts: their wordings' words, the
 * bigrams of consecutive words, and the accented forms typed (see `wordCredit`, `conceptCredit`).
 *
 * @example
 * askedTerms(query.concepts).terms.has('hoi_truong') // true
 */
export function askedTerms(concepts: readonly Concept[]): AskedTerms {
  const words = new Set<string>();
  const terms = new Set<string>();
  for (const concept of concepts) {
    for (const wording of concept.alternatives) {
      wording.forEach((w, i) => {
        words.add(w);
        terms.add(w);
        // Both words of a bigram are asked words (`askedTermsIn` only joins asked words); one
        // that holds the joiner itself is left to the full tokenising.
        const previous = wording[i - 1];
        if (previous !== undefined && !previous.includes(BIGRAM_JOINER) && !w.includes(BIGRAM_JOINER)) terms.add(`${previous}${BIGRAM_JOINER}${w}`);
      });
    }
    if (concept.accent) terms.add(`${ACCENT_PREFIX}${concept.accent}`);
    for (const typed of concept.accents ?? []) if (typed) terms.add(`${ACCENT_PREFIX}${typed}`);
  }
  return { words, terms };
}

/** What the scoring needs from the index, computed once per question. */
export interface QueryStats {
  idf: (term: string) => number;
  /** Folded words spelt with 3+ different diacritics in the index (ambiguous without accents). */
  ambiguous: (word: string) => boolean;
  /** Whether any passage has the term (absent: its idf is only the fallback). */
  indexed?: (term: string) => boolean;
}

/**
 * The query statistics of an index.
 *
 * @example
 * const stats = queryStats(index);
 */
export function queryStats(index: PassageIndex): QueryStats {
  const fallback = Math.log(1 + (index.size + 0.5) / 0.5);
  // The same few words are weighed for every candidate and sentence: each idf is looked up once.
  const idfs = new Map<string, number>();
  return {
    idf: (term) => {
      let idf = idfs.get(term);
      if (idf === undefined) idfs.set(term, (idf = index.df(term) > 0 ? index.idf(term) : fallback));
      return idf;
    },
    ambiguous: (word) => index.accentVariants(word) >= 3,
    indexed: (term) => index.df(term) > 0,
  };
}

/** Credit (0-1) for one word of a concept in a term set. */
function wordCredit(word: string, at: number, concept: Concept, own: boolean, set: TermSet, stats: QueryStats): number {
  if (!set.has(word)) return 0;
  // Typed "số", the text has "so" only as "sở": another word (also inside a word of several
  // syllables the question was typed with: "số kế hoạch" is not "Sở Kế hoạch").
  const typed = own ? (concept.alternatives[0]!.length === 1 ? concept.accent : (concept.accents?.[at] ?? null)) : null;
  if (typed && set.accented && !set.has(`${ACCENT_PREFIX}${typed}`)) return OTHER_ACCENT_CREDIT;
  if (own && !concept.accent && concept.alternatives[0]!.length === 1 && word.length <= 3 && stats.ambiguous(word)) return AMBIGUOUS_CREDIT;
  return 1;
}

/** Coverage (0-1) of one concept: the best of its wordings, each by the idf share of its words found. */
export function conceptCredit(concept: Concept, set: TermSet, stats: QueryStats, context?: TermSet): number {
  if (concept.foreign) return 0;
  let best = 0;
  concept.alternatives.forEach((words, a) => {
    const own = a < concept.own;
    let all = 0;
    let hit = 0;
    let numberMissing = false;
    words.forEach((w, at) => {
      const weight = stats.idf(w);
      all += weight;
      const direct = wordCredit(w, at, concept, own, set, stats);
      // A name or number in the title or heading applies to every sentence under it (the whole
      // announcement is about "Tây Đô 2025"); other context words count half.
      const fromContext = context ? wordCredit(w, at, concept, own, context, stats) * (concept.anchor ? ANCHOR_CONTEXT_CREDIT : CONTEXT_CREDIT) : 0;
      const credit = Math.max(direct, fromContext);
      hit += weight * credit;
      // "đợt 3" is not "đợt 1": the number of a numbered thing must be there itself.
      // So is a numeral's other spelling ("đợt III" for "đợt 3", numeral.ts): "đợt" alone is not it.
      const numeral = NUMBER.test(w) || (at > 0 && at === words.length - 1 && otherNumeral(w) !== null);
      if ((concept.anchor === 'number' || (concept.anchor === 'name' && a > 0)) && numeral && credit === 0) numberMissing = true;
    });
    if (numberMissing) return;
    // A multi-word wording also counts as a phrase: its bigrams found together.
    if (words.length > 1 && all > 0) {
      const bigrams = bigramsOf(words);
      // The phrase in the title or heading is the phrase too (its words are credited from there).
      const together = bigrams.filter((b) => set.has(b) || context?.has(b)).length / bigrams.length;
      hit = hit * (0.6 + 0.4 * together);
    }
    const credit = own ? 1 : a < concept.own + (concept.typos ?? 0) ? TYPO_CREDIT : SYNONYM_CREDIT;
    if (all > 0) best = Math.max(best, (hit / all) * credit);
  });
  return best;
}

const NUMBER = /\d/;

/**
 * The bigrams of a wording, built once per wording: `conceptCredit` asks for them for every
 * candidate and sentence of a search. Building them each time added to the garbage a search
 * leaves for the main thread to collect (a few percent of it; most is the sentences' tokens).
 */
const bigramCache = new WeakMap<readonly string[], readonly string[]>();
function bigramsOf(words: readonly string[]): readonly string[] {
  let bigrams = bigramCache.get(words);
  if (!bigrams) bigramCache.set(words, (bigrams = words.slice(1).map((w, i) => `${words[i]}${BIGRAM_JOINER}${w}`)));
  return bigrams;
}

/** The weight of a generic word ("tổ chức", "sử dụng") at most: about a word in every third passage. */
const GENERIC_WEIGHT = 1.1;
/**
 * What an everyday word (everyday.ts) a text lacks costs at most: a generic word's weight, what
 * a word of daily speech weighs in a large body of text, not what a few documents that rarely
 * use it make it. (Capping it where a text holds it too was measured: as many answers lost as
 * gained, and an off-topic question answered; round 30.)
 */
export const EVERYDAY_WEIGHT = GENERIC_WEIGHT;

/**
 * What a concept weighs where a text lacks it: an everyday word (everyday.ts) no more than
 * `EVERYDAY_WEIGHT`; any other its full weight.
 */
function missingWeight(concept: Concept, weight: number): number {
  return concept.anchor === null && concept.everyday ? Math.min(weight, EVERYDAY_WEIGHT) : weight;
}

/**
 * The weights of the concepts for one text, by how much of each it holds: an everyday word the
 * text lacks weighs as little as its missing weight, one it holds its full weight (so the passage
 * that says it in the founder's words still ranks first).
 */
function heldWeights(weights: readonly number[], missing: readonly number[], credits: readonly number[]): number[] {
  return weights.map((w, i) => missing[i]! + (w - missing[i]!) * credits[i]!);
}

/**
 * The idf weight of a concept: its own wording's rarest word; a generic wording's is capped.
 *
 * @example
 * conceptWeight(queryTerms('Quỹ ngồi lại duyệt khi nào').concepts[1]!, stats) // 1.1 when no passage has "ngồi"
 */
export function conceptWeight(concept: Concept, stats: QueryStats): number {
  const own = concept.alternatives[0]!;
  // A word typed with its diacritics weighs as that spelling is rare: "đóng" is not as common as
  // "dong" (every "đồng" of every price) makes it look.
  const typed = own.length === 1 ? [concept.accent] : (concept.accents ?? []);
  const idf = (w: string, i: number) => {
    const accent = typed[i];
    const term = accent ? `${ACCENT_PREFIX}${accent}` : null;
    return term && stats.indexed?.(term) ? stats.idf(term) : stats.idf(w);
  };
  // A period ("theo năm") weighs as rare as its phrase is.
  const weight = concept.period && own.length === 2 ? stats.idf(`${own[0]}${BIGRAM_JOINER}${own[1]}`) : Math.max(...own.map(idf), 0.1);
  const adverb = own.length === 1 && concept.accent !== null && VI_EVERYDAY_ADVERBS.has(concept.accent);
  const generic = concept.kindWord || VI_GENERIC_WORDS.has(own.join(' ')) || adverb || everydayAndAbsent(concept, stats);
  return concept.anchor === null && generic ? Math.min(weight, GENERIC_WEIGHT) : weight;
}

/** `VI_EVERYDAY_WORDS` folded, for words typed without diacritics. */
const EVERYDAY_FOLDED: ReadonlySet<string> = new Set([...VI_EVERYDAY_WORDS].map((w) => fold(w)));

/**
 * Whether a concept is an everyday word (`VI_EVERYDAY_WORDS`) that no document contains: the
 * founder's wording, which cannot be what tells the passages apart, so its idf (the fallback of
 * an unseen word, the highest there is) must not make it the question's most important concept.
 * A word typed with its diacritics is matched by that spelling ("lại" is not "lãi").
 *
 * @example
 * everydayAndAbsent(queryTerms('Quỹ ngồi lại duyệt khi nào').concepts[1], stats) // true when no passage has "ngồi"
 */
export function everydayAndAbsent(concept: Concept, stats: QueryStats): boolean {
  if (concept.anchor !== null || !stats.indexed) return false;
  const own = concept.alternatives[0]!;
  const typed = own.length === 1 ? [concept.accent] : (concept.accents ?? own.map(() => null));
  const accented = typed.some(Boolean);
  const spelling = own.map((w, i) => typed[i] ?? w).join(' ');
  if (accented ? !VI_EVERYDAY_WORDS.has(spelling) : !EVERYDAY_FOLDED.has(own.join(' '))) return false;
  return own.every((w, i) => {
    const accent = typed[i];
    return !stats.indexed!(accent ? `${ACCENT_PREFIX}${accent}` : w);
  });
}

/**
 * Weighted coverage of concepts by a term set (optionally with a context at half credit).
 *
 * @example
 * coverage(query.concepts, termSet('…'), stats) // 0.8
 */
export function coverage(concepts: readonly Concept[], set: TermSet, stats: QueryStats, context?: TermSet, filter: (c: Concept) => boolean = () => true): number {
  const weights = concepts.map((c) => conceptWeight(c, stats));
  const missing = concepts.map((c, i) => missingWeight(c, weights[i]!));
  const credits = concepts.map((c) => (filter(c) ? conceptCredit(c, set, stats, context) : 0));
  return weightedCoverage(heldWeights(weights, missing, credits), credits, concepts.map(filter));
}

/** Coverage from the concepts' weights and credits, over those `included`. */
function weightedCoverage(weights: readonly number[], credits: readonly number[], included: readonly boolean[]): number {
  let total = 0;
  let covered = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!included[i]) continue;
    const weight = weights[i]!;
    total += weight;
    covered += weight * credits[i]!;
  }
  return total > 0 ? covered / total : 1;
}

export interface SentenceEvidence {
  sentence: string;
  /** Position in the passage (sentences in order). */
  order: number;
  coverage: number;
  kind: boolean;
  /** Coverage of the question's names and numbers by the sentence with its context. */
  anchors: number;
  /** Coverage of the question's most distinctive concepts by the sentence with its context. */
  distinct: number;
  /** The most important concept the sentence (with its context) lacks (see `gap`). */
  gap: number;
  /**
   * Coverage of what the question asks about its names and numbers (the concepts that are no
   * anchor) by the sentence with its context: a sentence that names the fund but states another
   * fact of it covers the name, not the question (1 when every concept is an anchor).
   */
  body: number;
}

export interface PassageEvidence {
  features: Record<PassageFeature, number>;
  sentences: SentenceEvidence[];
  /** The question's search terms found in the passage (title and heading included). */
  matched: string[];
  /**
   * The passage (title and heading included) lacks the question's subject, which other passages
   * of the documents hold: "phòng họp có máy chiếu không" and the hall's projector — the meeting
   * room is in the documents, just not here, so this passage is about another thing
   * (`subject.ts`).
   */
  elsewhere?: boolean;
}

/** The distinctive concepts (by their weights): idf at least 70% of the question's rarest. */
function distinctive(weights: readonly number[]): boolean[] {
  const top = Math.max(0, ...weights);
  return weights.map((w) => w >= 0.7 * top);
}

/**
 * The most important concept a term set lacks, as a share of the question's rarest concept's
 * weight times how much of it is missing (0: nothing missing; 1: the rarest concept is absent).
 *
 * @example
 * gap(query.concepts, termSet('Đợt 1 và đợt 2'), stats) // high for "đợt 3"
 */
export function gap(concepts: readonly Concept[], set: TermSet, stats: QueryStats, context?: TermSet): number {
  const weights = concepts.map((c) => conceptWeight(c, stats));
  if (Math.max(0, ...weights) <= 0) return 0;
  const missing = concepts.map((c, i) => missingWeight(c, weights[i]!));
  return weightedGap(missing, concepts.map((c) => conceptCredit(c, set, stats, context)));
}

/**
 * The gap from the concepts' weights where missing and credits (see `gap`): what a missing
 * everyday word costs is its missing weight, against the question's weightiest missing-weight.
 */
function weightedGap(missing: readonly number[], credits: readonly number[]): number {
  const top = Math.max(0, ...missing);
  if (top <= 0) return 0;
  let worst = 0;
  for (let i = 0; i < missing.length; i++) worst = Math.max(worst, (missing[i]! / top) * (1 - credits[i]!));
  return worst;
}

/**
 * Removes the years the question gives itself from a sentence, with the date word before them
 * ("năm 2026"): the fact asked is not the question's own number, so "when does the 2026
 * voucher programme open" is not answered by a sentence whose only date is "năm 2026".
 *
 * @example
 * askedNumbersRemover(queryTerms('When does the 2026 programme open?').concepts)('xét năm 2026.') // 'xét .'
 */
export function askedNumbersRemover(concepts: readonly Concept[]): (sentence: string) => string {
  // Years only: a small number ("đợt 3") is as often the fact itself ("trong 3 ngày").
  const numbers = [...new Set(concepts.flatMap((c) => c.alternatives[0]!.filter((w) => /^(?:19|20)\d{2}$/.test(w))))];
  if (numbers.length === 0) return (sentence) => sentence;
  const pattern = new RegExp(`(?:(?:năm|khóa|mùa)\\s+)?(?<![\\p{L}\\p{N}]|\\p{N}[.,/:-])(?:${numbers.join('|')})(?![\\p{L}\\p{N}]|[.,/:]\\p{N})`, 'giu');
  return (sentence) => sentence.replace(pattern, ' ');
}

/**
 * The lead of a list item: the words before the colon of its first sentence when they are short
 * and start with a capital ("Lab Điện tử – IoT (phòng C5.106)", "Gói Lá"), or null.
 *
 * @example
 * itemLead('Gói Lá (12 tháng): tối đa 40 triệu đồng.') // 'Gói Lá (12 tháng)'
 */
export function itemLead(sentence: string): string | null {
  const colon = sentence.indexOf(':');
  if (colon <= 0 || colon > 60) return null;
  // The item's mark ("b)", "2.", "IV.") is no word of its lead: "b) Gói Hoàn Thiện: … . Mức hỗ trợ …".
  const lead = sentence.slice(0, colon).replace(/^[-•*+\s]+/u, '').replace(/^(?:\(?[a-zđ]\)|\d{1,3}[.)]|[IVXLC]{1,5}[.)])\s+/u, '').trim();
  return /^\p{Lu}/u.test(lead) && !/\d{1,2}[h:/]\d/u.test(lead) ? lead : null;
}

/**
 * The named subject a later sentence of a paragraph refers back to by repeating its head noun:
 * "Trung tâm Ươm Tơ (số 5 …) có … . Trung tâm mở cửa từ 8h00" — the second sentence is about
 * "Trung tâm Ươm Tơ", which it no longer names (Vietnamese repeats the noun where English says
 * "it"). The subject is the first sentence's opening up to a bracket, a comma or its verb, short,
 * with a capitalised name after the head word; null when the later sentence opens otherwise.
 *
 * @example
 * repeatedSubject('Trạm Gò Xanh (thôn 3) có nhà kính.', 'Trạm mở cửa từ 7h30.') // 'Trạm Gò Xanh'
 */
export function repeatedSubject(first: string, later: string): string | null {
  const opening = /^[-•*+\s]*(\p{Lu}[^(,:;–—]*?)\s*(?:\(|,|:|;|–|—|\s(?:có|là|được|nằm|gồm|đặt|thuộc|tọa lạc)\s)/u.exec(first);
  if (!opening) return null;
  const subject = opening[1]!.trim();
  const words = subject.split(/\s+/u);
  if (words.length < 2 || words.length > 8 || !words.slice(1).some((w) => /^\p{Lu}/u.test(w))) return null;
  const head = words[0]!.toLocaleLowerCase('vi');
  const laterHead = later.replace(/^[-•*+\s]+/u, '').split(/\s+/u)[0]?.toLocaleLowerCase('vi');
  return laterHead === head ? subject : null;
}

/**
 * Whether a sentence is a table row (extract-table.ts: "Name — Label: value; …") whose name cell
 * writes a name of its own: capitalised words after its first ("Phòng họp Sao Biển (12 chỗ)"),
 * not a common noun ("Vé ngày", "Mức hỗ trợ") that takes its subject from the heading.
 *
 * @example
 * namesOwnItem('Phòng họp Sao Biển (12 chỗ) — Giá: 200.000 đồng.') // true
 * namesOwnItem('Vé ngày — Giá: 80.000 đồng.') // false
 */
export function namesOwnItem(sentence: string): boolean {
  const row = rowCells(sentence);
  return row !== null && /\s\p{Lu}/u.test(row.name.replace(/\([^)]*\)/gu, ' '));
}

/** A sentence that asks: in a list of questions and answers, what the sentences after it answer. */
const QUESTION = /\?\s*$/u;

/**
 * The sentences of a passage's text, each with the question it answers when the text is a list
 * of questions and answers: the question before it in its paragraph, or the question that ends
 * the paragraph before ("**Làm mất thẻ?**" on a line of its own, the answer under it). A
 * question answers nothing itself.
 *
 * @example
 * answeredQuestions('Mất thẻ thì sao? Phí làm thẻ 100.000 đồng.')[1] // { sentence: 'Phí làm thẻ 100.000 đồng.', question: 'Mất thẻ thì sao?' }
 */
export function answeredQuestions(text: string): { sentence: string; question: string | null }[] {
  const out: { sentence: string; question: string | null }[] = [];
  let question: string | null = null;
  for (const line of text.split('\n')) {
    const sentences = splitSentences(line);
    if (sentences.length === 0) continue;
    const lead = itemLead(sentences[0]!);
    sentences.forEach((sentence, k) => {
      const asks = QUESTION.test(sentence);
      // A later sentence of a list item is about the item its lead names ("Lab Điện tử – IoT
      // (phòng C5.106): máy hàn … . Mở cửa từ 8h00 đến 17h00"), as a sentence is about its heading.
      const about = [asks ? null : question, k > 0 ? (lead ?? repeatedSubject(sentences[0]!, sentence)) : null].filter(Boolean).join(' ');
      out.push({ sentence, question: about || null });
      if (asks) question = sentence;
    });
    // A question carries to the next paragraph only when it ends its own (its answer is below).
    if (!QUESTION.test(sentences.at(-1)!)) question = null;
  }
  return out;
}

/**
 * The evidence of one passage for a question (see the module comment). `bm25` and `semantic`
 * are filled by the caller, who knows the other passages. Weighing many passages for one
 * question: `evidenceWeigher` computes what depends on the question only once.
 */
export function passageEvidence(
  query: SearchQuery,
  passage: { title: string; heading: string | null; text: string },
  stats: QueryStats,
  options: EvidenceOptions = {},
): PassageEvidence {
  return evidenceWeigher(query, stats)(passage, options);
}

export interface EvidenceOptions {
  /** false: whole-passage evidence only (no sentences). */
  sentences?: boolean;
  /** The passage's terms (default: its title, heading and text tokenised). */
  whole?: TermSet;
}

/**
 * Weighs passages for one question, as `passageEvidence` does: the concepts' weights, which of
 * them are distinctive or anchors, the bigrams and the asked terms are computed once. The query
 * must not change while the weigher is used.
 *
 * @example
 * const weigh = evidenceWeigher(query, stats);
 * const e = weigh(passage, { whole: indexedTermSet(index, slot) });
 */
export function evidenceWeigher(query: SearchQuery, stats: QueryStats): (passage: { title: string; heading: string | null; text: string }, options?: EvidenceOptions) => PassageEvidence {
  const bigrams = query.terms.filter((t) => t.kind === 'bigram').map((t) => t.term);
  const searched = query.terms.map((t) => t.term);
  const concepts = query.concepts;
  // Each concept's weight and credit is computed once and shared by every feature.
  const weights = concepts.map((c) => conceptWeight(c, stats));
  const missing = concepts.map((c, i) => missingWeight(c, weights[i]!));
  // An everyday word is never what sets the question apart, however rare in these documents.
  const isDistinct = distinctive(missing);
  const all = concepts.map(() => true);
  const anchored = concepts.map((c) => c.anchor !== null);
  const unanchored = anchored.map((a) => !a);
  const hasBody = unanchored.some(Boolean);
  const isName = concepts.map((c) => c.anchor === 'name');
  const isNumber = concepts.map((c) => c.anchor === 'number');
  const checkable = CHECKABLE_KINDS.has(query.answer.kind);
  const withoutAskedNumbers = askedNumbersRemover(concepts);
  let asked: AskedTerms | null = null;
  return (passage, options = {}) => {
    const whole = options.whole ?? termSet(`${[passage.title, passage.heading].filter(Boolean).join('. ')}.\n${passage.text}`);
    const credits = concepts.map((c) => conceptCredit(c, whole, stats));
    const held = heldWeights(weights, missing, credits);
    const features: Record<PassageFeature, number> = {
      coverage: weightedCoverage(held, credits, all),
      phrases: bigrams.length ? bigrams.filter((b) => whole.has(b)).length / bigrams.length : 1,
      names: weightedCoverage(held, credits, isName),
      numbers: weightedCoverage(held, credits, isNumber),
      distinct: weightedCoverage(held, credits, isDistinct),
      gap: weightedGap(missing, credits),
      sentence: 0,
      kind: 0,
      anchors: 0,
      bm25: 0,
      semantic: 0,
    };
    const matched = searched.filter((t) => whole.has(t));
    const elsewhere = subjectElsewhere(concepts, weights, credits, stats, query.answer.kind === 'yesno');
    if (options.sentences === false) return { features, sentences: [], matched, elsewhere };
    // Sentences and their context are read for the question's terms only (`askedTermSet`).
    asked ??= askedTerms(concepts);
    const contextText = [passage.title, passage.heading].filter(Boolean).join('. ');
    const context = askedTermSet(contextText, asked);
    // A price must be stated for the question's subject (subject.ts): each text read once.
    const textSets = new Map<string, TermSet>();
    const textCredit = (c: Concept, text: string) => {
      let set = textSets.get(text);
      if (!set) textSets.set(text, (set = askedTermSet(text, asked!)));
      return conceptCredit(c, set, stats);
    };
    // A heading that asks ("11. Tôi muốn thuê Phòng chiếu Con Thoi … thì giá bao nhiêu?", a list of
    // questions and answers with the questions as headings) names what every sentence under it is
    // about, in full, as a question before its answer does.
    const headingAsks = passage.heading && QUESTION.test(passage.heading) ? passage.heading : '';
    const holdsKind = (sentence: string, question: string | null) => {
      if (!checkable) return true;
      const rest = withoutAskedNumbers(sentence);
      return sentenceHasKind(rest, query.answer) && (query.answer.kind !== 'money' || priceAboutSubject(concepts, weights, textCredit, rest, contextText, [question, headingAsks].filter(Boolean).join(' ')));
    };
    // Each question's context is read once for all the sentences that answer it.
    const questionContexts = new Map<string, TermSet>();
    const contextOf = (question: string) => {
      let set = questionContexts.get(question);
      if (!set) questionContexts.set(question, (set = askedTermSet(`${contextText}. ${question}`, asked!)));
      return set;
    };
    const sentences: SentenceEvidence[] = answeredQuestions(passage.text).map(({ sentence, question }, order) => {
        const set = askedTermSet(sentence, asked!);
        // An answer in a list of questions and answers is about its question ("Làm mất thẻ ra
        // vào? … phí làm thẻ mới là 100.000 đồng"), as a sentence is about its heading.
        const own = question ? contextOf(question) : context;
        // A table row that names its own item ("Phòng họp Sao Biển — Giá: …") is about that item:
        // a name of the title or heading ("Bảng giá Bếp Thử, Studio Cánh Buồm …") is not its name.
        const ownName = namesOwnItem(sentence);
        const credits = concepts.map((c) => conceptCredit(c, set, stats, ownName && c.anchor === 'name' ? undefined : own));
        const held = heldWeights(weights, missing, credits);
        return {
          sentence,
          order,
          coverage: weightedCoverage(held, credits, all),
          kind: holdsKind(sentence, question),
          anchors: weightedCoverage(held, credits, anchored),
          distinct: weightedCoverage(held, credits, isDistinct),
          gap: weightedGap(missing, credits),
          body: hasBody ? weightedCoverage(held, credits, unanchored) : 1,
        };
      });
    // The best sentence that holds the kind asked (for checkable kinds), else the best one.
    const best = sentences.reduce<SentenceEvidence | undefined>((b, s) => (!b || s.coverage > b.coverage ? s : b), undefined);
    const bestOfKind = sentences.filter((s) => s.kind).reduce<SentenceEvidence | undefined>((b, s) => (!b || s.coverage > b.coverage ? s : b), undefined);
    const chosen = bestOfKind && best && bestOfKind.coverage >= best.coverage * 0.5 ? bestOfKind : best;
    features.sentence = chosen?.coverage ?? 0;
    features.kind = chosen?.kind ? 1 : 0;
    features.anchors = chosen?.anchors ?? 0;
    return { features, sentences, matched, elsewhere };
  };
}
