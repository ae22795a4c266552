/**
 * Typed requests outside a flow (order 85: after every feature's own commands and buttons, before
 * the knowledge base). What no feature recognised word for word is read by the NLU
 * (`services.nlu`): an action intent starts its feature with the slots already filled ("đặt phòng
 * họp mai 2h chiều 2 tiếng", "hủy lịch KN45TQ", "đăng ký IPP2"); chat gets its short answer; a
 * `kb_question` goes on to the knowledge base; `out_of_scope` gets a polite "not here" with the
 * menu (never a quote from the documents); an unsure reading gets one short clarifying question
 * with the two likeliest intents as buttons (`intent:<name>`).
 *
 * Whatever stores personal data (bookings, applications, surveys, talking to staff) needs consent:
 * a founder who declined is told why and offered to agree; nothing is stored.
 *
 * @example
 * // features.ts: [..., menuFeature, intentsFeature, ...knowledgeFeatures(), fallbackFeature]
 */
import { CONSENT_AGREE } from '../onboarding/payloads.js';
import { z } from 'zod';
import { setSubscribed } from '../../staff/broadcast/feature.js';
import { openTicket } from '../../staff/handoff/open-ticket.js';
import { MENU_PAYLOADS, mainMenu } from '../menu.js';
import { universalWord } from '../engine/universal.js';
import { namesErasing, skipsAll, unreadable, upsetEmoji, wordsCarry } from './careful.js';
import { asksAboutPrivacy, asksIfBot } from './straight-answers.js';
import { positionalCodec, SLUG } from '../../bot/payload.js';
import type { Button } from '../../bot/outbound.js';
import { lastButtons, treatAsText, type Feature } from '../../bot/router.js';
import { foldWords } from '../../nlu/fold.js';
import { programmePayloads } from '../programmes/payloads.js';
import type { Turn } from '../../bot/turn.js';
import { isIntentName, onlyHeadCount, type IntentName, type Slots, type Understanding } from '../../nlu/index.js';
import { bookingIntent } from '../booking/feature.js';
import { activeFlow, labelKey } from '../engine/index.js';
import { ACTION_INTENTS, CHAT_INTENTS, understandTurn } from '../engine/understand.js';
import { askForget, showMe } from '../onboarding/account.js';
import { changeLanguage, wantedLanguage } from '../language.js';
import { apply, showDetails, showMine } from '../programmes/feature.js';
import { answerEligibility, asksEligibility, programmesNamedBest, programmesNamedLoosely } from '../programmes/eligibility.js';
import { asksBenefits, benefitsMessage } from '../programmes/questions-in-context.js';
import { pick } from '../programmes/schema.js';
import { startFinder } from '../programmes/flows.js';
import { programme } from '../programmes/catalogue.js';
import { asksAnotherFact, asksDeadline, asksWhyFit, deadlineMessage, listedEntryIn } from '../programmes/asked-about.js';
import { takeSurvey } from '../surveys/feature.js';
import { topicStateSchema } from './topic.js';

/** Button payloads of the clarifying question: `intent:<name>` (an intent, or `menu`). */
export const intentPayloads = positionalCodec('intent', [SLUG]);

/** Intents that store or show personal data: refused (with the reason and an "agree" button) before consent. */
const NEEDS_CONSENT: ReadonlySet<IntentName> = new Set<IntentName>([
  'programme_apply', 'application_status', 'booking_new', 'booking_list', 'booking_cancel', 'booking_move',
  'survey_take', 'handoff_request', 'unsubscribe', 'subscribe',
]);

/** The typed-requests feature's slice of the conversation state (`turn.state.intents`). */
export const intentsStateSchema = z.object({
  /** The text and slots of a message the bot asked about ("did you mean …?"). */
  clarify: z
    .object({
      text: z.string(),
      slots: z.object({
        space: z.string().optional(), date: z.string().optional(), start: z.string().optional(), minutes: z.number().optional(),
        code: z.string().optional(), programme: z.string().optional(), language: z.enum(['vi', 'en']).optional(),
      }),
    })
    .optional(),
});
type IntentsState = { clarify?: { text: string; slots: Slots } };

function consentRefusal(turn: Turn): void {
  turn.reply({
    text: turn.t('intents.needs_consent'),
    buttons: [
      { label: turn.t('onboarding.agree'), payload: CONSENT_AGREE },
      { label: turn.t('menu.ask'), payload: MENU_PAYLOADS.ask },
    ],
  });
}

/**
 * Does what an intent asks, with its slots. Returns false for `kb_question` (the caller passes
 * the text on to the knowledge base).
 *
 * @example
 * await runIntent(turn, 'booking_cancel', { code: 'KN45TQ' }, 'hủy lịch KN45TQ');
 */
export async function runIntent(turn: Turn, intent: IntentName, slots: Slots, text?: string): Promise<boolean> {
  const consented = Boolean(turn.contact?.consentedAt);
  if (NEEDS_CONSENT.has(intent) && !consented) {
    consentRefusal(turn);
    return true;
  }
  switch (intent) {
    case 'greeting':
    case 'menu':
      turn.reply(mainMenu(turn.t));
      return true;
    case 'thanks':
      turn.reply({ text: turn.t('intents.thanks') });
      return true;
    case 'goodbye':
      turn.reply({ text: turn.t('intents.goodbye') });
      return true;
    case 'programme_find':
      await startFinder(turn, false, text);
      return true;
    case 'programme_apply': {
      const id = slots.programme ?? listedProgramme(turn, text) ?? (text ? listedEntryIn(turn, text) : undefined);
      // "đăng ký chương trình ươm tạo": the programme its name's words pick, or which of the few.
      const named = id || !text ? [] : programmesNamedBest(turn, text);
      if (id) await apply(turn, id);
      else if (named.length === 1) await apply(turn, named[0]!);
      else if (named.length > 1 && named.length <= 3) askWhichToApply(turn, named);
      else await startFinder(turn, false, text);
      return true;
    }
    case 'application_status':
      await showMine(turn);
      return true;
    case 'booking_new':
    case 'booking_list':
    case 'booking_cancel':
    case 'booking_move':
      await bookingIntent(turn, intent, slots, text);
      return true;
    case 'survey_take':
      await takeSurvey(turn);
      return true;
    case 'handoff_request':
      openTicket(turn, { category: 'other', reason: 'requested' });
      return true;
    case 'handoff_end':
      turn.reply(mainMenu(turn.t, turn.t('intents.no_handoff')));
      return true;
    case 'consent_accept':
    case 'consent_decline':
      // "ok" on its own, or a consent word with nothing to answer: the menu is the useful reply.
      turn.reply(mainMenu(turn.t, turn.t(consented ? 'menu.again' : 'intents.consent_again')));
      return true;
    case 'profile_show':
      if (consented) await showMe(turn);
      else turn.reply({ text: turn.t('onboarding.me.nothing'), buttons: [{ label: turn.t('onboarding.agree'), payload: CONSENT_AGREE }] });
      return true;
    case 'forget_me':
      if (consented) askForget(turn);
      else turn.reply(mainMenu(turn.t, turn.t('onboarding.me.nothing')));
      return true;
    case 'language_change': {
      // "ơ sao nói tiếng anh z" names English to complain of it: Vietnamese is wanted.
      const locale = wantedLanguage(text ?? '', slots.language, turn.locale);
      changeLanguage(turn, locale);
      turn.reply(mainMenu(turn.t, turn.t('onboarding.lang_changed')));
      return true;
    }
    case 'unsubscribe':
    case 'subscribe':
      setSubscribed(turn, intent === 'subscribe');
      return true;
    case 'out_of_scope':
      turn.reply(mainMenu(turn.t, turn.t('intents.out_of_scope')));
      return true;
    case 'kb_question':
      return false;
  }
}

/** "Which of these?": one Apply button per programme its words named. */
function askWhichToApply(turn: Turn, ids: readonly string[]): void {
  const buttons = ids.flatMap((id) => {
    const p = programme(turn.services, id);
    return p ? [{ label: pick(p.name, turn.locale), payload: programmePayloads.encode('apply', id) }] : [];
  });
  turn.reply({ text: turn.t('programmes.apply.which'), buttons });
}

/**
 * The programme of the list just shown that an apply request names by its number ("đăng ký cái
 * số 1", "apply for number 2"): the n-th programme button of the bot's last message.
 */
function listedProgramme(turn: Turn, text: string | undefined): string | undefined {
  const numbers = text ? (foldWords(text).match(/\b\d{1,2}\b/g) ?? []) : [];
  if (numbers.length !== 1) return undefined;
  const listed = lastButtons(turn)
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'view' && p.args[0] ? [p.args[0]] : []));
  return listed[Number(numbers[0]) - 1];
}

/** Words asking to see or learn about something, folded ("xem", "chi tiết", "tell me about"). */
const SEE_CUE = /(^| )(xem|chi tiet|thong tin|gioi thieu|tim hieu|detail|details|tell me about|more about|info|information|show me)( |$)/;
/** Words asking to apply, folded: then it is an application, not a look. */
const APPLY_CUE = /(^| )(dang ky|dang ki|apply|nop|ung tuyen|register|sign up|ho so cua)( |$)/;

/**
 * The programme a text asks to see ("cho mình xem chi tiết chương trình IPP2", "thông tin về
 * chương trình MII", "tell me about the IPP2 programme", "xem chương trình ươm tạo làng nghề"),
 * whatever the intent read (a question, an application, unsure): its details card answers it
 * better than a quote, and its Apply button is one press away. Not when the text asks to apply.
 */
function seeProgramme(u: Understanding): string | undefined {
  const id = u.slots.programme;
  if (!id || !SEE_CUE.test(u.normalized) || APPLY_CUE.test(u.normalized)) return undefined;
  return id;
}

/** Intents an eligibility question is read as: it names a programme and applying, or asks. */
const ELIGIBILITY_READINGS: ReadonlySet<IntentName> = new Set<IntentName>(['programme_apply', 'programme_find', 'kb_question']);

/**
 * The programmes a text asks who may join ("who can apply to the provincial incubation
 * programme?", "ai được đăng ký chương trình ươm tạo của tỉnh?", "dieu kien tham gia ct uom tao
 * la gi"): by the name the NLU read, else by two words of a name; undefined when it asks no such
 * thing or names no programme (then the documents, or the finder, answer as before).
 */
function eligibilityOf(turn: Turn, u: Understanding): string[] | undefined {
  if (!ELIGIBILITY_READINGS.has(u.intent) && !u.unsure) return undefined;
  if (!asksEligibility(u.normalized)) return undefined;
  if (u.slots.programme) return [u.slots.programme];
  const loose = programmesNamedLoosely(turn, u.normalized);
  return loose.length > 0 && loose.length <= 3 ? loose : undefined;
}

/** Words asking how to do something, folded ("làm sao", "thế nào", "how"). */
const HOW_CUE = /(^| )(lam sao|lam the nao|the nao|cach nao|cach|how|where|o dau|bang cach nao|ra sao)( |$)/;

/** The programme whose card the bot's last message showed (its one Apply button), or undefined. */
function programmeOnScreen(turn: Turn): string | undefined {
  const ids = lastButtons(turn)
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'apply' && p.args[0] ? [p.args[0]] : []));
  return ids.length === 1 ? ids[0] : undefined;
}

/**
 * The programme a text asks how to apply for when its card is on screen and the text names no
 * other ("how do I apply?", "đăng ký thế nào ạ", "apply"): its application answers that, with
 * the steps in the conversation. A question about the papers ("hồ sơ đăng ký gồm gì") stays a
 * question for the documents.
 */
function applyOnScreen(turn: Turn, u: Understanding): string | undefined {
  const words = labelKey(u.normalized);
  if (u.slots.programme || !APPLY_CUE.test(words)) return undefined;
  if (u.intent !== 'programme_apply' && !(u.intent === 'kb_question' && HOW_CUE.test(words))) return undefined;
  return programmeOnScreen(turn);
}

/** Intents a question about one programme may be read as (it names the programme, and asks). */
const PROGRAMME_QUESTION_READINGS: ReadonlySet<IntentName> = new Set<IntentName>(['programme_apply', 'programme_find', 'kb_question', 'profile_show']);

/**
 * A question about one programme, named or pointed at in the list on screen (see
 * programmes/asked-about.ts): why it fits → its conditions checked against the founder; its
 * deadline → from its file; how to apply to it → its application. Whether it answered.
 */
async function aboutOneProgramme(turn: Turn, u: Understanding): Promise<boolean> {
  if (!PROGRAMME_QUESTION_READINGS.has(u.intent) && !u.unsure) return false;
  const id = u.slots.programme ?? listedEntryIn(turn, u.text);
  const found = id ? programme(turn.services, id) : undefined;
  if (!found) return false;
  if (asksWhyFit(u.text)) {
    answerEligibility(turn, [found.id], 'programmes.fit.header');
    return true;
  }
  if (asksDeadline(u.text)) {
    turn.reply(deadlineMessage(turn, found));
    return true;
  }
  if (asksBenefits(u.text)) {
    turn.reply(benefitsMessage(turn, found)); // "chương trình ươm tạo của tỉnh có gì": what it offers
    return true;
  }
  const words = ` ${labelKey(u.normalized)} `;
  if (HOW_TO_APPLY.test(words) && !PAPERS_CUE.test(words) && !asksAnotherFact(words)) {
    await apply(turn, found.id); // "how do I apply for the first one", "cái Mekong đăng ký sao"
    return true;
  }
  return false;
}

/** Asking how to apply, folded: "đăng ký sao / thế nào / ntn / ở đâu", "làm sao để đăng ký", "how do I apply". */
const HOW_TO_APPLY = /(?:^| )(?:(?:dang ky|dang ki|dk|dky|apply|nop don|nop ho so|tham gia)(?: \S+){0,3} (?:sao|the nao|ntn|nhu the nao|ra sao|o dau|bang cach nao|rang|lam sao)|(?:lam sao|lam the nao|cach|bang cach nao)(?: de)? (?:dang ky|dang ki|dk|apply|tham gia|nop don)|how (?:do|can|should|would|to)(?: i| we)? (?:apply|register|sign up|join))(?: |$)/;

/** Asking what the application's papers are ("hồ sơ gồm gì", "cần giấy tờ gì", "what documents"): the documents answer that. */
const PAPERS_CUE = /(^| )(gom|gom nhung|giay to|tai lieu|can nhung gi|can gi|documents?|papers?|what do i need)( |$)/;

/** A question's form, folded: English question words first, or a Vietnamese question ending. */
const QUESTION_FORM = /^(?:what|whats|what s|where|when|who|whom|which|how|is there|are there|do you|does|did you|can i|can we|could i|may i|is it|are you open|is the)(?: |$)|(?: |^)(?:la gi|o dau|bao nhieu|may gio|khi nao|khong|ko|k|chua|the nao|ai)$/;

/**
 * Whether a text read as a goodbye or a thanks is a question to the centre all the same: "do you
 * have a printer", "phòng họp có máy chiếu ko" — four words or more in a question's form. The
 * documents answer it, or say they cannot (and offer a person), which serves better than
 * "goodbye". Greetings stay greetings ("hi, how are you?"), and "not ours" stays the polite
 * menu: a price of gold must never be quoted from a price in the documents.
 */
function chatButAQuestion(u: Understanding): boolean {
  if (u.intent !== 'goodbye' && u.intent !== 'thanks') return false;
  const words = labelKey(u.text);
  return words.split(' ').length >= 4 && (QUESTION_FORM.test(words) || u.text.trim().endsWith('?'));
}

/** The two likeliest intents worth asking about (chat and "something else" are not offered). */
function clarifyChoices(u: Understanding, consented: boolean): IntentName[] {
  return u.ranked
    .map((r) => r.intent)
    // Erasing data or withdrawing consent is one tap from a button: offered only when named.
    .filter((i) => !CHAT_INTENTS.has(i) && wordsCarry(i, u.text))
    // "…", "🤔", "👍👍👍" from a founder who agreed long ago: "✅ Đồng ý" answers nothing asked.
    .filter((i) => !consented || (i !== 'consent_accept' && i !== 'consent_decline'))
    .slice(0, 2);
}

/** Asks "did you mean A or B?" with both as buttons; the text and slots wait in the state. */
function clarify(turn: Turn, u: Understanding, choices: IntentName[]): void {
  turn.state.intents = { clarify: { text: u.text.slice(0, 500), slots: u.slots } } satisfies IntentsState;
  const buttons: Button[] = choices.map((intent) => ({ label: turn.t(`intents.label.${intent}`), payload: intentPayloads.encode(intent) }));
  if (!choices.includes('menu')) buttons.push({ label: turn.t('intents.label.menu'), payload: intentPayloads.encode('menu') });
  turn.reply({
    text: turn.t('intents.clarify', { a: turn.t(`intents.label.${choices[0]}`), b: turn.t(`intents.label.${choices[1]}`) }),
    buttons,
  });
}

/** Whether an unsure reading is still worth acting on without asking (a clear winner of the two asked about). */
function worthAsking(u: Understanding, consented: boolean): IntentName[] | undefined {
  const choices = clarifyChoices(u, consented);
  if (choices.length < 2) return undefined;
  // Only ask when something the bot can do is among the two: between a question and "not
  // ours" the knowledge base (which abstains on its own) or the polite "not here" answers.
  return choices.some((c) => ACTION_INTENTS.has(c) || c === 'menu') ? choices : undefined;
}

async function handlePress(turn: Turn, name: string, next: () => Promise<void>): Promise<void> {
  const state = turn.state.intents as IntentsState | undefined;
  delete turn.state.intents;
  if (!isIntentName(name)) {
    turn.reply(mainMenu(turn.t));
    return;
  }
  const slots = state?.clarify?.slots ?? {};
  if (await runIntent(turn, name, slots, state?.clarify?.text)) return;
  // A question: answered from the documents as if just asked.
  if (state?.clarify?.text) treatAsText(turn, state.clarify.text);
  return next();
}

/**
 * The feature (order 85); see the module comment.
 *
 * @example
 * new Router([consentFeature, flowFeature, intentsFeature, ...knowledgeFeatures()]);
 */
export const intentsFeature: Feature = {
  name: 'intents',
  order: 85,
  stateSlices: { intents: intentsStateSchema, topic: topicStateSchema },
  async handle(turn, next) {
    const { event } = turn;
    if (event.chatType === 'group' || turn.conversation.chatType === 'group') return next();
    if (event.kind === 'button') {
      const pressed = intentPayloads.decode(event.payload);
      if (pressed) return handlePress(turn, pressed[0]!, next);
      return next();
    }
    // Inside a flow the engine decides (an interruption's question comes here on its way to the
    // knowledge base): never start another feature from here then.
    if (event.kind !== 'text' || activeFlow(turn)) return next();
    // "bỏ qua", "skip", "xong" with no question asked: read as a request they were a guess
    // ("unsubscribe or a question?"); there is simply nothing to skip.
    const word = universalWord(event.text);
    if (word === 'skip' || word === 'done' || skipsAll(event.text)) {
      turn.reply(mainMenu(turn.t, turn.t('flows.nothing_to_skip')));
      return;
    }
    if (upsetEmoji(event.text)) {
      // "😡😡": something went wrong for the founder; a greeting would not hear it.
      turn.reply({
        text: turn.t('intents.upset'),
        buttons: [{ label: turn.t('menu.staff'), payload: MENU_PAYLOADS.staff }, { label: turn.t('intents.label.menu'), payload: intentPayloads.encode('menu') }],
      });
      return;
    }
    if (unreadable(event.text)) {
      turn.reply(mainMenu(turn.t, turn.t('intents.unreadable')));
      return;
    }
    if (asksIfBot(event.text)) {
      turn.reply({ text: turn.t('intents.are_you_a_bot'), buttons: [{ label: turn.t('menu.staff'), payload: MENU_PAYLOADS.staff }, { label: turn.t('intents.label.menu'), payload: intentPayloads.encode('menu') }] });
      return;
    }
    if (asksAboutPrivacy(event.text) && !namesErasing(event.text)) {
      turn.reply(mainMenu(turn.t, turn.t('onboarding.privacy_answer')));
      return;
    }
    const u = understandTurn(turn);
    if (!u) return next();
    delete turn.state.intents;
    if (await aboutOneProgramme(turn, u)) return;
    const whom = eligibilityOf(turn, u);
    if (whom) {
      answerEligibility(turn, whom); // "who can apply to X?": its conditions, with its Apply button
      return;
    }
    const seen = seeProgramme(u);
    if (seen) {
      showDetails(turn, seen); // "cho mình xem chi tiết chương trình IPP2": the card, with its Apply button
      return;
    }
    const applying = applyOnScreen(turn, u);
    if (applying) {
      await apply(turn, applying); // "how do I apply?" under a programme's card: its application
      return;
    }
    // "do you have a printer" read as a goodbye: a question, for the documents (the knowledge feature).
    if (chatButAQuestion(u)) return next();
    if (u.unsure && onlyHeadCount(u.normalized)) {
      // "2 người" with nothing begun: how many, but for what? Asked, never a staff ticket.
      clarify(turn, u, ['booking_new', 'menu']);
      return;
    }
    if (u.unsure) {
      const choices = worthAsking(u, Boolean(turn.contact?.consentedAt));
      if (choices) {
        clarify(turn, u, choices);
        return;
      }
    }
    turn.services.log.debug({ conversation: turn.conversation.id, intent: u.intent, confidence: u.confidence }, 'intent');
    if (!wordsCarry(u.intent, u.text)) {
      // Read as "erase my data" or "I withdraw consent" from words that say neither: never acted on.
      turn.reply(mainMenu(turn.t, turn.t('intents.unreadable')));
      return;
    }
    if (await runIntent(turn, u.intent, u.slots, u.text)) return;
    return next();
  },
};
