/**
 * Scores the NLU on a case file in the format of `shared/eval/NLU.md`: intent accuracy overall
 * and per intent, slot accuracy (the share of listed slots found with exactly the listed value),
 * and the most frequent confusions.
 *
 * @example
 * const cases = loadNluCases('../shared/eval/nlu-dev.jsonl');
 * const report = evaluateNlu(nlu, cases, { now: new Date('2026-12-01T02:00:00Z') });
 * report.intentAccuracy // 0.97
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENT_NAMES, type IntentName, type Nlu, type Slots, type Understanding } from './types.js';

const CaseSchema = z.object({
  id: z.string(),
  q: z.string(),
  intent: z.enum(INTENT_NAMES),
  slots: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** One evaluation case. */
export type NluCase = z.infer<typeof CaseSchema>;

/** A case file that cannot be read, with the line at fault. */
export class NluCasesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NluCasesError';
  }
}

/**
 * Reads a JSONL case file; blank lines are skipped, a bad line stops with its number.
 *
 * @example
 * loadNluCases('cases.jsonl')[0]?.intent // 'booking_list'
 */
export function loadNluCases(file: string): NluCase[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new NluCasesError(`${file}: cannot read the file`);
  }
  const cases: NluCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new NluCasesError(`${file}:${i + 1}: not JSON`);
    }
    const parsed = CaseSchema.safeParse(json);
    if (!parsed.success) throw new NluCasesError(`${file}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    cases.push(parsed.data);
  });
  return cases;
}

/** The outcome of one case. */
export interface CaseResult {
  id: string;
  q: string;
  expected: IntentName;
  got: Understanding;
  intentOk: boolean;
  slotsChecked: number;
  slotsOk: number;
  /** Listed slots that were wrong: name → { expected, got }. */
  slotErrors: Record<string, { expected: string | number; got: unknown }>;
}

/** The scores of a case file. */
export interface NluReport {
  cases: number;
  intentAccuracy: number;
  slotAccuracy: number | null;
  slotsChecked: number;
  perIntent: { intent: IntentName; cases: number; accuracy: number }[];
  confusions: { expected: IntentName; got: IntentName; count: number }[];
  /** Share of cases flagged unsure, and the accuracy of the confident ones. */
  unsureRate: number;
  confidentAccuracy: number | null;
  results: CaseResult[];
}

/**
 * Runs every case through the NLU and scores it.
 *
 * @example
 * evaluateNlu(nlu, cases, { now }).perIntent.find((p) => p.intent === 'menu')?.accuracy
 */
export function evaluateNlu(nlu: Nlu, cases: readonly NluCase[], options: { now: Date }): NluReport {
  const results: CaseResult[] = cases.map((c) => {
    const got = nlu.understand(c.q, { now: options.now });
    const slotErrors: CaseResult['slotErrors'] = {};
    let slotsOk = 0;
    const listed = Object.entries(c.slots ?? {});
    for (const [name, expected] of listed) {
      const value = got.slots[name as keyof Slots];
      if (value === expected) slotsOk += 1;
      else slotErrors[name] = { expected, got: value };
    }
    return { id: c.id, q: c.q, expected: c.intent, got, intentOk: got.intent === c.intent, slotsChecked: listed.length, slotsOk, slotErrors };
  });
  const slotsChecked = results.reduce((n, r) => n + r.slotsChecked, 0);
  const slotsOk = results.reduce((n, r) => n + r.slotsOk, 0);
  const perIntent = INTENT_NAMES.map((intent) => {
    const mine = results.filter((r) => r.expected === intent);
    return { intent, cases: mine.length, accuracy: mine.length ? mine.filter((r) => r.intentOk).length / mine.length : NaN };
  }).filter((p) => p.cases > 0);
  const pairs = new Map<string, { expected: IntentName; got: IntentName; count: number }>();
  for (const r of results) {
    if (r.intentOk) continue;
    const key = `${r.expected}>${r.got.intent}`;
    const pair = pairs.get(key) ?? { expected: r.expected, got: r.got.intent, count: 0 };
    pair.count += 1;
    pairs.set(key, pair);
  }
  const confident = results.filter((r) => !r.got.unsure);
  return {
    cases: results.length,
    intentAccuracy: results.length ? results.filter((r) => r.intentOk).length / results.length : 0,
    slotAccuracy: slotsChecked ? slotsOk / slotsChecked : null,
    slotsChecked,
    perIntent,
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count),
    unsureRate: results.length ? (results.length - confident.length) / results.length : 0,
    confidentAccuracy: confident.length ? confident.filter((r) => r.intentOk).length / confident.length : null,
    results,
  };
}
