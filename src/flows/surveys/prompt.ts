/**
 * The text of a survey question as asked: "(n/total)" counting only the questions this founder
 * is asked (skip logic and "which of those?" left out), so the number never jumps when branching
 * passes questions over; and for a date question an example computed from the clock, so its
 * weekday is always right (a date written in the file goes wrong the next month).
 *
 * @example
 * surveyPrompt(survey, stage, ctx) // '(2/11) Dự án của bạn đang ở giai đoạn nào?'
 */
import type { FlowContext } from '../engine/index.js';
import { dayLabel } from '../booking/time.js';
import { addDays, localToday } from '../parse/date.js';
import { centreTimeZone } from '../../clock/time-zone.js';
import { pick } from '../programmes/schema.js';
import { isAsked, type Question, type Survey } from './schema.js';

/** The values a multiple-choice question was answered with (none when skipped). */
export function picked(answers: Record<string, unknown>, id: string): string[] {
  const given = answers[id];
  return Array.isArray(given) ? given.map(String) : [];
}

/**
 * Whether a question is, or may still be, asked of this founder: its skip logic holds on the
 * answers so far, or waits on a question not answered yet; a "which of those?" question is asked
 * only when several were picked (with one, that one is its answer, not a question).
 *
 * @example
 * counted(capacity, { role: 'founder' }) // false: support staff only
 * counted(capacity, {})                  // true: the role is not known yet
 */
export function counted(question: Question, answers: Record<string, unknown>): boolean {
  const when = !question.when || !Object.hasOwn(answers, question.when.question) || isAsked(question, answers);
  const among = question.among === undefined || !Object.hasOwn(answers, question.among) || picked(answers, question.among).length > 1;
  return when && among;
}

/**
 * "(n/total)" for a question: its place among the questions this founder is asked, out of those
 * asked or still possible. The total may shrink as answers rule questions out; n only grows by one.
 *
 * @example
 * questionNumber(survey, 'needs', { role: 'founder', stage: 'idea', team_size: 3 }) // { n: 4, total: 11 }
 */
export function questionNumber(survey: Survey, id: string, answers: Record<string, unknown>): { n: number; total: number } {
  const index = survey.questions.findIndex((q) => q.id === id);
  const asked = survey.questions.map((q, i) => i === index || counted(q, answers));
  return { n: asked.slice(0, index + 1).filter(Boolean).length, total: asked.filter(Boolean).length };
}

/** How far ahead the example day of a date question is: next week, a day a founder would plan for. */
const EXAMPLE_DAYS_AHEAD = 7;

/**
 * The question's text with its number, and for a date question an example day from the clock.
 *
 * @example
 * surveyPrompt(survey, trainingDate, ctx) // '(9/11) Ngày nào …? (không bắt buộc)\nVí dụ: Thứ Hai 14/12, “thứ 6 tuần sau”'
 */
export function surveyPrompt(survey: Survey, question: Question, ctx: FlowContext): string {
  const { n, total } = questionNumber(survey, question.id, ctx.answers);
  const text = `(${n}/${total}) ${pick(question.prompt, ctx.turn.locale)}`;
  if (question.type !== 'date') return text;
  const day = addDays(localToday(ctx.turn.services.clock(), centreTimeZone()), EXAMPLE_DAYS_AHEAD);
  return `${text}\n${ctx.turn.t('surveys.date_example', { day: dayLabel(ctx.turn.t, day) })}`;
}
