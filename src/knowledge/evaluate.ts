/**
 * `uom kb eval`: ingests a corpus into a fresh in-memory database, runs every case through
 * search and answering, and scores it as `../shared/eval/README.md` defines: fact-hit@1,
 * fact-hit@3, doc-hit@1 and answer-hit over cases with a document, abstention over cases
 * without one. Facts match on folded text.
 *
 * @example
 * const result = await evaluate(loadCases('cases.jsonl'), 'corpus/');
 * result.metrics.factHit3 // 1
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { migrate } from '../store/migrate.js';
import { openPglite, type PgliteStore } from '../store/pglite-driver.js';
import type { Store } from '../store/store.js';
import { answerText, decide, type Answer, type DecideOptions } from './answer.js';
import { fold } from '../nlu/fold.js';
import { ingestPath } from './ingest.js';
import type { Llm } from './llm.js';
import { predictLogistic } from './logistic.js';
import { confidenceModel, type ConfidenceModel } from './model.js';
import { searchKnowledgeWithQuery, type Passage, type SearchHits } from './search.js';

const caseSchema = z.object({
  id: z.string(),
  q: z.string().min(1),
  doc: z.string().nullable(),
  facts: z.array(z.string()),
  /** Category of the case (kb-dev-2: vi, casual, en, paraphrase, disambiguate, trap, offtopic). */
  cat: z.string().optional(),
});
export type EvalCase = z.infer<typeof caseSchema>;

export interface CaseResult {
  id: string;
  passages: { doc: string; text: string; score: number }[];
  answer: string;
  abstained: boolean;
}

export interface EvalMetrics {
  cases: number;
  answerable: number;
  factHit1: number;
  factHit3: number;
  docHit1: number;
  answerHit: number;
  /** Over cases without a document; null when there are none. */
  abstention: number | null;
}

/** Raised for a cases file that is not valid JSON lines in the documented format. */
export class EvalCasesError extends Error {
  readonly code = 'KB_EVAL_CASES';
}

/**
 * Reads a JSON-lines file of cases (blank lines ignored).
 *
 * @example
 * loadCases('tests/knowledge/fixtures/cases.jsonl').length
 */
export function loadCases(path: string): EvalCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      try {
        return caseSchema.parse(JSON.parse(line));
      } catch (error) {
        throw new EvalCasesError(`${basename(path)} line ${n}: ${(error as Error).message.split('\n')[0]}`);
      }
    });
}

/**
 * True when a text contains one of the facts (folded, as the evaluation README defines).
 *
 * @example
 * containsFact('Phí 5.000 đồng', ['5.000 dong']) // true
 */
export const containsFact = (text: string, facts: string[]) => contains(text, facts);
const contains = (text: string, facts: string[]) => facts.some((f) => fold(text).includes(fold(f)));

/** Scores case results against the cases (see the module comment). */
export function score(cases: EvalCase[], results: CaseResult[]): EvalMetrics {
  const byId = new Map(results.map((r) => [r.id, r]));
  const answerable = cases.filter((c) => c.doc !== null);
  const none = cases.filter((c) => c.doc === null);
  const rate = (list: EvalCase[], ok: (c: EvalCase, r: CaseResult) => boolean) =>
    list.length ? list.filter((c) => ok(c, byId.get(c.id)!)).length / list.length : 0;
  return {
    cases: cases.length,
    answerable: answerable.length,
    factHit1: rate(answerable, (c, r) => r.passages.slice(0, 1).some((p) => contains(p.text, c.facts))),
    factHit3: rate(answerable, (c, r) => r.passages.slice(0, 3).some((p) => contains(p.text, c.facts))),
    docHit1: rate(answerable, (c, r) => r.passages[0]?.doc === c.doc),
    answerHit: rate(answerable, (c, r) => !r.abstained && contains(r.answer, c.facts)),
    abstention: none.length ? rate(none, (_c, r) => r.abstained) : null,
  };
}

/**
 * The metrics per category (`cat`), plus `all`.
 *
 * @example
 * scoreByCategory(cases, results).casual.answerHit
 */
export function scoreByCategory(cases: EvalCase[], results: CaseResult[]): Record<string, EvalMetrics> {
  const out: Record<string, EvalMetrics> = { all: score(cases, results) };
  for (const cat of [...new Set(cases.map((c) => c.cat).filter((c): c is string => Boolean(c)))]) {
    const subset = cases.filter((c) => c.cat === cat);
    out[cat] = score(subset, results.filter((r) => subset.some((c) => c.id === r.id)));
  }
  return out;
}

/**
 * A case with every candidate passage search weighed for it (before ranking by a model): plain
 * data (the understood question and the passages), so calibration can keep it on disk.
 */
export interface CollectedCase {
  case: EvalCase;
  search: SearchHits;
}

/** How many candidates are kept per case, so other models can re-rank them. */
const COLLECTED = 24;

/**
 * Ingests a corpus into a fresh in-memory database (or the given one) and collects, per case,
 * the understood question and all weighed candidates.
 *
 * @example
 * const collected = await collectCases(loadCases('cases.jsonl'), 'corpus/');
 */
export async function collectCases(cases: EvalCase[], corpus: string | readonly string[], options: { llm?: Llm; store?: Store } = {}): Promise<{ collected: CollectedCase[]; ingested: number }> {
  const store = options.store ?? (await openPglite());
  try {
    if (!options.store) await migrate(store as PgliteStore);
    // Several folders are ingested into the one base (a set over the centre's files and the
    // seed articles); documents are keyed by their path inside their folder.
    let ingested = 0;
    for (const dir of typeof corpus === 'string' ? [corpus] : corpus) {
      const report = await ingestPath(store, dir, { llm: options.llm });
      ingested += report.added + report.replaced;
    }
    const collected: CollectedCase[] = [];
    for (const c of cases) {
      const { query, passages } = await searchKnowledgeWithQuery(store, c.q, { k: COLLECTED, llm: options.llm, candidates: COLLECTED });
      collected.push({ case: c, search: { query, passages } });
    }
    return { collected, ingested };
  } finally {
    if (!options.store) await store.close();
  }
}

/**
 * Ranks a collected case's candidates with a model's ranker and decides the answer with its gate.
 *
 * @example
 * const answer = rankAndDecide(collected[0], confidenceModel());
 */
export function rankAndDecide(item: CollectedCase, model: ConfidenceModel, k = 5, options: DecideOptions = {}): Answer {
  const passages: Passage[] = item.search.passages
    .map((p) => {
      const confidence = Math.round(predictLogistic(model.ranker, p.evidence.features) * 10_000) / 10_000;
      return { ...p, confidence, score: confidence };
    })
    .sort((a, b) => b.score - a.score || b.bm25 - a.bm25 || a.chunk_id - b.chunk_id)
    .slice(0, k);
  return decide(item.search.query, passages, model, model.threshold, options);
}

/** The case result of an answer, as `score` reads it. */
export function caseResult(id: string, answer: Answer): CaseResult {
  return {
    id,
    passages: answer.passages.map((p) => ({ doc: basename(p.doc), text: p.text, score: p.score })),
    answer: answerText(answer),
    abstained: answer.abstained,
  };
}

/** Runs the evaluation in a fresh in-memory database (or the given empty, migrated one). */
export async function evaluate(
  cases: EvalCase[],
  corpus: string | readonly string[],
  options: { llm?: Llm; onCase?: (result: CaseResult) => void; store?: Store; model?: ConfidenceModel } = {},
): Promise<{ metrics: EvalMetrics; results: CaseResult[]; ingested: number; byCategory: Record<string, EvalMetrics> }> {
  const { collected, ingested } = await collectCases(cases, corpus, options);
  const model = options.model ?? confidenceModel();
  const results = collected.map((item) => {
    const result = caseResult(item.case.id, rankAndDecide(item, model));
    options.onCase?.(result);
    return result;
  });
  return { metrics: score(cases, results), results, ingested, byCategory: scoreByCategory(cases, results) };
}
