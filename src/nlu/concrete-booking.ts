/**
 * A polite booking is worded as a question ("Kính gửi anh chị, cho tôi hỏi tôi có thể đặt hội
 * trường thứ Hai tuần sau từ 8 giờ sáng được không ạ?"), and the words of asking pull it to the
 * knowledge base. A question about the rules does not name a space, a day and an hour: one that
 * names all three asks for that booking. When the knowledge question comes first and the booking
 * second, they swap scores (the mirror of `rulesQuestionFirst` in create.ts, which sends a
 * booking-worded question about days in general to the knowledge base).
 *
 * @example
 * concreteBookingFirst(ranked, { space: 'hall', date: '2026-12-07', start: '08:00' }, 'cho toi hoi ...')
 * // booking_new first when it was second after kb_question
 */
import { isHabitual } from './entities/habitual.js';
import type { IntentName, Slots } from './types.js';

// Below this the booking was never a serious reading of the message.
const SECOND_AT_LEAST = 0.1;

/**
 * The ranking with a concrete booking (space, date and start named, no booking code) moved
 * ahead of a knowledge question just above it.
 *
 * @example
 * concreteBookingFirst([{ intent: 'kb_question', score: 0.7 }, { intent: 'booking_new', score: 0.3 }], slots, text)[0].intent // 'booking_new'
 */
export function concreteBookingFirst(ranked: { intent: IntentName; score: number }[], slots: Slots, normalized: string): { intent: IntentName; score: number }[] {
  const [first, second] = ranked;
  if (first?.intent !== 'kb_question' || second?.intent !== 'booking_new' || second.score < SECOND_AT_LEAST) return ranked;
  if (!slots.space || !slots.date || !slots.start || slots.code || isHabitual(normalized)) return ranked;
  return [{ intent: second.intent, score: first.score }, { intent: first.intent, score: second.score }, ...ranked.slice(2)];
}
