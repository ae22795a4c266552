/**
 * Dates moved to the NLU (`src/nlu/entities/date.ts`), which flows and the intent classifier
 * share; this module keeps the old import path working.
 *
 * @example
 * import { parseDate } from '../parse/date.js';
 */
export * from '../../nlu/entities/date.js';
