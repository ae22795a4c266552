/**
 * Turns what the founder typed or pressed into an answer for an `ask` step: a choice (payload,
 * number of the choice or its label, with or without diacritics) or a free answer parsed by the
 * step's input kind and checked with its zod schema.
 *
 * @example
 * readAnswer(step, ctx, '2', undefined) // { ok: true, value: 'prototype' } for the second choice
 */
import { fold, foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { findEmailIn, findPhoneIn, findProvinceIn, nameIn, notAName, parseDate, parseEmail, parseNumber, parsePhone, parseProvince, parseYesNo, type Parsed } from '../parse/index.js';
import { fail, ok } from '../parse/result.js';
import type { AskStep, Choice, FlowContext } from './types.js';
import { centreTimeZone } from '../../clock/time-zone.js';
import { leadingYesNo, pickedNumber } from './typed.js';

/**
 * The choices of a step (computed ones evaluated).
 *
 * @example
 * choicesOf(step, ctx).length // 4 for the stage question
 */
export function choicesOf(step: AskStep, ctx: FlowContext): readonly Choice[] {
  if (!step.choices) return [];
  return typeof step.choices === 'function' ? step.choices(ctx) : step.choices;
}

/**
 * The label of a choice in the turn's language.
 *
 * @example
 * choiceLabel({ value: 'idea', label: 'profile.stage.idea' }, ctx) // '💡 Ý tưởng'
 */
export function choiceLabel(choice: Choice, ctx: Pick<FlowContext, 'turn'>): string {
  if (choice.text !== undefined) return choice.text;
  return choice.label ? ctx.turn.t(choice.label) : choice.value;
}

function labelKey(text: string): string {
  // Labels may carry emoji and punctuation ("🎯 Chương trình"); compare words only.
  return foldWords(text).replace(/[^\p{L}\p{N} ]/gu, '').trim();
}

/**
 * Finds one choice by payload value, number ("2"), label or alias; undefined if none or ambiguous.
 *
 * @example
 * matchChoice(choices, 'dat phong', ctx)?.value // 'room'
 */
export function matchChoice(choices: readonly Choice[], text: string, ctx: FlowContext): Choice | undefined {
  const typed = labelKey(text);
  if (!typed) return undefined;
  const number = pickedNumber(text, choices.length);
  if (number !== undefined) return choices[number - 1];
  const exact = choices.filter((c) =>
    [choiceLabel(c, ctx), c.value, ...(c.aliases ?? [])].some((form) => labelKey(form) === typed),
  );
  if (exact.length === 1) return exact[0];
  if (typed.length < 3) return undefined;
  const partial = choices.filter((c) => labelKey(choiceLabel(c, ctx)).includes(typed) || (c.aliases ?? []).some((a) => labelKey(a).includes(typed)));
  if (partial.length === 1) return partial[0];
  return partial.length === 0 ? mentionedChoice(choices, text, ctx) : undefined;
}

/** Most words an answer may have to be read as naming one choice ("MVP rồi", "mới có ý tưởng thôi"). */
const MENTION_MAX_WORDS = 10;
/** Words that turn a mention just after them around ("chưa có doanh thu" is not "Đã có doanh thu"), folded and casual-expanded. */
const NEGATIONS = new Set(['khong', 'chua', 'chang', 'not', 'no', 'never', 'dont', 'don', 'haven', 'havent', 'without']);
/** How many words before a mention a negation still reaches ("chưa có doanh thu", "don't have revenue"). */
const NEGATION_REACH = 3;

/**
 * The forms a choice can be named by inside a sentence: its aliases, and unless left out its
 * value, its label and each part of a label made of several ("Sản phẩm mẫu / MVP" → "san pham
 * mau", "mvp"), as single-spaced folded words.
 */
function mentionForms(choice: Choice, ctx: Pick<FlowContext, 'turn'>, labels: boolean): string[] {
  const forms = (choice.aliases ?? []).map(spaced);
  if (labels) {
    const label = choiceLabel(choice, ctx);
    forms.push(spaced(choice.value.replace(/[_-]/g, ' ')), spaced(label), ...label.split(/[,/;()]| - | – /).map(spaced).filter((p) => p.length >= 2));
  }
  return forms.filter(Boolean);
}

/** `labelKey` with single spaces between words (a removed "/" leaves none behind). */
function spaced(text: string): string {
  return labelKey(text).replace(/\s+/g, ' ').trim();
}

/** Whether `form` occurs in `words` as whole words, at least once without a negation just before. */
function mentions(words: readonly string[], form: string): boolean {
  const parts = form.split(' ');
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (!parts.every((p, j) => words[i + j] === p)) continue;
    // "pre-revenue" is no revenue: "pre" turns around only the word just after it ("pre-seed fundraising" is fundraising).
    if (!words.slice(Math.max(0, i - NEGATION_REACH), i).some((w) => NEGATIONS.has(w)) && words[i - 1] !== 'pre') return true;
  }
  return false;
}

export interface MentionOptions {
  /** Labels and values count as names of their choice (default true; off for whole requests, where "sáng tạo" is rarely the sector and "other" no sector at all). */
  labels?: boolean;
  /** Longer texts name nothing (default 10 words: an answer, not a story). */
  maxWords?: number;
}

/**
 * The one choice a text names as whole words ("MVP rồi", "bên mình mới có ý tưởng thôi", "we
 * have revenue already", "mình là founder"), with casual spellings read; none when it names
 * several, only says it is not so ("chưa có doanh thu"), or is longer than an answer.
 *
 * @example
 * mentionedChoice(stageChoices, 'đang làm MVP', ctx)?.value // 'prototype'
 */
export function mentionedChoice(
  choices: readonly Choice[], text: string, ctx: Pick<FlowContext, 'turn'>, options: MentionOptions = {},
): Choice | undefined {
  const words = spaced(normalizeForMatching(text)).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > (options.maxWords ?? MENTION_MAX_WORDS)) return undefined;
  const named = choices.filter((c) => mentionForms(c, ctx, options.labels !== false).some((form) => mentions(words, form)));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * Several choices typed as "1, 3", "1 3" or "đào tạo, cố vấn".
 *
 * @example
 * matchChoices(choices, '1, 3', ctx)?.map((c) => c.value) // ['desk', 'event']
 */
export function matchChoices(choices: readonly Choice[], text: string, ctx: FlowContext): Choice[] | undefined {
  // "chọn 1 và 3": the verb names no choice.
  const parts = fold(text).trim().replace(/^(?:(?:toi|minh|em|mk|i) )?(?:chon|lay|pick|choose|select) /, '').split(/\s*(?:,|;|\+|\/|&|\bva\b|\bvoi\b|\bhoac\b|\band\b|\bwith\b|\bor\b)\s*|\s+(?=\d)/).filter(Boolean);
  if (parts.length === 0) return undefined;
  const picked: Choice[] = [];
  for (const part of parts) {
    const choice = matchChoice(choices, part, ctx);
    if (!choice) return undefined;
    if (!picked.includes(choice)) picked.push(choice);
  }
  return picked;
}

/**
 * The choices a sentence names by their words, for a question of several ("e là nữ ạ", "our CEO
 * is a woman, and environmental impact"), or undefined when it names none or says "not".
 * Numbers are not read here (a sentence's "3 người" is no third choice).
 *
 * @example
 * mentionedChoices(traits, 'our CEO is a woman', ctx)?.map((c) => c.value) // ['women_led']
 */
function mentionedChoices(choices: readonly Choice[], text: string, ctx: FlowContext): Choice[] | undefined {
  if (/(?:^| )(?:khong phai|chua phai|not|isn t|aren t)(?: |$)/.test(spaced(normalizeForMatching(text)))) return undefined;
  const named = choices.filter((c) => mentionedChoice([c], text, ctx, { maxWords: 40 }));
  return named.length > 0 ? named : undefined;
}

/** "Tất cả", "cả mấy cái", "all of them", "everything" (folded; a short reply, not "không phải tất cả"). */
const ALL = /(?:^| )(?:tat ca|ca may cai|het tat ca|all of them|all of the above|all|everything)(?: |$)/;

/** Every choice, for a short reply to a question of several that says "all of them" ("all of them lol"). */
function allOf(choices: readonly Choice[], text: string): Choice[] | undefined {
  const words = spaced(normalizeForMatching(text));
  if (words.split(' ').length > 6 || !ALL.test(words) || /(?:^| )(?:khong|chua|not|no)(?: |$)/.test(words)) return undefined;
  return choices.length > 0 ? [...choices] : undefined;
}

/**
 * Parses a free answer according to the step's input kind, then its schema.
 *
 * @example
 * readAnswer(phoneStep, ctx, '0912 345 678') // { ok: true, value: '+84912345678' }
 */
export function readAnswer(step: AskStep, ctx: FlowContext, text: string): Parsed<unknown> {
  const choices = choicesOf(step, ctx);
  const input = step.input;
  let parsed: Parsed<unknown>;
  if (input?.type === 'multi') {
    const picked = matchChoices(choices, text, ctx) ?? mentionedChoices(choices, text, ctx) ?? allOf(choices, text);
    parsed = picked ? ok(picked.map((c) => c.value)) : fail('invalid');
  } else if (choices.length > 0) {
    const choice = matchChoice(choices, text, ctx);
    parsed = choice ? ok(choice.value) : fail('invalid');
  } else {
    parsed = parseInput(step, ctx, text);
  }
  if (parsed.ok && step.schema) {
    const checked = step.schema.safeParse(parsed.value);
    return checked.success ? ok(checked.data) : fail('invalid');
  }
  return parsed;
}

function parseInput(step: AskStep, ctx: FlowContext, text: string): Parsed<unknown> {
  const input = step.input ?? { type: 'text' as const };
  switch (input.type) {
    case 'number':
      return parseNumber(text, input);
    // "sdt của mình là 0912 345 678", "email mình là lan@example.vn nhé": the one written in the sentence.
    case 'phone': {
      const phone = parsePhone(text);
      return phone.ok ? phone : (findPhoneIn(text) ?? phone);
    }
    case 'email': {
      const email = parseEmail(text);
      return email.ok ? email : (findEmailIn(text) ?? email);
    }
    case 'date':
      return parseDate(text, {
        now: ctx.turn.services.clock(),
        timeZone: centreTimeZone(),
        notPast: input.notPast ?? false,
      });
    case 'yesno': {
      const parsed = parseYesNo(text);
      if (parsed.ok) return parsed;
      // "có, e làm full", "yes, me": a yes that leads a longer answer.
      const said = leadingYesNo(text);
      return said ? { ok: true, value: said === 'yes' } : parsed;
    }
    case 'province': {
      const province = parseProvince(text);
      if (province.ok) return ok(province.value.id);
      // "mình ở Đà Nẵng", "bên em ở tp hcm ạ", "we're in Hanoi": the one province a short answer names.
      const named = text.split(/\s+/).length <= MENTION_MAX_WORDS ? findProvinceIn(text) : undefined;
      return named ? ok(named.id) : province;
    }
    case 'multi':
      return fail('invalid');
    case 'text': {
      const typed = text.trim().normalize('NFC');
      // "giữ nguyên", "mình nói rồi mà": said at a name question, they are nobody's name.
      if (input.name && notAName(typed)) return fail('invalid');
      // "🙏", "👍👍": an emoji or a sign is nobody's name.
      if (input.name && !/\p{L}/u.test(typed)) return fail('invalid');
      const value = input.name ? nameIn(typed) : typed;
      if (!value) return fail('empty');
      if (value.length < (input.min ?? 1)) return fail('invalid');
      if (value.length > (input.max ?? 500)) return fail('too_long');
      return ok(value);
    }
  }
}

/**
 * Why a typed text is no answer to a question taking one choice, when it is a reply all the
 * same (so the hint can say what is needed, not "I didn't catch that"):
 * - `several`: it names two choices or more ("ý tưởng và MVP", "1 và 2", "idea and prototype";
 *   `named` holds them, in order);
 * - `both`: "cả hai", "both", "tất cả" with nothing named;
 * - `out_of_range`: a number past the last choice ("7" of 4);
 * - `unsure`: "không biết", "chưa rõ", "not sure", "idk".
 * Undefined for anything else (a wrong answer, re-asked with the list).
 *
 * @example
 * oneChoiceMiss(stageChoices, 'y tuong va mvp', ctx) // { reason: 'several', named: [idea, prototype] }
 * oneChoiceMiss(stageChoices, '7', ctx)              // { reason: 'out_of_range' }
 */
export function oneChoiceMiss(choices: readonly Choice[], text: string, ctx: FlowContext): OneChoiceMiss | undefined {
  if (choices.length === 0) return undefined;
  const number = pickedNumber(text, choices.length);
  if (number !== undefined) return number > choices.length || number === 0 ? { reason: 'out_of_range' } : undefined;
  const listed = matchChoices(choices, text, ctx);
  const named = listed && listed.length >= 2 ? listed : namedChoices(choices, text, ctx);
  if (named.length >= 2) return { reason: 'several', named };
  const words = spaced(normalizeForMatching(text));
  if (words.split(' ').length <= 6 && BOTH.test(words)) return { reason: 'both' };
  if (words.split(' ').length <= 6 && UNSURE.test(words)) return { reason: 'unsure' };
  return undefined;
}

export type OneChoiceMiss = { reason: 'several'; named: Choice[] } | { reason: 'both' | 'out_of_range' | 'unsure' };

/** "Cả hai", "cả 2", "both", "tất cả", "all of them" (folded, casual spellings expanded). */
const BOTH = /(^| )(ca hai|ca 2|hai cai|2 cai|ca ba|ca 3|tat ca|both|all of them|all)( |$)/;
/** "Không biết", "ko bt", "chưa rõ", "không chắc", "not sure", "don't know", "no idea", "idk". */
const UNSURE = /(^| )((khong|chua|chang) (biet|bt|bit|ro|chac|hieu)|not sure|unsure|don ?t know|do not know|no idea|idk|dunno)( |$)/;

/** Every choice a short text names as whole words (not negated), in the order of the choices. */
function namedChoices(choices: readonly Choice[], text: string, ctx: Pick<FlowContext, 'turn'>): Choice[] {
  const words = spaced(normalizeForMatching(text)).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MENTION_MAX_WORDS) return [];
  return choices.filter((c) => mentionForms(c, ctx, true).some((form) => mentions(words, form)));
}

/** Whether a step takes exactly one of its choices (not several, not yes/no). */
export function takesOneChoice(step: AskStep, ctx: FlowContext): boolean {
  return step.input?.type !== 'multi' && step.input?.type !== 'yesno' && choicesOf(step, ctx).length > 0;
}
