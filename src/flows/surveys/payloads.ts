/**
 * The surveys feature's button payloads: `survey:start:<id>` starts or resumes a survey.
 *
 * @example
 * surveyPayloads.encode('start', 'support-needs'); // 'survey:start:support-needs'
 */
import { payloadCodec, SLUG } from '../../bot/payload.js';

export const surveyPayloads = payloadCodec('survey', { start: [SLUG] });
