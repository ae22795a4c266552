/**
 * The collected searches of a calibration set, kept on disk between runs: collecting (ingesting a
 * corpus into a fresh database and weighing every candidate of every question) is most of a
 * calibration's time, about twenty seconds a set, while refitting the models over what was
 * collected takes seconds. The key is a hash of everything the collection depends on: the cases,
 * the corpus files, and the code and content the search reads (`src/`, `content/`,
 * `supabase/migrations`, without the calibration's own files and tests), so a change to
 * any of them collects afresh. Never used with an LLM (embeddings come from outside).
 *
 * @example
 * const collected = await collectCached(set, { dir: '/tmp/uom-kb-calibrate' });
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectCases, type CollectedCase, type EvalCase } from './evaluate.js';
import type { Llm } from './llm.js';

/** The repository's root (this file is `src/knowledge/calibrate-cache.ts`). */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIRS = ['src', 'content', 'supabase/migrations'];
/** Files that do not change what a search finds: the calibration itself and tests. */
const NOT_SEARCH = (path: string) => /^src\/knowledge\/(calibrate[^/]*|cli)\.ts$/.test(path) || /\.test\.ts$/.test(path);

export interface CollectSet {
  name: string;
  cases: EvalCase[];
  corpus: string | readonly string[];
}

/** Every file under a folder (sorted, so the hash does not depend on the directory order). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

let sourceHash: string | undefined;

/** A hash of the code and content the search reads (once per process). */
function sourceFingerprint(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    for (const file of filesUnder(join(ROOT, dir))) {
      const path = relative(ROOT, file).split('\\').join('/');
      if (NOT_SEARCH(path)) continue;
      hash.update(path).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  sourceHash = hash.digest('hex');
  return sourceHash;
}

/**
 * The cache key of a set: its cases, its corpus files (by their path inside their folder, as
 * documents are keyed) and the source fingerprint.
 *
 * @example
 * collectionKey({ name: 'kb-dev', cases, corpus: '../shared/corpus/seeds' }) // 'kb-dev-3f2a…'
 */
export function collectionKey(set: CollectSet): string {
  const hash = createHash('sha256').update(sourceFingerprint()).update(JSON.stringify(set.cases));
  for (const dir of typeof set.corpus === 'string' ? [set.corpus] : set.corpus) {
    hash.update('\0corpus\0');
    for (const file of filesUnder(dir)) hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return `${set.name}-${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Collects a set's cases (`collectCases`), or reads them from the cache folder when the same
 * cases, corpus and sources were collected before. Without a folder, or with an LLM, collects.
 */
export async function collectCached(set: CollectSet, options: { dir?: string; llm?: Llm } = {}): Promise<CollectedCase[]> {
  if (!options.dir || options.llm) return (await collectCases(set.cases, set.corpus, { llm: options.llm })).collected;
  const file = join(options.dir, `${collectionKey(set)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CollectedCase[];
  const { collected } = await collectCases(set.cases, set.corpus);
  mkdirSync(options.dir, { recursive: true });
  // Written whole, then renamed: a run stopped midway leaves no half file behind.
  writeFileSync(`${file}.tmp`, JSON.stringify(collected));
  renameSync(`${file}.tmp`, file);
  return collected;
}
