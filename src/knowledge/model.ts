/**
 * The fitted confidence models (`confidence-model.json`, written by `uom kb calibrate`): the
 * ranker (does this passage answer?) and the gate (is the answer we would quote right?), with
 * the gate's threshold.
 *
 * @example
 * confidenceModel().threshold // 0.5
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LogisticModel } from './logistic.js';

const Logistic = z.object({ features: z.array(z.string()), weights: z.array(z.number()), bias: z.number() });
const ModelFile = z.object({ ranker: Logistic, gate: Logistic, threshold: z.number().min(0).max(1) });
export type ConfidenceModel = { ranker: LogisticModel; gate: LogisticModel; threshold: number };

/** Where the shipped model lives. */
export const MODEL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'confidence-model.json');

let loaded: ConfidenceModel | null = null;

/** The shipped model (read once). */
export function confidenceModel(): ConfidenceModel {
  loaded ??= ModelFile.parse(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
  return loaded;
}
