/**
 * Calibration's held-out splits on tiny synthetic sets (no corpus, no database): in
 * leave-one-set-out each set is scored by a model fitted on the other sets only, which is the
 * honest estimate for documents the model never saw; k-fold scores every case once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionKey } from '../../src/knowledge/calibrate-cache.js';
import { calibrateItems, heldOutAnswers, type Item } from '../../src/knowledge/calibrate.js';
import type { ConfidenceModel } from '../../src/knowledge/model.js';
import { queryTerms } from '../../src/knowledge/query.js';

const SETS = { alpha: 3, beta: 2, gamma: 4 };

/** Cases without candidate passages: every model abstains on them. */
function items(): Item[] {
  const query = queryTerms('phí thuê phòng họp bao nhiêu');
  return Object.entries(SETS).flatMap(([set, n]) =>
    Array.from({ length: n }, (_, k) => ({
      set,
      case: { id: `${set}:${k}`, q: 'phí thuê phòng họp bao nhiêu', doc: k === 0 ? null : 'x.md', facts: ['100.000 đồng'] },
      search: { query, passages: [] },
    })),
  );
}

const MODEL: ConfidenceModel = {
  ranker: { features: [], weights: [], bias: 0 },
  gate: { features: [], weights: [], bias: 0 },
  threshold: 0.5,
};

describe('leave-one-set-out', () => {
  it('scores each set by a model fitted on every other set and never on its own cases', () => {
    const all = items();
    const { answers, models } = heldOutAnswers(all, (i) => i.set, (train) => new Set(train.map((i) => i.set)), (_item, trainedOn) => trainedOn);
    expect([...models.keys()].sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(answers.size).toBe(all.length);
    for (const item of all) {
      const trainedOn = answers.get(item)!;
      expect(trainedOn.has(item.set)).toBe(false);
      expect([...trainedOn].sort()).toEqual(Object.keys(SETS).filter((s) => s !== item.set));
    }
  });

  it('fits each held-out model on exactly the other sets\' cases', () => {
    const all = items();
    const sizes = new Map<string, number>();
    heldOutAnswers(all, (i) => i.set, (train, group) => sizes.set(group, train.length), () => null);
    expect(Object.fromEntries(sizes)).toEqual({ alpha: 6, beta: 7, gamma: 5 });
  });

  it('is reported per set beside the in-sample and k-fold figures, and only with two sets or more', () => {
    const fits: string[][] = [];
    const fit = (train: readonly Item[]) => {
      fits.push([...new Set(train.map((i) => i.set))].sort());
      return MODEL;
    };
    const report = calibrateItems(Object.keys(SETS), items(), { folds: 3, fit });
    expect(Object.keys(report.leaveOneSetOut!)).toEqual(['alpha', 'beta', 'gamma']);
    expect(report.leaveOneSetOut!.beta!.all!.cases).toBe(2);
    expect(report.leaveOneSetOut!.beta!.all!.abstention).toBe(1);
    expect(report.leaveOneSetOutThresholds).toEqual({ alpha: 0.5, beta: 0.5, gamma: 0.5 });
    // One fit on everything, up to three k-fold fits, three leave-one-set-out fits.
    expect(fits.filter((f) => f.length === 2)).toEqual(expect.arrayContaining([['beta', 'gamma'], ['alpha', 'gamma'], ['alpha', 'beta']]));
    const one = calibrateItems(['alpha'], items().filter((i) => i.set === 'alpha'), { folds: 3, fit });
    expect(one.leaveOneSetOut).toBeUndefined();
    expect(one.crossValidated.alpha!.all!.cases).toBe(3);
  });
});

describe('the collection cache key', () => {
  it('changes with the corpus and the cases, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-calibrate-key-'));
    try {
      writeFileSync(join(dir, 'a.md'), '# Phòng họp\n\nPhí thuê 100.000 đồng.');
      const cases = [{ id: 'c1', q: 'phí thuê phòng họp', doc: 'a.md', facts: ['100.000'] }];
      const key = collectionKey({ name: 'x', cases, corpus: dir });
      expect(collectionKey({ name: 'x', cases, corpus: [dir] })).toBe(key);
      expect(collectionKey({ name: 'x', cases: [{ ...cases[0]!, q: 'giá phòng họp' }], corpus: dir })).not.toBe(key);
      writeFileSync(join(dir, 'a.md'), '# Phòng họp\n\nPhí thuê 120.000 đồng.');
      expect(collectionKey({ name: 'x', cases, corpus: dir })).not.toBe(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
