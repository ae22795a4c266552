/**
 * Who runs a knowledge search for `answerQuestion`: in this thread (`inProcessSearcher`, the
 * default: the CLI, calibration and evaluation), or the bot's search thread
 * (search-thread-client.ts), which keeps the search's CPU work and garbage off the thread that
 * runs the turns.
 *
 * @example
 * const { query, passages } = await inProcessSearcher(store).search('Hội trường?', { k: 5 });
 */
import type { IndexStore } from './passage-index.js';
import { searchKnowledgeWithQuery, type SearchHits, type SearchOptions } from './search.js';

export interface KnowledgeSearcher {
  /** The passages for a question, best first, and the query as understood (see `searchKnowledgeWithQuery`). */
  search(question: string, options?: SearchOptions): Promise<SearchHits>;
}

/**
 * Why a search did not run: its thread failed or ended while searching (`KB_SEARCH_UNAVAILABLE`;
 * the next search starts a new one), or the searcher was closed with its bot
 * (`KB_SEARCH_CLOSED`). The knowledge feature answers "I don't know, talk to staff".
 */
export class KnowledgeSearchError extends Error {
  constructor(
    readonly code: 'KB_SEARCH_UNAVAILABLE' | 'KB_SEARCH_CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'KnowledgeSearchError';
  }
}

/**
 * Searches in this thread, with the index of `store` kept in this thread.
 *
 * @example
 * await answerQuestion(store, question, { searcher: inProcessSearcher(store) });
 */
export function inProcessSearcher(store: IndexStore): KnowledgeSearcher {
  return { search: (question, options) => searchKnowledgeWithQuery(store, question, options) };
}
