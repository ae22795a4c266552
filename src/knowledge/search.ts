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
  /** Share of the question's weighted words and phrases found in the passage (0-1). */
  coverage: number;
}

export interface SearchOptions {
  k?: number;
  llm?: Llm;
}

/** Runs a search; returns the passages best first and the query as it was understood. */
export async function searchKnowledgeWithQuery(
  store: Store,
  question: string,
  options: SearchOptions = {},
): Promise<{ query: SearchQuery; passages: Passage[] }> {
  const query = queryTerms(question);
  let embedding: number[] | null = null;
  if (options.llm && (await store.call<boolean>('kb_vector_enabled'))) {
    try {
      embedding = (await options.llm.embed([question]))[0] ?? null;
    } catch {
      embedding = null; // the lexical search still answers
    }
  }
  const passages = await store.call<Passage[]>('kb_search', {
    terms: query.terms,
    folded: query.folded,
    embedding,
    model: options.llm?.embeddingModel ?? null,
    k: options.k ?? 5,
  });
  return { query, passages };
}

/** The passages for a question, best first (see `searchKnowledgeWithQuery`). */
export async function searchKnowledge(store: Store, question: string, options: SearchOptions = {}): Promise<Passage[]> {
  return (await searchKnowledgeWithQuery(store, question, options)).passages;
}
