/**
 * Questions about "it" — the programme in context (in-context.ts) or an entry of the list last
 * shown — answered from the programme's own file, before the documents are searched (order 40,
 * also for a question typed in the middle of a flow, which the engine passes on):
 * - "when is the deadline for it", "hạn nộp của nó khi nào", "when's the deadline?": its
 *   deadlines, or that it is open all year / closed;
 * - "chương trình số 1 có yêu cầu gì", "what are its requirements": its conditions;
 * - "why does it fit us", "sao cái đó hợp với tui": its conditions against the founder;
 * - "what does it offer", "nó có gì": its benefits;
 * - "đăng ký cái đó", "how do I apply?", "apply for it": its application (not inside a flow).
 * Searched, these quoted whichever programme's document the words leaned to (the provincial
 * incubator's deadline for IPP2). A "why does the first one fit?" before any programme was
 * suggested is told so (the flow's question follows), instead of a quote about "the first
 * workshop". Other questions about it ("is it free?") go on to the documents with its name
 * (`withProgrammeInContext`).
 *
 * @example
 * if (await answerInContext(turn, 'hạn nộp của nó khi nào')) return;
 */
import type { Turn } from '../../bot/turn.js';
import { MENU_PAYLOADS } from '../menu.js';
import { activeFlow, labelKey } from '../engine/index.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { asksAnotherFact, asksDeadline, asksWhyFit, deadlineMessage, listedEntryIn, pointsIntoList } from './asked-about.js';
import { programme } from './catalogue.js';
import { answerEligibility, programmesNamedLoosely } from './eligibility.js';
import { understandTurn } from '../engine/understand.js';
import { FINDER_FLOW_ID } from './flows.js';
import { pointsAtProgramme, programmeInContext, rememberProgramme } from './in-context.js';
import { programmePayloads } from './payloads.js';
import { PROGRAMME_PAYLOAD } from './render.js';
import { pick, type Programme } from './schema.js';

/** Asking what it gives, as an open question ("có gì", "hỗ trợ những gì", "what does it offer"), folded. */
const ASKS_BENEFITS = /(?:^| )(?:co gi|co nhung gi|duoc gi|duoc nhung gi|nhan duoc gi|ho tro gi|ho tro nhung gi|ho tro nhu the nao|ho tro ra sao|loi ich|quyen loi|benefits?|what (?:does|do|will) (?:it|they|this|that|the \S+)(?: \S+)? (?:offer|provide|give)|what do (?:we|i) get)(?: |$)/;
/** Asking who may join or what is required ("yêu cầu gì", "điều kiện", "requirements"), folded. */
const ASKS_CONDITIONS = /(?:^| )(?:dieu kien|yeu cau(?: gi| nhung gi| nao| la gi| the nao)?|tieu chi|tieu chuan|doi tuong|ai duoc|ai co the|requirements?|criteria|eligib\w*|who can)(?: |$)/;
/** Asking how to apply, or applying ("đăng ký cái đó", "how do I apply?", "apply for it", "nộp hồ sơ sao"), folded. */
const ASKS_APPLY = /(?:^| )(?:(?:dang ky|dang ki|dk|dky|nop don|nop ho so|ung tuyen)(?: (?:the nao|ntn|sao|ra sao|o dau|bang cach nao|nhu the nao|luon|ngay|di|nhe|nha|a))?|how (?:do|can|should|would|to)(?: i| we)? (?:apply|register|sign up|join)|apply|register|sign up)(?: |$)/;
/** Asking what the papers are: the documents answer that. */
const PAPERS = /(?:^| )(?:gom|gom nhung|giay to|tai lieu|can nhung gi|can gi|documents?|papers?|what do i need)(?: |$)/;

/**
 * Whether a text asks, openly, what a programme offers ("có gì", "hỗ trợ những gì", "what does
 * it offer"); "có hỗ trợ tiền không" asks one fact, for the documents.
 *
 * @example
 * asksBenefits('chương trình ươm tạo của tỉnh có gì') // true
 */
export function asksBenefits(text: string): boolean {
  const words = folded(text);
  return ASKS_BENEFITS.test(words) && !asksAnotherFact(text) && !asksDeadline(text);
}

function folded(text: string): string {
  return ` ${labelKey(normalizeForMatching(text))} `;
}

/** What a text asks about a programme, when it is one of the kinds its file answers. */
type Asked = 'fit' | 'deadline' | 'conditions' | 'benefits' | 'apply' | 'what';

/** Asking what something is ("là gì", "là j", "what is"), folded. */
const ASKS_WHAT = /(?:^| )(?:la gi|la j|la cai gi|gi vay|gi z|what is|what s|whats|tell me about|chi tiet|xem)(?: |$)/;

function askedOf(text: string): Asked | undefined {
  const words = folded(text);
  if (asksWhyFit(text)) return 'fit';
  if (asksDeadline(text)) return 'deadline';
  if (asksAnotherFact(text)) return undefined; // a fee, a place, an amount: for the documents
  if (ASKS_CONDITIONS.test(words)) return 'conditions';
  if (ASKS_BENEFITS.test(words)) return 'benefits';
  if (ASKS_APPLY.test(words) && !PAPERS.test(words)) return 'apply';
  if (pointsIntoList(text) && (ASKS_WHAT.test(words) || words.trim().split(' ').length <= 3)) return 'what';
  return undefined;
}

/** Its benefits, with Apply and back to the list. @example turn.reply(benefitsMessage(turn, found)) */
export function benefitsMessage(turn: Turn, found: Programme): { text: string; buttons: { label: string; payload: string }[] } {
  rememberProgramme(turn, found.id);
  const l = turn.locale;
  return {
    text: [
      turn.t('programmes.benefits_of', { programme: pick(found.name, l) }),
      ...found.benefits.map((b) => `• ${pick(b, l)}`),
      '',
      `📄 ${turn.t('programmes.source', { source: found.sourceTitle })}`,
    ].join('\n'),
    buttons: [
      { label: turn.t('programmes.apply'), payload: programmePayloads.encode('apply', found.id) },
      { label: turn.t('programmes.back'), payload: PROGRAMME_PAYLOAD.list },
    ],
  };
}

/**
 * Answers a question about one programme the text points at without naming it (see the module
 * comment); `apply` starts its application unless a flow is under way (the engine asks first).
 * Whether it answered.
 */
export interface ProgrammeActions {
  apply(turn: Turn, id: string): Promise<void>;
  details(turn: Turn, id: string): void;
}

export async function answerInContext(turn: Turn, text: string, actions: ProgrammeActions): Promise<boolean> {
  const asked = askedOf(text);
  if (!asked) return false;
  // A programme named by its name is the intents feature's (its name, not the context, decides).
  if (understandTurn(turn, text)?.slots.programme || programmesNamedLoosely(turn, text).length > 0) return false;
  const listed = listedEntryIn(turn, text);
  const pointed = listed ?? (pointsAtProgramme(text) || asked === 'deadline' || asked === 'fit' || asked === 'apply' ? programmeInContext(turn) : undefined);
  const found = pointed ? programme(turn.services, pointed) : undefined;
  const flow = activeFlow(turn);
  if (!found) {
    // "why does the first one fit?" with nothing suggested yet: say so, the flow's question follows.
    const aboutList = asked === 'fit' || (asked === 'what' && (!flow || flow.id === FINDER_FLOW_ID));
    if (aboutList && (pointsIntoList(text) || pointsAtProgramme(text) || flow?.id === FINDER_FLOW_ID)) {
      turn.reply(flow
        ? { text: turn.t('programmes.none_suggested') }
        : { text: turn.t('programmes.none_suggested_menu'), buttons: [{ label: turn.t('menu.programmes'), payload: MENU_PAYLOADS.programmes }] });
      return true;
    }
    return false;
  }
  // Pointed at by "it" alone, an apply or a benefits question needs the pointing word: "apply"
  // alone under the list is the finder's, and "có gì" alone asks about anything.
  if (!listed && (asked === 'benefits' || asked === 'conditions') && !pointsAtProgramme(text)) return false;
  // "đăng ký" in a longer text may be an event's: only short or pointing ones ("how do I apply?").
  if (!listed && asked === 'apply' && !pointsAtProgramme(text) && folded(text).trim().split(' ').length > 5) return false;
  switch (asked) {
    case 'fit':
      answerEligibility(turn, [found.id], 'programmes.fit.header');
      return true;
    case 'deadline':
      turn.reply(deadlineMessage(turn, found));
      return true;
    case 'conditions':
      answerEligibility(turn, [found.id]);
      return true;
    case 'benefits':
      turn.reply(benefitsMessage(turn, found));
      return true;
    case 'apply':
      if (flow) return false; // in a flow the engine offers to leave it first
      await actions.apply(turn, found.id);
      return true;
    case 'what':
      actions.details(turn, found.id);
      return true;
  }
}
