/**
 * Whether a text is written as a question: it ends with "?" or starts with a question word
 * ("why is that a fit for us", "tại sao lại cần tên dự án"). Typed at a question that takes a
 * name ("Dự án của bạn tên là gì?"), "why is that a fit for us?" was stored as the project's name
 * when the model was unsure what it asked. No person's or project's name is written so, whatever
 * the model reads: the question is answered or the step asked again, never stored.
 *
 * @example
 * writtenAsAQuestion('why is that a fit for us?') // true
 * writtenAsAQuestion('Sao Mai')                    // false: a name
 */
import { foldWords } from '../../nlu/fold.js';

/**
 * Question words a question starts with (folded). English ones alone; Vietnamese ones of two
 * words or more, since "Sao Mai", "Ai Vân" are names.
 */
const QUESTION_START = /^(?:why|what|whats|how|when|where|which|who|whose|is there|are there|is it|is this|is that|can i|can we|can you|could i|could you|do you|does|tai sao|vi sao|lam sao|sao lai|sao phai|the nao|bao nhieu|khi nao|bao gio|o dau|lam the nao|the con|con gi|la gi|co phai)(?: |$)/;

export function writtenAsAQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return false;
  return /[?？]\s*$/u.test(trimmed) || QUESTION_START.test(foldWords(trimmed).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim());
}
