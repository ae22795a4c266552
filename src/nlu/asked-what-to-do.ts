/**
 * "What do I need to bring?", "what should we prepare?", "do I have to wear anything?": a founder
 * asking what is expected of them asks the documents, but the English "what … I …" of the menu's
 * examples ("what can I do here") pulls such a question to `menu`. When `menu` comes first for a
 * question about what the founder must do, bring or prepare, it and `kb_question` swap scores
 * (as `papersAskedFirst` does). A rule, not examples: three such examples moved the development
 * set (0.987 → 0.980) and held-out sets D and I.
 *
 * @example
 * askedWhatToDoFirst([{ intent: 'menu', score: 0.55 }, { intent: 'kb_question', score: 0.3 }], 'what do i need to bring')[0].intent // 'kb_question'
 */
import { swapScores } from './swap-scores.js';
import type { IntentName } from './types.js';

const WHAT_IS_EXPECTED = /^(?:(?:so|and|ok|hi|hello) )?(?:what|which|do|does|must|should|have) (?:do|does|should|must|shall|will|would)? ?(?:i|we|my team|our team|founders|participants) (?:need to|have to|got to|must|should|ought to)? ?(?:bring|prepare|wear|submit|pay|print|carry|sign|show|provide|send)\b/;

/**
 * The ranking with `kb_question` ahead of `menu` when the message asks what the founder must
 * bring, prepare or hand in.
 *
 * @example
 * askedWhatToDoFirst(ranked, 'what can i do here') // unchanged: the menu's question
 */
export function askedWhatToDoFirst(ranked: { intent: IntentName; score: number }[], normalized: string): { intent: IntentName; score: number }[] {
  const first = ranked[0]!;
  if (first.intent !== 'menu' || !WHAT_IS_EXPECTED.test(normalized)) return ranked;
  return swapScores(ranked, 'menu', 'kb_question');
}
