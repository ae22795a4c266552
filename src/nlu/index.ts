/**
 * Understanding a founder's message (issue 12): the intent with a calibrated confidence, the
 * slots (space, date, start, minutes, booking code, programme, language), and whether the bot
 * should ask a clarifying question instead of guessing. Trained offline at construction from the
 * examples in `content/nlu/`; see docs/nlu.md.
 *
 * @example
 * const nlu = createNlu({ contentDir: 'content', timeZone: config.timeZone });
 * const u = nlu.understand('đặt phòng họp mai 2h chiều 2 tiếng', { now: services.clock.now() });
 * // u.intent 'booking_new', u.slots { space: 'meeting-room', date: '…', start: '14:00', minutes: 120 }
 */
export * from './types.js';
export { normalizeForMatching } from './normalize.js';
export { parseDate, localToday, addDays, formatDate, CENTRE_TIME_ZONE, type DateOptions } from './entities/date.js';
export { parseTime, type TimeOptions } from './entities/time.js';
export { parseDuration } from './entities/duration.js';
export { parseBookingCode } from './entities/code.js';
export { parseFoldedDate, weekAhead, findDays } from './entities/date.js';
export { findEndTime, type EndTime } from './entities/end-time.js';
export { findTimes, formatClock } from './entities/time.js';
export { findDuration } from './entities/duration.js';
export { findBookingCodes } from './entities/code.js';
export { moveSource } from './entities/retraction.js';
export { plainLanguage, writtenInEnglish } from './entities/language.js';
export { countsHeads, onlyHeadCount } from './head-count.js';
export { lazyNlu, type LazyNlu } from './lazy.js';
export { createNlu, type CreateNluOptions, type ExplainableNlu, type SpaceNames, type ProgrammeNames } from './create.js';
export { loadNluContent, type Example, type NluContent, type NluSettings } from './content.js';
export { evaluateNlu, loadNluCases, type NluCase, type NluReport } from './evaluate.js';
export {
  createSecondOpinion, secondOpinionFromConfig, understandWithSecondOpinion, LlmUnderstandingSchema, SecondOpinionError,
  type SecondOpinion, type SourcedUnderstanding,
} from './second-opinion.js';
