/** Moved to `src/nlu/fold.ts`; kept while branches written against the old path are merged. */
export * from '../nlu/fold.js';
