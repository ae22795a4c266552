/**
 * The flow engine: runs the active flow of a conversation one answer at a time. State lives in
 * `turn.state.flow` (the conversation row), so a flow survives restarts and deploys and resumes
 * where the founder left it. Universal words work in every step; wrong answers are re-asked with
 * a hint; after three misses in a row the bot offers a person (`handoff:request`).
 *
 * @example
 * registerFlow(services, profileFlow); // the owning feature's init
 * await startFlow(turn, 'profile', { name: 'Lan' }); // asks the first unanswered question
 */
import { mainMenu } from '../menu.js';
import type { Button, Outbound } from '../../bot/outbound.js';
import type { Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import type { ParseFailure } from '../parse/result.js';
import { parseYesNo } from '../parse/yesno.js';
import { keepsCurrent, saysYesOnly } from '../parse/name.js';
import { placeNamedIn, provinceById } from '../parse/province.js';
import { choiceLabel, choicesOf, matchChoice, oneChoiceMiss, readAnswer, takesOneChoice } from './answers.js';
import { answerAhead, correctAnswer, takeAhead } from './ahead.js';
import { describedInstead } from './described.js';
import { flowStateSchema } from './state.js';
import { getFlow } from './registry.js';
import { flowPayloads } from './payloads.js';
import { handoffPayloads } from '../../staff/handoff/payloads.js';
import { openTicket } from '../../staff/handoff/open-ticket.js';
import { handoffRequest } from '../../staff/handoff/request.js';
import type { ActOutcome, AskStep, Choice, ConfirmStep, FlowContext, FlowDefinition, FlowState, Step, TextRef } from './types.js';
import { lastButtons, treatAsPress, treatAsText } from '../../bot/router.js';
import { ACTION_INTENTS, CHAT_INTENTS, understandTurn } from './understand.js';
import { affirmation, asksWhy, goesAheadAfterNotCancelling, leadingYesNo, matchShownButton, saysNoName, saysNone, saysNothing, saysUnknown, type ShownButton } from './typed.js';
import { declinesQuestion } from './declines.js';
import { givesUp, saysContinue, strictUniversalWord, universalWord, yieldsToAnswer } from './universal.js';
import { bareGreeting } from './greeting.js';
import { writtenAsAQuestion } from './question-form.js';
import { noToTwo, yesToTwo } from './affirmative.js';
import { switchReply } from './switch-reply.js';
import { changeLanguage } from '../language.js';

/** A flow untouched for this long asks "continue or start over?" before going on. */
export const STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;
/**
 * How sure the NLU must be before a wrong-looking answer counts as a change of subject: leaving
 * a flow by mistake costs the founder more than one re-asked question.
 */
export const INTERRUPT_CONFIDENCE = 0.85;
/** How sure a reading must be to take text typed at a free-text step as a request instead. */
export const FREE_TEXT_REQUEST_CONFIDENCE = 0.9;
/** Wrong answers in a row after which a person is offered. */
export const MISSES_BEFORE_OFFER = 3;
/** The handoff feature's button payload for "talk to a person". */
export const HANDOFF_PAYLOAD = handoffPayloads.encode('request');
const CONTROL = '_';

/**
 * The active flow of the conversation, if any.
 *
 * @example
 * activeFlow(turn)?.id // 'profile'
 */
export function activeFlow(turn: Turn): FlowState | undefined {
  const flow = turn.state.flow as FlowState | undefined;
  return flow && typeof flow === 'object' && typeof flow.id === 'string' ? flow : undefined;
}

/**
 * Ends the active flow (no reply).
 *
 * @example
 * endFlow(turn); turn.reply(mainMenu(turn.t));
 */
export function endFlow(turn: Turn): void {
  delete turn.state.flow;
}

/**
 * Starts a flow (replacing any active one) and asks its first question. Throws for an unknown id.
 *
 * @example
 * await startFlow(turn, 'programme-finder', { stage: 'idea' });
 */
export async function startFlow(
  turn: Turn, flowId: string, initialAnswers: Record<string, unknown> = {}, options: { offered?: boolean } = {},
): Promise<void> {
  const definition = getFlow(turn.services, flowId);
  if (!definition) throw new Error(`unknown flow ${flowId}`);
  const now = turn.services.clock().toISOString();
  const flow: FlowState = {
    id: flowId,
    step: definition.steps[0]?.id ?? '',
    answers: { ...initialAnswers },
    misses: 0,
    history: [],
    startedAt: now,
    updatedAt: now,
    initial: { ...initialAnswers },
    ...(options.offered ? { offered: true } : {}),
  };
  turn.state.flow = flow;
  const since = turn.outbox.length;
  await runFrom(turn, definition, flow, flow.step);
  rememberShown(turn, since);
}

/**
 * Keeps the buttons of the last reply sent while a flow is active, so that typing a label
 * presses it at every step, including act steps that build their own buttons.
 */
function rememberShown(turn: Turn, since: number): void {
  const flow = activeFlow(turn);
  if (!flow) return;
  const replies = turn.outbox.slice(since).filter((item) => !item.channel && !item.recipient);
  const last = replies[replies.length - 1];
  if (!last) return;
  flow.shown = (last.payload.buttons ?? []).map((b): ShownButton => ({ label: b.label, payload: b.payload }));
  if (asksTheStep(flow.shown)) flow.prompt = { text: (last.payload.text ?? '').slice(0, PROMPT_KEPT), buttons: flow.shown, locale: turn.locale };
}

/**
 * Whether a message with these buttons asks the step's own question: it has none, or one of the
 * step's (`flow:<step>:…`). "Leave or stay?", "continue or start over?" (only `flow:_:…`), a staff
 * offer and an answer from the documents (other features' buttons) do not.
 */
function asksTheStep(buttons: readonly ShownButton[]): boolean {
  return buttons.length === 0 || buttons.some((b) => {
    const step = splitPayload(b.payload)?.[0];
    return step !== undefined && step !== CONTROL;
  });
}

/** How much of the last question's text is kept in the state to send again. */
const PROMPT_KEPT = 2000;

function contextOf(turn: Turn, definition: FlowDefinition, flow: FlowState): FlowContext {
  return { turn, flow, answers: flow.answers, definition };
}

function stepById(definition: FlowDefinition, id: string): Step | undefined {
  return definition.steps.find((s) => s.id === id);
}

function stepAfter(definition: FlowDefinition, id: string): string | undefined {
  const index = definition.steps.findIndex((s) => s.id === id);
  return index >= 0 ? definition.steps[index + 1]?.id : undefined;
}

/** Answers as placeholder values (strings and numbers only). */
function varsOf(ctx: FlowContext): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(ctx.answers)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  return vars;
}

/**
 * Resolves a text reference: a message key filled with the answers, or a function's text.
 *
 * @example
 * resolveText('profile.saved', ctx) // 'Đã lưu hồ sơ, cảm ơn Lan! …'
 */
export function resolveText(ref: TextRef, ctx: FlowContext): string {
  return typeof ref === 'function' ? ref(ctx) : ctx.turn.t(ref, varsOf(ctx));
}

function isCurrent(turn: Turn, flow: FlowState): boolean {
  return turn.state.flow === flow;
}

/** Runs steps from `id` until one waits for the founder or the flow ends. */
async function runFrom(turn: Turn, definition: FlowDefinition, flow: FlowState, id: string | undefined): Promise<void> {
  const ctx = contextOf(turn, definition, flow);
  let next = id;
  for (let guard = 0; guard < 200; guard++) {
    const step = next === undefined ? undefined : stepById(definition, next);
    if (!step) {
      if (isCurrent(turn, flow)) endFlow(turn);
      return;
    }
    if (step.kind === 'branch') {
      next = step.to(flow.answers, ctx);
      continue;
    }
    if ('when' in step && step.when && !step.when(flow.answers, ctx)) {
      next = stepAfter(definition, step.id);
      continue;
    }
    if (step.kind === 'ask' && takeAhead(flow, step.id)) {
      next = nextAfter(definition, step, ctx); // answered ahead, when another question was asked
      continue;
    }
    if (step.kind === 'ask' || step.kind === 'confirm') {
      flow.step = step.id;
      flow.misses = 0;
      turn.reply(promptOf(step, ctx));
      return;
    }
    flow.step = step.id;
    const outcome = await step.run(ctx);
    if (!isCurrent(turn, flow)) return; // the act started another flow or ended this one
    const resolved = resolveOutcome(outcome, definition, step.id);
    if (resolved === 'wait') return;
    next = resolved;
  }
  throw new Error(`flow ${definition.id}: too many steps without a question (a loop?)`);
}

/** The step after an answered `ask` step: its `next`, else the following one. */
function nextAfter(definition: FlowDefinition, step: AskStep, ctx: FlowContext): string | undefined {
  const next = typeof step.next === 'function' ? step.next(ctx.flow.answers, ctx) : step.next;
  return next ?? stepAfter(definition, step.id);
}

function resolveOutcome(outcome: ActOutcome, definition: FlowDefinition, stepId: string): string | undefined | 'wait' {
  if (!outcome) return stepAfter(definition, stepId);
  if ('wait' in outcome) return 'wait';
  if ('end' in outcome) return undefined;
  return outcome.goto;
}

function payload(stepId: string, value: string): string {
  return flowPayloads.encode(stepId, value);
}

/** The question of a step with its buttons. */
function promptOf(step: AskStep | ConfirmStep, ctx: FlowContext, intro?: string): Outbound {
  const { t } = ctx.turn;
  const parts = intro ? [intro] : [];
  if (step.kind === 'confirm') {
    parts.push(resolveText(step.summary, ctx));
    return {
      text: parts.join('\n\n'),
      buttons: [
        { label: t('flows.confirm.yes'), payload: payload(step.id, 'yes') },
        { label: t('flows.confirm.edit'), payload: payload(step.id, 'edit') },
        { label: t('flows.confirm.cancel'), payload: payload(CONTROL, 'cancel') },
      ],
    };
  }
  parts.push(resolveText(step.prompt, ctx));
  const buttons: Button[] = choicesOf(step, ctx).map((c) => ({ label: choiceLabel(c, ctx), payload: payload(step.id, c.value) }));
  if (step.input?.type === 'yesno' && buttons.length === 0) {
    buttons.push({ label: t('flows.yes'), payload: payload(step.id, 'yes') }, { label: t('flows.no'), payload: payload(step.id, 'no') });
  }
  if (step.input?.type === 'multi') {
    const picked = multiPicked(ctx.flow);
    if (picked.length > 0) parts.push(t('flows.multi.picked', { picked: picked.join(', ') }));
    buttons.push({ label: t('flows.multi.done'), payload: payload(step.id, '_done') });
  }
  if (step.optional) buttons.push({ label: t('flows.skip'), payload: payload(CONTROL, 'skip') });
  const message: Outbound = { text: parts.join('\n\n') };
  if (buttons.length > 0) message.buttons = buttons;
  if (step.input?.type === 'phone' && !step.choices) message.requestPhone = { label: t('flows.share_phone') };
  return message;
}

function multiPicked(flow: FlowState): string[] {
  const picked = flow.data?.multi;
  return Array.isArray(picked) ? (picked as string[]) : [];
}

/** Why an answer was not taken: the parser's reason, or "skip" typed where an answer is needed. */
type MissReason = ParseFailure | 'skip_refused';

function hintOf(step: AskStep, ctx: FlowContext, reason: MissReason, text?: string): string {
  const { t } = ctx.turn;
  // "bỏ qua" / "skip" where an answer is needed, choices or not: the question follows with its buttons.
  if (reason === 'skip_refused') return t('flows.hint.required');
  if (step.hint) return resolveText(step.hint, ctx);
  const choices = choicesOf(step, ctx);
  if (choices.length > 0 && step.input?.type !== 'yesno') {
    const list = choices.map((c, i) => `${i + 1}. ${choiceLabel(c, ctx)}`).join('\n');
    if (step.input?.type === 'multi') return t('flows.hint.multi', { choices: list });
    const why = text === undefined ? undefined : choiceHint(step, ctx, text);
    return why ?? t('flows.hint.choice', { choices: list });
  }
  const input = step.input ?? { type: 'text' as const };
  if (reason === 'past') return t('flows.hint.date_past');
  if (reason === 'too_long') return t('flows.hint.too_long');
  if (input.type === 'number' && reason === 'out_of_range') {
    return t('flows.hint.number_range', { min: input.min ?? '…', max: input.max ?? '…' });
  }
  // "mình ở Mẫu Sơn": a place the list of provinces does not know, named back with the question.
  const place = input.type === 'province' && text !== undefined ? placeNamedIn(text) : undefined;
  const hint = place ? t('flows.hint.province_place', { place }) : t(`flows.hint.${input.type}`);
  return step.optional ? `${hint} ${t('flows.hint.or_skip')}` : hint;
}

/**
 * The hint for a reply that is no single choice but says something all the same: two choices
 * named (the question takes one: which?), "cả hai" (after two were named, those two again), a
 * number past the last choice, or "không biết". Undefined for other wrong answers.
 */
function choiceHint(step: AskStep, ctx: FlowContext, text: string): string | undefined {
  if (!takesOneChoice(step, ctx)) return undefined;
  const { t } = ctx.turn;
  const choices = choicesOf(step, ctx);
  const numbered = (picked: readonly Choice[]) =>
    choices.map((c, i) => (picked.includes(c) ? `${i + 1}. ${choiceLabel(c, ctx)}` : '')).filter(Boolean).join('\n');
  const list = numbered(choices);
  const why = oneChoiceMiss(choices, text, ctx);
  if (!why) return undefined;
  const data = (ctx.flow.data ??= {});
  if (why.reason === 'several') {
    data.oneOf = why.named.map((c) => c.value); // "cả hai" next means these two
    return t('flows.hint.one_only', { named: numbered(why.named) });
  }
  if (why.reason === 'both') {
    const earlier = Array.isArray(data.oneOf) ? choices.filter((c) => (data.oneOf as unknown[]).includes(c.value)) : [];
    return earlier.length >= 2 ? t('flows.hint.one_only', { named: numbered(earlier) }) : t('flows.hint.one_only_any', { choices: list });
  }
  if (why.reason === 'out_of_range') return t('flows.hint.choice_range', { count: choices.length, choices: list });
  return t(step.optional ? 'flows.hint.choice_unsure_optional' : 'flows.hint.choice_unsure', { choices: list });
}

/** A wrong answer: the hint, the question again, and after three misses a person offered. */
function miss(turn: Turn, step: AskStep | ConfirmStep, ctx: FlowContext, reason: MissReason, text?: string): void {
  const flow = ctx.flow;
  flow.misses += 1;
  const hint = step.kind === 'ask' ? hintOf(step, ctx, reason, text) : turn.t('flows.hint.confirm');
  const message = promptOf(step, ctx, hint);
  if (flow.misses >= MISSES_BEFORE_OFFER) {
    message.text = `${message.text}\n\n${turn.t('flows.offer_person')}`;
    message.buttons = [...(message.buttons ?? []), { label: turn.t('flows.staff_button'), payload: HANDOFF_PAYLOAD }];
  }
  turn.reply(message);
}

function reprompt(turn: Turn, definition: FlowDefinition, flow: FlowState, intro?: string): void {
  const step = stepById(definition, flow.step);
  const ctx = contextOf(turn, definition, flow);
  if (step && (step.kind === 'ask' || step.kind === 'confirm')) turn.reply(promptOf(step, ctx, intro));
  else if (intro) turn.reply({ text: intro });
}

/**
 * The current question again, after something else was answered in the middle (a question for
 * the documents, a change of language): an `ask` or `confirm` step is rebuilt; an `act` step's
 * last message (its text and buttons, kept in the state) is sent again, since its own code built
 * it, unless it was sent in another language than the turn's: then the step builds it again
 * (`ActStep.ask`) where it can, so its text follows the language and not only its buttons.
 */
function repeatStep(turn: Turn, definition: FlowDefinition, flow: FlowState): void {
  const step = stepById(definition, flow.step);
  if (step && (step.kind === 'ask' || step.kind === 'confirm')) {
    reprompt(turn, definition, flow);
    return;
  }
  const rebuilt = step?.kind === 'act' && flow.prompt?.locale !== turn.locale ? step.ask?.(contextOf(turn, definition, flow)) : undefined;
  if (rebuilt) {
    turn.reply(rebuilt);
    return;
  }
  const buttons = (flow.prompt?.buttons ?? flow.shown ?? []).map((b): Button => ({ label: b.label, payload: b.payload }));
  turn.reply({ text: flow.prompt?.text || turn.t('flows.back_to_step'), ...(buttons.length > 0 ? { buttons } : {}) });
}

/** A short hello and the current question again; at an act step, its last buttons. */
function greetBack(turn: Turn, definition: FlowDefinition, flow: FlowState): void {
  const step = stepById(definition, flow.step);
  if (step && (step.kind === 'ask' || step.kind === 'confirm')) {
    reprompt(turn, definition, flow, turn.t('flows.greeting'));
    return;
  }
  const buttons = (flow.prompt?.buttons ?? flow.shown ?? []).map((b): Button => ({ label: b.label, payload: b.payload }));
  turn.reply({ text: turn.t('flows.greeting_act'), ...(buttons.length > 0 ? { buttons } : {}) });
}

async function cancel(turn: Turn, definition: FlowDefinition, flow: FlowState): Promise<void> {
  endFlow(turn);
  if (definition.onCancel) await definition.onCancel(contextOf(turn, definition, flow));
  else turn.reply(mainMenu(turn.t, turn.t('flows.cancelled')));
}

/** Reads a pressed `flow:` payload: [stepId, value]. */
function splitPayload(raw: string): [string, string] | undefined {
  const args = flowPayloads.decode(raw);
  return args ? [args[0]!, args[1]!] : undefined;
}

/** An ask step whose answer is free text (a name, a company, a comment): the text is the answer. */
function isFreeText(step: Step | undefined): boolean {
  return step?.kind === 'ask' && !step.choices && (step.input === undefined || step.input.type === 'text');
}

/**
 * "bo qua" typed without its accents at a free-text step: nobody's name, company or comment is
 * "bỏ qua", so it skips as the accented form does (where "Huy" stays a name, "huy" no cancel).
 */
function freeTextSkip(text: string): 'skip' | undefined {
  return foldWords(text) === 'bo qua' ? 'skip' : undefined;
}

/** Skipping everything ("thôi bỏ qua", "bỏ qua hết", "skip all"), folded: no name nor answer is spelled so. */
const SKIP_ALL: ReadonlySet<string> = new Set([
  'thoi bo qua', 'thoi bo qua di', 'thoi bo qua nhe', 'bo qua het', 'bo qua het di', 'bo qua tat ca', 'thoi bo qua het',
  'skip all', 'skip it all', 'skip everything', 'skip all of this', 'skip the questions',
]);

/** Steps where a typed label, number or prefix of a shown button presses it. */
function buttonMatching(step: Step | undefined): { numbers: boolean } | undefined {
  if (!step) return undefined;
  if (step.kind === 'confirm') return { numbers: true };
  if (step.kind === 'act') return { numbers: false }; // acts read numbers themselves (a length "2", the n-th time)
  if (step.kind === 'ask' && step.input?.type !== 'multi' && (step.choices || step.input?.type === 'yesno')) return { numbers: true };
  return undefined;
}

/**
 * A typed press of another feature's button (a person, my bookings …): handled as that press by
 * the features after the engine. The request for a person is opened here, since the handoff
 * feature runs before the engine and would not see it.
 */
async function pressOther(turn: Turn, payload: string, next: () => Promise<void>): Promise<void> {
  treatAsPress(turn, payload);
  const request = handoffRequest(turn.event, []);
  if (request) {
    openTicket(turn, request);
    return;
  }
  return next();
}

/**
 * Asks the active flow's current question again (after something outside the flow came between,
 * such as consent given while an anonymous search was under way). Whether there was one.
 *
 * @example
 * if (!askAgain(turn)) await startFlow(turn, 'profile');
 */
export function askAgain(turn: Turn): boolean {
  const flow = activeFlow(turn);
  const definition = flow ? getFlow(turn.services, flow.id) : undefined;
  if (!flow || !definition) return false;
  repeatStep(turn, definition, flow);
  return true;
}

/** Handles one inbound event for the active flow. */
async function handleInput(turn: Turn, definition: FlowDefinition, flow: FlowState, next: () => Promise<void>): Promise<void> {
  const { event } = turn;
  const now = turn.services.clock();
  let pressed = event.kind === 'button' ? splitPayload(event.payload) : undefined;
  const text = event.kind === 'text' ? event.text : event.kind === 'contact' ? event.phone : '';
  const current = stepById(definition, flow.step);
  const onScreen = lastButtons(turn);
  if (flow.pendingSwitch !== undefined && !onScreen.some((b) => b.payload === payload(CONTROL, 'switch'))) {
    // "Leave or stay?" is no longer the question on the screen (a person was asked for and the
    // talk with staff came between): the founder's next words answer what they see, not it.
    delete flow.pendingSwitch;
    delete flow.switchHinted;
  }
  if (!pressed && event.kind === 'text' && onScreen.length > 0 && !onScreen.some((b) => flowPayloads.owns(b.payload))) {
    // The last message came from another feature (the end of a talk with staff, its rating's
    // "Bỏ qua"): its whole label typed answers it, not the flow's question.
    const other = matchShownButton(onScreen, text, { numbers: false, prefix: false });
    if (other && other.startsWith('handoff:') && other !== HANDOFF_PAYLOAD) {
      // The handoff runs before the engine and let it through: its question is over (a rating's
      // comment skipped). Back to the flow's question, not "this can't be skipped".
      repeatStep(turn, definition, flow);
      return;
    }
    if (other) return pressOther(turn, other, next);
  }
  const freeText = !flow.stale && !flow.editing && !flow.pendingSwitch && isFreeText(current);
  if (!pressed && event.kind === 'text' && !freeText) {
    // A typed button label is a press: "đồng ý", "dong y", "2", "gửi" …
    const matching = flow.stale || flow.editing || flow.pendingSwitch ? { numbers: true } : buttonMatching(current);
    // A bare yes ("ok", "ừ") to a two-button question whose yes is known presses that one; a
    // bare no ("không", "thôi") to one where no keeps things ("talk to staff?") the other.
    const twoOf = (shown: ShownButton[]) => yesToTwo(shown, text) ?? noToTwo(shown, text);
    const payloadTyped = matching
      ? matchShownButton(flow.shown ?? [], text, matching) ?? (flow.stale || flow.pendingSwitch ? undefined : twoOf(flow.shown ?? []))
      : undefined;
    if (payloadTyped && !flowPayloads.owns(payloadTyped)) return pressOther(turn, payloadTyped, next);
    if (payloadTyped) pressed = splitPayload(payloadTyped);
  }
  let word = pressed?.[0] === CONTROL ? pressed[1] : pressed ? undefined
    : freeText ? strictUniversalWord(text) ?? freeTextSkip(text) ?? (givesUp(text) ? 'cancel' : undefined) : universalWord(text);
  // "ok let's continue the application" at a question: go on (it is asked again), not its "yes".
  if (!word && !pressed && event.kind === 'text' && current?.kind === 'ask' && saysContinue(text)) word = 'continue';
  // "thôi bỏ qua", "skip all": the whole questionnaire the bot offered; elsewhere this question.
  if (!pressed && event.kind === 'text' && SKIP_ALL.has(foldWords(text))) word = flow.offered ? 'cancel' : 'skip';
  if (word && !pressed && !flow.stale && !flow.pendingSwitch && current?.kind === 'ask' && !freeText && yieldsToAnswer(text)
      && readAnswer(current, contextOf(turn, definition, flow), text).ok) {
    word = undefined; // "thôi" answering a yes/no question is its "no", not a cancel
  }
  if (word === 'cancel' && !pressed && !flow.stale && !flow.pendingSwitch && current?.kind === 'ask' && current.optional
      && (yieldsToAnswer(text) || declinesQuestion(text))) {
    word = 'skip'; // "thôi khỏi" at an optional question declines it, not the whole flow
  }
  const idle = now.getTime() - Date.parse(flow.updatedAt);
  flow.updatedAt = now.toISOString();

  if (flow.stale || idle > STALE_AFTER_MS) {
    if (word === 'continue' && flow.stale) {
      delete flow.stale;
      reprompt(turn, definition, flow);
      return;
    }
    if (word === 'restart' && flow.stale) {
      await startFlow(turn, flow.id, flow.initial ?? {});
      return;
    }
    if (word !== 'cancel' && word !== 'menu' && word !== 'staff') {
      flow.stale = true;
      turn.reply({
        text: turn.t('flows.stale.prompt'),
        buttons: [
          { label: turn.t('flows.stale.continue'), payload: payload(CONTROL, 'continue') },
          { label: turn.t('flows.stale.restart'), payload: payload(CONTROL, 'restart') },
          { label: turn.t('flows.confirm.cancel'), payload: payload(CONTROL, 'cancel') },
        ],
      });
      return;
    }
  }

  // "switch to English please", "chuyển sang tiếng Anh": the language changes, the flow stays
  // (it had ended, with the founder's answers, and "Leave or stay?" read "switch" as leave).
  const language = !pressed && !word && event.kind === 'text' ? languageAsked(turn, text) : undefined;
  if (language) {
    changeLanguage(turn, language);
    const changed = turn.t('onboarding.lang_changed');
    const said = flow.pendingSwitch === undefined ? yesBeforeLanguage(text) : undefined;
    // Only a yes the question takes (a confirmation, a yes/no): "ok" at "which stage?" answers nothing.
    const agreed = said && current && (answers(current, contextOf(turn, definition, flow), said) || yesToTwo(flow.shown ?? [], said) !== undefined) ? said : undefined;
    if (agreed) {
      // "ok, but in English please", "ok nói tiếng việt đi" at a question: both are done, the
      // language changed and the "ok" taken as if typed alone (a confirmation is confirmed).
      turn.reply({ text: changed });
      treatAsText(turn, agreed);
      await handleInput(turn, definition, flow, next);
      return;
    }
    if (flow.pendingSwitch !== undefined) turn.reply(switchPrompt(turn, definition, changed));
    else if (current?.kind === 'ask' || current?.kind === 'confirm') reprompt(turn, definition, flow, changed);
    else {
      turn.reply({ text: changed });
      repeatStep(turn, definition, flow);
    }
    return;
  }

  if (flow.pendingSwitch !== undefined) {
    const typed = flow.pendingSwitch;
    const hinted = flow.switchHinted === true;
    delete flow.pendingSwitch;
    delete flow.switchHinted;
    // "thôi", "ko, ở lại", "thôi khỏi": no to leaving, so stay; "thôi, làm việc mới đi": leave.
    const said = !pressed && event.kind === 'text' ? switchReply(text) : undefined;
    if (said) word = said === 'leave' ? 'switch' : 'continue';
    if (word === 'switch') {
      // Leave this flow for what the founder asked: the text is handled as if just sent.
      endFlow(turn);
      treatAsText(turn, typed);
      return next();
    }
    // Asked to choose, they typed another request instead ("đặt chỗ chiều mai"): that is the
    // answer, and the flow's step must not take it for its own (it became a founder's name).
    if (!pressed && !word && event.kind === 'text' && interruptionOf(turn, definition, text) === 'action') {
      endFlow(turn);
      return next();
    }
    // Neither leave, stay nor a request ("mình ở Hà Nội"): never the paused step's answer unless it
    // fits that step (then it means "stay" and answers it); otherwise the choice is asked again.
    if (!pressed && !word && event.kind === 'text') {
      const paused = stepById(definition, flow.step);
      // A request this flow takes itself ("đổi sang 2h chiều" in a booking): stay, and it is handled.
      const own = definition.intents?.includes(understandTurn(turn, text)?.intent ?? '') === true;
      if (!own && (!paused || isFreeText(paused) || !answers(paused, contextOf(turn, definition, flow), text))) {
        if (hinted) {
          // Unclear twice: carry on with the flow rather than ask a third time (never stuck here).
          reprompt(turn, definition, flow, turn.t('flows.switch.stayed'));
          return;
        }
        flow.pendingSwitch = typed;
        flow.switchHinted = true;
        turn.reply(switchPrompt(turn, definition, turn.t('flows.switch.hint')));
        return;
      }
    }
  }

  if (!word && !pressed && event.kind === 'text' && current?.kind === 'ask' && freeText && nameOrCancel(turn, flow, current, text)) return;

  switch (word) {
    case 'cancel':
      await cancel(turn, definition, flow);
      return;
    case 'menu':
      endFlow(turn);
      turn.reply(mainMenu(turn.t, turn.t('flows.left_for_menu')));
      return;
    case 'help': {
      const help = definition.help ? `${turn.t(definition.help)}\n\n` : '';
      reprompt(turn, definition, flow, `${help}${turn.t('flows.help')}`);
      return;
    }
    case 'staff':
      turn.reply({
        text: turn.t('flows.staff_offer'),
        buttons: [
          { label: turn.t('flows.staff_button'), payload: HANDOFF_PAYLOAD },
          { label: turn.t('flows.stale.continue'), payload: payload(CONTROL, 'continue') },
        ],
      });
      return;
    case 'continue':
      repeatStep(turn, definition, flow); // an act step's own question too, not silence
      return;
    case 'back': {
      const previous = flow.history.pop();
      if (!previous) {
        reprompt(turn, definition, flow, turn.t('flows.back_none'));
        return;
      }
      delete flow.editing;
      // Its answer goes, so the question is asked again: steps that pass over what is answered
      // (a survey resumed, a finder started with a stage) would otherwise skip straight back here.
      delete flow.answers[previous];
      await runFrom(turn, definition, flow, previous);
      return;
    }
    default:
      break;
  }

  const step = stepById(definition, flow.step);
  if (!step) {
    endFlow(turn);
    turn.reply(mainMenu(turn.t, turn.t('flows.cancelled')));
    return;
  }
  const ctx = contextOf(turn, definition, flow);
  if (!pressed && !word && event.kind === 'text' && bareGreeting(turn, text) && (freeText || !answers(step, ctx, text))) {
    // "chào", "alo", "hi": a hello back and the same question, not a miss (nor a name).
    greetBack(turn, definition, flow);
    return;
  }
  // A question typed where a name is asked ("why is that a fit for us?"): never the name.
  const askedAtName = freeText && step.kind === 'ask' && namesAsked(step) && writtenAsAQuestion(text);
  if (!pressed && !word && event.kind === 'text' && !flow.editing
      && (freeText ? plainlyARequest(turn, text) || plainlyAQuestion(turn, text) || askedAtName : !answers(step, ctx, text) || plainlyAQuestion(turn, text))) {
    const read = interruptionOf(turn, definition, text, !freeText);
    const interruption = read ?? (askedAtName ? 'question' : undefined);
    if (interruption === 'question') {
      // Answered from the documents, then the same question again with its buttons (not counted
      // as a miss; the flow's state is untouched).
      await next();
      if (isCurrent(turn, flow)) repeatStep(turn, definition, flow);
      return;
    }
    if (interruption === 'action' && flow.offered) {
      definition.onLeave?.(ctx);
      endFlow(turn);
      if (definition.leftForRequest) turn.reply({ text: turn.t(definition.leftForRequest) });
      return next();
    }
    if (interruption === 'action') {
      flow.pendingSwitch = text.slice(0, 500);
      turn.reply(switchPrompt(turn, definition));
      return;
    }
  }
  if (pressed && pressed[0] !== CONTROL && pressed[0] !== flow.step && !(flow.editing && pressed[0] === '_edit')) {
    reprompt(turn, definition, flow); // a button from an earlier question: ask the current one again
    return;
  }

  if (flow.editing && step.kind === 'confirm') {
    await pickEdit(turn, definition, flow, step, pressed?.[0] === '_edit' ? pressed[1] : undefined, text);
    return;
  }
  if (step.kind === 'confirm') {
    const choice = pressed ? pressed[1] : confirmWord(text);
    if (choice === 'yes') {
      flow.history.push(step.id);
      await runFrom(turn, definition, flow, step.next ?? stepAfter(definition, step.id));
    } else if (choice === 'edit') {
      flow.editing = true;
      turn.reply(editMenu(ctx, step));
    } else {
      // "sai sđt, số đúng là 0987 654 321": the correction itself, then the summary again.
      const corrected = text ? await correctAnswer(ctx, editableSteps(ctx, step), text) : undefined;
      if (!isCurrent(turn, flow)) return;
      if (corrected) turn.reply(promptOf(step, ctx, turn.t('flows.corrected', { question: resolveText(corrected.step.label!, ctx), answer: corrected.label })));
      else if (editNamed(text) !== undefined) {
        // "sửa email", "đổi số điện thoại", "edit the phone": that answer's question, or the list to pick from.
        flow.editing = true;
        await pickEdit(turn, definition, flow, step, undefined, editNamed(text)!);
      } else miss(turn, step, ctx, 'invalid');
    }
    return;
  }
  if (step.kind === 'act') {
    if (!step.input) {
      reprompt(turn, definition, flow);
      return;
    }
    const outcome = await step.input(ctx, text, pressed?.[1]);
    if (!isCurrent(turn, flow)) return;
    const resolved = resolveOutcome(outcome, definition, step.id);
    if (resolved !== 'wait') await runFrom(turn, definition, flow, resolved);
    return;
  }
  if (step.kind !== 'ask') return;
  await answerAsk(turn, definition, flow, step, ctx, word, pressed?.[1], text);
}

const CONFIRM_YES = /^(gui|gui di|xac nhan|confirm|submit|send|chinh xac|dong y)$/;
const CONFIRM_EDIT = /^(sua|sua lai|chinh sua|doi|thay doi|edit|change)$/;

const EDIT_START = /^(?:(?:cho )?(?:minh|em|toi|tui|i) )?(?:(?:muon|can|want to|need to|d like to) )?(?:sua|sua lai|chinh sua|chinh|doi|doi lai|thay doi|edit|change|fix|correct)(?: lai)? (?:(?:the|my|lai|phan|cai|muc) )?/;

/**
 * What a text asks to edit at a summary ("sửa email" → "email", "đổi lại số điện thoại" → "so
 * dien thoai", "edit the phone" → "phone"), folded, or undefined when it does not start with a
 * verb of editing followed by something.
 */
function editNamed(text: string): string | undefined {
  const folded = foldWords(text);
  const m = EDIT_START.exec(folded);
  const rest = m ? folded.slice(m[0].length).trim() : '';
  return rest ? rest : undefined;
}

/** A typed answer to a summary: yes (send), edit, or not understood. "No" means edit: nothing is lost. */
function confirmWord(text: string): 'yes' | 'edit' | undefined {
  const folded = foldWords(text);
  if (CONFIRM_EDIT.test(folded)) return 'edit';
  if (CONFIRM_YES.test(folded) || goesAheadAfterNotCancelling(text)) return 'yes';
  const parsed = parseYesNo(text);
  if (parsed.ok) return parsed.value ? 'yes' : 'edit';
  const said = leadingYesNo(text); // "đúng, gửi đi", "ok luôn nhé", "không, sửa lại", "yes, send it now"
  return said === 'yes' ? 'yes' : said === 'no' ? 'edit' : undefined;
}

/** Whether a typed text is an answer the current step takes (so it is not an interruption). */
function answers(step: Step, ctx: FlowContext, text: string): boolean {
  if (step.kind === 'confirm') return confirmWord(text) !== undefined;
  if (step.kind === 'ask') {
    const read = readAnswer(step, ctx, text);
    // A date that has passed, a number out of range: an answer, only a wrong one (the hint says why).
    if (read.ok || read.reason === 'past' || read.reason === 'out_of_range' || read.reason === 'too_long') return true;
    // Two choices named, "cả hai", a number past the last one, "không biết": a reply to this
    // question (its hint says what is needed), not another subject.
    if (takesOneChoice(step, ctx) && oneChoiceMiss(choicesOf(step, ctx), text, ctx)) return true;
    return step.input?.type === 'date' && Boolean(understandTurn(ctx.turn, text)?.slots.date);
  }
  if (step.kind === 'act') return actLooksAnswered(ctx, text);
  return false;
}

/**
 * For an act step (its answers are read by its own code): whether the text carries something
 * such a step reads, a date, a time, a part of the day, a length, an end ("đến 11h30"), a number or yes/no. Then it
 * goes to the step.
 */
function actLooksAnswered(ctx: FlowContext, text: string): boolean {
  if (/^\s*\d{1,2}\s*$/.test(text) || affirmation(text) !== undefined) return true;
  const u = understandTurn(ctx.turn, text);
  return Boolean(u && (u.slots.date || u.slots.start || u.slots.minutes || u.slots.window || u.slots.end));
}

/**
 * At a free-text step (a name, a company) the text is the answer — "Huy" is a name — unless it
 * is plainly a request: several words read with high confidence as an action that names what it
 * wants (a date, a time, a length, a space, a code, a programme), such as "đặt phòng họp mai 2h
 * chiều 2 tiếng" typed at "Bạn tên là gì?", that asks for it as a question ("co chuong trinh
 * ho tro nao cho startup nong nghiep ko": nobody's name ends in "không?"), or that says the
 * founder wants it ("minh muon tim chuong trinh ho tro cho startup nong nghiep": a name has no
 * "muốn", "cần", "tìm"); or two or three words in lower case that can only be a request
 * (`shortRequest`: "đặt phòng họp").
 */
function plainlyARequest(turn: Turn, text: string): boolean {
  const u = understandTurn(turn, text);
  if (!u || u.unsure || !ACTION_INTENTS.has(u.intent)) return false;
  const words = u.normalized.split(' ').filter(Boolean).length;
  const slots = u.slots;
  // "need the meeting room tomorrow at 3pm, just half an hour" (0.87): no name carries a day, a
  // time, a length or a space together; two of them make a request at the lower bar of a step.
  const details = [slots.date, slots.start, slots.minutes, slots.space].filter(Boolean).length;
  if (words >= 4 && details >= 2 && u.confidence >= NOT_AN_ANSWER_ACTION_CONFIDENCE) return true;
  if (u.confidence < FREE_TEXT_REQUEST_CONFIDENCE) return false;
  if (words < 4) return words >= 2 && shortRequest(text, u.confidence);
  const named = Boolean(slots.date || slots.start || slots.minutes || slots.space || slots.code || slots.programme);
  return named || askedAsAQuestion(text, u.normalized) || WANT_CUE.test(u.normalized);
}

/**
 * A request of two or three words typed in lower case ("đặt phòng họp", "lam khao sat", "huy
 * lich") that the model reads as an action with near certainty. Typed at "Bạn tên là gì?" it was
 * saved as the founder's name. A name or a company comes capitalised (phones capitalise it, and
 * people do), and one word ("Huy", "Đạt") is always a name.
 */
function shortRequest(text: string, confidence: number): boolean {
  return confidence >= SHORT_REQUEST_CONFIDENCE && text === text.toLocaleLowerCase('vi') && /\p{L}/u.test(text);
}

/** How sure the model must be of a two- or three-word lower-case request at a free-text step. */
export const SHORT_REQUEST_CONFIDENCE = 0.97;

/**
 * The language a typed message asks for ("chuyển sang tiếng Anh", "switch to English please"),
 * read by the NLU with the confidence a change of subject needs; no language named: the other one.
 */
function languageAsked(turn: Turn, text: string): 'vi' | 'en' | undefined {
  const u = understandTurn(turn, text);
  if (!u || u.unsure || u.intent !== 'language_change' || u.confidence < INTERRUPT_CONFIDENCE) return undefined;
  return u.slots.language ?? (turn.locale === 'vi' ? 'en' : 'vi');
}

/**
 * The yes said before a request for the other language ("ok, but in English please", "ok nói
 * tiếng việt đi", "yes, in English"): its first words when they are a plain yes, else undefined.
 */
function yesBeforeLanguage(text: string): string | undefined {
  const head = text.trim().split(/\s*(?:[,.;!]|\s(?:but|nhưng|nhung|mà|ma|and|và|va)\s)\s*/i)[0] ?? '';
  if (head && head.length < text.trim().length && affirmation(head) === 'yes') return head;
  const first = text.trim().split(/\s+/)[0] ?? '';
  return first && affirmation(first) === 'yes' && leadingYesNo(text) === 'yes' ? first : undefined;
}

/**
 * Words saying what the founder wants ("mình muốn", "em cần", "tìm", "cho mình gặp", "I'd like"),
 * folded. Not "đặt" or "hủy": Đạt and Huy are names.
 */
const WANT_CUE = /(^| )(muon|can|tim|xin|giup|gap|lien he|noi chuyen|cho (?:minh|em|toi|tui|mik)|want|need|would like|looking for|help me|please|talk to|speak to|let me|can i)( |$)/;

/**
 * Question words and particles, folded ("ko"/"k" arrive as "khong"), Vietnamese and English. The
 * English auxiliaries count only before a pronoun or article ("can i", "do you", "is the"):
 * folded, "cần" (need) is "can", and "cần thêm khách hàng với mentor" asks nothing.
 */
const QUESTION_CUE = /(^| )(khong|chua|bao nhieu|may|gi|nao|dau|sao|the nao|what|how|when|where|which|who|why|(?:can|could|do|does|is|are|will|would) (?:i|we|you|they|it|my|our|the|a|an|there|this|that|he|she))( |$)/;

/**
 * Whether free text typed at a step is plainly a question for the documents rather than the
 * answer: read as a question by the model, at least four words, and asked as one (a question
 * mark, or a question word or particle). "How much does the coworking space cost?" typed at "Bạn
 * tên là gì?" is answered, and the step asked again; so is "what time does the coworking space
 * open on saturday?" at a booking's confirmation, although it names a day.
 */
function plainlyAQuestion(turn: Turn, text: string): boolean {
  const u = understandTurn(turn, text);
  if (!u) return false;
  // "cho mình hỏi giờ mở cửa", "I have a question about coworking fees": a question by its first
  // words, whatever the model makes of the rest, unless it reads a request ("cho mình hỏi đặt
  // phòng" still asks, and the documents answer it).
  if (announcedQuestion(u)) return true;
  if (u.unsure || u.intent !== 'kb_question') return false;
  // Nobody's name or company ends in "?" ("phí bao nhiêu?" asks), nor in a question particle
  // ("chương trình ươm tạo có những lợi ích gì vậy", 0.83: stored as the startup's name).
  const marked = text.includes('?') || QUESTION_END.test(u.normalized);
  if (u.confidence < (marked ? QUESTION_MARK_CONFIDENCE : INTERRUPT_CONFIDENCE)) return false;
  if (u.normalized.split(' ').filter(Boolean).length < (marked ? 2 : 4)) return false;
  return askedAsAQuestion(text, u.normalized);
}

/**
 * How sure the NLU must be that a text is a question for the documents when it is written as one
 * (a question mark, or a question word: "what does this cost?", "mấy giờ mở cửa"): the form says
 * most of it, and a question answered by mistake costs one message (the step is asked again).
 */
export const QUESTION_MARK_CONFIDENCE = 0.5;

/**
 * A Vietnamese question's last words, normalised ("ko" arrives as "khong"): "… gì vậy", "…
 * không ạ", "… thế nào", "… bao nhiêu", "… ở đâu", with particles after them; or an English
 * question word or auxiliary first. No name ends or begins so.
 */
const QUESTION_END = /(?:^| )(?:gi|khong|chua|nao|sao|the nao|bao nhieu|dau|may gio|bao gio|bao lau|hong)(?: (?:vay|va|the|a|ak|ah|nhi|nhe|nha|ad|ha|oi|ban|ban oi|admin|ạ))*$|^(?:what|how|when|where|which|who|why|is there|are there|do you|does|can i|can we)(?: |$)/;

/**
 * Words announcing a question, at the start of a message, normalised: "cho mình hỏi", "cho hỏi",
 * "xin hỏi", "em hỏi xíu", "mình muốn hỏi về", "hỏi chút", "I have a question", "quick
 * question", "can I ask". No name or company starts so, and what follows need not be asked as a
 * question ("cho hỏi địa chỉ trung tâm" was stored as the startup's name).
 */
const ASKS_CUE = /^(?:(?:cho|xin) (?:(?:minh|em|toi|tui|mik|mk|to|chau|anh|chi) )?hoi|(?:minh|em|toi|tui|mik|mk|e) (?:(?:muon|can|xin) )?hoi(?: (?:chut|xiu|ti|cai|ve|thu))?|hoi (?:chut|xiu|ti|thu|cai)|(?:i|we) (?:have|ve got|got) (?:a|one|some) (?:quick )?questions?|quick question|(?:can|could|may) (?:i|we) ask|(?:i|we) (?:want|would like|d like) to ask)(?: |$)/;

/**
 * Whether a text announces itself as a question ("cho mình hỏi giờ mở cửa", "I have a question
 * about the fees"), by its first words.
 */
function announcesAQuestion(normalized: string): boolean {
  return ASKS_CUE.test(normalized);
}

/** A question mark, a question word or particle, or words announcing a question in the normalised text. */
function askedAsAQuestion(text: string, normalized: string): boolean {
  return text.includes('?') || QUESTION_CUE.test(normalized) || announcesAQuestion(normalized);
}

/**
 * Whether what the founder typed in the middle of a flow asks for something else: a question
 * for the documents, or another action. Unsure readings, chat (greetings, thanks) and the flow's
 * own intents are not interruptions: they are re-asked as usual.
 *
 * `notAnAnswer`: the step takes buttons or a reading of its own (a time, a length, a choice) and
 * the text is none of them. Then the bar is lower: "hello, how can I apply for the incubation
 * program?" typed at "how long?" was asked back "how long?" (read as an application, 0.77, under
 * the 0.85 a free-text step needs, where the text may be a name). A long text written as a
 * question goes to the documents even when the model hesitates between a question and an action
 * (the knowledge base says so when it cannot answer, and the step is asked again); an action it
 * reads with some confidence is offered as a switch, as always asked first.
 */
function interruptionOf(turn: Turn, definition: FlowDefinition, text: string, notAnAnswer = false): 'question' | 'action' | undefined {
  const u = understandTurn(turn, text);
  if (!u || definition.intents?.includes(u.intent)) return undefined;
  // One word ("12345", "lang son" is two) is a wrong answer to re-ask, not a change of subject.
  const words = u.normalized.split(' ').filter(Boolean).length;
  if (announcedQuestion(u)) return 'question';
  // A sentence, not a reply: "không biết nữa", "ko, chưa rõ lắm" (a no) stay wrong answers.
  // A request that names its details after a "thôi" ("thôi đặt bàn mai 9h đi") is no "no" either.
  const details = [u.slots.date, u.slots.start, u.slots.minutes, u.slots.space].filter(Boolean).length;
  if (notAnAnswer && !CHAT_INTENTS.has(u.intent) && words >= 5 && (affirmation(text) === undefined || details >= 2)) {
    if (ACTION_INTENTS.has(u.intent) && !u.unsure && u.confidence >= NOT_AN_ANSWER_ACTION_CONFIDENCE) return 'action';
    // A question mark: question words alone mislead here ("cần thêm khách hàng với mentor" folds "cần" to "can").
    if (text.includes('?') && (u.intent === 'kb_question' || ACTION_INTENTS.has(u.intent))) return 'question';
  }
  if (u.unsure) return undefined;
  if (u.intent === 'kb_question' && words >= 3
      && (u.confidence >= INTERRUPT_CONFIDENCE || (u.confidence >= QUESTION_MARK_CONFIDENCE && askedAsAQuestion(text, u.normalized)))) {
    return 'question';
  }
  if (u.confidence < INTERRUPT_CONFIDENCE) return undefined;
  if (ACTION_INTENTS.has(u.intent) && words >= 2) return 'action';
  return undefined;
}

/**
 * A message of three words or more that announces a question by its first words ("cho mình hỏi
 * giờ mở cửa"), read as a question or as nothing sure: the documents answer it.
 */
function announcedQuestion(u: { intent: string; unsure?: boolean; normalized: string }): boolean {
  const words = u.normalized.split(' ').filter(Boolean).length;
  return words >= 3 && announcesAQuestion(u.normalized) && (u.intent === 'kb_question' || u.unsure === true);
}

/**
 * How sure the NLU must be of an action typed at a step it does not answer (buttons, a time, a
 * length): lower than `INTERRUPT_CONFIDENCE`, because such a text cannot be the step's answer,
 * and the founder is asked before the flow is left.
 */
export const NOT_AN_ANSWER_ACTION_CONFIDENCE = 0.6;

/** "Leave this flow for the new request, or carry on?", with a hint first when asked again. */
function switchPrompt(turn: Turn, definition: FlowDefinition, hint?: string): Outbound {
  const name = turn.t(definition.name ?? 'flows.this_flow');
  const question = turn.t('flows.switch.prompt', { flow: name });
  return {
    text: hint ? `${hint}\n\n${question}` : question,
    buttons: [
      { label: turn.t('flows.switch.leave'), payload: payload(CONTROL, 'switch') },
      { label: turn.t('flows.switch.stay', { flow: name }), payload: payload(CONTROL, 'continue') },
    ],
  };
}

function editMenu(ctx: FlowContext, confirm: ConfirmStep): Outbound {
  const steps = editableSteps(ctx, confirm);
  return {
    text: ctx.turn.t('flows.edit.pick'),
    buttons: steps.map((s) => ({ label: resolveText(s.label!, ctx), payload: payload('_edit', s.id) })),
  };
}

function editableSteps(ctx: FlowContext, confirm: ConfirmStep): AskStep[] {
  const index = ctx.definition.steps.findIndex((s) => s.id === confirm.id);
  return ctx.definition.steps
    .slice(0, index)
    .filter((s): s is AskStep => s.kind === 'ask' && Boolean(s.label) && Object.hasOwn(ctx.answers, s.id));
}

async function pickEdit(
  turn: Turn, definition: FlowDefinition, flow: FlowState, confirm: ConfirmStep, pickedId: string | undefined, text: string,
): Promise<void> {
  const ctx = contextOf(turn, definition, flow);
  const steps = editableSteps(ctx, confirm);
  let target = steps.find((s) => s.id === pickedId);
  if (!target && text) {
    const choice = matchChoice(steps.map((s) => ({ value: s.id, text: resolveText(s.label!, ctx) })), text, ctx);
    target = steps.find((s) => s.id === choice?.value);
  }
  if (!target) {
    const message = editMenu(ctx, confirm);
    message.text = `${turn.t('flows.hint.edit')}\n\n${message.text}`;
    turn.reply(message);
    return;
  }
  delete flow.editing;
  flow.returnTo = confirm.id;
  flow.step = target.id;
  flow.misses = 0;
  turn.reply(editPrompt(target, ctx));
}

/**
 * An answer's question picked for editing, with its current value and a button keeping it: the
 * founder who opened it by mistake (or typed "giữ nguyên") is not made to type it again.
 */
function editPrompt(step: AskStep, ctx: FlowContext): Outbound {
  const current = ctx.answers[step.id];
  if (current === null || current === undefined || current === '') return promptOf(step, ctx);
  const message = promptOf(step, ctx, ctx.turn.t('flows.edit.current', { value: answerLabel(step, ctx, current) }));
  message.buttons = [...(message.buttons ?? []), { label: ctx.turn.t('flows.edit.keep'), payload: payload(CONTROL, 'keep') }];
  return message;
}

/** An answer as the founder reads it: a choice's label, a province's name, else the value. */
function answerLabel(step: AskStep, ctx: FlowContext, value: unknown): string {
  const choice = choicesOf(step, ctx).find((c) => c.value === value);
  if (choice) return choiceLabel(choice, ctx);
  if (step.input?.type === 'province' && typeof value === 'string') return provinceById(value)?.name ?? value;
  if (step.input?.type === 'yesno') return ctx.turn.t(value ? 'flows.yes' : 'flows.no');
  return Array.isArray(value) ? value.join(', ') : String(value);
}

async function answerAsk(
  turn: Turn, definition: FlowDefinition, flow: FlowState, step: AskStep, ctx: FlowContext,
  word: string | undefined, pressedValue: string | undefined, text: string,
): Promise<void> {
  let value: unknown;
  let described: { asked: true } | { asked: false; name: string; notes: string[] } | undefined;
  // Other answers the text gave beside this one, said back once after it was taken.
  const noted: string[] = [];
  const keeps = flow.returnTo !== undefined && Object.hasOwn(flow.answers, step.id) && (word === 'keep' || (!word && pressedValue === undefined && keepsCurrent(text)));
  const confirmedName = namesAsked(step) && !word ? nameConfirmed(flow, pressedValue, text) : undefined;
  if (flow.data?.nameOrCancel !== undefined) delete flow.data.nameOrCancel;
  if (keeps) {
    // "giữ nguyên" at an answer picked for editing: the value stays, back to the summary.
    value = flow.answers[step.id];
  } else if (confirmedName !== undefined) {
    value = confirmedName; // "Huy" it was (`nameOrCancel`)
  } else if (word === 'skip') {
    // A flow the bot offered on its own (the profile after consent) ends instead: our questions wait.
    if (!step.optional && flow.offered) return cancel(turn, ctx.definition, flow);
    if (!step.optional) return miss(turn, step, ctx, 'skip_refused');
    value = null;
  } else if (step.input?.type === 'multi') {
    const done = word === 'done' || pressedValue === '_done';
    if (pressedValue !== undefined && !done) {
      const choice = choicesOf(step, ctx).find((c) => c.value === pressedValue);
      if (!choice) return miss(turn, step, ctx, 'invalid');
      const picked = multiPicked(flow);
      const label = choiceLabel(choice, ctx);
      const next = picked.includes(label) ? picked.filter((p) => p !== label) : [...picked, label];
      flow.data = { ...flow.data, multi: next, multiValues: toggle(flow.data?.multiValues, choice.value) };
      turn.reply(promptOf(step, ctx));
      return;
    }
    if (done) {
      const values = Array.isArray(flow.data?.multiValues) ? (flow.data.multiValues as string[]) : [];
      if (values.length === 0 && !step.optional) return miss(turn, step, ctx, 'empty');
      value = values;
    } else {
      const parsed = readAnswer(step, ctx, text);
      if (!parsed.ok && !skipsOptional(step, text)) return miss(turn, step, ctx, parsed.reason);
      value = parsed.ok ? parsed.value : null;
    }
    if (flow.data) {
      delete flow.data.multi;
      delete flow.data.multiValues;
    }
  } else if (pressedValue !== undefined) {
    if (step.input?.type === 'yesno' && !step.choices) value = pressedValue === 'yes';
    else {
      const choice = choicesOf(step, ctx).find((c) => c.value === pressedValue);
      if (!choice) return miss(turn, step, ctx, 'invalid');
      value = choice.value;
    }
  } else if (step.optional && isFreeText(step) && (saysNothing(text) || declinesQuestion(text) || (namesAsked(step) && saysNoName(text)))) {
    // "không", "ko có gì", "no thanks" to "anything else?": no comment, not the comment "không";
    // "chưa có tên", "ko có tên", "no name yet" to the startup's name: skipped, not that name.
    value = null;
  } else if (!step.optional && namesAsked(step) && text && (saysNothing(text) || saysNoName(text) || saysYesOnly(text) || !/\p{L}/u.test(text))) {
    // ("ok vậy đồng ý" just after consent, "🙏": no name either.)
    // "ko", "không", "no" to "what is your name?" is nobody's name: asked again with a way on.
    flow.misses += 1;
    turn.reply(promptOf(step, ctx, turn.t(flow.offered ? 'flows.hint.name_none_offered' : 'flows.hint.name_none')));
    return;
  } else if (text && (described = await describedAtName(turn, flow, step, ctx, text)) !== undefined) {
    // A description where a name is asked: the name asked again, or the name said before it taken.
    if (described.asked) return;
    value = described.name;
    noted.push(...described.notes);
  } else {
    const parsed = readAnswer(step, ctx, text);
    if (parsed.ok || skipsOptional(step, text)) value = parsed.ok ? parsed.value : null;
    else {
      // "à thôi đổi sang 3h chiều": no answer here, but a change the flow takes (then asked again).
      const said = text && !(takesOneChoice(step, ctx) && oneChoiceMiss(choicesOf(step, ctx), text, ctx));
      const before = flow.answers[step.id];
      const note = said ? definition.amend?.(ctx, text) : undefined;
      const answered = flow.answers[step.id] !== undefined && flow.answers[step.id] !== before;
      if (note && !answered) {
        turn.reply(promptOf(step, ctx, note));
        return;
      }
      if (note) {
        // The change answers this very question ("bọn em mới có ý tưởng thôi, chưa làm sp" at
        // the stage): said back, and the flow goes on instead of asking it again.
        turn.reply({ text: note });
        value = flow.answers[step.id];
      } else {
        const ahead = said ? await answerAhead(ctx, step, text) : undefined;
        if (ahead) {
          if (!isCurrent(turn, flow)) return;
          turn.reply(promptOf(step, ctx, turn.t('flows.noted_ahead', { answer: ahead })));
          return;
        }
        if (text && asksWhy(text)) {
          // "tại sao phải trả lời câu này": why, and whether it may be skipped; not a wrong answer.
          turn.reply(promptOf(step, ctx, step.why ? resolveText(step.why, ctx) : turn.t(step.optional ? 'flows.why_optional' : 'flows.why')));
          return;
        }
        return miss(turn, step, ctx, parsed.reason, text);
      }
    }
  }
  if (flow.data?.oneOf) delete flow.data.oneOf;
  flow.answers[step.id] = value;
  flow.misses = 0;
  if (!flow.history.includes(step.id)) flow.history.push(step.id);
  if (step.onAnswer) noted.push(...((await step.onAnswer(value, ctx)) ?? []));
  if (!isCurrent(turn, flow)) return;
  if (noted.length > 0) turn.reply({ text: turn.t('flows.described.noted', { taken: noted.join('; ') }) });
  let next: string | undefined;
  if (flow.returnTo) {
    next = flow.returnTo;
    delete flow.returnTo;
  } else {
    next = typeof step.next === 'function' ? step.next(flow.answers, ctx) : step.next;
    next ??= stepAfter(definition, step.id);
  }
  await runFrom(turn, definition, flow, next);
}

/**
 * A description typed at a name question ("startup về nông nghiệp ở Lạng Sơn" at the startup's
 * name, `describedInstead`): the later answers it names are kept and said back, and the name is
 * asked again (`asked`), once per question (a second description is the answer: the founder
 * insists); or, when an introduction gave the name before it ("mình tên là Lan, làm startup về
 * du lịch"), that name is the answer. Undefined when the text is a name.
 */
async function describedAtName(
  turn: Turn, flow: FlowState, step: AskStep, ctx: FlowContext, text: string,
): Promise<{ asked: true } | { asked: false; name: string; notes: string[] } | undefined> {
  if (step.choices || step.input?.type !== 'text' || !step.input.name) return undefined;
  const asked = Array.isArray(flow.data?.described) ? (flow.data.described as string[]) : [];
  if (asked.includes(step.id)) return undefined;
  const described = await describedInstead(ctx, step, text);
  if (described === undefined || !isCurrent(turn, flow)) return undefined;
  const taken = described.notes.join('; ');
  if (described.name !== undefined && described.name.length <= (step.input.max ?? 500)) {
    // Said back with what the step's own `onAnswer` keeps from the same text: one note, not two.
    return { asked: false, name: described.name, notes: described.notes };
  }
  flow.data = { ...flow.data, described: [...asked, step.id] };
  const said = taken ? turn.t('flows.described.taken', { taken }) : turn.t('flows.described.none');
  const skip = step.optional ? ` ${turn.t('flows.described.or_skip')}` : '';
  turn.reply(promptOf(step, ctx, `${said}${skip}`));
  return { asked: true };
}

/** The value of the button that takes the word asked about by `nameOrCancel` as the name. */
const NAME_AS_TYPED = '_name';

/**
 * "huy" or "HUY" alone where a name is asked: the name Huy, or "hủy" typed without its accent
 * (stored as the founder's name, it showed on staff's tickets and bookings). Asked once, with a
 * button for each; the same word again, or a yes, is the name. Whether it was asked.
 */
function nameOrCancel(turn: Turn, flow: FlowState, step: AskStep, text: string): boolean {
  if (!namesAsked(step)) return false;
  const typed = text.trim();
  const asked = typeof flow.data?.nameOrCancel === 'string' ? flow.data.nameOrCancel : undefined;
  if (asked !== undefined && foldWords(asked) === foldWords(typed)) return false; // said again: the name
  // Only in one case ("huy", "HUY"): "Huy" is written as a name.
  const oneCase = typed === typed.toLocaleLowerCase('vi') || typed === typed.toLocaleUpperCase('vi');
  if (/\s/.test(typed) || !oneCase || universalWord(typed) !== 'cancel') return false;
  const name = asName(typed);
  flow.data = { ...flow.data, nameOrCancel: name };
  const leave = step.optional || flow.offered
    ? { label: turn.t('flows.skip'), payload: payload(CONTROL, 'skip') }
    : { label: turn.t('flows.confirm.cancel'), payload: payload(CONTROL, 'cancel') };
  turn.reply({
    text: turn.t(step.optional ? 'flows.named_or_skip' : flow.offered ? 'flows.name_or_skip' : 'flows.name_or_cancel', { name }),
    buttons: [{ label: turn.t('flows.name_as_typed', { name }), payload: payload(step.id, NAME_AS_TYPED) }, leave],
  });
  return true;
}

/** A one-word name typed all in lower or upper case, capitalised ("huy", "HUY" → "Huy"). */
function asName(word: string): string {
  const lower = word.toLocaleLowerCase('vi');
  return word === lower || word === word.toLocaleUpperCase('vi') ? lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1) : word;
}

/** The name asked about by `nameOrCancel`, when this press or typed yes takes it. */
function nameConfirmed(flow: FlowState, pressedValue: string | undefined, text: string): string | undefined {
  const asked = typeof flow.data?.nameOrCancel === 'string' ? flow.data.nameOrCancel : undefined;
  if (asked === undefined) return undefined;
  if (pressedValue === NAME_AS_TYPED || (pressedValue === undefined && (affirmation(text) === 'yes' || foldWords(text) === foldWords(asked)))) return asked;
  return undefined;
}

/** An ask step whose free-text answer is a name (a person's, a startup's). */
function namesAsked(step: AskStep): boolean {
  return !step.choices && step.input?.type === 'text' && Boolean(step.input.name);
}

/**
 * Whether a text that is no answer to an optional question says there is none ("không có",
 * "mik ko có email", "chưa có", "no"): the question is skipped as with "bỏ qua", not re-asked.
 */
function skipsOptional(step: AskStep, text: string): boolean {
  return Boolean(step.optional) && (saysNone(text) || saysUnknown(text) || declinesQuestion(text));
}

function toggle(list: unknown, value: string): string[] {
  const current = Array.isArray(list) ? (list as string[]) : [];
  return current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
}

/**
 * The engine as a feature (order 30): acts only when a flow is active in a private chat. Buttons
 * that are not the engine's (`menu:…`, `handoff:request`) pass on to their features.
 *
 * @example
 * new Router([flowFeature, menuFeature]); // acts only while a flow is active
 */
export const flowFeature: Feature = {
  name: 'flows',
  order: 30,
  stateSlices: { flow: flowStateSchema },
  async handle(turn, next) {
    const flow = activeFlow(turn);
    const { event } = turn;
    if (!flow || event.chatType === 'group' || event.kind === 'reachability') return next();
    if (event.kind === 'button' && !flowPayloads.owns(event.payload)) return next();
    if (event.kind === 'text' && /^\/(start|lang|forget|me)\b/i.test(event.text.trim())) return next();
    const definition = getFlow(turn.services, flow.id);
    if (!definition) {
      endFlow(turn); // a flow removed by a deploy: forget it rather than trap the founder
      return next();
    }
    if (event.kind !== 'text' && event.kind !== 'button' && event.kind !== 'contact') {
      reprompt(turn, definition, flow, turn.t('flows.hint.text_only'));
      return;
    }
    const since = turn.outbox.length;
    await handleInput(turn, definition, flow, next);
    rememberShown(turn, since);
  },
};
