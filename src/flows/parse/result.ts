/** Moved to `src/nlu/result.ts` (entity parsers live in the NLU); kept for the flows' imports. */
export * from '../../nlu/result.js';
