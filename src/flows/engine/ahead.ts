/**
 * Answers typed ahead: a founder who answers a later question while another is asked ("nông
 * nghiệp" at the programme finder's stage, a phone number at a yes/no question) has it kept for
 * that question, which the engine then passes over (`takeAhead` in its step loop).
 *
 * @example
 * await answerAhead(ctx, stageStep, 'nong nghiep') // 'Nông nghiệp, thực phẩm' (answers.sector = 'agriculture')
 */
import { parseEmail } from '../parse/email.js';
import { parsePhone } from '../parse/phone.js';
import { findProvinceIn, parseProvince } from '../parse/province.js';
import { choiceLabel, choicesOf, matchChoice, mentionedChoice, takesOneChoice } from './answers.js';
import type { AskStep, FlowContext, FlowState } from './types.js';

/** Whether step `id` was answered ahead (then passed over once, its answer kept). */
export function takeAhead(flow: FlowState, id: string): boolean {
  const ahead = Array.isArray(flow.data?.ahead) ? (flow.data.ahead as string[]) : [];
  if (!ahead.includes(id) || !Object.hasOwn(flow.answers, id)) return false;
  flow.data = { ...flow.data, ahead: ahead.filter((a) => a !== id) };
  return true;
}

/**
 * A typed text that answers a later question of the flow instead of the current one ("nông
 * nghiệp" while the stage is asked; "Cần Thơ" while the sector is; "sđt mình là 0912 345 678"
 * while the role is): when exactly one of the later unanswered questions that would be asked
 * takes it (a phone or e-mail question, wherever it comes; a question of one choice, by name not
 * by number, or of a province, up to the first question of another kind), it is stored there
 * (saved as a pressed answer would be) and that question is passed over later. Returns the
 * label of what was taken, or undefined.
 */
export async function answerAhead(ctx: FlowContext, current: AskStep, text: string): Promise<string | undefined> {
  if (text.trim().split(/\s+/).length > 10) return undefined;
  const { flow, definition } = ctx;
  const index = definition.steps.findIndex((s) => s.id === current.id);
  // A number is the n-th button here, never a later question's choice.
  let choicesOpen = !/^\s*(?:so\s+|#)?\d/i.test(text);
  const taken: { step: AskStep; value: string; label: string }[] = [];
  for (const step of definition.steps.slice(index + 1)) {
    if (step.kind !== 'ask' || Object.hasOwn(flow.answers, step.id) || (step.when && !step.when(flow.answers, ctx))) continue;
    const input = step.choices ? undefined : step.input?.type;
    if (input === 'phone' || input === 'email') {
      // A phone number or an e-mail is plainly one, wherever its question comes.
      const found = contactIn(text, input);
      if (found) taken.push({ step, value: found, label: found });
      continue;
    }
    if (!choicesOpen) continue;
    if (input === 'province') {
      const province = parseProvince(text);
      if (province.ok) taken.push({ step, value: province.value.id, label: province.value.name });
      continue;
    }
    // Choices only up to the next question of another kind (a number, several choices, free
    // text): "vốn" at the survey's stage is not yet "the most urgent of your needs".
    if (!takesOneChoice(step, ctx)) {
      choicesOpen = false;
      continue;
    }
    const choice = matchChoice(choicesOf(step, ctx), text, ctx);
    if (choice) taken.push({ step, value: choice.value, label: choiceLabel(choice, ctx) });
  }
  if (taken.length !== 1) return undefined;
  const [{ step, value, label }] = taken as [{ step: AskStep; value: string; label: string }];
  flow.answers[step.id] = value;
  flow.data = { ...flow.data, ahead: [...(Array.isArray(flow.data?.ahead) ? (flow.data.ahead as string[]) : []), step.id] };
  if (step.onAnswer) await step.onAnswer(value, ctx);
  return label;
}

/**
 * A correction typed at a summary ("sai sđt, số đúng là 0987 654 321", "à mình ở Đà Nẵng",
 * "lĩnh vực là giáo dục nhé"): when exactly one of the summary's answered questions reads a new
 * value in the text (a phone or e-mail anywhere in it; a province or one choice named in it;
 * free text never, as any sentence would do), the answer is replaced (saved as a pressed answer
 * would be). Returns the question's label key and the new value's label, or undefined.
 *
 * @example
 * await correctAnswer(ctx, editable, 'sai sdt, so dung la 0987 654 321') // { step: phoneStep, label: '0987654321' }
 */
export async function correctAnswer(ctx: FlowContext, steps: readonly AskStep[], text: string): Promise<{ step: AskStep; label: string } | undefined> {
  const taken: { step: AskStep; value: string; label: string }[] = [];
  for (const step of steps) {
    const current = ctx.flow.answers[step.id];
    const read = readCorrection(ctx, step, text);
    if (read && read.value !== current) taken.push({ step, ...read });
  }
  if (taken.length !== 1) return undefined;
  const [{ step, value, label }] = taken as [{ step: AskStep; value: string; label: string }];
  ctx.flow.answers[step.id] = value;
  if (step.onAnswer) await step.onAnswer(value, ctx);
  return { step, label };
}

/** The value a correction gives one question, read strictly (see `correctAnswer`). */
function readCorrection(ctx: FlowContext, step: AskStep, text: string): { value: string; label: string } | undefined {
  const input = step.choices ? undefined : step.input?.type;
  if (input === 'phone' || input === 'email') {
    const found = contactIn(text, input);
    return found ? { value: found, label: found } : undefined;
  }
  if (input === 'province') {
    const province = findProvinceIn(text);
    return province ? { value: province.id, label: province.name } : undefined;
  }
  if (!takesOneChoice(step, ctx)) return undefined;
  const choice = mentionedChoice(choicesOf(step, ctx), text, ctx, { maxWords: 20 });
  return choice ? { value: choice.value, label: choiceLabel(choice, ctx) } : undefined;
}

/** The phone number or e-mail written in a text ("sdt của mình là 0912 345 678"), parsed, or undefined. */
function contactIn(text: string, kind: 'phone' | 'email'): string | undefined {
  if (kind === 'email') {
    const written = /[^\s@,;:]+@[^\s@,;:]+\.[^\s@,;:]+/.exec(text)?.[0];
    const parsed = written ? parseEmail(written.replace(/[.)]+$/, '')) : undefined;
    return parsed?.ok ? parsed.value : undefined;
  }
  const written = /\+?\d[\d .-]{7,14}\d/.exec(text)?.[0];
  const parsed = written ? parsePhone(written) : undefined;
  return parsed?.ok ? parsed.value : undefined;
}
