/**
 * "What is this survey for?" typed in the middle of a survey ("à khảo sát này dùng để làm gì
 * vậy", "khảo sát để làm chi", "what's this survey for?"): the survey's own intro answers it.
 * Searched in the documents it was answered with a sentence about another survey in the
 * coworking space's document.
 *
 * @example
 * if (answerSurveyPurpose(turn)) return; // the engine then asks the survey's question again
 */
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import { activeFlow } from '../engine/index.js';
import { pick } from '../programmes/schema.js';
import type { Survey } from './schema.js';

/** The survey named or pointed at ("khảo sát", "survey", "cái này"), folded. */
const THE_SURVEY = /(?:^| )(?:khao sat|survey|questionnaire|phieu|cai nay|bai nay)(?: |$)/;
/** Asking what it is for, folded. */
const WHAT_FOR = /(?:^| )(?:(?:de|dung de|nham)? ?(?:lam gi|lam chi|lam j)|muc dich|de lam gi|what (?:is|s) (?:it|this|the \S+|this \S+) for|what for|for what|why|purpose|used for)(?: |$)/;

/** Whether a text asks what the survey is for. @example asksSurveyPurpose('khảo sát này dùng để làm gì vậy') // true */
export function asksSurveyPurpose(text: string): boolean {
  const words = ` ${foldWords(text).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
  return THE_SURVEY.test(words) && WHAT_FOR.test(words);
}

/**
 * Answers "what is this survey for?" with the running survey's title and intro; whether it did
 * (not in a survey, or another question: false).
 */
export function answerSurveyPurpose(turn: Turn, surveyOf: (flowId: string) => Survey | undefined): boolean {
  const flow = activeFlow(turn);
  if (turn.event.kind !== 'text' || !flow) return false;
  const survey = surveyOf(flow.id);
  if (!survey || !asksSurveyPurpose(turn.event.text)) return false;
  turn.reply({ text: `📝 ${pick(survey.title, turn.locale)}\n\n${pick(survey.intro, turn.locale)}` });
  return true;
}
