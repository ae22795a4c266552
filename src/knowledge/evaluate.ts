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
import { answerQuestion, answerText } from './answer.js';
import { fold } from '../nlu/fold.js';
import { ingestPath } from './ingest.js';
import type { Llm } from './llm.js';

const caseSchema = z.object({
  id: z.string(),
  q: z.string().min(1),
  doc: z.string().nullable(),
  facts: z.array(z.string()),
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

/** Runs the evaluation in a fresh in-memory database. */
export async function evaluate(
  cases: EvalCase[],
  corpus: string,
  options: { llm?: Llm; onCase?: (result: CaseResult) => void; store?: Store } = {},
): Promise<{ metrics: EvalMetrics; results: CaseResult[]; ingested: number }> {
  // A fresh in-memory database unless the caller brings an empty, migrated one (tests).
  const store = options.store ?? (await openPglite());
  try {
    if (!options.store) await migrate(store as PgliteStore);
    const report = await ingestPath(store, corpus, { llm: options.llm });
    const results: CaseResult[] = [];
    for (const c of cases) {
      const answer = await answerQuestion(store, c.q, { llm: options.llm, k: 5 });
      const result: CaseResult = {
        id: c.id,
        passages: answer.passages.map((p) => ({ doc: basename(p.doc), text: p.text, score: p.score })),
        answer: answerText(answer),
        abstained: answer.abstained,
      };
      results.push(result);
      options.onCase?.(result);
    }
    return { metrics: score(cases, results), results, ingested: report.added + report.replaced };
  } finally {
    if (!options.store) await store.close();
  }
}
