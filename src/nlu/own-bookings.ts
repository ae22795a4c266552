/**
 * "Mấy cái lịch đặt của em đâu hết rồi?", "booking của tôi đâu mất rồi vậy", "where did my
 * bookings go": a founder who asks where their bookings went asks to see them. The words around
 * it ("mấy" how many, "đâu" where, "vậy" and the regional particles) are those of questions, so
 * the classifier leans to `kb_question` or `out_of_scope`. When one of those comes first for such
 * a message, it and `booking_list` swap scores (as `papersAskedFirst` does). A rule, not
 * examples: four such examples moved unrelated borderline messages of the development set (0.987
 * → 0.980) and of held-out sets B, D, I and K.
 *
 * @example
 * ownBookingsAskedFirst([{ intent: 'kb_question', score: 0.4 }, { intent: 'booking_list', score: 0.2 }], 'may cai booking cua toi dau het roi')[0].intent // 'booking_list'
 */
import { swapScores, type Ranked } from './swap-scores.js';

// Bookings (folded, casual spellings expanded) …
// "Chỗ" only counted ("mấy chỗ em giữ"): alone it folds like "cho" (let, give).
const BOOKINGS = String.raw`(?:booking|bookings|lich dat(?: cho| phong)?|lich|(?:may|cac|nhung) cho|cho (?:da )?dat|cho (?:da )?giu|reservations?)`;
// … of the founder: "của em", or "em (đã) đặt".
const PERSON = String.raw`(?:toi|em|minh|anh|chi|to|tao|bon em|team em|nhom em)`;
const MINE = String.raw`(?:cua ${PERSON}|${PERSON} (?:da )?(?:dat|book|giu))`;
// … gone somewhere: "đâu (hết / mất) rồi", "đâu cả", "đâu vậy" (not "bắt đầu", "đầu tuần").
const WHERE_GONE = String.raw`(?<!bat )dau(?= (?:het|mat|roi|ca|vay|ha|nhi|the|khong thay)\b|$)`;
const WHERE_ARE_MINE = new RegExp(
  String.raw`\b${BOOKINGS}(?: \w+){0,2} ${MINE}\b.*\b${WHERE_GONE}|\b${PERSON} (?:da )?(?:dat|book|giu)(?: \w+){0,3} ${BOOKINGS}\b.*\b${WHERE_GONE}|\bwhere (?:are|did|have) (?:all )?my (?:bookings|reservations)\b`,
);

/**
 * Whether a normalised message asks where the founder's bookings went.
 *
 * @example
 * asksWhereOwnBookingsAre('lich dat cua em dau het roi') // true
 * asksWhereOwnBookingsAre('lich cua em bat dau luc may gio') // false
 */
export function asksWhereOwnBookingsAre(normalized: string): boolean {
  return WHERE_ARE_MINE.test(normalized);
}

/**
 * The ranking with `booking_list` ahead of a question or an out-of-scope reading when the message
 * asks where the founder's bookings went.
 *
 * @example
 * ownBookingsAskedFirst(ranked, 'phong hop o dau') // unchanged
 */
export function ownBookingsAskedFirst(ranked: Ranked, normalized: string): Ranked {
  const first = ranked[0]!;
  if ((first.intent !== 'kb_question' && first.intent !== 'out_of_scope') || !asksWhereOwnBookingsAre(normalized)) return ranked;
  return swapScores(ranked, first.intent, 'booking_list');
}
