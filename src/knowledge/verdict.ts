/**
 * The plain yes or no a yes/no question's quote gives ("thứ 7 có mở ko" → "Có", from "… từ 8h00
 * đến 12h00 sáng thứ Bảy"), so the answer leads with it as a person would. Only when the quote
 * says it clearly: it opens with "Có." / "Được." / "Không." (a questions-and-answers reply), or
 * one clause of it holds more of the question's words than any other, and that clause is read
 * for a negation ("đóng cửa Chủ nhật", "không nhận"). A quote whose clauses hold none of the
 * question's words gives no verdict, and the answer is the quote alone.
 *
 * @example
 * verdictOf(queryTerms('chủ nhật có mở ko'), 'Mở cửa thứ Hai đến thứ Bảy; đóng cửa Chủ nhật.') // 'no'
 */
import { fold } from '../nlu/fold.js';
import type { SearchQuery } from './query.js';

export type Verdict = 'yes' | 'no';

/** A reply that opens with its yes or no ("Đ: Không. SKI không nhận cổ phần", "Yes, …"). */
const OPENS_YES = /^(?:[hđd]\s*:\s*)?(co|duoc|yes|vang|dung vay)\b[.,!:;]/;
const OPENS_NO = /^(?:[hđd]\s*:\s*)?(khong|no|chua)\b[.,!:;]/;
/** Words that deny what a clause states (folded). */
const NEGATION = /\b(khong|chua|chang|cam|dong cua|tam nghi|nghi le|ngung|tu choi|not|no|never|closed|cannot|can t|without)\b/;
/** Where one statement of a sentence ends and another begins. */
const CLAUSES = /[;,:(){}\n]|\s[-–—]\s|\b(?:nhung|tru|ngoai tru|except|but)\b/;

/** How the answer leads with its verdict, per language. */
const LEADS: Readonly<Record<'vi' | 'en', Readonly<Record<Verdict, string>>>> = {
  vi: { yes: 'Có.', no: 'Không.' },
  en: { yes: 'Yes.', no: 'No.' },
};

/**
 * The answer's text led by its verdict, unless the quote opens with it already.
 *
 * @example
 * withVerdict('Mở cửa … sáng thứ Bảy. [1]', 'yes', 'vi') // 'Có. Mở cửa … sáng thứ Bảy. [1]'
 */
export function withVerdict(text: string, verdict: Verdict, language: 'vi' | 'en'): string {
  const folded = fold(text).trim();
  if (OPENS_NO.test(folded) || OPENS_YES.test(folded)) return text;
  return `${LEADS[language][verdict]} ${text}`;
}

/**
 * The yes or no the quoted sentence gives a yes/no question, or null when it does not say it
 * clearly (see the module comment).
 */
export function verdictOf(query: SearchQuery, sentence: string): Verdict | null {
  if (query.answer.kind !== 'yesno') return null;
  // A questions-and-answers line quotes its question first: the reply is what follows it.
  const reply = fold(sentence).split('?').pop()!.trim();
  if (!reply) return null;
  if (OPENS_NO.test(reply)) return 'no';
  if (OPENS_YES.test(reply)) return 'yes';
  const wordings = query.concepts.filter((c) => !c.kindWord).map((c) => c.alternatives.map((words) => words.join(' ')));
  if (wordings.length === 0) return null;
  const clauses = reply.split(CLAUSES).map((clause) => ` ${clause.replace(/[^a-z0-9]+/g, ' ')} `);
  const holds = (clause: string, alternatives: string[]) => alternatives.some((w) => clause.includes(` ${w} `));
  // Every thing the question names must be in the quote ("cn" read as another word is not).
  if (!wordings.every((alternatives) => clauses.some((clause) => holds(clause, alternatives)))) return null;
  let best: { clause: string; found: number } | null = null;
  let tie = false;
  for (const clause of clauses) {
    const found = wordings.filter((alternatives) => holds(clause, alternatives)).length;
    if (found === 0) continue;
    if (!best || found > best.found) {
      best = { clause, found };
      tie = false;
    } else if (found === best.found) tie = true;
  }
  // Two clauses as close to the question: which one answers it is not clear.
  if (!best || tie) return null;
  return NEGATION.test(best.clause) ? 'no' : 'yes';
}
