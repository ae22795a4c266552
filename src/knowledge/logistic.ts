/**
 * A small logistic regression (L2-regularised, fitted by gradient descent on standardised
 * features): the knowledge base's confidence models are fitted with it on the development sets
 * (`uom kb calibrate`) and shipped as weights in `confidence-model.json`.
 *
 * @example
 * const model = fitLogistic(['coverage'], [[0.9], [0.1]], [1, 0]);
 * predictLogistic(model, { coverage: 0.8 }) // ≈ 0.7
 */
export interface LogisticModel {
  features: string[];
  /** Weights on the raw feature values (standardisation folded in). */
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights. */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Weight of each example (e.g. to balance classes); default 1. */
  sampleWeights?: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

/**
 * Fits a logistic regression: rows of feature values (in `features` order) and 0/1 labels.
 *
 * @example
 * fitLogistic(['a'], [[1], [0]], [1, 0]).weights[0] > 0 // true
 */
export function fitLogistic(features: string[], rows: number[][], labels: number[], options: FitOptions = {}): LogisticModel {
  const { l2 = 0.05, iterations = 1500, learningRate = 0.3 } = options;
  const d = features.length;
  const n = rows.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / Math.max(1, n));
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / Math.max(1, n)) || 1);
  // Standardised rows in one flat array, and plain loops: calibration fits the ranker on tens of
  // thousands of passages dozens of times (leave-one-set-out), so this loop is most of its time.
  // The sums run in the same order as a reduce would, so the weights do not change with it.
  const x = new Float64Array(n * d);
  rows.forEach((r, i) => r.forEach((v, j) => (x[i * d + j] = (v - mean[j]!) / sd[j]!)));
  const sw = options.sampleWeights ?? rows.map(() => 1);
  const total = sw.reduce((a, b) => a + b, 0) || 1;
  const w = new Float64Array(d);
  const gw = new Float64Array(d);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    gw.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += x[row + j]! * w[j]!;
      const e = (sigmoid(b + z) - labels[i]!) * sw[i]!;
      for (let j = 0; j < d; j++) gw[j]! += e * x[row + j]!;
      gb += e;
    }
    for (let j = 0; j < d; j++) w[j]! -= learningRate * (gw[j]! / total + l2 * w[j]!);
    b -= learningRate * (gb / total);
  }
  // Back to raw feature values: w_raw = w / sd, bias absorbs the means.
  const weights = [...w].map((v, j) => v / sd[j]!);
  const bias = b - [...w].reduce((s, v, j) => s + (v * mean[j]!) / sd[j]!, 0);
  return { features, weights: weights.map(round), bias: round(bias) };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The model's probability for named feature values (a missing feature counts as 0).
 *
 * @example
 * predictLogistic({ features: ['a'], weights: [2], bias: -1 }, { a: 1 }) // ≈ 0.73
 */
export function predictLogistic(model: LogisticModel, values: Readonly<Record<string, number>>): number {
  return sigmoid(model.bias + model.features.reduce((s, f, j) => s + (values[f] ?? 0) * model.weights[j]!, 0));
}
