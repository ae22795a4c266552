/**
 * A founder who asks to be told a fact of a programme ("cho em biết hạn nộp hồ sơ IPP2", "cho
 * mình hỏi điều kiện tham gia …", "tell me the fee of the incubator") asks a question: the
 * programme's name and the words of applying ("nộp hồ sơ", "tham gia") pull it to
 * `programme_apply`, but what is asked is the deadline, the conditions or the price. Named with a
 * fact word and no request to join ("điều kiện tham gia IPP2"), a programme is asked about too.
 * When `programme_apply` comes first for such a message, it and `kb_question` swap scores (as
 * `papersAskedFirst` does); so does `programme_find` when a programme is named, since the
 * founder has found it already. The answer carries the Apply button, so nobody who meant to
 * apply is lost.
 *
 * @example
 * factAskedFirst([{ intent: 'programme_apply', score: 0.7 }, { intent: 'kb_question', score: 0.3 }], 'cho em biet han nop ho so ipp2', true)[0].intent // 'kb_question'
 */
import { swapScores, type Ranked } from './swap-scores.js';

// "Let me know / tell me / I want to know / may I ask" (folded, casual spellings expanded).
const ASKS_TO_KNOW =
  /\b(?:(?:cho|giup|gium|dum|nho) (?:(?:em|minh|toi|anh|chi|to|bon em|chung em|chung toi|team em|nhom em) )?(?:biet|hoi|xin (?:hoi|thong tin))|(?:muon|can|chua) (?:biet|hoi)|(?:tell|show) (?:me|us)|let (?:me|us) know|i (?:want|would like|d like) to know|what (?:is|are|s))\b/;
// What is asked: the deadline, the conditions, who may join, the price.
const FACT =
  /\b(?:han (?:nop|chot|cuoi|dang ky|ung tuyen|apply|nhan)|thoi han|deadlines?|dieu kien|tieu chi|ai (?:duoc|co the)|doi tuong|bao nhieu|(?:le |chi )?phi (?:tham gia|dang ky|hoc)|(?:fees?|cost|price|criteria|requirements?|eligib\w*|who (?:can|may|is allowed to))\b)/;
// A request to join said in the same message ("đăng ký IPP2 cho em", "em muốn tham gia"): it is
// the application, the fact a detail of it.
const ASKS_TO_JOIN =
  /\b(?:(?:cho|giup|gium|dum) (?:(?:em|minh|toi|anh|chi|to|nhom em|team em) )?(?:dang ky|tham gia|nop|apply|ung tuyen)|muon (?:dang ky|tham gia|nop|apply|ung tuyen)|sign (?:me|us) up|i (?:want|would like|d like) to (?:apply|join|register))\b/;

/**
 * Whether a normalised message asks a fact of a programme rather than to join it.
 *
 * @example
 * asksFact('cho em biet han nop ho so ipp2') // true
 * asksFact('dieu kien tham gia ipp2')         // true
 * asksFact('cho em dang ky ipp2, han nop la bao gio') // false: it asks to join
 */
export function asksFact(normalized: string): boolean {
  if (!FACT.test(normalized)) return false;
  const toKnow = ASKS_TO_KNOW.exec(normalized);
  // Told "let me know" before the fact, the founder asks it; otherwise only with no request to join.
  if (toKnow && FACT.test(normalized.slice(toKnow.index))) return true;
  return !ASKS_TO_JOIN.test(normalized);
}

/**
 * The ranking with `kb_question` ahead of `programme_apply` (or of `programme_find`, when a
 * programme is named) when the message asks a fact of a programme.
 *
 * @example
 * factAskedFirst(ranked, 'cho em dang ky ipp2', true) // unchanged: a request to join
 */
export function factAskedFirst(ranked: Ranked, normalized: string, programmeNamed: boolean): Ranked {
  const first = ranked[0]!;
  const swappable = first.intent === 'programme_apply' || (first.intent === 'programme_find' && programmeNamed);
  if (!swappable || !asksFact(normalized)) return ranked;
  return swapScores(ranked, first.intent, 'kb_question');
}
