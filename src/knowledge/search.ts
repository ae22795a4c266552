/**
 * Searches the knowledge base: builds the query terms (query.ts), embeds the question when an
 * LLM endpoint and pgvector are there, and calls the one SQL function `kb_search`.
 *
 * @example
 * const hits = await searchKnowledge(store, 'khởi nghiệp ở đâu?', { k: 5 });
 * hits[0].doc; hits[0].title; hits[0].score;
 */
import type { Store } from '../store/store.js';
import type { Llm } from './llm.js';
import { queryTerms, type SearchQuery } from './query.js';

export interface Passage {
  chunk_id: number;
  doc: string;
  title: string;
  heading: string | null;
  text: string;
  /** Fused reciprocal-rank score (higher is better). */
  score: number;
  bm25: number;
  /** Share of the question's words (weighted by idf) found in the passage (0-1), as SQL counts it. */
  coverage: number;
  /** The query terms the passage contains. */
  matched: string[];
  /**
   * How much of the question the passage covers (0-1): `conceptCoverage` of its words mixed with
   * the share of its two-syllable phrases found as phrases.
   */
  confidence: number;
}

/**
 * The calibrated confidence of a passage: for each concept of the question, the best share of
 * one of its wordings found in the passage (by idf), averaged with the concepts' idf as weights.
 * Alternatives count once: "space" is covered by "không gian" OR "địa điểm".
 *
 * @example
 * conceptCoverage([[['hoi', 'truong']]], new Set(['hoi']), { hoi: 1, truong: 1 }) // 0.5
 */
export function conceptCoverage(concepts: string[][][], matched: ReadonlySet<string>, idf: Readonly<Record<string, number>>): number {
  const fallback = Math.max(1, ...Object.values(idf));
  const weightOf = (w: string) => idf[w] ?? fallback;
  let total = 0;
  let covered = 0;
  for (const alternatives of concepts) {
    let best = 0;
    let mass = 0;
    for (const words of alternatives) {
      const all = words.reduce((sum, w) => sum + weightOf(w), 0);
      const hit = words.filter((w) => matched.has(w)).reduce((sum, w) => sum + weightOf(w), 0);
      mass = Math.max(mass, all);
      if (all > 0) best = Math.max(best, hit / all);
    }
    total += mass;
    covered += mass * best;
  }
  return total > 0 ? covered / total : 0;
}

/** Weight of word (concept) coverage in the confidence; the rest is phrase coverage. */
export const CONCEPT_SHARE = 0.6;

export interface SearchOptions {
  k?: number;
  llm?: Llm;
}

/** Runs a search; returns the passages best first and the query as it was understood. */
export async function searchKnowledgeWithQuery(
  store: Store,
  question: string,
  options: SearchOptions = {},
): Promise<{ query: SearchQuery; passages: Passage[]; idf: Record<string, number> }> {
  const query = queryTerms(question);
  let embedding: number[] | null = null;
  if (options.llm && (await store.call<boolean>('kb_vector_enabled'))) {
    try {
      embedding = (await options.llm.embed([question]))[0] ?? null;
    } catch {
      embedding = null; // the lexical search still answers
    }
  }
  const result = await store.call<{
    passages: Omit<Passage, 'confidence'>[];
    idf: Record<string, number>;
    corrections: Record<string, string[]>;
  }>('kb_search', {
    terms: query.terms,
    embedding,
    model: options.llm?.embeddingModel ?? null,
    k: options.k ?? 5,
  });
  // A corrected typo is covered by any of its corrections.
  const concepts = query.concepts.map((alternatives) => {
    const single = alternatives.length === 1 && alternatives[0]!.length === 1 ? alternatives[0]![0]! : undefined;
    const fixes = single ? result.corrections[single] : undefined;
    return fixes ? [...alternatives, ...fixes.map((f) => [f])] : alternatives;
  });
  const bigrams = query.terms.filter((t) => t.kind === 'bigram').map((t) => t.term);
  const passages = result.passages.map((p) => {
    const matched = new Set(p.matched);
    const words = conceptCoverage(concepts, matched, result.idf);
    // Syllables found apart are weaker evidence than the question's phrases found as phrases:
    // "tổng thống Mỹ" is not answered by a passage with "tổng vốn", "truyền thống", "mỹ nghệ".
    const phrases = bigrams.length ? bigrams.filter((b) => matched.has(b)).length / bigrams.length : words;
    return { ...p, confidence: Math.round((CONCEPT_SHARE * words + (1 - CONCEPT_SHARE) * phrases) * 10_000) / 10_000 };
  });
  return { query, passages, idf: result.idf };
}

/** The passages for a question, best first (see `searchKnowledgeWithQuery`). */
export async function searchKnowledge(store: Store, question: string, options: SearchOptions = {}): Promise<Passage[]> {
  return (await searchKnowledgeWithQuery(store, question, options)).passages;
}
