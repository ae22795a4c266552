/**
 * The consent gate (order 20): nothing personal is stored before a founder agrees to the privacy
 * notice (Decree 13/2023/ND-CP). Until then the inbound message is not logged and its inbox copy
 * is scrubbed in the same commit; the founder sees a short welcome, the notice and explicit
 * buttons (agree / decline / read more). A `/start <payload>` deep link that arrives first is kept
 * and followed right after consent; so is a request typed before consent ("mình muốn đặt phòng họp
 * mai 2h chiều", "co ct nao cho startup nong nghiep ko"): its text waits in the consent slice, is
 * handled as if just sent once the founder agrees, and is dropped when they decline. A message
 * after the notice was shown gets a short reminder with the buttons, not the whole notice again.
 *
 * A founder who declines may still browse the menu, the programme list and ask the knowledge base
 * anonymously (nothing logged); whatever needs personal data (booking, surveys, applications,
 * talking to staff, the profile, deep links) asks for consent again. Group chats (the staff
 * workspace) and reachability events pass through untouched. Consented founders get their
 * account commands (/me, /forget, /lang, /profile) and deep links here.
 *
 * @example
 * // features.ts: [consentFeature, flowFeature, menuFeature, …]
 */
import { z } from 'zod';
import { MENU_PAYLOADS, mainMenu, menuPayloads } from '../menu.js';
import { handoffPayloads } from '../../staff/handoff/payloads.js';
import { bookingPayloads } from '../booking/payloads.js';
import { programmePayloads } from '../programmes/payloads.js';
import { surveyPayloads } from '../surveys/payloads.js';
import { CONSENT_AGREE, consentPayloads } from './payloads.js';
import type { Outbound } from '../../bot/outbound.js';
import type { Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import { writtenInEnglish } from '../../nlu/index.js';
import { activeFlow, askAgain, registerFlow, startFlow } from '../engine/index.js';
import { affirmation, matchShownButton } from '../engine/typed.js';
import { ACTION_INTENTS, understandTurn } from '../engine/understand.js';
import type { Understanding } from '../../nlu/index.js';
import { treatAsText } from '../../bot/router.js';
import { accountStateSchema, handleAccountCommand, languageRequest } from './account.js';
import { changeLanguage, followWrittenLanguage, languageStateSchema, wantedLanguage } from '../language.js';
import { asksAboutPrivacy, asksIfBot } from '../intents/straight-answers.js';
import { deepLinkFor, deepLinkOf, followDeepLink, startPayload } from './deep-links.js';
import { agreeingWords, asksWhyConsent } from './consent-question.js';
import {
  REQUEST_MAX, dropRequests, keepRequest, laterRequest, offerLater, pendingRequestsSchema, takeRequests, type RequestsHolder,
} from './pending-requests.js';
import { PROFILE_FLOW_ID, profileFlow } from './profile.js';
import { keepIntroduction } from './introduction.js';

/** The version of the privacy notice founders agree to (stored with their consent). */
export const CONSENT_VERSION = '2026-11-v1';
export { CONSENT_AGREE };
export const CONSENT_DECLINE = consentPayloads.encode('decline');
export const CONSENT_MORE = consentPayloads.encode('more');

/** Whether a pressed payload needs personal data (refused to a founder who declined). */
function payloadNeedsConsent(payload: string): boolean {
  const menu = menuPayloads.decode(payload)?.action;
  if (menu === 'booking' || menu === 'surveys' || menu === 'staff') return true;
  if (handoffPayloads.owns(payload) || bookingPayloads.owns(payload) || surveyPayloads.owns(payload)) return true;
  const programme = programmePayloads.decode(payload)?.action;
  return programme === 'apply' || programme === 'mine';
}

/**
 * The gate's state before consent; after it, only `later` (requests typed before consent still
 * to offer). Requests wait as `pending-requests.ts` describes.
 */
interface OnboardingState extends RequestsHolder {
  declined?: boolean;
  /** A deep link payload to follow after consent. */
  pending?: string;
  /** The notice was shown: typed answers to it ("đồng ý", "1") count as its buttons. */
  shown?: boolean;
}

/** The consent gate's slice of the conversation state (`turn.state.onboarding`). */
export const onboardingStateSchema = z.object({
  declined: z.boolean().optional(),
  pending: z.string().max(64).optional(),
  shown: z.boolean().optional(),
  requests: pendingRequestsSchema.optional(),
  request: z.string().max(REQUEST_MAX).optional(),
  requestAt: z.string().max(40).optional(),
  later: pendingRequestsSchema.optional(),
}) satisfies z.ZodType<OnboardingState>;

const TYPED_AGREE = new Set(['dong y', 'toi dong y', 'co', 'co dong y', 'ok', 'dong y a', 'agree', 'i agree', 'yes', 'accept', '1']);
const TYPED_DECLINE = new Set(['khong dong y', 'toi khong dong y', 'khong', 'tu choi', 'decline', 'i don t agree', 'no', '2']);
const TYPED_MORE = new Set(['doc them', 'xem them', 'chi tiet', 'read more', 'more', '3']);

/**
 * What a typed answer to the notice means (platforms that show buttons as numbered text, or
 * founders who type): only once the notice was shown, so a first "ok" never counts as consent.
 *
 * @example
 * typedConsent('Đồng ý') // 'consent:agree'
 */
export function typedConsent(text: string): string | undefined {
  const folded = foldWords(text);
  if (TYPED_AGREE.has(folded)) return CONSENT_AGREE;
  if (TYPED_DECLINE.has(folded)) return CONSENT_DECLINE;
  if (TYPED_MORE.has(folded)) return CONSENT_MORE;
  return undefined;
}

/**
 * A typed answer to the notice beyond the fixed words: a button's label as shown (any casing,
 * with or without diacritics, a unique prefix) or what the NLU reads as agreeing or declining
 * ("ok em đồng ý nha", "dạ đồng ý ạ", "I agree to this"). After a refusal only a clear "agree"
 * counts (never a bare "ok" or "1", which answered something else).
 */
function typedAnswer(turn: Turn, text: string, declined: boolean): string | undefined {
  const exact = typedConsent(text);
  if (exact && (!declined || (exact === CONSENT_AGREE && !/^(ok|1|yes|co|y)$/.test(foldWords(text))))) return exact;
  if (!declined) {
    const pressed = matchShownButton(consentButtons(turn) ?? [], text, { numbers: true });
    if (pressed) return pressed;
    // A plain yes to the notice ("sure", "oke luôn", "dạ vâng", "yes please") agrees; a plain
    // no is read above or by the model ("không biết" is no refusal).
    if (affirmation(text) === 'yes') return CONSENT_AGREE;
  }
  const u = understandTurn(turn, text);
  if (!u || u.unsure || u.normalized.split(' ').length > 8) return undefined;
  // Only words that agree are consent: the model's guess alone ("environment", "🤔") is not.
  if (u.intent === 'consent_accept') return agreeingWords(text) ? CONSENT_AGREE : undefined;
  if (u.intent === 'consent_decline' && !declined) return CONSENT_DECLINE;
  return undefined;
}

/** The language a message asks for as the NLU reads it ("english please", "nói tiếng Việt đi"), if surely one. */
function askedLanguage(turn: Turn): 'vi' | 'en' | undefined {
  const u = understandTurn(turn);
  if (!u || u.unsure || u.intent !== 'language_change') return undefined;
  return wantedLanguage(u.text, u.slots.language, turn.locale);
}

/**
 * Whether a text typed before consent is a request to carry out after it: an action or a question
 * the NLU reads surely (not a greeting, thanks or an answer to the notice).
 */
function isRequest(u: Understanding): boolean {
  if (u.unsure) return false;
  return (ACTION_INTENTS.has(u.intent) && u.intent !== 'language_change') || u.intent === 'kb_question';
}

/**
 * Whether a request typed after declining is one that needs consent (a booking, an application,
 * a person …), to carry out once the founder agrees. Not a search for programmes nor a question:
 * those are served anonymously at once, so doing them again after agreeing would repeat them.
 */
function heldAfterDecline(u: Understanding): boolean {
  return isRequest(u) && u.intent !== 'programme_find' && u.intent !== 'kb_question';
}

function consentButtons(turn: Turn, withMore = true): Outbound['buttons'] {
  return [
    { label: turn.t('onboarding.agree'), payload: CONSENT_AGREE },
    { label: turn.t('onboarding.decline'), payload: CONSENT_DECLINE },
    ...(withMore ? [{ label: turn.t('onboarding.more'), payload: CONSENT_MORE }] : []),
  ];
}

function notice(turn: Turn, intro: string): Outbound {
  return { text: `${intro}\n\n${turn.t('onboarding.notice')}`, buttons: consentButtons(turn) };
}

/** Records consent in this turn (effect) and lets the rest of the turn see it. */
async function agree(turn: Turn, state: OnboardingState, next: () => Promise<void>): Promise<void> {
  // Agreed in English ("I agree") with no language chosen yet: the founder reads English.
  if (turn.event.kind === 'text' && !turn.state.locale && turn.locale !== 'en' && writtenInEnglish(turn.event.text)) turn.setLocale('en');
  turn.effect('fx_contact_consent', { version: CONSENT_VERSION, channel: turn.event.channel, locale: turn.locale });
  if (turn.contact) turn.contact.consentedAt = turn.services.clock().toISOString();
  turn.logInbound = true;
  delete turn.state.onboarding;
  const link = state.pending ? deepLinkFor(turn.services, state.pending) : undefined;
  const [first, ...others] = takeRequests(turn, state);
  if (!link && first) {
    // What the founder asked before agreeing: the first request (with the details typed after
    // it) handled now, as if just sent (no profile questions first); the others offered after.
    turn.reply({ text: turn.t('onboarding.thanks_short') });
    // A first message introducing the founder: the profile facts kept, its question answered.
    treatAsText(turn, keepIntroduction(turn, first.text));
    await next();
    if (others.length > 0) offerLater(turn, ((turn.state.onboarding as OnboardingState | undefined) ??= {}), others);
    return;
  }
  if (link) {
    turn.reply({ text: turn.t('onboarding.thanks_short') });
    await followDeepLink(turn, link);
    return;
  }
  if (activeFlow(turn)) {
    // A search begun after declining ("có chương trình nào cho sinh viên ko"), then agreed: it
    // goes on where it was; the profile questions had replaced it, and the request was lost.
    turn.reply({ text: turn.t('onboarding.thanks_resume') });
    askAgain(turn);
    return;
  }
  turn.reply({ text: turn.t('onboarding.thanks') });
  // Offered, not asked for: a request the founder types at it comes first.
  await startFlow(turn, PROFILE_FLOW_ID, {}, { offered: true });
}

function needsConsent(turn: Turn): boolean {
  const { event } = turn;
  if (event.kind === 'button') return payloadNeedsConsent(event.payload);
  if (event.kind === 'contact' || event.kind === 'image' || event.kind === 'file' || event.kind === 'location') return true;
  if (event.kind === 'text') return Boolean(startPayload(event)) || /^\/(profile|me|forget)\b/i.test(event.text.trim());
  return false;
}

async function handleUnconsented(turn: Turn, next: () => Promise<void>): Promise<void> {
  const { event } = turn;
  turn.logInbound = false;
  turn.effect('fx_inbox_scrub');
  const state = ((turn.state.onboarding as OnboardingState | undefined) ??= {});
  const payload = startPayload(event);
  if (payload && deepLinkFor(turn.services, payload)) state.pending = payload;

  if (event.kind === 'text') {
    const locale = languageRequest(event.text) ?? askedLanguage(turn);
    if (locale) {
      changeLanguage(turn, locale);
      state.shown = true;
      turn.reply(notice(turn, turn.t('onboarding.welcome')));
      return;
    }
  }
  if (event.kind === 'text' && /^\/me\b/i.test(event.text.trim())) {
    // The founder may always ask what is stored: before consent, nothing.
    turn.reply({ text: turn.t('onboarding.me.nothing'), buttons: [{ label: turn.t('onboarding.agree'), payload: CONSENT_AGREE }] });
    return;
  }
  if (event.kind === 'text' && (asksAboutPrivacy(event.text) || asksIfBot(event.text))) {
    // "có bán dữ liệu cho ai không" before deciding: answered from the notice, the choice left open.
    state.shown = true;
    const key = asksIfBot(event.text) ? 'intents.are_you_a_bot' : 'onboarding.privacy_answer';
    turn.reply({ text: turn.t(key), buttons: consentButtons(turn) });
    return;
  }
  if (event.kind === 'text' && asksWhyConsent(event.text)) {
    // "sao phải đồng ý z": the reasons (the whole notice) and the choice again, never consent.
    state.shown = true;
    turn.reply({ text: turn.t('onboarding.notice_full'), buttons: consentButtons(turn, false) });
    return;
  }
  const answer = event.kind === 'button' ? event.payload : event.kind === 'text' && state.shown ? typedAnswer(turn, event.text, Boolean(state.declined)) : undefined;
  if (answer) {
    if (answer === CONSENT_AGREE) return agree(turn, state, next);
    if (answer === CONSENT_DECLINE) {
      state.declined = true;
      delete state.pending;
      dropRequests(state);
      turn.reply({
        text: turn.t('onboarding.declined'),
        buttons: [
          { label: turn.t('menu.ask'), payload: MENU_PAYLOADS.ask },
          { label: turn.t('menu.programmes'), payload: MENU_PAYLOADS.programmes },
          { label: turn.t('onboarding.agree'), payload: CONSENT_AGREE },
        ],
      });
      return;
    }
    if (answer === CONSENT_MORE) {
      turn.reply({ text: turn.t('onboarding.notice_full'), buttons: consentButtons(turn, false) });
      return;
    }
  }
  if (state.declined) {
    // Refused for want of consent ("đặt phòng họp mai 9h"): carried out if the founder agrees.
    if (event.kind === 'text') keepRequest(turn, state, event.text, heldAfterDecline);
    if (needsConsent(turn)) {
      turn.reply({ text: turn.t('onboarding.needs_consent'), buttons: consentButtons(turn) });
      return;
    }
    return next(); // anonymous browsing and questions
  }
  const request = event.kind === 'text' && !payload && keepRequest(turn, state, event.text, isRequest) !== undefined;
  if (state.shown) {
    // The notice is just above: a short reminder with its buttons, not the whole text again.
    turn.reply({ text: turn.t(request ? 'onboarding.reminder_request' : 'onboarding.reminder'), buttons: consentButtons(turn) });
    return;
  }
  state.shown = true;
  // A first message written in English ("which programmes fit an edtech startup?") gets the
  // notice in English when the channel told no language.
  if (event.kind === 'text' && !turn.state.locale && turn.locale !== 'en' && writtenInEnglish(event.text)) turn.setLocale('en');
  turn.reply(notice(turn, turn.t(payload ? 'onboarding.welcome_link' : request ? 'onboarding.welcome_request' : 'onboarding.welcome')));
}

/**
 * The consent gate (order 20); see the file comment for what it lets through.
 *
 * @example
 * new Router([consentFeature, flowFeature, menuFeature]);
 */
export const consentFeature: Feature = {
  name: 'consent',
  order: 20,
  stateSlices: { onboarding: onboardingStateSchema, account: accountStateSchema, language: languageStateSchema },
  async init(services) {
    registerFlow(services, profileFlow);
  },
  async handle(turn, next) {
    const { event } = turn;
    if (event.kind === 'reachability' || event.chatType === 'group' || turn.conversation.chatType === 'group') return next();
    // Before anything answers: a founder who chose no language is answered in the one they write.
    followWrittenLanguage(turn);
    if (!turn.contact?.consentedAt) return handleUnconsented(turn, next);
    const later = event.kind === 'button' ? consentPayloads.decode(event.payload) : null;
    if (later?.action === 'later') {
      // A request typed before consent, offered after the first: handled as if just sent.
      const holder = (turn.state.onboarding as OnboardingState | undefined) ?? {};
      const text = laterRequest(turn, holder, Number(later.args[0]));
      if (holder.later) turn.state.onboarding = { later: holder.later } satisfies OnboardingState;
      else delete turn.state.onboarding;
      if (!text) {
        turn.reply(mainMenu(turn.t));
        return;
      }
      treatAsText(turn, text);
      return next();
    }
    if (event.kind === 'button' && (event.payload === CONSENT_AGREE || event.payload === CONSENT_DECLINE || event.payload === CONSENT_MORE)) {
      turn.reply(mainMenu(turn.t, turn.t('onboarding.already')));
      return;
    }
    const link = deepLinkOf(turn.services, event);
    if (link) return followDeepLink(turn, link);
    if (await handleAccountCommand(turn)) return;
    return next();
  },
};
