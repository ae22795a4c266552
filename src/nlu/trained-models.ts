/**
 * Trained models kept per process, keyed by everything training reads: the content folder's files
 * (examples, casual spellings, entities, settings, spaces, programmes, button labels), the time
 * zone and the options. Training takes seconds of CPU; a process that builds several bots on the
 * same content (the test suite builds about a hundred) trains once. Edited content has another
 * key, so a model is never stale.
 *
 * @example
 * const nlu = trainedOnce(key, () => train(options));
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MODELS = new Map<string, unknown>();
/** Models kept at most; the oldest is dropped first (a test run makes few distinct ones). */
const MAX_MODELS = 8;

/**
 * A digest of every file under `dir` (names and bytes), in a stable order.
 *
 * @example
 * contentDigest('content') // 'f3a1…'
 */
export function contentDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string): void => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(`${full}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * The model kept for `key`, or the one `train` builds (then kept).
 *
 * @example
 * trainedOnce(`${contentDigest(dir)}|Asia/Ho_Chi_Minh`, () => train()) // trains once per key
 */
export function trainedOnce<T>(key: string, train: () => T): T {
  const kept = MODELS.get(key) as T | undefined;
  if (kept) return kept;
  const model = train();
  MODELS.set(key, model);
  if (MODELS.size > MAX_MODELS) MODELS.delete(MODELS.keys().next().value!);
  return model;
}
