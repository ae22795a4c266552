/**
 * Turns what the founder typed or pressed into an answer for an `ask` step: a choice (payload,
 * number of the choice or its label, with or without diacritics) or a free answer parsed by the
 * step's input kind and checked with its zod schema.
 *
 * @example
 * readAnswer(step, ctx, '2', undefined) // { ok: true, value: 'prototype' } for the second choice
 */
import { fold, foldWords } from '../../nlu/fold.js';
import { parseDate, parseEmail, parseNumber, parsePhone, parseProvince, parseYesNo, type Parsed } from '../parse/index.js';
import { fail, ok } from '../parse/result.js';
import type { AskStep, Choice, FlowContext } from './types.js';
import { centreTimeZone } from '../../clock/time-zone.js';

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
export function choiceLabel(choice: Choice, ctx: FlowContext): string {
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
  const number = /^(?:so\s+|no\s+|#)?(\d{1,2})$/.exec(typed);
  if (number) return choices[Number(number[1]) - 1];
  const exact = choices.filter((c) =>
    [choiceLabel(c, ctx), c.value, ...(c.aliases ?? [])].some((form) => labelKey(form) === typed),
  );
  if (exact.length === 1) return exact[0];
  if (typed.length < 3) return undefined;
  const partial = choices.filter((c) => labelKey(choiceLabel(c, ctx)).includes(typed) || (c.aliases ?? []).some((a) => labelKey(a).includes(typed)));
  return partial.length === 1 ? partial[0] : undefined;
}

/**
 * Several choices typed as "1, 3", "1 3" or "đào tạo, cố vấn".
 *
 * @example
 * matchChoices(choices, '1, 3', ctx)?.map((c) => c.value) // ['desk', 'event']
 */
export function matchChoices(choices: readonly Choice[], text: string, ctx: FlowContext): Choice[] | undefined {
  const parts = fold(text).split(/\s*(?:,|;|\+|\/|\bva\b|\band\b)\s*|\s+(?=\d)/).filter(Boolean);
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
    const picked = matchChoices(choices, text, ctx);
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
    case 'phone':
      return parsePhone(text);
    case 'email':
      return parseEmail(text);
    case 'date':
      return parseDate(text, {
        now: ctx.turn.services.clock(),
        timeZone: centreTimeZone(),
        notPast: input.notPast ?? false,
      });
    case 'yesno':
      return parseYesNo(text);
    case 'province': {
      const province = parseProvince(text);
      return province.ok ? ok(province.value.id) : province;
    }
    case 'multi':
      return fail('invalid');
    case 'text': {
      const value = text.trim().normalize('NFC');
      if (!value) return fail('empty');
      if (value.length < (input.min ?? 1)) return fail('invalid');
      if (value.length > (input.max ?? 500)) return fail('too_long');
      return ok(value);
    }
  }
}
