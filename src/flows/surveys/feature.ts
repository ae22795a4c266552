/**
 * The surveys feature (order 42): `menu:surveys` lists the open surveys, `survey:start:<id>` and
 * the deep link `/start survey_<id>` start or resume one. Needs consent (answers are stored).
 *
 * @example
 * // features.ts: [consentFeature, flowFeature, programmesFeature, surveysFeature, …]
 */
import { CONSENT_AGREE } from '../onboarding/payloads.js';
import { MENU_PAYLOADS, mainMenu } from '../menu.js';
import type { Feature } from '../../bot/router.js';
import { botSlot, type Services } from '../../bot/services.js';
import type { Turn } from '../../bot/turn.js';
import { registerDeepLink } from '../onboarding/deep-links.js';
import { localToday } from '../parse/date.js';
import { centreTimeZone } from '../../clock/time-zone.js';
import { pick } from '../programmes/schema.js';
import { registerSurveyFlows, startSurvey } from './flow.js';
import { surveyPayloads } from './payloads.js';
import { answerSurveyPurpose } from './purpose.js';
import { isOpen, loadSurveys, type Survey } from './schema.js';


/** This bot's loaded surveys (one table per bot: two bots may have different content). */
const SURVEYS = botSlot<{ loaded: ReadonlyMap<string, Survey> }>('surveys', () => ({ loaded: new Map() }));

function surveysOf(services: Pick<Services, 'slots'>): ReadonlyMap<string, Survey> {
  return services.slots.get(SURVEYS).loaded;
}

/**
 * This bot's loaded survey with this id.
 *
 * @example
 * survey(turn.services, 'support-needs')?.questions.length // 12
 */
export function survey(services: Pick<Services, 'slots'>, id: string): Survey | undefined {
  return surveysOf(services).get(id);
}

/**
 * Installs a bot's surveys and registers their flows with it (the feature's `init`).
 *
 * @example
 * setSurveys(services, loadSurveys('content'));
 */
export function setSurveys(services: Pick<Services, 'slots'>, next: ReadonlyMap<string, Survey>): void {
  services.slots.get(SURVEYS).loaded = next;
  registerSurveyFlows(services, [...next.values()]);
}

/** Starts or resumes one survey (consent first). @example await open(turn, 'support-needs') */
export async function open(turn: Turn, id: string): Promise<void> {
  const found = survey(turn.services, id);
  if (!found) {
    turn.reply(mainMenu(turn.t, turn.t('surveys.unknown')));
    return;
  }
  if (!turn.contact?.consentedAt) {
    turn.reply({ text: turn.t('onboarding.needs_consent'), buttons: [{ label: turn.t('onboarding.agree'), payload: CONSENT_AGREE }] });
    return;
  }
  await startSurvey(turn, found);
}

/** The open surveys as buttons, or "none open" with the menu. @example list(turn) */
export function list(turn: Turn): void {
  const today = localToday(turn.services.clock(), centreTimeZone());
  const openNow = [...surveysOf(turn.services).values()].filter((s) => isOpen(s, today));
  if (openNow.length === 0) {
    turn.reply(mainMenu(turn.t, turn.t('surveys.none')));
    return;
  }
  turn.reply({
    text: turn.t('surveys.list'),
    buttons: openNow.map((s) => ({ label: pick(s.title, turn.locale), payload: surveyPayloads.encode('start', s.id) })),
  });
}

/**
 * "Làm khảo sát" typed: the one open survey starts (or resumes) at once; with several, the list.
 *
 * @example
 * await takeSurvey(turn);
 */
export async function takeSurvey(turn: Turn): Promise<void> {
  const today = localToday(turn.services.clock(), centreTimeZone());
  const openNow = [...surveysOf(turn.services).values()].filter((s) => isOpen(s, today));
  if (openNow.length === 1) return open(turn, openNow[0]!.id);
  list(turn);
}

/** The survey a flow asks (`survey-<id>`), or undefined. */
function surveyOfFlow(services: Pick<Services, 'slots'>, flowId: string): Survey | undefined {
  return flowId.startsWith('survey-') ? survey(services, flowId.slice('survey-'.length)) : undefined;
}

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
    setSurveys(services, loadSurveys(services.config.CONTENT_DIR));
    registerDeepLink(services, 'survey_', (turn, id) => open(turn, id));
  },
  async handle(turn, next) {
    const { event } = turn;
    // "khảo sát này dùng để làm gì" during a survey: its own intro (the engine asks its question again).
    if (event.kind === 'text' && answerSurveyPurpose(turn, (flowId) => surveyOfFlow(turn.services, flowId))) return;
    if (event.kind !== 'button' || event.chatType === 'group') return next();
    if (event.payload === MENU_PAYLOADS.surveys) return list(turn);
    const pressed = surveyPayloads.decode(event.payload);
    if (pressed?.action === 'start') return open(turn, pressed.args[0]!);
    return next();
  },
};
