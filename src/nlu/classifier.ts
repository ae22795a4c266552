/**
 * A multinomial logistic regression over sparse features, trained with AdaGrad in a few passes:
 * small, fast (2,000 examples well under a second) and gives probabilities the bot can threshold.
 * Features are strings; the vocabulary is what training saw, so unseen features cost nothing.
 *
 * @example
 * const model = trainClassifier([{ features: new Map([['w:menu', 1]]), label: 3 }], { labels: 23 });
 * model.probabilities(new Map([['w:menu', 1]])) // Float64Array of 23 probabilities
 */

/** Sparse feature vector: feature name → value. */
export type FeatureVector = ReadonlyMap<string, number>;

/** One training example. */
export interface TrainingExample {
  features: FeatureVector;
  label: number;
}

/** Training settings with defaults that suit a few thousand short messages. */
export interface TrainOptions {
  labels: number;
  epochs?: number;
  learningRate?: number;
  /** L2 penalty per example step. */
  l2?: number;
  /** Softmax temperature applied at prediction (calibration; > 1 softens). */
  temperature?: number;
  /** Seed of the shuffling, so training is reproducible. */
  seed?: number;
}

const DEFAULTS = { epochs: 12, learningRate: 0.5, l2: 1e-5, temperature: 1, seed: 7 };

/** A trained model. */
export interface LinearClassifier {
  readonly labels: number;
  /** Class probabilities of a feature vector. */
  probabilities(features: FeatureVector): Float64Array;
  /** The features of a vector that pushed `label` the most (for `uom nlu explain`). */
  contributions(features: FeatureVector, label: number, top?: number): { feature: string; weight: number }[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains the classifier.
 *
 * @example
 * const model = trainClassifier(examples, { labels: 23, epochs: 12 });
 */
export function trainClassifier(examples: readonly TrainingExample[], options: TrainOptions): LinearClassifier {
  const settings = { ...DEFAULTS, ...options };
  const k = settings.labels;
  const index = new Map<string, number>();
  const encoded = examples.map((example) => {
    const ids: number[] = [];
    const values: number[] = [];
    for (const [name, value] of example.features) {
      let id = index.get(name);
      if (id === undefined) {
        id = index.size;
        index.set(name, id);
      }
      ids.push(id);
      values.push(value);
    }
    return { ids, values, label: example.label };
  });
  // One extra row for the bias.
  const rows = index.size + 1;
  const bias = index.size;
  const weights = new Float64Array(rows * k);
  const squared = new Float64Array(rows * k).fill(1e-8);
  const scores = new Float64Array(k);
  const activeClasses = new Int32Array(k);
  const random = mulberry32(settings.seed);
  const order = encoded.map((_, i) => i);
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const position of order) {
      const { ids, values, label } = encoded[position]!;
      for (let c = 0; c < k; c += 1) scores[c] = weights[bias * k + c]!;
      for (let f = 0; f < ids.length; f += 1) {
        const base = ids[f]! * k;
        const v = values[f]!;
        for (let c = 0; c < k; c += 1) scores[c]! += weights[base + c]! * v;
      }
      softmaxInPlace(scores, 1);
      scores[label]! -= 1; // gradient of the cross-entropy
      // Only classes with a real gradient are updated: once the model fits, most classes have a
      // probability near 0 for an example, and skipping them makes training several times faster.
      let active = 0;
      for (let c = 0; c < k; c += 1) if (Math.abs(scores[c]!) > 0) activeClasses[active++] = c;
      for (let f = 0; f <= ids.length; f += 1) {
        const base = f === ids.length ? bias * k : ids[f]! * k;
        const v = f === ids.length ? 1 : values[f]!;
        for (let a = 0; a < active; a += 1) {
          const c = activeClasses[a]!;
          const g = scores[c]! * v + settings.l2 * weights[base + c]!;
          squared[base + c]! += g * g;
          weights[base + c]! -= (settings.learningRate * g) / Math.sqrt(squared[base + c]!);
        }
      }
    }
  }
  const names = [...index.keys()];
  const score = (features: FeatureVector): Float64Array => {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c += 1) out[c] = weights[bias * k + c]!;
    for (const [name, v] of features) {
      const id = index.get(name);
      if (id === undefined) continue;
      const base = id * k;
      for (let c = 0; c < k; c += 1) out[c]! += weights[base + c]! * v;
    }
    return out;
  };
  return {
    labels: k,
    probabilities(features) {
      return softmaxInPlace(score(features), settings.temperature);
    },
    contributions(features, label, top = 8) {
      const list: { feature: string; weight: number }[] = [];
      for (const [name, v] of features) {
        const id = index.get(name);
        if (id !== undefined) list.push({ feature: name, weight: weights[id * k + label]! * v });
      }
      void names;
      return list.sort((a, b) => b.weight - a.weight).slice(0, top);
    },
  };
}

function softmaxInPlace(scores: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c += 1) {
    scores[c] = Math.exp((scores[c]! - max) / temperature);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c += 1) scores[c]! /= sum;
  return scores;
}
