/**
 * The rules over the classifier's ranking put one intent ahead of another by swapping their
 * scores (the probabilities still sum as before), then sort again.
 *
 * @example
 * swapScores([{ intent: 'menu', score: 0.6 }, { intent: 'kb_question', score: 0.3 }], 'menu', 'kb_question')[0].intent // 'kb_question'
 */
import type { IntentName } from './types.js';

export type Ranked = { intent: IntentName; score: number }[];

/** `ranked` with the scores of intents `a` and `b` exchanged, best first. */
export function swapScores(ranked: Ranked, a: IntentName, b: IntentName): Ranked {
  const first = ranked.find((r) => r.intent === a);
  const second = ranked.find((r) => r.intent === b);
  if (!first || !second) return ranked;
  return ranked
    .map((r) => (r === first ? { intent: r.intent, score: second.score } : r === second ? { intent: r.intent, score: first.score } : r))
    .sort((x, y) => y.score - x.score);
}
