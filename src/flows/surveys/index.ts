/**
 * Surveys: files in content/surveys, their flows, the feature and the export helpers.
 *
 * @example
 * import { surveysFeature } from '../flows/surveys/index.js';
 */
export { surveysFeature, survey, setSurveys } from './feature.js';
export { surveyPayloads } from './payloads.js';
export { loadSurveys, surveySchema, isAsked, isOpen, type Survey, type Question, type QuestionType } from './schema.js';
export { startSurvey, surveyFlowId } from './flow.js';
export { surveyTable, surveyJson, toCsv, surveyStats, type SurveyRow, type QuestionStats } from './export.js';
