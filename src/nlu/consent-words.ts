/**
 * Agreeing to or refusing the data-protection notice is said in short replies ("ok", "không",
 * "no thanks") or in the notice's own words ("đồng ý", "từ chối", "lưu dữ liệu", "I accept the
 * terms"). A longer sentence with none of them is not an answer to the notice: "có cách nào chữa
 * mất ngủ mà không cần uống thuốc không?" scored `consent_decline` from its "không" alone. For
 * such a sentence the consent intents' scores go to zero and the others are rescaled to the
 * probabilities they have given that it is not a consent answer (so a clarifying question does
 * not offer "Không đồng ý" either).
 *
 * @example
 * consentNeedsItsWords([{ intent: 'consent_decline', score: 0.49 }, { intent: 'out_of_scope', score: 0.47 }, { intent: 'kb_question', score: 0.04 }], 'co cach nao chua mat ngu ma khong can uong thuoc khong')
 * // [{ intent: 'out_of_scope', score: 0.92 }, { intent: 'kb_question', score: 0.08 }, { intent: 'consent_decline', score: 0 }]
 */
import type { IntentName } from './types.js';

/** Words longer than this many need the notice's words to be a consent answer. */
const SHORT_REPLY_WORDS = 4;

// Folded, casual spellings expanded: the notice's subject and the ways of saying yes or no to it.
const NOTICE_WORDS = new RegExp(String.raw`\b(?:dong y|nhat tri|chap nhan|tu choi|cho phep|dieu khoan|thong bao|bao mat|du lieu|thong tin|luu|giu|chia se|cung cap|xu ly|ky|agreed?|disagree|accept|consent|decline|refuse|terms|data|privacy|personal|store|keep|share)\b`);

const CONSENT: ReadonlySet<IntentName> = new Set(['consent_accept', 'consent_decline']);

/**
 * The ranking without the consent intents when a sentence of more than four words has none of
 * the notice's words.
 *
 * @example
 * consentNeedsItsWords(ranked, 'khong dong y dau')[0].intent // unchanged: the notice's words
 */
export function consentNeedsItsWords(ranked: { intent: IntentName; score: number }[], normalized: string): { intent: IntentName; score: number }[] {
  if (!ranked.some((r) => CONSENT.has(r.intent) && r.score > 0)) return ranked;
  const words = normalized.match(/[a-z0-9]+/g) ?? [];
  if (words.length <= SHORT_REPLY_WORDS || NOTICE_WORDS.test(normalized)) return ranked;
  const rest = ranked.reduce((sum, r) => sum + (CONSENT.has(r.intent) ? 0 : r.score), 0);
  if (rest <= 0) return ranked;
  return ranked
    .map((r) => ({ intent: r.intent, score: CONSENT.has(r.intent) ? 0 : r.score / rest }))
    .sort((a, b) => b.score - a.score);
}
