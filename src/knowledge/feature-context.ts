/**
 * The conversation around a question, for the knowledge feature (feature.ts): what a founder
 * types on a phone is rarely a full question.
 * - A greeting before the question ("hi ad, e muốn hỏi IPP2 là gì vậy") is no part of it:
 *   searched, "hi" and "muốn hỏi" became concepts no document has and the bot said it did not
 *   know what "IPP2 là gì" answers.
 * - A short follow-up ("bao nhiêu", "được bao nhiêu tiền", "how much", "còn hạn ko") right after
 *   an answer is about the same topic: it is searched with the previous question beside it.
 * - Two quoted sentences saying the same thing (the opening hours in the spaces document and in
 *   the coworking programme's) are one: the repeat is dropped with its citation.
 *
 * @example
 * withoutGreeting('hi ad, e muốn hỏi IPP2 là gì vậy') // 'IPP2 là gì vậy'
 * isFollowUp('dc bao nhieu')                         // true
 * followUpQuestions('còn hạn ko', 'chương trình ươm tạo có hỗ trợ tiền không')[0] // 'còn hạn ko (chương trình ươm tạo có hỗ trợ tiền không)'
 */
import type { Answer } from './answer.js';
import { fold } from '../nlu/fold.js';

/** How long an answer stays the topic of a short follow-up. */
export const FOLLOW_UP_MS = 15 * 60_000;
/** A follow-up is short: more words name a topic of their own. */
const FOLLOW_UP_WORDS = 6;

const CALLED = String.raw`(?:ad|admin|bạn|ban|anh|chị|chi|em|e|shop|mn|mọi người|moi nguoi|bot|ươm|uom)`;
const GREETING = new RegExp(
  String.raw`^\s*(?:hi|hello|hey|helo|alo|chào|chao|xin chào|xin chao)(?:\s+${CALLED})*\s*[,.!]*\s+`,
  'iu',
);
const WANT_TO_ASK = new RegExp(
  String.raw`^\s*(?:(?:em|e|mình|minh|mik|mk|tôi|toi|t|tớ|anh|a|chị|chi|c)\s+)?(?:muốn|muon|cần|can)\s+(?:hỏi|hoi)(?:\s+(?:chút|chut|xíu|xiu|tí|ti|về|ve|là|la))*\s*[,.:!?…–-]*\s+`,
  'iu',
);

/**
 * The question without a greeting and a "I want to ask" before it; unchanged when nothing but
 * the greeting is left ("chào ad" stays a greeting).
 */
export function withoutGreeting(question: string): string {
  let rest = question.normalize('NFC');
  const greeting = GREETING.exec(rest);
  if (greeting) rest = rest.slice(greeting[0].length);
  const want = WANT_TO_ASK.exec(rest);
  // Unaccented "muon hoi truong" may be "want the hall": kept when "hoi" starts a noun.
  if (want && !/^(?:truong|cho|thao)\b/i.test(rest.slice(want[0].length))) rest = rest.slice(want[0].length);
  // Only a name left ("chào ad"): it was a greeting, and stays one.
  const called = new RegExp(String.raw`^(?:\s*${CALLED}\s*[,.!?]*)*$`, 'iu');
  return /\p{L}{2,}/u.test(rest) && !called.test(rest) && rest !== question ? rest : question;
}

/** The kinds of fact a follow-up asks for without naming its topic (folded). */
const FOLLOW_UP_CUE = new RegExp(
  [
    String.raw`\bbao nhieu\b`, String.raw`\bbn\b`, String.raw`\bhow much\b`, String.raw`\bhow many\b`, String.raw`\bcon han\b`, String.raw`\bhet han\b`,
    String.raw`\bhan nop\b`, String.raw`\bkhi nao\b`, String.raw`\bbao gio\b`, String.raw`\bo dau\b`, String.raw`\bmay gio\b`, String.raw`\bthi sao\b`,
    String.raw`\bthe nao\b`, String.raw`\bra sao\b`, String.raw`\bdeadline\b`, String.raw`\bwhen\b`, String.raw`\bwhere\b`, String.raw`\bhow long\b`,
    String.raw`\bstill open\b`, String.raw`\bmien phi\b`, String.raw`\bfree\b`, String.raw`\bco mat phi\b`, String.raw`\bmat phi\b`,
  ].join('|'),
);

/** Whether a text reads as a short follow-up question ("dc bao nhieu", "how much?", "còn hạn ko"). */
export function isFollowUp(text: string): boolean {
  const words = fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
  if (!words) return false;
  return words.split(' ').length <= FOLLOW_UP_WORDS && FOLLOW_UP_CUE.test(words);
}

/**
 * The questions to search for a follow-up, best first: the follow-up with the previous question
 * as its context (its kind of fact comes first, so "còn hạn ko" asks for a date), then the
 * previous question followed by it ("có hỗ trợ tiền không … được bao nhiêu" asks the amount).
 */
export function followUpQuestions(followUp: string, previous: string): string[] {
  const asked = followUp.trim().replace(/[?？]+$/u, '');
  return [`${asked} (${previous})`, `${previous} ${asked}`];
}

/** A sentence this much contained in an earlier quoted one repeats it. */
const REPEATED = 0.8;

function wordsOf(sentence: string): Set<string> {
  return new Set(fold(sentence).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean));
}

/**
 * The answer without quoted sentences that repeat an earlier one (most of their words are in
 * it), and without the citations only the dropped sentences used; the others are renumbered.
 * An answer written by an LLM is left as it is.
 */
export function withoutRepeats(answer: Answer): Answer {
  if (answer.abstained || answer.mode !== 'extractive') return answer;
  const parts = [...answer.text.matchAll(/(.*?)\s*\[(\d+)\]\s*/gsu)];
  if (parts.length < 2 || parts.map((p) => p[0]).join('').length !== answer.text.length) return answer;
  const kept: { sentence: string; n: number }[] = [];
  const seen: Set<string>[] = [];
  for (const [, sentence = '', n = ''] of parts) {
    const words = wordsOf(sentence);
    const repeats = seen.some((earlier) => {
      let inside = 0;
      for (const w of words) if (earlier.has(w)) inside++;
      return words.size > 0 && inside / words.size >= REPEATED;
    });
    if (repeats) continue;
    seen.push(words);
    kept.push({ sentence, n: Number(n) });
  }
  if (kept.length === parts.length) return answer;
  const used = [...new Set(kept.map((k) => k.n))];
  const renumber = new Map(used.map((n, i) => [n, i + 1]));
  const citations = answer.citations.filter((c) => renumber.has(c.n)).map((c) => ({ ...c, n: renumber.get(c.n)! }));
  const text = kept.map((k) => `${k.sentence} [${renumber.get(k.n)}]`).join(' ');
  return { ...answer, text, citations };
}
