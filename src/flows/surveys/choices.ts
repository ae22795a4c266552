/**
 * The choices of a survey question as the flow engine reads them: the label in the founder's
 * language is the button, and everything else a founder may type for it is an alias the engine's
 * shared choice reader (`matchChoice` / `mentionedChoice`) looks for, with or without diacritics,
 * casual spellings expanded and inside a sentence: the aliases the survey file declares, the label
 * in the other language ("we have revenue" in a Vietnamese chat), and the label's meaning words
 * without a leading word of time ("Đã có doanh thu" → "có doanh thu", so "có doanh thu rồi",
 * "co doanh thu r" name it; "chưa có doanh thu" still does not: the reader sees the negation).
 *
 * @example
 * surveyChoice({ value: 'revenue', label: { vi: 'Đã có doanh thu', en: 'Earning revenue' } }, 'vi').aliases
 * // ['Earning revenue', 'có doanh thu']
 */
import type { Locale } from '../../content/messages.js';
import type { Choice } from '../engine/index.js';
import { pick } from '../programmes/schema.js';
import type { Question } from './schema.js';

type SurveyChoice = NonNullable<Question['choices']>[number];

/**
 * Words of time or aspect that may open a label without being what it means: "Đã có doanh thu"
 * is answered "có doanh thu rồi", "Đang gọi vốn" "gọi vốn", "Already selling" "selling".
 */
const TIME_WORDS = /^(?:đã|đang|mới|vừa|sẽ|already|currently|now|still)\s+/iu;

/** A label's meaning without its leading word of time, or undefined when it has none (or is too short without it). */
function meaningWords(label: string): string | undefined {
  const rest = label.trim().replace(TIME_WORDS, '');
  return rest !== label.trim() && rest.split(/\s+/).length >= 2 ? rest : undefined;
}

/**
 * One survey choice for the engine, in the founder's language.
 *
 * @example
 * surveyChoice(choice, 'en') // { value: 'revenue', text: 'Earning revenue', aliases: ['Đã có doanh thu', 'có doanh thu', …] }
 */
export function surveyChoice(choice: SurveyChoice, locale: Locale): Choice {
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  const labels = [pick(choice.label, locale), pick(choice.label, other)];
  const aliases = [...new Set([
    ...(choice.aliases ?? []),
    labels[1]!,
    ...labels.flatMap((l) => l.split(/\s*[/,;]\s*/)).map(meaningWords).filter((m): m is string => m !== undefined),
  ])];
  return { value: choice.value, text: labels[0]!, aliases };
}
