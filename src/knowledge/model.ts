/**
 * The fitted confidence models (`confidence-model.json`, written by `uom kb calibrate`): the
 * ranker (does this passage answer?) and the gate (is the answer we would quote right?), with
 * the gate's threshold. There is no module-level copy: each bot holds the model it loaded
 * (`knowledgeFeatures()` loads it once per bot instance), so two bots in one process, or a test
 * that swaps the model, never share or overwrite each other's; one-shot callers (CLI,
 * evaluation) load it per call.
 *
 * @example
 * const model = loadConfidenceModel();
 * model.threshold // 0.65
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

/**
 * Reads and validates a model file (default: the shipped one). A few hundred bytes: callers that
 * answer many questions keep the result (the bot's knowledge feature does).
 *
 * @example
 * const model = loadConfidenceModel();
 */
export function loadConfidenceModel(path: string = MODEL_PATH): ConfidenceModel {
  return ModelFile.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * The shipped model, read now (no cache shared across the process; see the module comment).
 *
 * @example
 * confidenceModel().threshold
 */
export function confidenceModel(): ConfidenceModel {
  return loadConfidenceModel();
}
