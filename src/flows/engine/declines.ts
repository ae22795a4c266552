/**
 * "Not this one": a short reply declining the question asked ("khỏi", "thôi khỏi", "ko cần",
 * "không cần đâu ạ", "no thanks", "no need", "pass"). At an optional question it skips that
 * question, as "bỏ qua" does; it never pauses the flow. Putting the whole flow off stays for
 * what says so ("dừng khảo sát", "thôi mai làm tiếp", "hủy").
 *
 * @example
 * declinesQuestion('ko cần')    // true
 * declinesQuestion('thôi khỏi') // true
 * declinesQuestion('khỏi đặt phòng nữa') // false: that gives up the booking
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';

/** Folded, casual spellings expanded ("ko", "k", "hok" → "khong"); particles may follow. */
const DECLINES = new RegExp([
  String.raw`^(?:(?:thoi|a|u|uh|da|ok|oke|okay|vay) )*(?:khoi|(?:khong|chang|hong) (?:can|can thiet))(?: (?:dau|a|ah|ak|nhe|nha|nhen|ad|ha|luon|di|roi|lam|ban|ban oi|thanks|thank you|cam on))*$`,
  String.raw`^(?:no|nah|nope),? (?:thanks|thank you)$`,
  String.raw`^(?:(?:no|nah|ok|okay) )?(?:no need|not needed|not necessary|pass|i ll pass|i ll skip)(?: (?:thanks|thank you))?$`,
].join('|'));

/**
 * Whether a reply declines the question asked (see the module comment).
 *
 * @example
 * declinesQuestion('khoi nha') // true
 */
export function declinesQuestion(text: string): boolean {
  const words = foldWords(normalizeForMatching(text)).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  return words !== '' && DECLINES.test(words);
}
