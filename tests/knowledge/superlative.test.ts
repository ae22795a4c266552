/**
 * "Which … has the highest / lowest …" over a table (fixtures/layout): every row covers the
 * question alike, so the answer is the row with the extreme value in the column asked.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { cellNumber, extremeRow, rowCells, superlativeOf } from '../../src/knowledge/superlative.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

describe('superlatives', () => {
  it('are read in Vietnamese (with or without diacritics) and English', () => {
    expect(superlativeOf('goi nao ho tro cao nhat')).toBe('max');
    expect(superlativeOf('which package has the lowest cap')).toBe('min');
    expect(superlativeOf('goi nao ho tro nhieu tien')).toBeNull();
    // A cap ("maximum", "tối đa") is the thing's own figure, not a comparison of rows.
    expect(superlativeOf('what is the maximum support of package b')).toBeNull();
  });

  it('read Vietnamese and English numbers in cells', () => {
    expect(cellNumber('84,5')).toBe(84.5);
    expect(cellNumber('1.200.000 đồng')).toBe(1_200_000);
    expect(cellNumber('USD 1,200')).toBe(1200);
    expect(rowCells('Gói Rễ — Mức: 5 đồng; Thời gian: 12 tháng.')?.cells).toEqual([['Mức', '5 đồng'], ['Thời gian', '12 tháng']]);
  });

  it('pick the row by the column the question names', () => {
    const rows = ['A — Mức hỗ trợ: 40.000.000 đồng; Thời gian: 6 tháng.', 'B — Mức hỗ trợ: 150.000.000 đồng; Thời gian: 12 tháng.', 'C — Mức hỗ trợ: 90.000.000 đồng; Thời gian: 9 tháng.'];
    expect(extremeRow(rows, 'goi muc ho tro', 'max')).toBe(rows[1]);
    expect(extremeRow(rows, 'goi thoi gian', 'min')).toBe(rows[0]);
    // Two numeric columns, neither named: no guess.
    expect(extremeRow(rows, 'goi', 'max')).toBeNull();
  });
});

describe('an answer to a superlative over a table', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, join(import.meta.dirname, 'fixtures', 'layout'));
  }, 60_000);
  afterAll(() => store.close());

  it('quotes the row with the highest value asked', async () => {
    const answer = await answerQuestion(store, 'Gói nào của Vườn ươm Sông Thao có mức hỗ trợ tối đa cao nhất?');
    expect(answer.outcome).toBe('answered');
    expect(answer.text).toContain('Gói Rễ');
    const lowest = await answerQuestion(store, 'Gói nào của Vườn ươm Sông Thao có mức hỗ trợ tối đa thấp nhất?');
    if (lowest.outcome === 'answered') expect(lowest.text).toContain('Gói Hạt');
    // The row the question names keeps its own figure.
    const named = await answerQuestion(store, 'Gói Thân của Vườn ươm Sông Thao hỗ trợ cao nhất bao nhiêu tiền?');
    if (named.outcome === 'answered') expect(named.text).toContain('Gói Thân');
  });
});
