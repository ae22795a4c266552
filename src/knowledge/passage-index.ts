/**
 * The in-process search index: every passage of `kb_chunks` tokenised by `passageTerms` (the
 * same code that tokenises questions) into an inverted index of packed postings, scored with
 * BM25 in memory. It follows the database: every search asks the index version
 * (`kb_index_version`, bumped by triggers on any document change, so every process sees
 * another's ingestion) — one cheap call — and when it moved, asks which documents changed since
 * (`kb_index_changes`) and replaces only their passages in place; it is built from scratch only
 * at the first search of a process, or when the change log no longer reaches back. No database
 * connection is held while scoring, so a burst of questions does not queue other founders'
 * turns behind it.
 *
 * Scoring cost: BM25's length normalisation is precomputed per slot, the score and touched-slot
 * buffers are reused between searches, and the top passages are kept in a small heap.
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
  /** The document's row id (`kb_documents.id`): its passages are replaced together. */
  documentId: number;
  doc: string;
  title: string;
  heading: string | null;
  text: string;
  hash: string;
  /** Number of indexed tokens (BM25's length). */
  length: number;
  /** Whether the passage is written with diacritics at all. */
  accented: boolean;
}

/** A passage as `kb_index_load` and `kb_index_changes` send it. */
export interface PassageRow {
  id: number;
  document_id: number;
  doc: string;
  title: string;
  heading: string | null;
  text: string;
  hash: string;
}

/** What changed since a version (`kb_index_changes`). */
export interface IndexChanges {
  version: number;
  complete: boolean;
  /** The documents changed (removed ones included). */
  documents: number[];
  /** Their current passages. */
  chunks: PassageRow[];
}

/**
 * What the index reads of a store: its calls only. A search thread passes a store whose calls run
 * on the main thread's store (search-thread.ts).
 */
export type IndexStore = Pick<Store, 'call'>;

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Term frequencies are packed with the passage slot: slot * TF_LIMIT + min(tf, TF_LIMIT - 1). */
const TF_LIMIT = 16;
const TF_BITS = 4;
const K1 = 1.2;
const B = 0.75;
/** Slices in which the passages are read from the database. */
const LOAD_PAGE = 5000;
/** At most this many changed passages are applied to an index; more: it is rebuilt. */
const CHANGES_LIMIT = 5000;
/** Passages tokenised between two yields to other turns while building or updating. */
const YIELD_EVERY = 500;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The indexed text of a passage: title and heading are part of what it is about. */
export function indexedText(title: string, heading: string | null, text: string): string {
  return `${[title, heading].filter(Boolean).join('. ')}.\n${text}`;
}

/**
 * The inverted index of the passages (see the module comment). Passages sit in slots in the
 * order of their ids (BM25 breaks ties by slot, so an index kept up to date ranks exactly as one
 * built afresh). A removed passage leaves an empty slot until enough are empty to renumber.
 *
 * Posting lists are growable `Int32Array`s: element 0 holds the count, the packed postings
 * follow in slot order.
 */
export class PassageIndex {
  /** By slot; `undefined` where a passage was removed. */
  passages: (IndexedPassage | undefined)[] = [];
  private postings = new Map<string, Int32Array>();
  private totalLength = 0;
  private live = 0;
  /** Spellable syllables by trigram (built at the first typo, then kept up to date). */
  private trigrams: Map<string, Set<string>> | null = null;
  private readonly variants = new Map<string, number>();
  private docSlots = new Map<number, number[]>();
  private slotsById = new Map<number, number>();
  /** BM25's length normalisation per slot, for the current average length (null: stale). */
  private norms: Float64Array | null = null;
  /** Scratch buffers of `bm25`: scores (all zero between calls) and the slots touched. */
  private scores = new Float64Array(0);
  private touched = new Int32Array(0);

  constructor(private current: number) {}

  /** The database's index version this index reflects (`kb_index_version`). */
  get version(): number {
    return this.current;
  }

  /**
   * Adds a passage: at the end (its id must be above every indexed passage's), or back into
   * the empty slot its id had (a renamed document keeps its passages' ids).
   */
  add(passage: Omit<IndexedPassage, 'length' | 'accented'>, slot = this.passages.length): void {
    const terms = passageTerms(indexedText(passage.title, passage.heading, passage.text));
    let length = 0;
    let accented = false;
    for (const term in terms) {
      const tf = terms[term]!;
      const first = term.charCodeAt(0);
      if (first === 126) accented = true;
      // Accents and bigrams do not lengthen the passage.
      if (first !== 126 && !term.includes('_')) length += tf;
      this.insert(term, slot, slot * TF_LIMIT + Math.min(tf, TF_LIMIT - 1));
    }
    this.passages[slot] = { ...passage, length, accented };
    this.slotsById.set(passage.id, slot);
    this.totalLength += length;
    this.live += 1;
    let slots = this.docSlots.get(passage.documentId);
    if (!slots) this.docSlots.set(passage.documentId, (slots = []));
    slots.push(slot);
    this.norms = null;
  }

  /** Adds a posting to a term's list, in slot order (almost always at its end). */
  private insert(term: string, slot: number, packed: number): void {
    let list = this.postings.get(term);
    if (!list) {
      list = new Int32Array(4);
      this.postings.set(term, list);
      this.termAdded(term);
    } else if (list[0]! + 1 === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.postings.set(term, (list = grown));
    }
    const count = list[0]!;
    if (count === 0 || list[count]! >> TF_BITS < slot) {
      list[count + 1] = packed;
    } else {
      let lo = 1;
      let hi = count + 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! >> TF_BITS < slot) lo = mid + 1;
        else hi = mid;
      }
      list.copyWithin(lo + 1, lo, count + 1);
      list[lo] = packed;
    }
    list[0] = count + 1;
  }

  private termAdded(term: string): void {
    if (term.charCodeAt(0) === 126) {
      const folded = fold(term.slice(1));
      this.variants.set(folded, (this.variants.get(folded) ?? 0) + 1);
    }
    if (this.trigrams && spellable(term)) this.addTrigrams(term);
  }

  private addTrigrams(term: string): void {
    for (const g of trigramsOf(term)) {
      let terms = this.trigrams!.get(g);
      if (!terms) this.trigrams!.set(g, (terms = new Set()));
      terms.add(term);
    }
  }

  private termRemoved(term: string): void {
    if (term.charCodeAt(0) === 126) {
      const folded = fold(term.slice(1));
      const left = (this.variants.get(folded) ?? 1) - 1;
      if (left > 0) this.variants.set(folded, left);
      else this.variants.delete(folded);
    }
    if (this.trigrams && spellable(term)) {
      for (const g of trigramsOf(term)) {
        const terms = this.trigrams.get(g);
        terms?.delete(term);
        if (terms?.size === 0) this.trigrams.delete(g);
      }
    }
  }

  /**
   * Removes the passages in some slots: their postings go (their terms found again by
   * tokenising their text), each term's list compacted once for all of them.
   */
  private async remove(slots: readonly number[]): Promise<void> {
    const gone = new Uint8Array(this.passages.length);
    const affected = new Set<string>();
    let low = Infinity;
    let high = -1;
    for (const [i, slot] of slots.entries()) {
      const passage = this.passages[slot];
      if (!passage) continue;
      for (const term in passageTerms(indexedText(passage.title, passage.heading, passage.text))) affected.add(term);
      gone[slot] = 1;
      low = Math.min(low, slot);
      high = Math.max(high, slot);
      this.passages[slot] = undefined;
      this.slotsById.delete(passage.id);
      this.totalLength -= passage.length;
      this.live -= 1;
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToOthers();
    }
    this.norms = null;
    for (const term of affected) {
      const list = this.postings.get(term);
      if (!list) continue;
      const count = list[0]!;
      // Only the stretch between the lowest and highest removed slot is walked; the rest of
      // the list moves down at once.
      let lo = 1;
      let hi = count + 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! >> TF_BITS < low) lo = mid + 1;
        else hi = mid;
      }
      let write = lo;
      let read = lo;
      for (; read <= count && list[read]! >> TF_BITS <= high; read++) {
        const packed = list[read]!;
        if (gone[packed >> TF_BITS] === 0) list[write++] = packed;
      }
      if (write === read) continue;
      list.copyWithin(write, read, count + 1);
      list[0] = count - (read - write);
      if (list[0] === 0) {
        this.postings.delete(term);
        this.termRemoved(term);
      }
    }
  }

  /** Frees the postings' spare room after a full build. */
  seal(): this {
    for (const [term, list] of this.postings) if (list.length > list[0]! + 1) this.postings.set(term, list.slice(0, list[0]! + 1));
    return this;
  }

  /**
   * Applies what changed in the database since this index's version: the changed documents'
   * passages are replaced. Returns false (and leaves the index untouched) when it cannot be
   * applied in place: the changes are incomplete, or a new passage's id is below a kept one's
   * (the slots would leave id order); the caller then rebuilds. It yields to other turns as it
   * goes: a caller that holds slots across awaits must not run meanwhile (search.ts takes turns).
   *
   * @example
   * await index.apply(await store.call('kb_index_changes', { since: index.version })) // true
   */
  async apply(changes: IndexChanges): Promise<boolean> {
    if (!changes.complete) return false;
    const changed = new Set(changes.documents.map(Number));
    const rows = [...changes.chunks].sort((a, b) => Number(a.id) - Number(b.id));
    // A passage that keeps its id goes back into its slot; a new one goes after every other.
    const reuse = new Map<number, number>();
    for (const doc of changed) for (const slot of this.docSlots.get(doc) ?? []) reuse.set(this.passages[slot]!.id, slot);
    let last = -Infinity;
    for (let slot = this.passages.length - 1; slot >= 0; slot--) {
      const p = this.passages[slot];
      if (p && !changed.has(p.documentId)) {
        last = p.id;
        break;
      }
    }
    for (const row of rows) if (reuse.has(Number(row.id))) last = Math.max(last, Number(row.id));
    for (const row of rows) if (!reuse.has(Number(row.id)) && Number(row.id) <= last) return false;
    const removed: number[] = [];
    for (const doc of changed) {
      for (const slot of this.docSlots.get(doc) ?? []) removed.push(slot);
      this.docSlots.delete(doc);
    }
    await this.remove(removed);
    let done = 0;
    for (const row of rows) {
      const passage = passageOf(row);
      this.add(passage, reuse.get(passage.id));
      if (++done % YIELD_EVERY === 0) await yieldToOthers();
    }
    const empty = this.passages.length - this.live;
    if (empty >= 1000 && empty * 2 > this.passages.length) this.renumber();
    this.current = Number(changes.version);
    return true;
  }

  /** Closes the empty slots (postings keep their order: slots only move down). */
  private renumber(): void {
    const moved = new Int32Array(this.passages.length);
    const kept: IndexedPassage[] = [];
    this.passages.forEach((p, slot) => {
      moved[slot] = kept.length;
      if (p) kept.push(p);
    });
    for (const list of this.postings.values()) {
      const end = list[0]! + 1;
      for (let i = 1; i < end; i++) {
        const packed = list[i]!;
        list[i] = (moved[packed >> TF_BITS]! << TF_BITS) | (packed & (TF_LIMIT - 1));
      }
    }
    this.passages = kept;
    this.docSlots = new Map();
    this.slotsById = new Map();
    kept.forEach((p, slot) => {
      this.slotsById.set(p.id, slot);
      let slots = this.docSlots.get(p.documentId);
      if (!slots) this.docSlots.set(p.documentId, (slots = []));
      slots.push(slot);
    });
    this.norms = null;
  }

  /** The slot of a passage by its id (`kb_chunks.id`). */
  slotOf(id: number): number | undefined {
    return this.slotsById.get(id);
  }

  /** Number of passages indexed. */
  get size(): number {
    return this.live;
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
    return list !== undefined && findSlot(list, slot) >= 0;
  }

  /** Whether a passage is written with diacritics at all. */
  accented(slot: number): boolean {
    return this.passages[slot]?.accented === true;
  }

  /** In how many passages a term occurs. */
  df(term: string): number {
    return this.postings.get(term)?.[0] ?? 0;
  }

  /** BM25's inverse document frequency of a term (0 for an empty index). */
  idf(term: string): number {
    const n = this.live;
    if (n === 0) return 0;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Length normalisation per slot, recomputed after a change (same arithmetic as per posting). */
  private normsOf(): Float64Array {
    if (this.norms) return this.norms;
    const avg = Math.max(1, this.totalLength / this.live);
    const norms = new Float64Array(this.passages.length);
    this.passages.forEach((p, slot) => {
      if (p) norms[slot] = K1 * (1 - B + (B * p.length) / avg);
    });
    return (this.norms = norms);
  }

  /**
   * The `limit` best passages by weighted BM25, best first. Terms found in more than half of a
   * large index rank nothing and cost the longest lists: they are skipped.
   */
  bm25(terms: readonly WeightedTerm[], limit: number): { slot: number; score: number }[] {
    const n = this.live;
    if (n === 0 || terms.length === 0) return [];
    const norms = this.normsOf();
    if (this.scores.length < this.passages.length) {
      this.scores = new Float64Array(this.passages.length);
      this.touched = new Int32Array(this.passages.length);
    }
    const scores = this.scores;
    const touched = this.touched;
    let count = 0;
    for (const { term, weight } of terms) {
      const list = this.postings.get(term);
      if (!list || weight <= 0) continue;
      const idf = this.idf(term);
      if (n >= 100 && idf <= Math.LN2) continue;
      const w = weight * idf;
      const end = list[0]! + 1;
      for (let i = 1; i < end; i++) {
        const packed = list[i]!;
        const slot = packed >> TF_BITS;
        const tf = packed & (TF_LIMIT - 1);
        if (scores[slot] === 0) touched[count++] = slot;
        scores[slot]! += (w * tf * (K1 + 1)) / (tf + norms[slot]!);
      }
    }
    const top = topSlots(touched, count, scores, limit);
    for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
    return top;
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
      for (const term of this.postings.keys()) if (spellable(term)) this.addTrigrams(term);
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

/** The position of a slot in a posting list (binary search), or -1. */
function findSlot(list: Int32Array, slot: number): number {
  let lo = 1;
  let hi = list[0]!;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]! >> TF_BITS;
    if (s === slot) return mid;
    if (s < slot) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether a term is a syllable typo correction may offer (not a bigram, accent form or number). */
function spellable(term: string): boolean {
  return term.length >= 3 && term.length <= 30 && !/[_~\d]/.test(term);
}

function passageOf(row: PassageRow): Omit<IndexedPassage, 'length' | 'accented'> {
  return {
    id: Number(row.id),
    documentId: Number(row.document_id),
    doc: row.doc,
    title: row.title,
    heading: row.heading,
    text: row.text,
    hash: row.hash,
  };
}

/** pg_trgm's trigrams: the word padded with two spaces before and one after. */
function trigramsOf(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** The `limit` touched slots with the highest scores, best first (ties: lower slot first). */
function topSlots(touched: Int32Array, count: number, scores: Float64Array, limit: number): { slot: number; score: number }[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  // A small min-heap of the best `limit` slots: O(touched · log limit), and most slots are
  // turned away by one comparison with the worst kept.
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
  if (limit <= 0) return [];
  for (let t = 0; t < count; t++) {
    const slot = touched[t]!;
    if (heap.length < limit) {
      heap.push(slot);
      up(heap.length - 1);
      continue;
    }
    const worst = heap[0]!;
    const score = scores[slot]!;
    const least = scores[worst]!;
    if (score > least || (score === least && slot < worst)) {
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

const cache = new WeakMap<IndexStore, Cached>();
const loading = new WeakMap<IndexStore, Promise<PassageIndex>>();
/** One version check per store and tick: a burst of questions asks the database once. */
const checking = new WeakMap<IndexStore, Promise<number>>();

/**
 * The database's index version (`kb_index_version`); concurrent callers share the call in
 * flight. A search asks before it queues for its turn (search.ts), so a burst of questions asks
 * the database once, not once per question.
 *
 * @example
 * await passageIndex(store, { version: await currentIndexVersion(store) })
 */
export function currentIndexVersion(store: IndexStore): Promise<number> {
  let pending = checking.get(store);
  if (!pending) {
    const mine: Promise<number> = store.call<number>('kb_index_version').then(Number);
    const forget = () => {
      if (checking.get(store) === mine) checking.delete(store);
    };
    mine.then(forget, forget);
    checking.set(store, (pending = mine));
    // Shared only by the callers of this same tick: whatever they saw committed was committed
    // before the call was sent. A caller of a later tick asks again, so it sees what was
    // committed meanwhile (say, the document its own ingestion just stored).
    setImmediate(forget);
  }
  return pending;
}

export interface PassageIndexOptions {
  /**
   * How long a checked version is trusted without asking the database again (ms). 0 (default):
   * every search asks, so another process's ingestion is seen at once; the call is one row.
   */
  maxStalenessMs?: number;
  /** The index version the caller already read (`currentIndexVersion`): not asked again. */
  version?: number;
}

/**
 * The index of a store's passages, brought up to date when the database's index version moved:
 * the documents changed since are replaced in place (`kb_index_changes`), or, when that cannot
 * be done, the index is rebuilt. Concurrent callers share one update. The index changes in
 * place: callers that keep slots across awaits take turns (search.ts).
 *
 * @example
 * const index = await passageIndex(store);
 */
export async function passageIndex(store: IndexStore, options: PassageIndexOptions = {}): Promise<PassageIndex> {
  const cached = cache.get(store);
  const now = performance.now();
  if (cached && options.maxStalenessMs && now - cached.checkedAt < options.maxStalenessMs) return cached.index;
  const version = options.version ?? (await currentIndexVersion(store));
  if (cached && cached.index.version === version) {
    cached.checkedAt = now;
    return cached.index;
  }
  const pending = loading.get(store);
  if (pending) return pending;
  const build = (cached ? refresh(store, cached.index) : loadIndex(store))
    .then((index) => {
      cache.set(store, { index, checkedAt: performance.now() });
      return index;
    })
    .finally(() => loading.delete(store));
  loading.set(store, build);
  return build;
}

/** Applies the changes since the index's version, or rebuilds when they cannot be applied. */
async function refresh(store: IndexStore, index: PassageIndex): Promise<PassageIndex> {
  const changes = await store.call<IndexChanges>('kb_index_changes', { since: index.version, limit: CHANGES_LIMIT });
  if (await index.apply(changes)) return index;
  return loadIndex(store);
}

/** Forgets a store's index (tests; a closed store). */
export function dropPassageIndex(store: IndexStore): void {
  cache.delete(store);
}

/** Reads every passage in pages and builds the index, yielding to other turns as it goes. */
async function loadIndex(store: IndexStore): Promise<PassageIndex> {
  let after = 0;
  let version: number | null = null;
  const rows: PassageRow[] = [];
  for (;;) {
    const page = await store.call<{ version: number; chunks: PassageRow[] }>('kb_index_load', { after, limit: LOAD_PAGE });
    // The version of the first page: a change made meanwhile is applied next time.
    version ??= Number(page.version);
    for (const row of page.chunks) rows.push(row);
    if (page.chunks.length < LOAD_PAGE) break;
    after = Number(page.chunks.at(-1)!.id);
    // Let other turns run between pages of a large base.
    await yieldToOthers();
  }
  const index = new PassageIndex(version ?? 0);
  for (let i = 0; i < rows.length; i++) {
    index.add(passageOf(rows[i]!));
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToOthers();
  }
  return index.seal();
}
