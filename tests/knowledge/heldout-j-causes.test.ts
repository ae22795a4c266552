/**
 * Causes found on held-out J (2026-12-07), each on the project's own fixtures
 * (fixtures/venues, an invented "Vườn ươm Cầu Tre"): an accented "Mây"/"máy" is no "mấy"
 * (a place name read as "how many years"); "xã nào, huyện nào" asks a place; a fund that "pays
 * for" something asks whether, not how much; a later sentence of a paragraph that repeats its
 * head noun ("Xưởng mở cửa …") is about the paragraph's named subject; "khóa đầu tiên" is
 * "khóa 1"; a name set aside ("(không phải Y)") is no name asked; a table label "(tr.đ)"
 * carries the money unit; an English question's numbered thing must be named by the quote
 * or its passage; general words (own, benefit, doanh thu / tiền bán hàng, …).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { repeatedSubject } from '../../src/knowledge/evidence.js';
import { confidenceModel } from '../../src/knowledge/model.js';
import { viOrdinalsAsNumbers } from '../../src/knowledge/numeral.js';
import { queryTerms, withoutExcludedNames } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'venues');
const alternatives = (question: string) => queryTerms(question).concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));

describe('the kind of fact asked', () => {
  it('reads an accented "Mây" before "nằm" as a name, not "mấy năm"', () => {
    expect(answerKind('Xưởng gốm Mây nằm ở đâu?').kind).toBe('place');
    expect(answerKind('Mấy năm thì được?').kind).toBe('duration');
    expect(answerKind('co may nam').kind).toBe('duration');
  });

  it('asks a place with "xã nào, huyện nào"', () => {
    expect(answerKind('Xưởng Bến Lau nằm ở phường nào, quận nào?').kind).toBe('place');
  });

  it('asks whether, not how much, when a fund pays for something', () => {
    expect(answerKind('Can the grant pay for certification?').kind).not.toBe('money');
    expect(answerKind('Do I have to pay for the room?').kind).toBe('money');
  });

  it('reads a unit abbreviated in a table label as money', () => {
    expect(sentenceHasKind('CT-01 — Dự án: Ghế Tre Xanh; Hỗ trợ (tr.đ): 85', { kind: 'money', countWords: [] })).toBe(true);
  });
});

describe('words of a question', () => {
  it('reads a Vietnamese ordinal after a sequenced noun as its number', () => {
    expect(viOrdinalsAsNumbers('Sau khóa đầu tiên doanh thu tăng bao nhiêu?')).toBe('Sau khóa 1 doanh thu tăng bao nhiêu?');
    expect(viOrdinalsAsNumbers('Đợt thứ hai mở khi nào?')).toBe('Đợt 2 mở khi nào?');
    // "thứ Hai" alone is Monday.
    expect(viOrdinalsAsNumbers('Thứ Hai có mở cửa không?')).toBe('Thứ Hai có mở cửa không?');
  });

  it('drops a name the founder sets aside', () => {
    expect(withoutExcludedNames('Dự án Ghế Tre Xanh (không phải Ghế Tre Vàng) được bao nhiêu?')).not.toMatch(/Vàng/u);
    expect(withoutExcludedNames('How much did Ghe Tre Xanh (not Ghe Tre Vang) get?')).not.toMatch(/Vang/u);
    // A "not" inside the question is kept.
    expect(withoutExcludedNames('Is it not Monday?')).toBe('Is it not Monday?');
    expect(alternatives('Dự án Ghế Tre Xanh (không phải Ghế Tre Vàng) được hỗ trợ bao nhiêu?').join(' ')).not.toMatch(/vang/u);
  });

  it('knows general words of grants and results', () => {
    expect(alternatives('Who owns the machines?')).toContain('so huu');
    expect(alternatives('How many households benefited?')).toContain('huong loi');
    expect(alternatives('Tiền bán hàng tăng bao nhiêu phần trăm?')).toContain('doanh thu');
    expect(alternatives('Điểm trung bình là bao nhiêu?')).toContain('binh quan');
  });
});

describe('a paragraph that repeats its head noun', () => {
  it('finds the named subject the later sentence refers to', () => {
    expect(repeatedSubject('Xưởng mộc Bến Lau (số 12 đường Lê Lợi) có máy cưa.', 'Xưởng mở cửa từ 8h00.')).toBe('Xưởng mộc Bến Lau');
    expect(repeatedSubject('Xưởng mộc Bến Lau (số 12) có máy cưa.', 'Phòng mở cửa từ 8h00.')).toBeNull();
    // No name after the head word: nothing to refer to.
    expect(repeatedSubject('Học viên được dùng máy miễn phí.', 'Học viên phải đặt lịch.')).toBeNull();
  });
});

describe('answers from the venues page', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('answers the opening hours of the venue named only in the paragraph\'s first sentence', async () => {
    const answer = await answerQuestion(store, 'Phòng thí nghiệm Gò Sen mở cửa mấy giờ?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('7h30 – 16h30');
    expect(answer.text).not.toContain('8h00 – 18h00');
  });

  it('answers the project asked, not the one set aside', async () => {
    const answer = await answerQuestion(store, 'Dự án Ghế Tre Vàng (không phải Ghế Tre Xanh) được hỗ trợ bao nhiêu?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('60');
    expect(answer.text).not.toContain('Ghế Tre Xanh');
  });

  it('refuses an English question on a numbered cohort the quote never names, whatever the gate says', async () => {
    // With the gate open, only the rule refuses: the same question without the cohort is answered.
    const model = { ...confidenceModel(), threshold: 0 };
    expect((await answerQuestion(store, 'When does the lab open?', { model })).abstained).toBe(false);
    expect((await answerQuestion(store, 'When does the lab open for the third cohort?', { model })).abstained).toBe(true);
  });

  it('answers the first cohort asked by its ordinal', async () => {
    const answer = await answerQuestion(store, 'Sau khóa đầu tiên, doanh thu trung bình tăng bao nhiêu phần trăm?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('27%');
  });
});
