/**
 * Searches the knowledge base: the question is understood (query.ts), candidate passages come
 * from the in-process BM25 index (passage-index.ts; plus the embedding neighbours from SQL when
 * an LLM endpoint and pgvector are there), and every candidate is weighed by its evidence
 * (evidence.ts) with the fitted ranking model: the passage most likely to answer comes first,
 * not the one sharing the most words.
 *
 * @example
 * const hits = await searchKnowledge(store, 'khởi nghiệp ở đâu?', { k: 5 });
 * hits[0].doc; hits[0].title; hits[0].confidence;
 */
import { evidenceWeigher, indexedTermSet, queryStats, type PassageEvidence, type QueryStats } from './evidence.js';
import { markEverydayWords } from './everyday.js';
import type { Llm } from './llm.js';
import { predictLogistic, type LogisticModel } from './logistic.js';
import { confidenceModel } from './model.js';
import { currentIndexVersion, passageIndex, type IndexStore, type PassageIndex } from './passage-index.js';
import { queryTerms, type SearchQuery } from './query.js';
import { BIGRAM_JOINER } from './terms.js';
import { fold } from '../nlu/fold.js';

export interface Passage {
  chunk_id: number;
  doc: string;
  title: string;
  heading: string | null;
  text: string;
  /** Ranking score: the fitted probability that the passage answers (0-1). */
  score: number;
  bm25: number;
  /** Weighted share of the question's concepts the passage covers (0-1). */
  coverage: number;
  /** The question's search terms the passage contains. */
  matched: string[];
  /** Same as `score`: how likely this passage answers the question (0-1). */
  confidence: number;
  evidence: PassageEvidence;
}

export interface SearchOptions {
  k?: number;
  llm?: Llm;
  /** The ranking model (default: the shipped `confidence-model.json`). */
  ranker?: LogisticModel;
  /** How many BM25 candidates are weighed (default 24). */
  candidates?: number;
  /** How many of them (the best by whole-passage evidence) are weighed sentence by sentence (default 6). */
  detailed?: number;
  /**
   * The embedding neighbours of the question (`nearestChunks`), when the caller looked them up
   * already: replaces that step, and `llm` is not asked. A search thread gets them this way (an
   * LLM client cannot cross a thread).
   */
  vector?: number[];
}

/**
 * Searches take turns for the CPU, and yield between their stages: a burst of questions then
 * delays another founder's turn by one stage (a millisecond or two), not by the whole burst.
 */
let queue: Promise<void> = Promise.resolve();
function takeTurn(): Promise<() => void> {
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const ready = queue.then(() => release);
  queue = queue.then(() => mine);
  return ready;
}
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A function syllable joins its neighbour's concept when this share of the neighbour's passages have the phrase. */
const PHRASE_SHARE = 0.4;
const CANDIDATES = 24;
/** How many of the best BM25 candidates are read for names a lower-case question types. */
const NAME_CANDIDATES = 8;
const DETAILED = 6;

export interface SearchResult {
  query: SearchQuery;
  passages: Passage[];
  /** The index's statistics (functions over it: they never leave the thread that searched). */
  stats: QueryStats;
}

/** What a search finds, as it crosses a thread: the query and the passages (plain data). */
export type SearchHits = Omit<SearchResult, 'stats'>;

/** Runs a search; returns the passages best first and the query as it was understood. */
export async function searchKnowledgeWithQuery(store: IndexStore, question: string, options: SearchOptions = {}): Promise<SearchResult> {
  // Asked before queuing: the questions of a burst share one version check (a database call
  // each would load the database the other turns use).
  const version = currentIndexVersion(store);
  // Never an unhandled rejection while queued: the error is thrown inside the turn below.
  version.catch(() => undefined);
  const release = await takeTurn();
  try {
    // Inside the turn: the index is updated in place, never under another search's feet.
    const index = await passageIndex(store, { version: await version });
    return await rankPassages(store, index, question, options);
  } finally {
    release();
  }
}

/**
 * Vietnamese writes a final "i" after a consonant also as "y" and back ("kí/ký", "lí/lý",
 * "kĩ/kỹ", "qui/quy"): both spellings are in use, and a founder typing "di ki hop dong" means
 * the documents' "ký hợp đồng". A one-syllable word no passage contains whose other spelling is
 * indexed gets that spelling as its own wording (full credit, unlike a typo's guess).
 *
 * @example
 * addSpellingVariants(queryTerms('di ki hop dong'), index) // "ki" also reads "ky"
 */
export function addSpellingVariants(query: SearchQuery, index: Pick<PassageIndex, 'df'>): void {
  for (const concept of query.concepts) {
    const own = concept.alternatives[0]!;
    if (own.length !== 1 || concept.anchor || index.df(own[0]!) > 0) continue;
    const m = /^([bcdghklmnpqrstvx]+|qu)([iy])$/.exec(own[0]!);
    if (!m) continue;
    const other = `${m[1]}${m[2] === 'i' ? 'y' : 'i'}`;
    if (index.df(other) === 0) continue;
    concept.alternatives.splice(1, 0, [other]);
    concept.own += 1;
    query.terms.push({ term: other, weight: 1, kind: 'word' });
  }
}

async function rankPassages(store: IndexStore, index: PassageIndex, question: string, options: SearchOptions): Promise<SearchResult> {
  await yieldToOthers();
  const query = queryTerms(question, {
    phraseExists: (a, b, of) => {
      const together = index.df(`${a}_${b}`);
      return together > 0 && together >= PHRASE_SHARE * index.df(of);
    },
  });
  const stats = queryStats(index);
  markEverydayWords(query, index, question);
  if (query.language === 'vi') addSpellingVariants(query, index);
  // Typos: a Vietnamese word no passage contains is also read as its nearest indexed syllables.
  for (const concept of query.concepts) {
    const own = concept.alternatives[0]!;
    // A word typed with its diacritics is no typo: it is just not in the documents ("vàng").
    if (own.length !== 1 || index.df(own[0]!) > 0 || concept.accent) continue;
    if (query.language === 'en') continue;
    const word = own[0]!;
    if (word.length < 3 || /\d/.test(word)) continue;
    const fixes = index.similarWords(word, 2);
    concept.alternatives.splice(concept.own, 0, ...fixes.map((f) => [f]));
    concept.typos = fixes.length; // credited less than the word typed (evidence.ts)
    for (const f of fixes) query.terms.push({ term: f, weight: 0.8, kind: 'word' });
  }
  // English words outside the glossary that no document contains cannot be matched: they must
  // not count against the question (names the documents do contain are kept).
  if (query.language === 'en') {
    markForeignWords(query, index);
    const known = query.concepts.filter((c) => !c.foreign && (c.anchor === 'name' || c.alternatives.some((words) => words.some((w) => index.df(w) > 0))));
    // …unless nothing is left: then nothing of the question is in the documents.
    if (known.length > 0) query.concepts = known;
  }
  const vector = options.vector ?? (options.llm ? await nearestChunks(store, question, options.llm) : []);
  const ranker = options.ranker ?? confidenceModel().ranker;
  await yieldToOthers();
  const top = index.bm25(query.terms, options.candidates ?? CANDIDATES);
  await yieldToOthers();
  const best = top[0]?.score ?? 0;
  const slots = new Map(top.map((t) => [t.slot, t.score]));
  // Fillers with no score, so a caller always gets k passages when the base has them.
  for (let slot = 0; slots.size < (options.k ?? 5) && slot < index.passages.length; slot++) if (index.passages[slot] && !slots.has(slot)) slots.set(slot, 0);
  for (const id of vector) {
    const slot = index.slotOf(id);
    if (slot !== undefined && !slots.has(slot)) slots.set(slot, 0);
  }
  // A question typed all in lower case may name things the documents capitalise ("tay do"); one
  // with capitals names them itself. The best few candidates are enough to tell.
  if (!/\p{Lu}/u.test(question)) markWrittenNames(query, index, [...slots.keys()].slice(0, NAME_CANDIDATES));
  // Cheap evidence (whole-passage terms) for every candidate; sentences only for the best few.
  // The query is complete now: what depends on it alone is weighed once.
  const weigh = evidenceWeigher(query, stats);
  const weighed = [...slots].map(([slot, bm25]) => {
    const p = index.passages[slot]!;
    const evidence = weigh(p, { sentences: false, whole: indexedTermSet(index, slot) });
    evidence.features.bm25 = best > 0 ? bm25 / best : 0;
    const rank = vector.indexOf(p.id);
    evidence.features.semantic = rank >= 0 ? 1 / (1 + rank / 5) : 0;
    return { slot, bm25, evidence, pre: predictLogistic(ranker, evidence.features) };
  });
  weighed.sort((a, b) => b.pre - a.pre || b.bm25 - a.bm25);
  const passages: Passage[] = [];
  for (const [i, { slot, bm25, evidence: cheap }] of weighed.entries()) {
    const p = index.passages[slot]!;
    const detailed = i < (options.detailed ?? DETAILED);
    if (detailed) await yieldToOthers();
    const evidence = detailed ? weigh(p, { whole: indexedTermSet(index, slot) }) : cheap;
    evidence.features.bm25 = cheap.features.bm25;
    evidence.features.semantic = cheap.features.semantic;
    const confidence = round(predictLogistic(ranker, evidence.features));
    passages.push({
      chunk_id: p.id,
      doc: p.doc,
      title: p.title,
      heading: p.heading,
      text: p.text,
      score: confidence,
      bm25: round(bm25),
      coverage: round(evidence.features.coverage),
      matched: evidence.matched,
      confidence,
      evidence,
    });
  }
  passages.sort((a, b) => b.score - a.score || b.bm25 - a.bm25 || a.chunk_id - b.chunk_id);
  return { query, passages: passages.slice(0, options.k ?? 5), stats };
}

/**
 * Marks the English words of a question that are outside the glossary and that the documents
 * write only with Vietnamese diacritics ("pho" → "Phó", "ban" → "bàn"): the founder's English
 * word is not that syllable, so it matches nothing (`Concept.foreign`) and its search terms are
 * dropped. A word the documents also write as it is typed only in passages without diacritics
 * is rare; a name (capitalised) is kept, as is a word the documents never accent ("podcast").
 *
 * @example
 * markForeignWords(queryTerms('How do I cook pho at home?'), index) // "pho" is foreign
 */
export function markForeignWords(query: SearchQuery, index: Pick<PassageIndex, 'accentVariants'>): void {
  const foreign = new Set<string>();
  for (const concept of query.concepts) {
    if (!concept.untranslated || concept.anchor !== null || concept.alternatives.length !== 1) continue;
    const own = concept.alternatives[0]!;
    if (own.length !== 1 || /\d/.test(own[0]!) || index.accentVariants(own[0]!) === 0) continue;
    concept.foreign = true;
    foreign.add(own[0]!);
  }
  if (foreign.size === 0) return;
  query.terms = query.terms.filter((t) => !foreign.has(t.term) && !t.term.split(BIGRAM_JOINER).some((w) => foreign.has(w)));
}

/**
 * The ids of the passages nearest to the question's embedding, best first; none when the
 * database has no vector search or the endpoint fails (the lexical search still answers).
 *
 * @example
 * await searchKnowledge(store, question, { vector: await nearestChunks(store, question, llm) })
 */
export async function nearestChunks(store: IndexStore, question: string, llm: Llm): Promise<number[]> {
  if (!(await store.call<boolean>('kb_vector_enabled'))) return [];
  try {
    const embedding = (await llm.embed([question]))[0] ?? null;
    return embedding ? await store.call<number[]>('kb_vector_nearest', { embedding, model: llm.embeddingModel, k: 30 }) : [];
  } catch {
    return [];
  }
}

/** Words and where they start and end. */
const WORD = /[\p{L}\p{N}]+/gu;
const ROMAN = /^[IVXLC]+$/;
const isUpper = (ch: string) => ch !== ch.toLowerCase();

/**
 * Names as a text writes them, folded: a run of two or more capitalised words separated by spaces
 * ("Tây Đô", "Demo Day Cần Thơ"), or one word in capitals or with a capital inside ("CIH",
 * "AgriSense"). Two or more words in capitals in a row ("QUY CHẾ XƯỞNG", "VI. HỦY, ĐỔI LỊCH") are
 * a heading's style, not names; nor is a roman numeral. One pass over the words (no regular
 * expression tried at every character: this runs on the candidates of every question).
 *
 * @example
 * writtenNames('Cuộc thi Tây Đô tại CIH. QUY CHẾ XƯỞNG') // ['tay do', 'cih']
 */
export function writtenNames(text: string): string[] {
  const words: { word: string; start: number; end: number; capital: boolean; caps: boolean }[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const capital = isUpper(word[0]!);
    const caps = capital && word === word.toUpperCase() && /\p{L}/u.test(word);
    words.push({ word, start: m.index, end: m.index + word.length, capital, caps });
  }
  // Words in a run of capitals (separated by anything but a line end) are no names.
  const heading = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j + 1 < words.length && words[j]!.caps && words[j + 1]!.caps && !text.slice(words[j]!.end, words[j + 1]!.start).includes('\n')) j++;
    if (j > i) for (let k = i; k <= j; k++) heading[k] = true;
    i = j + 1;
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    if (heading[i] || !w.capital) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length && !heading[j + 1] && words[j + 1]!.capital && /^[ \t]+$/.test(text.slice(words[j]!.end, words[j + 1]!.start))) j++;
    if (j > i) out.push(fold(words.slice(i, j + 1).map((x) => x.word).join(' ')));
    else if ((w.caps && w.word.length >= 2 && !ROMAN.test(w.word)) || /^\p{Ll}*\p{Lu}\p{Ll}+\p{Lu}/u.test(w.word)) out.push(fold(w.word));
    i = j + 1;
  }
  return out;
}

/**
 * Each passage's written names, folded and padded (" tay do "), read once per passage: a passage
 * the index replaces is a new object, so its names are read again.
 */
const WRITTEN = new WeakMap<object, string[]>();

/** What `markWrittenNames` reads of the index: its passages and which terms they contain. */
export interface NamedPassages {
  contains(term: string, slot: number): boolean;
  readonly passages: readonly ({ title: string; heading: string | null; text: string } | undefined)[];
}

/**
 * A name typed in lower case ("dang ky thi tay do"): a plain concept of the question that the
 * candidate passages write as a name ("Tây Đô") is a name anchor, as if it had been typed with
 * capitals. Only candidates that contain the concept's words are read, once per question.
 *
 * @example
 * markWrittenNames(query, index, slots) // the concept "tay do" gets anchor 'name'
 */
export function markWrittenNames(query: SearchQuery, index: NamedPassages, slots: readonly number[]): void {
  const open = query.concepts.filter((c) => c.anchor === null && c.alternatives.length === 1 && c.alternatives[0]!.every((w) => /^[a-z]+$/.test(w)));
  if (open.length === 0) return;
  const namesOf = (p: { title: string; heading: string | null; text: string }) => {
    let names = WRITTEN.get(p);
    if (names === undefined) WRITTEN.set(p, (names = writtenNames(`${p.title}\n${p.heading ?? ''}\n${p.text}`).map((n) => ` ${n} `)));
    return names;
  };
  for (const concept of open) {
    const words = concept.alternatives[0]!;
    // The concept's own terms: its word, or its two-syllable phrases.
    const terms = words.length === 1 ? words : words.slice(1).map((w, i) => `${words[i]}${BIGRAM_JOINER}${w}`);
    const wanted = ` ${words.join(' ')} `;
    // One word must be the whole name ("cih" is "CIH", "can" is not "Cần Thơ"); several may be part of one ("demo day").
    const isName = (name: string) => (words.length === 1 ? name === wanted : name.includes(wanted));
    const named = slots.some((slot) => {
      const p = index.passages[slot];
      return Boolean(p && terms.every((t) => index.contains(t, slot)) && namesOf(p).some(isName));
    });
    if (named) concept.anchor = 'name';
  }
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/** The passages for a question, best first (see `searchKnowledgeWithQuery`). */
export async function searchKnowledge(store: IndexStore, question: string, options: SearchOptions = {}): Promise<Passage[]> {
  return (await searchKnowledgeWithQuery(store, question, options)).passages;
}
