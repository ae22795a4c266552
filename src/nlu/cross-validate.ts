/**
 * k-fold cross-validation of the content's own examples: each fold is understood by a model
 * trained on the others. It tells how well phrasings the model never saw are understood, and
 * how honest the confidence is (expected calibration error over 10 bins).
 *
 * @example
 * crossValidate({ contentDir: 'content', timeZone: 'Asia/Ho_Chi_Minh', folds: 5 }).accuracy // 0.9
 */
import { createNlu } from './create.js';
import { loadNluContent } from './content.js';
import { INTENT_NAMES, type IntentName } from './types.js';

/** The outcome of a cross-validation. */
export interface CrossValidationReport {
  examples: number;
  accuracy: number;
  calibrationError: number;
  perIntent: { intent: IntentName; cases: number; accuracy: number }[];
  confusions: { expected: IntentName; got: IntentName; count: number }[];
}

/**
 * Runs k-fold cross-validation (examples dealt to folds round-robin after a fixed shuffle).
 *
 * @example
 * crossValidate({ contentDir: 'content', timeZone: 'Asia/Ho_Chi_Minh' })
 */
export function crossValidate(options: { contentDir: string; timeZone: string; folds?: number; seed?: number }): CrossValidationReport {
  const folds = options.folds ?? 5;
  const examples = loadNluContent(options.contentDir).examples;
  let seed = options.seed ?? 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const order = examples.map((_, i) => i).sort(() => random() - 0.5);
  const foldOf = new Map(order.map((index, position) => [index, position % folds]));
  const now = new Date('2026-12-01T02:00:00Z');
  const outcomes: { expected: IntentName; got: IntentName; confidence: number }[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const train = examples.filter((_, i) => foldOf.get(i) !== fold);
    const test = examples.filter((_, i) => foldOf.get(i) === fold);
    const nlu = createNlu({ contentDir: options.contentDir, timeZone: options.timeZone, examples: train });
    for (const e of test) {
      const u = nlu.understand(e.text, { now });
      outcomes.push({ expected: e.intent, got: u.intent, confidence: u.confidence });
    }
  }
  const bins = Array.from({ length: 10 }, () => ({ n: 0, correct: 0, confidence: 0 }));
  for (const o of outcomes) {
    const bin = bins[Math.min(9, Math.floor(o.confidence * 10))]!;
    bin.n += 1;
    bin.confidence += o.confidence;
    if (o.expected === o.got) bin.correct += 1;
  }
  const calibrationError = bins.reduce((sum, b) => sum + (b.n ? Math.abs(b.correct / b.n - b.confidence / b.n) * (b.n / outcomes.length) : 0), 0);
  const pairs = new Map<string, { expected: IntentName; got: IntentName; count: number }>();
  for (const o of outcomes) {
    if (o.expected === o.got) continue;
    const key = `${o.expected}>${o.got}`;
    const p = pairs.get(key) ?? { expected: o.expected, got: o.got, count: 0 };
    p.count += 1;
    pairs.set(key, p);
  }
  return {
    examples: outcomes.length,
    accuracy: outcomes.filter((o) => o.expected === o.got).length / outcomes.length,
    calibrationError,
    perIntent: INTENT_NAMES.map((intent) => {
      const mine = outcomes.filter((o) => o.expected === intent);
      return { intent, cases: mine.length, accuracy: mine.length ? mine.filter((o) => o.got === intent).length / mine.length : NaN };
    }).filter((p) => p.cases > 0),
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count),
  };
}
