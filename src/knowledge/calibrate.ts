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
import { collectCached, type CollectSet } from './calibrate-cache.js';
import { caseResult, containsFact, rankAndDecide, scoreByCategory, type CollectedCase, type EvalMetrics } from './evaluate.js';
import { PASSAGE_FEATURES } from './evidence.js';
import type { Llm } from './llm.js';
import { fitLogistic, predictLogistic, type LogisticModel } from './logistic.js';
import type { ConfidenceModel } from './model.js';

/** A question set and the documents it asks about (one folder, or several ingested into one base). */
export type DevSet = CollectSet;

export interface CalibrationReport {
  model: ConfidenceModel;
  /** Per set, per category: the model fitted on everything, scored on everything. */
  inSample: Record<string, Record<string, EvalMetrics>>;
  /** Per set, per category: each case scored by the model of the folds it was not in. */
  crossValidated: Record<string, Record<string, EvalMetrics>>;
  /** Per set, per category: each set scored by a model fitted on the other sets (two sets or more). */
  leaveOneSetOut?: Record<string, Record<string, EvalMetrics>>;
  /** The threshold of each set's leave-one-set-out model. */
  leaveOneSetOutThresholds?: Record<string, number>;
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

/** A collected case of a named set (its id prefixed with the set's name). */
export interface Item extends CollectedCase {
  set: string;
}

/** Ranks an item's candidates with a ranker (all of them, best first). */
function ranked(item: Item, model: Pick<ConfidenceModel, 'ranker'>) {
  return item.search.passages
    .map((p) => ({ ...p, confidence: predictLogistic(model.ranker, p.evidence.features) }))
    .sort((a, b) => b.confidence - a.confidence || b.bm25 - a.bm25 || a.chunk_id - b.chunk_id);
}

export interface FitSettings {
  /** The gate's features (default `GATE_FEATURES`). */
  gateFeatures?: readonly string[];
  /**
   * Each set weighs the same in all three fits, whatever its number of cases (default: each
   * case the same). With many sets of new documents, no one set's documents dominate.
   */
  equalSets?: boolean;
  /** A ranker fitted already on the same items and weights (to try gate variants without refitting it). */
  ranker?: LogisticModel;
}

/** Each case's weight in the fits (see `FitSettings.equalSets`); the weights sum to the number of cases. */
function caseWeights(items: readonly CollectedCase[], equalSets: boolean): number[] {
  const setOf = (i: CollectedCase) => (i as Partial<Item>).set ?? '';
  if (!equalSets) return items.map(() => 1);
  const count = new Map<string, number>();
  for (const i of items) count.set(setOf(i), (count.get(setOf(i)) ?? 0) + 1);
  const perSet = items.length / count.size;
  return items.map((i) => perSet / count.get(setOf(i))!);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Fits the ranker: does this candidate hold a fact of the answer? (Positives weigh as much as negatives together.) */
export function fitRanker(items: readonly CollectedCase[], settings: Pick<FitSettings, 'equalSets'> = {}): LogisticModel {
  const weights = caseWeights(items, settings.equalSets ?? false);
  const features = [...PASSAGE_FEATURES];
  const rows: number[][] = [];
  const labels: number[] = [];
  const rowWeights: number[] = [];
  items.forEach((item, n) => {
    for (const p of item.search.passages) {
      rows.push(features.map((f) => p.evidence.features[f]));
      labels.push(item.case.doc !== null && containsFact(p.text, item.case.facts) ? 1 : 0);
      rowWeights.push(weights[n]!);
    }
  });
  const positives = sum(rowWeights.filter((_, r) => labels[r])) || 1;
  const balance = (sum(rowWeights) - positives) / positives;
  return fitLogistic(features, rows, labels, { sampleWeights: labels.map((l, r) => rowWeights[r]! * (l ? balance : 1)), l2: RANKER_L2 });
}

/** Fits ranker, gate and threshold on some items. */
export function fitModel(items: readonly CollectedCase[], settings: FitSettings = {}): ConfidenceModel {
  const gateNames = [...(settings.gateFeatures ?? GATE_FEATURES)];
  const weights = caseWeights(items, settings.equalSets ?? false);
  const ranker = settings.ranker ?? fitRanker(items, settings);
  const gateRows: number[][] = [];
  const gateLabels: number[] = [];
  const gateWeights: number[] = [];
  items.forEach((item, n) => {
    const passages = ranked(item as Item, { ranker }).slice(0, 5);
    const extractive = extractiveAnswer(item.search.query, passages);
    const gate = gateFeatures(item.search.query, passages, extractive.best);
    gateRows.push(gateNames.map((f) => gate[f] ?? 0));
    const good = item.case.doc !== null && Boolean(extractive.text) && containsFact(extractive.text, item.case.facts);
    gateLabels.push(good ? 1 : 0);
    gateWeights.push(weights[n]! * (good || item.case.doc === null ? 1 : MISSED_WEIGHT));
  });
  const gate = fitLogistic(gateNames, gateRows, gateLabels, { l2: GATE_L2, sampleWeights: gateWeights });
  // The threshold that best balances answer-hit (answerable cases) and abstention (the others).
  // Each item decided once with no threshold: at threshold t it is answered when it was answered
  // at 0 and its confidence reaches t (the gate's confidence does not depend on the threshold).
  const decided = items.map((i, n) => {
    const a = rankAndDecide(i, { ranker, gate, threshold: 0 }, 5, GATE_ONLY);
    return { answerable: i.case.doc !== null, weight: weights[n]!, answered: !a.abstained, confidence: a.confidence, right: !a.abstained && containsFact(a.text, i.case.facts) };
  });
  const answerable = decided.filter((d) => d.answerable);
  const none = decided.filter((d) => !d.answerable);
  const share = (list: typeof decided, ok: (d: (typeof decided)[number]) => boolean) => sum(list.filter(ok).map((d) => d.weight)) / Math.max(1e-9, sum(list.map((d) => d.weight)));
  const grid: { threshold: number; value: number }[] = [];
  for (let t = 0.2; t <= 0.8001; t += 0.025) {
    const hit = answerable.length ? share(answerable, (d) => d.right && d.confidence >= t) : 0;
    const abstained = none.length ? share(none, (d) => !d.answered || d.confidence < t) : 0;
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

/**
 * Held-out answers: the items are split into groups; each group's items are answered by a model
 * fitted on the other groups only. With the groups as hashed folds this is k-fold
 * cross-validation; with the groups as sets it is leave-one-set-out: each set answered by a model
 * that never saw its documents (the honest estimate for a centre's new documents). A group that
 * is everything (one set) is answered by a model fitted on nothing, so callers skip that case.
 *
 * @example
 * heldOutAnswers(items, (i) => i.set, fitModel, (i, m) => rankAndDecide(i, m))
 */
export function heldOutAnswers<T, M, A>(items: readonly T[], groupOf: (item: T) => string, fit: (train: T[], group: string) => M, answer: (item: T, model: M) => A): { answers: Map<T, A>; models: Map<string, M> } {
  const answers = new Map<T, A>();
  const models = new Map<string, M>();
  for (const group of [...new Set(items.map(groupOf))]) {
    const model = fit(items.filter((i) => groupOf(i) !== group), group);
    models.set(group, model);
    for (const item of items.filter((i) => groupOf(i) === group)) answers.set(item, answer(item, model));
  }
  return { answers, models };
}

export interface CalibrateOptions {
  folds?: number;
  llm?: Llm;
  /** Score this model in-sample instead of refitting (the shipped one, without `--write`). */
  model?: ConfidenceModel;
  /** Where collected searches are kept between runs (`calibrate-cache.ts`). */
  cacheDir?: string;
  /** Told when a set has been collected (collecting is most of a run's time). */
  onCollected?: (set: string, cases: number) => void;
}

/**
 * Collects the sets, fits on all of them and scores in-sample, k-fold cross-validated and (with
 * two sets or more) leave-one-set-out (see the module comment).
 */
export async function calibrate(sets: DevSet[], options: CalibrateOptions = {}): Promise<CalibrationReport> {
  const folds = options.folds ?? 5;
  const items: Item[] = [];
  for (const set of sets) {
    const collected = await collectCached(set, { dir: options.cacheDir, llm: options.llm });
    items.push(...collected.map((c) => ({ ...c, set: set.name, case: { ...c.case, id: `${set.name}:${c.case.id}` } })));
    options.onCollected?.(set.name, collected.length);
  }
  return calibrateItems(sets.map((s) => s.name), items, { folds, model: options.model });
}

/** The fitting and scoring of `calibrate` over collected items (no database: fast enough to try variants). */
export function calibrateItems(setNames: readonly string[], items: readonly Item[], options: { folds: number; model?: ConfidenceModel; fit?: (items: readonly Item[]) => ConfidenceModel }): CalibrationReport {
  const { folds } = options;
  const fit = options.fit ?? ((train: readonly Item[]) => fitModel(train));
  const model = options.model ?? fit(items);
  const answer = (item: Item, m: ConfidenceModel) => rankAndDecide(item, m);
  const kFold = heldOutAnswers(items, (i) => String(foldOf(i.case.id, folds)), fit, answer);
  const loso = setNames.length > 1 ? heldOutAnswers(items, (i) => i.set, fit, answer) : undefined;
  const report = (answerOf: (item: Item) => ReturnType<typeof decide>) => {
    const out: Record<string, Record<string, EvalMetrics>> = {};
    for (const name of setNames) {
      const mine = items.filter((i) => i.set === name);
      out[name] = scoreByCategory(
        mine.map((i) => i.case),
        mine.map((i) => caseResult(i.case.id, answerOf(i))),
      );
    }
    return out;
  };
  return {
    model,
    inSample: report((item) => answer(item, model)),
    crossValidated: report((item) => kFold.answers.get(item)!),
    ...(loso
      ? {
          leaveOneSetOut: report((item) => loso.answers.get(item)!),
          leaveOneSetOutThresholds: Object.fromEntries([...loso.models].map(([set, m]) => [set, m.threshold])),
        }
      : {}),
    folds,
  };
}
