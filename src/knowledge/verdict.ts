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
import { askedState, clauseState } from './verdict-state.js';

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
 * A text folded letter by letter (no diacritics, lower case), keeping its length so a clause
 * found in it can be cut from the text as written; null when a letter folds to another length.
 */
function foldInPlace(text: string): string | null {
  const folded = [...text].map((ch) => fold(ch) || ch).join('');
  return folded.length === text.length ? folded : null;
}

/** The clauses of a reply, folded (for the question's words) and as written (for its states). */
function clausesOf(reply: string): { folded: string; written: string }[] {
  const folded = foldInPlace(reply) ?? fold(reply);
  const inPlace = folded.length === reply.length;
  const out: { folded: string; written: string }[] = [];
  let from = 0;
  for (const cut of folded.matchAll(new RegExp(CLAUSES.source, 'g'))) {
    out.push({ folded: folded.slice(from, cut.index), written: inPlace ? reply.slice(from, cut.index) : '' });
    from = cut.index + cut[0].length;
  }
  out.push({ folded: folded.slice(from), written: inPlace ? reply.slice(from) : '' });
  return out.map(({ folded: f, written }) => ({ folded: ` ${f.replace(/[^a-z0-9]+/g, ' ')} `, written }));
}

/**
 * The yes or no the quoted sentence gives a yes/no question, or null when it does not say it
 * clearly (see the module comment).
 */
export function verdictOf(query: SearchQuery, sentence: string): Verdict | null {
  if (query.answer.kind !== 'yesno') return null;
  // A questions-and-answers line quotes its question first: the reply is what follows it.
  const written = sentence.normalize('NFC').replace(/\s+/g, ' ').split('?').pop()!.trim();
  const reply = fold(written);
  if (!reply) return null;
  if (OPENS_NO.test(reply)) return 'no';
  if (OPENS_YES.test(reply)) return 'yes';
  const asked = query.concepts.filter((c) => !c.kindWord);
  const wordings = asked.map((c) => c.alternatives.map((words) => words.join(' ')));
  if (wordings.length === 0) return null;
  // A state asked ("mở cửa", "miễn phí") is answered by a clause stating it or its opposite.
  const states = wordings.map((alternatives) => askedState(alternatives));
  const clauses = clausesOf(written);
  const holds = (clause: { folded: string; written: string }, alternatives: string[], i: number) => {
    const state = states[i];
    if (state && clause.written && clauseState(clause.written, state.pair) !== null) return true;
    return alternatives.some((w) => clause.folded.includes(` ${w} `));
  };
  // Every thing the question names must be in the quote ("cn" read as another word is not).
  if (!wordings.every((alternatives, i) => clauses.some((clause) => holds(clause, alternatives, i)))) return null;
  let best: { clause: { folded: string; written: string }; found: number } | null = null;
  let tie = false;
  for (const clause of clauses) {
    const found = wordings.filter((alternatives, i) => holds(clause, alternatives, i)).length;
    if (found === 0) continue;
    if (!best || found > best.found) {
      best = { clause, found };
      tie = false;
    } else if (found === best.found) tie = true;
  }
  const state = states.find((s) => s !== null);
  if (state && clauses.every((clause) => clause.written)) {
    // The quote states one side only ("Ngày lễ, Tết khu làm việc chung nghỉ"): that is the answer,
    // whichever clause names the day. Both sides: the clause closest to the question decides
    // ("Mở cửa thứ Hai đến thứ Bảy; đóng cửa Chủ nhật"), or none does.
    const whole = clauseState(written, state.pair);
    const stated = whole === 'both' ? (best && !tie ? clauseState(best.clause.written, state.pair) : null) : whole;
    if (whole !== null) return stated === 'on' || stated === 'off' ? (stated === state.side ? 'yes' : 'no') : null;
  }
  // Two clauses as close to the question: which one answers it is not clear.
  if (!best || tie) return null;
  // A state word the question asks about ("có nghỉ lễ không") is not a denial in its answer.
  const own = new Set(wordings.flat());
  const denial = [...best.clause.folded.matchAll(new RegExp(NEGATION.source, 'g'))].some((m) => !own.has(m[1]!));
  return denial ? 'no' : 'yes';
}
