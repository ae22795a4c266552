/**
 * Documents laid out as entries (extract.ts `indentedRecords`, `questionsAsHeadings`,
 * extract-table.ts rows), on the project's own fixtures (fixtures/records): each answer quotes the
 * entry of the thing asked, never its neighbour, and a fact the entry lacks is not taken from
 * the next entry.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'records');

describe('answers from entries', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it("quotes a directory entry's phone for the unit asked, typed with or without diacritics", async () => {
    for (const question of ['Số điện thoại của Nhóm Tập huấn là gì?', 'sdt nhom tap huan']) {
      const answer = await answerQuestion(store, question);
      expect(answer.outcome, question).toBe('answered');
      expect(answer.text, question).toContain('0218 3850 116');
      expect(answer.text, question).not.toContain('0218 3850 114');
    }
    const person = await answerQuestion(store, 'Ai phụ trách Quỹ Khởi nghiệp Hòa Bình?');
    expect(person.outcome).toBe('answered');
    expect(person.text).toContain('Quách Thị Mai Phương');
  });

  it("does not give another person's phone for someone the directory lists without one", async () => {
    const answer = await answerQuestion(store, 'Số điện thoại của ông Bùi Quang Thiện là bao nhiêu?');
    expect(answer.abstained).toBe(true);
    expect(answer.text).toBe('');
  });

  it('answers from the answer of a questions-and-answers page, not with its question', async () => {
    const answer = await answerQuestion(store, 'tram co nhan co phan ko');
    expect(answer.outcome).toBe('answered');
    expect(answer.text).toContain('không nhận cổ phần');
    expect(answer.text).not.toMatch(/\?/);
  });

  it("gives a table row's fee and place for the row asked", async () => {
    const fee = await answerQuestion(store, 'Lớp Bán hàng trên sàn thương mại điện tử học phí bao nhiêu?');
    expect(fee.outcome).toBe('answered');
    expect(fee.text).toContain('900.000 đồng');
    expect(fee.text).not.toContain('600.000 đồng');
    const place = await answerQuestion(store, 'Lớp Làm hồ sơ gọi vốn học ở đâu?');
    expect(place.outcome).toBe('answered');
    expect(place.text).toContain('Phòng 206');
  });
});
