/**
 * A founder who asks for the list, the form or the details of the papers to hand in ("cho em xin
 * danh sách hồ sơ cần nộp để vào chương trình …", "send me the list of documents for the
 * incubator") asks a question: the words of handing in ("xin", "nộp", "để vào", "apply") pull it
 * to `programme_apply`, but nothing is to be started before the founder knows what to prepare.
 * When `programme_apply` comes first for such a message, it and `kb_question` swap scores (the
 * way `rulesQuestionFirst` in create.ts swaps a booking and a question about days in general).
 * A rule, not examples: five examples of it moved unrelated borderline messages of the
 * development set (0.987 → 0.980) and of held-out set F.
 *
 * @example
 * papersAskedFirst(ranked, 'cho em xin danh sach giay to can nop de vao vuon uom')[0].intent // 'kb_question'
 */
import { swapScores } from './swap-scores.js';
import type { IntentName } from './types.js';

// A list, form or details of (folded, casual spellings expanded) …
const WHAT_OF = String.raw`(?:danh sach|danh muc|mau|thong tin|chi tiet|list|checklist|form|details|information)`;
// … papers, documents or a file to hand in.
const PAPERS = String.raw`(?:giay to|ho so|tai lieu|chung tu|documents?|papers?|paperwork)`;
const ASKS_FOR_PAPERS = new RegExp(String.raw`\b${WHAT_OF}\s+(?:(?:cac|nhung|the|of|of the|required|needed)\s+)*${PAPERS}\b`);

/**
 * Whether a normalised message asks for the list, form or details of the papers to hand in.
 *
 * @example
 * asksForPapers('cho minh xin danh sach ho so can nop') // true
 * asksForPapers('em muon nop ho so vao chuong trinh uom tao') // false
 */
export function asksForPapers(normalized: string): boolean {
  return ASKS_FOR_PAPERS.test(normalized);
}

/**
 * The ranking with `kb_question` ahead of `programme_apply` when the message asks for the papers.
 *
 * @example
 * papersAskedFirst([{ intent: 'programme_apply', score: 0.8 }, { intent: 'kb_question', score: 0.2 }], 'xin danh sach giay to')[0].intent // 'kb_question'
 */
export function papersAskedFirst(ranked: { intent: IntentName; score: number }[], normalized: string): { intent: IntentName; score: number }[] {
  const first = ranked[0]!;
  if (first.intent !== 'programme_apply' || !asksForPapers(normalized)) return ranked;
  return swapScores(ranked, 'programme_apply', 'kb_question');
}
