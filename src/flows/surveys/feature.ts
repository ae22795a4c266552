/**
 * The surveys feature (order 42): `menu:surveys` lists the open surveys, `survey:start:<id>` and
 * the deep link `/start survey_<id>` start or resume one. Needs consent (answers are stored).
 *
 * @example
 * // features.ts: [consentFeature, flowFeature, programmesFeature, surveysFeature, …]
 */
import { MENU_PAYLOADS, mainMenu } from '../menu.js';
import type { Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { registerDeepLink } from '../onboarding/deep-links.js';
import { localToday } from '../parse/date.js';
import { pick } from '../programmes/schema.js';
import { registerSurveyFlows, startSurvey } from './flow.js';
import { isOpen, loadSurveys, type Survey } from './schema.js';

export const SURVEY_START = 'survey:start:';

let surveys: ReadonlyMap<string, Survey> = new Map();

/**
 * The loaded survey with this id.
 *
 * @example
 * survey('support-needs')?.questions.length // 12
 */
export function survey(id: string): Survey | undefined {
  return surveys.get(id);
}

/**
 * Replaces the loaded surveys and registers their flows (start-up, tools).
 *
 * @example
 * setSurveys(loadSurveys('content'));
 */
export function setSurveys(next: ReadonlyMap<string, Survey>): void {
  surveys = next;
  registerSurveyFlows([...next.values()]);
}

async function open(turn: Turn, id: string): Promise<void> {
  const found = surveys.get(id);
  if (!found) {
    turn.reply(mainMenu(turn.t, turn.t('surveys.unknown')));
    return;
  }
  if (!turn.contact?.consentedAt) {
    turn.reply({ text: turn.t('onboarding.needs_consent'), buttons: [{ label: turn.t('onboarding.agree'), payload: 'consent:agree' }] });
    return;
  }
  await startSurvey(turn, found);
}

function list(turn: Turn): void {
  const today = localToday(turn.services.clock());
  const openNow = [...surveys.values()].filter((s) => isOpen(s, today));
  if (openNow.length === 0) {
    turn.reply(mainMenu(turn.t, turn.t('surveys.none')));
    return;
  }
  turn.reply({
    text: turn.t('surveys.list'),
    buttons: openNow.map((s) => ({ label: pick(s.title, turn.locale), payload: `${SURVEY_START}${s.id}` })),
  });
}

registerDeepLink('survey_', (turn, id) => open(turn, id));

/**
 * Survey list, start and resume (order 42).
 *
 * @example
 * new Router([consentFeature, flowFeature, surveysFeature]);
 */
export const surveysFeature: Feature = {
  name: 'surveys',
  order: 42,
  async init(services) {
    setSurveys(loadSurveys(services.config.CONTENT_DIR));
  },
  async handle(turn, next) {
    const { event } = turn;
    if (event.kind !== 'button' || event.chatType === 'group') return next();
    if (event.payload === MENU_PAYLOADS.surveys) return list(turn);
    if (event.payload.startsWith(SURVEY_START)) return open(turn, event.payload.slice(SURVEY_START.length));
    return next();
  },
};
