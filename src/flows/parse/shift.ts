/**
 * A booking shifted by an amount, as founders type it: "lùi lại 1 tiếng", "dời muộn hơn 30p",
 * "push it back an hour" (later), "sớm hơn 1 tiếng", "bring it forward 30 minutes" (earlier).
 * The booking keeps its length; only its start moves. Both a direction and an amount are needed:
 * "lùi lại" alone, or "1 tiếng" alone (a new length), is not a shift.
 *
 * @example
 * bookingShift('lịch thư viện lùi lại 1 tiếng giúp mình') // 60
 * bookingShift('sớm hơn nửa tiếng nhé')                  // -30
 * bookingShift('đổi thành 1 tiếng')                      // undefined
 */
import { findDuration, normalizeForMatching } from '../../nlu/index.js';

// Later: "lùi (lại)", "đẩy lùi", "hoãn", "muộn/trễ hơn", "push back", "later", "delay", "postpone".
const LATER = /(?:^| )(?:lui(?: lai| xuong| ra)?|day lui|hoan(?: lai)?|muon hon|tre hon|cham hon|muon them|tre them|push(?: it| this| that| my booking| the booking)? back|later|delay(?: it)?|postpone(?: it)?)(?: |$)/;
// Earlier: "sớm hơn", "lên sớm", "đẩy/kéo/đưa lên", "bring forward", "move up", "earlier".
const EARLIER = /(?:^| )(?:som hon|len som|som len|day len|keo len|dua len|bring(?: it)? forward|pull(?: it)? forward|move(?: it)? up|earlier)(?: |$)/;
// "dời lại/ra/xuống" is "postpone" only with its accents: "đổi lại" (change back) folds the same.
const POSTPONE_ACCENTED = /(?:^|\s)dời\s+(?:lại|ra|xuống)(?:\s|$)/iu;

/** Signed minutes (later positive, earlier negative) a text shifts a booking by, or undefined. */
export function bookingShift(text: string): number | undefined {
  const folded = normalizeForMatching(text).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  const later = LATER.test(folded) || POSTPONE_ACCENTED.test(text.normalize('NFC'));
  const earlier = EARLIER.test(folded);
  if (later === earlier) return undefined;
  const amount = findDuration(folded);
  if (!amount || amount >= 24 * 60) return undefined;
  return later ? amount : -amount;
}
