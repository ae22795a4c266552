/**
 * Fits the confidence models on development sets and reports them honestly: the ranker (does
 * this passage hold a fact of the answer?) over every weighed candidate, the gate (is the quoted
 * answer right?) over every question, and the gate's threshold, chosen to balance answer-hit and
 * abstention. The figures come twice: in-sample (the shipped model, fitted on everything) and
 * cross-validated (k folds over the union of the sets: each fold scored by a model fitted on the
 * other folds only), so the threshold is never tuned on the cases it is scored on.
 *
 * @example
 * const report = await calibrate([{ name: 'kb-dev', cases, corpus }], { folds: 5 });
 * report.crossValidated['kb-dev'].all.answerHit
 */
import { createHash } from 'node:crypto';
import { decide, extractiveAnswer, gateFeatures } from './answer.js';
import { caseResult, collectCases, containsFact, rankAndDecide, scoreByCategory, type CollectedCase, type EvalCase, type EvalMetrics } from './evaluate.js';
import { PASSAGE_FEATURES } from './evidence.js';
import type { Llm } from './llm.js';
import { fitLogistic, predictLogistic } from './logistic.js';
import type { ConfidenceModel } from './model.js';

export interface DevSet {
  name: string;
  cases: EvalCase[];
  corpus: string;
}

export interface CalibrationReport {
  model: ConfidenceModel;
  /** Per set, per category: the model fitted on everything, scored on everything. */
  inSample: Record<string, Record<string, EvalMetrics>>;
  /** Per set, per category: each case scored by the model of the folds it was not in. */
  crossValidated: Record<string, Record<string, EvalMetrics>>;
  folds: number;
}

/**
 * The gate's evidence: few, robust features (the in-sample and cross-validated figures stay
 * close): the top passage's probability, the quoted sentence's coverage of the question and of
 * its most distinctive concepts, the most important concept the quoted sentence (with its
 * heading and title) lacks (`sgap`: a passage that names the fund somewhere does not make a
 * sentence without its size an answer), whether the quote holds the kind of fact asked, and
 * its coverage of what is asked about the question's names (`sbody`: a sentence that names the
 * fund and states another fact of it covers the name only).
 */
const GATE_FEATURES = ['top', 'sentence', 'sdistinct', 'sgap', 'kindOk', 'sbody'];
const RANKER_L2 = 0.02;
const GATE_L2 = 0.05;
/**
 * Weight, in the gate's fit, of an answerable question whose quote misses the fact: that is the
 * ranker's or the extraction's failure, not evidence that such answers should be refused (at
 * full weight these cases teach the gate to refuse good answers that look the same).
 */
const MISSED_WEIGHT = 0;

/** The threshold is chosen on the gate alone: the rules that only add abstentions come on top. */
const GATE_ONLY = { gateOnly: true } as const;

interface Item extends CollectedCase {
  set: string;
}

/** Ranks an item's candidates with a ranker (all of them, best first). */
function ranked(item: Item, model: Pick<ConfidenceModel, 'ranker'>) {
  return item.search.passages
    .map((p) => ({ ...p, confidence: predictLogistic(model.ranker, p.evidence.features) }))
    .sort((a, b) => b.confidence - a.confidence || b.bm25 - a.bm25 || a.chunk_id - b.chunk_id);
}

/** Fits ranker, gate and threshold on some items. */
export function fitModel(items: readonly CollectedCase[]): ConfidenceModel {
  const features = [...PASSAGE_FEATURES];
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const item of items) {
    for (const p of item.search.passages) {
      rows.push(features.map((f) => p.evidence.features[f]));
      labels.push(item.case.doc !== null && containsFact(p.text, item.case.facts) ? 1 : 0);
    }
  }
  const positives = labels.filter(Boolean).length || 1;
  const balance = (labels.length - positives) / positives;
  const ranker = fitLogistic(features, rows, labels, { sampleWeights: labels.map((l) => (l ? balance : 1)), l2: RANKER_L2 });
  const gateRows: number[][] = [];
  const gateLabels: number[] = [];
  const gateWeights: number[] = [];
  for (const item of items) {
    const passages = ranked(item as Item, { ranker }).slice(0, 5);
    const extractive = extractiveAnswer(item.search.query, passages);
    const gate = gateFeatures(item.search.query, passages, extractive.best);
    gateRows.push(GATE_FEATURES.map((f) => gate[f] ?? 0));
    const good = item.case.doc !== null && Boolean(extractive.text) && containsFact(extractive.text, item.case.facts);
    gateLabels.push(good ? 1 : 0);
    gateWeights.push(good || item.case.doc === null ? 1 : MISSED_WEIGHT);
  }
  const gate = fitLogistic(GATE_FEATURES, gateRows, gateLabels, { l2: GATE_L2, sampleWeights: gateWeights });
  // The threshold that best balances answer-hit (answerable cases) and abstention (the others).
  const answerable = items.filter((i) => i.case.doc !== null);
  const none = items.filter((i) => i.case.doc === null);
  const grid: { threshold: number; value: number }[] = [];
  for (let t = 0.2; t <= 0.8001; t += 0.025) {
    const model: ConfidenceModel = { ranker, gate, threshold: t };
    const hit = answerable.filter((i) => {
      const a = rankAndDecide(i, model, 5, GATE_ONLY);
      return !a.abstained && containsFact(a.text, i.case.facts);
    }).length / Math.max(1, answerable.length);
    const abstained = none.filter((i) => rankAndDecide(i, model, 5, GATE_ONLY).abstained).length / Math.max(1, none.length);
    grid.push({ threshold: Math.round(t * 1000) / 1000, value: (hit + abstained) / 2 });
  }
  // The middle of a good plateau, not a lucky spike: each threshold is judged by the mean of it
  // and its two neighbours on each side (ties: nearer 0.5), so a case or two more or less in the
  // training folds moves it little.
  let best = { threshold: 0.5, value: -1 };
  grid.forEach((g, n) => {
    const around = grid.slice(Math.max(0, n - 2), n + 3);
    const value = around.reduce((sum, x) => sum + x.value, 0) / around.length - Math.abs(g.threshold - 0.5) * 0.001;
    if (value > best.value) best = { threshold: g.threshold, value };
  });
  return { ranker, gate, threshold: best.threshold };
}

/** A stable fold for a case id (so reruns use the same split). */
function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(id).digest()[0]! % folds;
}

/** Collects the sets, fits on all of them and cross-validates (see the module comment). */
export async function calibrate(sets: DevSet[], options: { folds?: number; llm?: Llm; model?: ConfidenceModel } = {}): Promise<CalibrationReport> {
  const folds = options.folds ?? 5;
  const items: Item[] = [];
  for (const set of sets) {
    const { collected } = await collectCases(set.cases, set.corpus, { llm: options.llm });
    items.push(...collected.map((c) => ({ ...c, set: set.name, case: { ...c.case, id: `${set.name}:${c.case.id}` } })));
  }
  const model = options.model ?? fitModel(items);
  const crossAnswers = new Map<string, ReturnType<typeof decide>>();
  for (let f = 0; f < folds; f++) {
    const train = items.filter((i) => foldOf(i.case.id, folds) !== f);
    const test = items.filter((i) => foldOf(i.case.id, folds) === f);
    const foldModel = fitModel(train);
    for (const item of test) crossAnswers.set(item.case.id, rankAndDecide(item, foldModel));
  }
  const report = (answerOf: (item: Item) => ReturnType<typeof decide>) => {
    const out: Record<string, Record<string, EvalMetrics>> = {};
    for (const set of sets) {
      const mine = items.filter((i) => i.set === set.name);
      out[set.name] = scoreByCategory(
        mine.map((i) => i.case),
        mine.map((i) => caseResult(i.case.id, answerOf(i))),
      );
    }
    return out;
  };
  return {
    model,
    inSample: report((item) => rankAndDecide(item, model)),
    crossValidated: report((item) => crossAnswers.get(item.case.id)!),
    folds,
  };
}
