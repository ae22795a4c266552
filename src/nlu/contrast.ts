/**
 * "Not this, that": a message that refuses one thing and asks for another ("mình không muốn hủy,
 * chỉ muốn xem lại lịch", "ko cần đặt mới đâu, đổi giúp mình sang thứ 6", "I don't want to
 * cancel, I just want to see my bookings"). The refused clause names an intent the founder does
 * not want, and its words ("không muốn", "hủy") pull towards a refusal of consent or a
 * cancellation; the request is the clause after it. The classifier reads that clause alone.
 *
 * @example
 * contrastedRequest('minh khong muon huy, chi muon xem lai lich') // 'xem lai lich'
 * contrastedRequest('minh khong muon huy lich')                    // undefined
 */

// A wish refused: a negator before a verb of wanting or needing (folded, casual spellings expanded).
const REFUSED_WISH = /\b(?:khong|chang|cha|dau co|dung|don'?t|don t|do not|not)\s+(?:(?:con|can|phai)\s+)?(?:muon|can|dinh|phai|want|need|wanna|trying to|mean to|going to)\b/;
// Where the request begins after it: a comma or "mà / chỉ / but / just / only / I want".
const TURN = /\s*(?:[,;.!]|\bma\b|\bchi\b|\bbut\b|\bjust\b|\bonly\b|\brather\b|\binstead\b)\s*/g;
// The request clause asks for something (not "…, cảm ơn").
const ASKS = /\b(?:muon|can|xem|doi|dat|huy|cho (?:em|minh|toi|e)|giup|nho|xin|want|need|see|show|move|book|cancel|change|please|let me|hay|di|hoi|ask|know|biet)\b/;
// A request clause negated in turn ("…, mà cũng không cần xem") is no request.
const NEGATED = /\b(?:khong|chang|don'?t|don t|do not|not)\b/;

// "chỉ / mà / just / only … thôi" mark the turn, and "mình muốn / I want to" the wish the turn
// already says: what is asked follows them ("chỉ" alone reads as a menu word, "muốn" as many).
const HEDGE_START = /^(?:(?:ma|chi|but|just|only|rather|instead|minh|em|toi|tui|to|i|we|muon|want to|would like to|d like to)\s+)+/;
const HEDGE_END = /\s+(?:thoi|thui)(?:\s+(?:a|nha|nhe|nhen))?$/;

/**
 * The clause a founder asks for after refusing another, or undefined when the message does not
 * have that shape.
 *
 * @example
 * contrastedRequest("i don't want to cancel, i just want to see my bookings") // 'see my bookings'
 */
export function contrastedRequest(normalized: string): string | undefined {
  const refused = REFUSED_WISH.exec(normalized);
  if (!refused) return undefined;
  TURN.lastIndex = refused.index + refused[0].length;
  for (let m = TURN.exec(normalized); m; m = TURN.exec(normalized)) {
    // The refused clause says what is refused: at least one word after the wish.
    const between = normalized.slice(refused.index + refused[0].length, m.index).trim();
    if (!between) continue;
    const rest = normalized.slice(m.index).replace(/^[\s,;.!]+/, '').trim();
    if ((rest.match(/[\p{L}\p{N}]+/gu) ?? []).length < 2) return undefined;
    if (!ASKS.test(rest) || NEGATED.test(rest)) return undefined;
    return rest.replace(HEDGE_START, '').replace(HEDGE_END, '').trim();
  }
  return undefined;
}
