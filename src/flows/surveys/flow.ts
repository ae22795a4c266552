/**
 * One flow per survey (`survey-<id>`): each question is an ask step whose answer is saved at
 * once (`fx_survey_answer`, in the same commit), so a founder who leaves resumes at the next
 * unanswered question: answers already saved are passed in as initial answers and skipped.
 * Skip logic (`when`) and optional questions ("bỏ qua" saves null) come from the file.
 *
 * @example
 * registerSurveyFlows(services, [...loadSurveys('content').values()]);
 * await startSurvey(turn, survey);
 */
import { mainMenu } from '../menu.js';
import type { Turn } from '../../bot/turn.js';
import { registerFlow, startFlow, type FlowServices, type AskStep, type Choice, type FlowContext, type InputSpec } from '../engine/index.js';
import { localToday } from '../parse/date.js';
import { pick } from '../programmes/schema.js';
import { surveyChoice } from './choices.js';
import { picked, surveyPrompt } from './prompt.js';
import { isAsked, isOpen, type Question, type Survey } from './schema.js';

const RATINGS = ['1', '2', '3', '4', '5'];

function inputOf(question: Question): InputSpec | undefined {
  switch (question.type) {
    case 'multiple':
      return { type: 'multi' };
    case 'single':
    case 'rating':
      return undefined;
    case 'number':
      return { type: 'number', min: question.min, max: question.max };
    case 'text':
      return { type: 'text', max: 1000 };
    default:
      return { type: question.type };
  }
}

function choicesOf(question: Question): ((ctx: FlowContext) => Choice[]) | undefined {
  // "4/5", "4 sao", "4 stars" inside a sentence ("pretty good, maybe 4/5") name a rating too.
  if (question.type === 'rating') return () => RATINGS.map((r) => ({ value: r, text: `${r} ⭐`, aliases: [`${r}/5`, `${r} sao`, `${r} stars`, `${r} out of 5`, `${r} trên 5`] }));
  if (!question.choices) return undefined;
  return (ctx) => question.choices!
    .filter((c) => question.among === undefined || picked(ctx.answers, question.among).includes(c.value))
    .map((c) => surveyChoice(c, ctx.turn.locale));
}

/**
 * After a multiple-choice answer, the questions asking "which of those?" (`among`): with one
 * picked, that one is their answer (saved, not asked); with more, an earlier answer no longer
 * among them is dropped so the question is asked again.
 */
function settleAmong(survey: Survey, source: Question, ctx: FlowContext): void {
  const values = picked(ctx.answers, source.id);
  for (const question of survey.questions.filter((q) => q.among === source.id)) {
    if (values.length === 1) {
      ctx.answers[question.id] = values[0];
      ctx.turn.effect('fx_survey_answer', { survey_id: survey.id, question_id: question.id, kind: question.type, value: values[0] });
    } else if (!values.includes(String(ctx.answers[question.id]))) {
      delete ctx.answers[question.id];
    }
  }
}

/** The value stored for an answer: ratings as numbers, everything else as given. */
function stored(question: Question, value: unknown): unknown {
  return question.type === 'rating' && typeof value === 'string' ? Number(value) : value;
}

/**
 * The flow id of a survey.
 *
 * @example
 * surveyFlowId(survey) // 'survey-support-needs'
 */
export function surveyFlowId(survey: Survey): string {
  return `survey-${survey.id}`;
}

/**
 * Registers the flow of every survey (at start-up).
 *
 * @example
 * registerSurveyFlows(services, [...loadSurveys('content').values()]);
 */
export function registerSurveyFlows(services: FlowServices, surveys: readonly Survey[]): void {
  for (const survey of surveys) {
    const steps: AskStep[] = survey.questions.map((question) => ({
      kind: 'ask',
      id: question.id,
      prompt: (ctx: FlowContext) => surveyPrompt(survey, question, ctx),
      input: inputOf(question),
      choices: choicesOf(question),
      optional: !question.required,
      when: (answers: Record<string, unknown>) => !Object.hasOwn(answers, question.id) && isAsked(question, answers)
        && (question.among === undefined || picked(answers, question.among).length > 1),
      onAnswer(value, ctx) {
        ctx.turn.effect('fx_survey_answer', { survey_id: survey.id, question_id: question.id, kind: question.type, value: stored(question, value) });
        if (question.type === 'multiple') settleAmong(survey, question, ctx);
      },
    }));
    registerFlow(services, {
      id: surveyFlowId(survey),
      help: 'surveys.help',
      steps: [
        ...steps,
        {
          kind: 'act',
          id: 'finish',
          run(ctx) {
            ctx.turn.effect('fx_survey_complete', { survey_id: survey.id });
            ctx.turn.reply(mainMenu(ctx.turn.t, pick(survey.thanks, ctx.turn.locale)));
          },
        },
      ],
      onCancel(ctx) {
        ctx.turn.reply(mainMenu(ctx.turn.t, ctx.turn.t('surveys.paused')));
      },
    });
  }
}

interface Progress {
  completed: number;
  open_answers: Record<string, unknown>;
}

/**
 * Starts (or resumes) a survey for the founder, unless it is closed or already answered.
 *
 * @example
 * await startSurvey(turn, survey('support-needs')!);
 */
export async function startSurvey(turn: Turn, survey: Survey): Promise<void> {
  const today = localToday(turn.services.clock());
  const title = pick(survey.title, turn.locale);
  if (!isOpen(survey, today)) {
    turn.reply(mainMenu(turn.t, turn.t(survey.opens && today < survey.opens ? 'surveys.not_open' : 'surveys.closed', { title })));
    return;
  }
  const progress = turn.contact
    ? await turn.services.store.call<Progress>('survey_progress', { survey_id: survey.id, contact_id: turn.contact.id })
    : { completed: 0, open_answers: {} };
  const resumed = Object.keys(progress.open_answers).length;
  if (resumed === 0 && progress.completed > 0 && !survey.allow_multiple) {
    turn.reply(mainMenu(turn.t, turn.t('surveys.already', { title })));
    return;
  }
  turn.reply({
    text: resumed > 0 ? turn.t('surveys.resume', { title, count: resumed }) : `📝 ${title}\n\n${pick(survey.intro, turn.locale)}`,
  });
  await startFlow(turn, surveyFlowId(survey), progress.open_answers);
}
