/**
 * The in-process search index: every passage of `kb_chunks` tokenised by `passageTerms` (the
 * same code that tokenises questions) into an inverted index of packed postings, scored with
 * BM25 in memory. It is rebuilt from the database when the index version (`kb_index_version`,
 * bumped by a trigger on any document change, so every process sees another's ingestion) differs
 * from the one it was built at: one cheap call per search, and no database connection is held
 * while scoring, so a burst of questions does not queue other founders' turns behind it.
 *
 * @example
 * const index = await passageIndex(store);
 * const top = index.bm25([{ term: 'hoi_truong', weight: 1 }], 20); // [{ slot, score }]
 * index.passages[top[0].slot].doc
 */
import type { Store } from '../store/store.js';
import { fold } from '../nlu/fold.js';
import { passageTerms } from './terms.js';

export interface IndexedPassage {
  id: number;
  doc: string;
  title: string;
  heading: string | null;
  text: string;
  hash: string;
  /** Number of indexed tokens (BM25's length). */
  length: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Term frequencies are packed with the passage slot: slot * TF_LIMIT + min(tf, TF_LIMIT - 1). */
const TF_LIMIT = 16;
const K1 = 1.2;
const B = 0.75;
/** Slices in which the passages are read from the database. */
const LOAD_PAGE = 5000;

/** The indexed text of a passage: title and heading are part of what it is about. */
export function indexedText(title: string, heading: string | null, text: string): string {
  return `${[title, heading].filter(Boolean).join('. ')}.\n${text}`;
}

/** The inverted index of one snapshot of the passages (see the module comment). */
export class PassageIndex {
  readonly passages: IndexedPassage[] = [];
  private readonly building = new Map<string, number[]>();
  private postings = new Map<string, Int32Array>();
  private totalLength = 0;
  private trigrams: Map<string, string[]> | null = null;
  private readonly variants = new Map<string, number>();
  private accentedSlots = new Uint8Array(0);
  private readonly accentedList: number[] = [];

  constructor(readonly version: number) {}

  /** Adds a passage (while building). */
  add(passage: Omit<IndexedPassage, 'length'>, terms = passageTerms(indexedText(passage.title, passage.heading, passage.text))): void {
    const slot = this.passages.length;
    let length = 0;
    let accented = 0;
    for (const [term, tf] of Object.entries(terms)) {
      if (term.charCodeAt(0) === 126) accented = 1;
      if (term.startsWith('~') || term.includes('_')) {
        // Accents and bigrams do not lengthen the passage.
      } else length += tf;
      let list = this.building.get(term);
      if (!list) this.building.set(term, (list = []));
      list.push(slot * TF_LIMIT + Math.min(tf, TF_LIMIT - 1));
    }
    this.passages.push({ ...passage, length });
    this.accentedList.push(accented);
    this.totalLength += length;
  }

  /** Freezes the postings into typed arrays (a third of the memory of number arrays). */
  seal(): this {
    for (const [term, list] of this.building) {
      this.postings.set(term, Int32Array.from(list));
      if (term.startsWith('~')) {
        const folded = fold(term.slice(1));
        this.variants.set(folded, (this.variants.get(folded) ?? 0) + 1);
      }
    }
    this.building.clear();
    this.accentedSlots = Uint8Array.from(this.accentedList);
    this.accentedList.length = 0;
    return this;
  }

  get size(): number {
    return this.passages.length;
  }

  /** How many differently accented spellings of a folded word the passages use ("so": số, sở, sổ → 3). */
  accentVariants(word: string): number {
    return this.variants.get(word) ?? 0;
  }

  /**
   * Whether a passage contains a term: a binary search in the term's postings (sorted by slot),
   * so the evidence of a candidate needs no re-tokenising of its text.
   */
  contains(term: string, slot: number): boolean {
    const list = this.postings.get(term);
    if (!list) return false;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = (list[mid]! / TF_LIMIT) | 0;
      if (s === slot) return true;
      if (s < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Whether a passage is written with diacritics at all. */
  accented(slot: number): boolean {
    return this.accentedSlots[slot] === 1;
  }

  /** In how many passages a term occurs. */
  df(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** BM25's inverse document frequency of a term (0 for an empty index). */
  idf(term: string): number {
    const n = this.passages.length;
    if (n === 0) return 0;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The `limit` best passages by weighted BM25, best first. Terms found in more than half of a
   * large index rank nothing and cost the longest lists: they are skipped.
   */
  bm25(terms: readonly WeightedTerm[], limit: number): { slot: number; score: number }[] {
    const n = this.passages.length;
    if (n === 0 || terms.length === 0) return [];
    const avg = Math.max(1, this.totalLength / n);
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const { term, weight } of terms) {
      const list = this.postings.get(term);
      if (!list || weight <= 0) continue;
      const idf = this.idf(term);
      if (n >= 100 && idf <= Math.LN2) continue;
      const w = weight * idf;
      for (let i = 0; i < list.length; i++) {
        const packed = list[i]!;
        const slot = (packed / TF_LIMIT) | 0;
        const tf = packed - slot * TF_LIMIT;
        const norm = K1 * (1 - B + (B * this.passages[slot]!.length) / avg);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (w * tf * (K1 + 1)) / (tf + norm);
      }
    }
    return topSlots(touched, scores, limit);
  }

  /**
   * Indexed syllables most similar to a word no passage contains (a typo: "chug"), by trigram
   * similarity as pg_trgm computes it (at least 0.3), best first.
   *
   * @example
   * index.similarWords('chug', 2) // ['chung', 'chuc']
   */
  similarWords(word: string, limit = 2): string[] {
    if (!this.trigrams) {
      this.trigrams = new Map();
      for (const term of this.postings.keys()) {
        if (term.length < 3 || term.length > 30 || /[_~\d]/.test(term)) continue;
        for (const g of trigramsOf(term)) {
          let list = this.trigrams.get(g);
          if (!list) this.trigrams.set(g, (list = []));
          list.push(term);
        }
      }
    }
    const own = trigramsOf(word);
    const shared = new Map<string, number>();
    for (const g of own) for (const term of this.trigrams.get(g) ?? []) shared.set(term, (shared.get(term) ?? 0) + 1);
    return [...shared]
      .map(([term, common]) => ({ term, similarity: common / (own.size + trigramsOf(term).size - common) }))
      .filter((s) => s.similarity >= 0.3)
      .sort((a, b) => b.similarity - a.similarity || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map((s) => s.term);
  }
}

/** pg_trgm's trigrams: the word padded with two spaces before and one after. */
function trigramsOf(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** The `limit` touched slots with the highest scores, best first (ties: lower slot first). */
function topSlots(touched: number[], scores: Float64Array, limit: number): { slot: number; score: number }[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  // A small min-heap of the best `limit` slots: O(touched · log limit).
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(heap[parent]!, heap[i]!)) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  for (const slot of touched) {
    if (heap.length < limit) {
      heap.push(slot);
      up(heap.length - 1);
    } else if (better(slot, heap[0]!)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1)).map((slot) => ({ slot, score: scores[slot]! }));
}

interface Cached {
  index: PassageIndex;
  /** Last time the version was checked (ms), for `maxStalenessMs`. */
  checkedAt: number;
}

const cache = new WeakMap<Store, Cached>();
const loading = new WeakMap<Store, Promise<PassageIndex>>();
/** One version check in flight per store: a burst of questions asks the database once. */
const checking = new WeakMap<Store, Promise<number>>();

function currentVersion(store: Store): Promise<number> {
  let pending = checking.get(store);
  if (!pending) {
    pending = store.call<number>('kb_index_version').then(Number).finally(() => checking.delete(store));
    checking.set(store, pending);
  }
  return pending;
}

export interface PassageIndexOptions {
  /**
   * How long a checked version is trusted without asking the database again (ms). 0 (default):
   * every search asks, so another process's ingestion is seen at once; the call is one row.
   */
  maxStalenessMs?: number;
}

/**
 * The index of a store's passages, rebuilt when the database's index version moved. Concurrent
 * callers share one rebuild.
 *
 * @example
 * const index = await passageIndex(store);
 */
export async function passageIndex(store: Store, options: PassageIndexOptions = {}): Promise<PassageIndex> {
  const cached = cache.get(store);
  const now = performance.now();
  if (cached && options.maxStalenessMs && now - cached.checkedAt < options.maxStalenessMs) return cached.index;
  const version = await currentVersion(store);
  if (cached && cached.index.version === version) {
    cached.checkedAt = now;
    return cached.index;
  }
  const pending = loading.get(store);
  if (pending) return pending;
  const build = loadIndex(store)
    .then((index) => {
      cache.set(store, { index, checkedAt: performance.now() });
      return index;
    })
    .finally(() => loading.delete(store));
  loading.set(store, build);
  return build;
}

/** Forgets a store's index (tests; a closed store). */
export function dropPassageIndex(store: Store): void {
  cache.delete(store);
}

/** Reads every passage in pages and builds the index, yielding to other turns as it goes. */
async function loadIndex(store: Store): Promise<PassageIndex> {
  let after = 0;
  let version: number | null = null;
  const rows: Omit<IndexedPassage, 'length'>[] = [];
  for (;;) {
    const page = await store.call<{ version: number; chunks: Omit<IndexedPassage, 'length'>[] }>('kb_index_load', { after, limit: LOAD_PAGE });
    // The version of the first page: a change made meanwhile triggers another rebuild next time.
    version ??= Number(page.version);
    rows.push(...page.chunks);
    if (page.chunks.length < LOAD_PAGE) break;
    after = page.chunks.at(-1)!.id;
    // Let other turns run between pages of a large base.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const index = new PassageIndex(version ?? 0);
  for (let i = 0; i < rows.length; i++) {
    index.add(rows[i]!);
    if (i % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
  }
  return index.seal();
}
