/**
 * A bare greeting typed in the middle of a flow ("chào", "alo", "hi", "dạ chào anh"): the founder
 * is saying hello, not answering. The engine acknowledges it and asks the same question again
 * without counting a miss. The NLU alone is not enough at a name question ("Lan" reads as a
 * greeting), so the whole text must also be a greeting word with at most a form of address.
 *
 * @example
 * bareGreeting(turn, 'alo')  // true
 * bareGreeting(turn, 'Lan')  // false
 */
import type { Turn } from '../../bot/turn.js';
import { understandTurn } from './understand.js';

/** Greeting words, then optional forms of address and particles, folded as the NLU normalises. */
const GREETING = new RegExp(
  '^(da |a |oi )?(xin chao|chao|alo|alo alo|hi|hello|helo|hey|he lo|good (morning|afternoon|evening))'
  + '( (ban|em|anh|chi|ad|admin|bot|uom|a|nha|nhe|nhe|ca nha|buoi (sang|chieu|toi)|there|all))*$',
);

export function bareGreeting(turn: Turn, text: string): boolean {
  const u = understandTurn(turn, text);
  return Boolean(u && !u.unsure && u.intent === 'greeting' && GREETING.test(u.normalized));
}
