/**
 * Support programmes: files in content/programmes, the finder, details, applications.
 *
 * @example
 * import { programmesFeature } from '../flows/programmes/index.js';
 */
export { programmesFeature } from './feature.js';
export { loadProgrammes, programmeSchema, pick, type Programme } from './schema.js';
export { rankProgrammes, matchProgramme, type FounderFacts, type ProgrammeMatch } from './match.js';
export { allProgrammes, programme, programmesOf, setProgrammes } from './catalogue.js';
export { registerApplicationFlows } from './flows.js';
export { setApplicationStatus, APPLICATION_STATUSES } from './status.js';
export { answerEligibility, asksEligibility, programmesNamedLoosely } from './eligibility.js';
