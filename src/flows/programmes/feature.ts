/**
 * The programmes feature (order 40): the menu button `menu:programmes` runs the finder; buttons
 * show a programme's details, start its application, list the founder's applications; the deep
 * link `/start programme_<id>` opens a programme. Browsing works without consent; applying
 * needs it (the consent gate asks first).
 *
 * @example
 * // features.ts: [consentFeature, flowFeature, programmesFeature, menuFeature, …]
 */
import { CONSENT_AGREE } from '../onboarding/payloads.js';
import { MENU_PAYLOADS } from '../menu.js';
import { lastButtons, type Feature } from '../../bot/router.js';
import { labelKey } from '../engine/index.js';
import { normalizeForMatching } from '../../nlu/index.js';
import type { Turn } from '../../bot/turn.js';
import { registerDeepLink } from '../onboarding/deep-links.js';
import { programme, setProgrammes } from './catalogue.js';
import { programmesStateSchema, registerApplicationFlows, registerFinderFlow, showResults, startApplication, startFinder, today, type ProgrammesState } from './flows.js';
import { answerEligibility } from './eligibility.js';
import { matchProgramme } from './match.js';
import { programmePayloads } from './payloads.js';
import { applicationsMessage, detailsMessage, PROGRAMME_PAYLOAD, type ApplicationRow } from './render.js';
import { loadProgrammes, pick } from './schema.js';
import { withdrawApplication, withdrawRequest } from './withdraw.js';
import { rememberProgramme } from './in-context.js';
import { answerInContext, benefitsMessage } from './questions-in-context.js';

/** A programme's details with its Apply button (`programme:view:<id>`, "chi tiết chương trình IPP2"). @example showDetails(turn, 'ipp2-asean-network') */
export function showDetails(turn: Turn, id: string): void {
  const found = programme(turn.services, id);
  if (!found) {
    turn.reply({ text: turn.t('programmes.unknown'), buttons: [{ label: turn.t('menu.programmes'), payload: MENU_PAYLOADS.programmes }] });
    return;
  }
  const facts = (turn.state.programmes as ProgrammesState | undefined)?.facts ?? {
    stage: turn.contact?.profile.stage as string | undefined,
    sector: turn.contact?.profile.sector as string | undefined,
    province: turn.contact?.profile.province as string | undefined,
  };
  rememberProgramme(turn, found.id);
  turn.reply(detailsMessage(turn, found, matchProgramme(found, facts, today(turn)), facts));
}

/** The founder's applications with their status (`programme:mine`, `/applications`, "hồ sơ của tôi"). @example await showMine(turn) */
export async function showMine(turn: Turn): Promise<void> {
  if (!turn.contact?.consentedAt) {
    turn.reply({ text: turn.t('programmes.mine_none') });
    return;
  }
  const rows = await turn.services.store.call<ApplicationRow[]>('applications_of', { contact_id: turn.contact.id });
  turn.reply(applicationsMessage(turn, rows, (id) => {
    const p = programme(turn.services, id);
    return p ? pick(p.name, turn.locale) : id;
  }));
}

/** Starts the application to a programme (consent first; not twice while one is pending). @example await apply(turn, 'ipp2-asean-network') */
export async function apply(turn: Turn, id: string): Promise<void> {
  const found = programme(turn.services, id);
  if (!found) return showDetails(turn, id);
  if (!turn.contact?.consentedAt) {
    turn.reply({ text: turn.t('onboarding.needs_consent'), buttons: [{ label: turn.t('onboarding.agree'), payload: CONSENT_AGREE }] });
    return;
  }
  const mine = await turn.services.store.call<ApplicationRow[]>('applications_of', { contact_id: turn.contact.id });
  const pending = mine.find((a) => a.programme_id === id && (a.status === 'submitted' || a.status === 'in_review'));
  if (pending) {
    turn.reply({
      text: turn.t('programmes.apply.already', { programme: pick(found.name, turn.locale), status: turn.t(`programmes.status.${pending.status}`) }),
      buttons: [{ label: turn.t('programmes.mine'), payload: PROGRAMME_PAYLOAD.mine }],
    });
    return;
  }
  await startApplication(turn, found);
}

/** The programme whose card the bot's last message showed (its one Apply button), or undefined. */
function programmeOnScreen(turn: Turn): string | undefined {
  const ids = lastButtons(turn)
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'apply' && p.args[0] ? [p.args[0]] : []));
  return ids.length === 1 ? ids[0] : undefined;
}

/** Applying now, with nothing else said ("e đăng ký luôn", "cho mình đăng ký nhé", "apply", "I want to apply"), folded. */
const APPLY_NOW = /^(?:(?:vay|ok|oke|u|thi|thoi|da) )?(?:(?:cho|de) )?(?:(?:e|em|minh|toi|tui|mk|mik|i|we) )?(?:(?:muon|xin|se|want to|d like to|would like to|ll|will|can|luon|can i) )?(?:dang ky|dang ki|dk|dky|apply|register|sign up|nop don|nop ho so)(?: (?:luon|ngay|chuong trinh nay|ct nay|cai nay|nhe|nha|a|ak|di|now|for it|for this|to it|to this|this one|it|please|thoi|lun|nhen|ad))*$/;
/** Words pointing at the programme shown ("chương trình này", "ct này", "this programme", "it"), folded. */
const THIS_ONE = /(?:^| )(?:(?:chuong trinh|ct|khoa|cai) (?:nay|do|kia)|this (?:programme|program|one)|it|does it)(?: |$)/;
/** Asking what it gives ("hỗ trợ những gì", "lợi ích", "được gì", "what does it offer"), folded. */
const ASKS_BENEFITS = /(?:^| )(?:ho tro|loi ich|duoc gi|duoc nhung gi|nhan duoc|quyen loi|co gi|benefits?|offer|provide|give|get|support)(?: |$)/;
/** Asking who may join ("điều kiện", "ai được", "yêu cầu gì", "who can", "eligible"), folded. */
const ASKS_CONDITIONS = /(?:^| )(?:dieu kien|ai duoc|ai co the|yeu cau|tieu chi|doi tuong|who can|eligible|eligibility|requirements?|criteria)(?: |$)/;

/**
 * A text about the programme on screen (its card is the bot's last message): "e đăng ký luôn" /
 * "apply" starts its application; "chương trình này hỗ trợ những gì" / "what does this programme
 * offer?" gets its benefits, "điều kiện của ct này" its conditions, with its source. Without a
 * card on screen "chương trình này" named nothing: the list came again, or the centre's
 * generic description. Whether it answered.
 */
async function aboutProgrammeOnScreen(turn: Turn, text: string): Promise<boolean> {
  const id = programmeOnScreen(turn);
  const found = id ? programme(turn.services, id) : undefined;
  if (!found) return false;
  const words = labelKey(normalizeForMatching(text));
  if (APPLY_NOW.test(words) || APPLY_NOW.test(labelKey(text))) {
    await apply(turn, found.id);
    return true;
  }
  // A longer text must point at it ("điều kiện tham gia IPP2 là gì" is about IPP2).
  if (!THIS_ONE.test(words) && words.split(' ').length > 4) return false;
  if (ASKS_CONDITIONS.test(words)) {
    answerEligibility(turn, [found.id]);
    return true;
  }
  if (!ASKS_BENEFITS.test(words) || !THIS_ONE.test(words)) return false;
  turn.reply(benefitsMessage(turn, found));
  return true;
}

/**
 * Programme finder, details, applications (order 40).
 *
 * @example
 * new Router([consentFeature, flowFeature, programmesFeature]);
 */
export const programmesFeature: Feature = {
  name: 'programmes',
  order: 40,
  stateSlices: { programmes: programmesStateSchema },
  async init(services) {
    const loaded = loadProgrammes(services.config.CONTENT_DIR);
    setProgrammes(services, loaded);
    registerFinderFlow(services);
    registerApplicationFlows(services, [...loaded.values()]);
    registerDeepLink(services, 'programme_', (turn, id) => showDetails(turn, id));
  },
  async handle(turn, next) {
    const { event } = turn;
    if (event.chatType === 'group') return next();
    if (event.kind === 'text' && /^\/applications\b/i.test(event.text.trim())) return showMine(turn);
    if (event.kind === 'text' && /^\/programmes\b/i.test(event.text.trim())) return startFinder(turn);
    if (event.kind === 'text' && (await withdrawRequest(turn, event.text))) return;
    if (event.kind === 'text' && (await aboutProgrammeOnScreen(turn, event.text))) return;
    // "hạn nộp của nó khi nào", "đăng ký cái đó", "why does the first one fit?": the programme in context.
    if (event.kind === 'text' && (await answerInContext(turn, event.text, { apply, details: showDetails }))) return;
    if (event.kind !== 'button') return next();
    const payload = event.payload;
    if (payload === MENU_PAYLOADS.programmes) return startFinder(turn);
    if (payload === PROGRAMME_PAYLOAD.refine) return startFinder(turn, true);
    if (payload === PROGRAMME_PAYLOAD.mine) return showMine(turn);
    if (payload === PROGRAMME_PAYLOAD.list) {
      const facts = (turn.state.programmes as ProgrammesState | undefined)?.facts;
      return facts ? showResults(turn, facts) : startFinder(turn);
    }
    const pressed = programmePayloads.decode(payload);
    if (pressed?.action === 'view') return showDetails(turn, pressed.args[0]!);
    if (pressed?.action === 'apply') return apply(turn, pressed.args[0]!);
    if (pressed?.action === 'who') return answerEligibility(turn, [pressed.args[0]!]);
    if (pressed?.action === 'withdraw') return withdrawApplication(turn, Number(pressed.args[0]));
    return next();
  },
};

