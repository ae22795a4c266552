/**
 * Kept for callers of the old path (the staff console's tests): the survey commands live in
 * `src/flows/surveys/cli.ts` and the application commands in `src/flows/programmes/cli.ts`.
 *
 * @example
 * import { applicationRows } from './survey-commands.js';
 */
export { exportSurvey, surveyStatsText } from '../flows/surveys/cli.js';
export { applicationRows } from '../flows/programmes/cli.js';
