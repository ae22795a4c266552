/**
 * Causes found on held-out K (2026-12-07), each on the project's own fixtures
 * (fixtures/report-layout, an invented "Vườn ươm Đồng Tâm"): a syllable typed with other
 * diacritics than the function word it folds to is a word of its own ("thẻ", "cơ bản", "ảnh
 * hưởng"); a report's dot-leader figures are layout lines, one per figure, never joined as
 * hard-wrapped prose; a plain-text table with bars between its columns is read row by row with
 * its labels (a grid table's record of several lines as one row); "who owns …" asks whose it is, not a name; "bn %" asks a percentage.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind } from '../../src/knowledge/answer-type.js';
import { alignedTables } from '../../src/knowledge/extract-table.js';
import { fromText, unwrapLines } from '../../src/knowledge/extract.js';
import { confidenceModel } from '../../src/knowledge/model.js';
import { isContentToken, queryTerms } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'report-layout');
const conceptWords = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives[0]!.join(' '));

describe('syllables that fold to a function word', () => {
  it('keeps a syllable typed with other diacritics than the function word', () => {
    expect(isContentToken({ folded: 'the', accent: 'thẻ' })).toBe(true);
    expect(isContentToken({ folded: 'the', accent: 'thế' })).toBe(false);
    expect(isContentToken({ folded: 'the', accent: null })).toBe(false);
    expect(isContentToken({ folded: 'anh', accent: 'ảnh' })).toBe(true);
    expect(isContentToken({ folded: 'co', accent: 'có' })).toBe(false);
  });

  it('searches "thẻ" and "cơ bản" as topics of the question', () => {
    expect(conceptWords('Làm lại thẻ có mất phí không?').join(' | ')).toMatch(/(^| )the( |$)/u);
    expect(conceptWords('Khóa cơ bản học vào ngày nào?').join(' ')).toMatch(/co/u);
    // Typed without diacritics, "the" and "co" stay function words.
    expect(conceptWords('lam the nao de dang ky').join(' ')).not.toMatch(/(^| )the( |$)/u);
  });
});

describe('a report typed as plain text', () => {
  const lines = ['Số học viên hoàn thành khóa ươm tạo ............. 52 người', 'Số sản phẩm được cấp mã vạch .................... 14 sản phẩm', 'Tổng kinh phí đã chi cho học viên ............... 1.240 triệu đồng', 'Số lượt tư vấn pháp lý .......................... 88 lượt'];

  it('keeps dot-leader figures one per line, though they align like wrapped prose', () => {
    expect(unwrapLines(lines, 40)).toEqual(lines);
  });

  it('reads a table with bars between its columns row by row, with its labels', () => {
    const rows = alignedTables(['------', 'Mã    | Tên dự án         | Hỗ trợ (tr.đ)', '------', 'DT-01 | Mứt Gừng Đồng Tâm | 45', 'DT-02 | Nón Lá Đồng Tâm   | 120', '------', '']);
    expect(rows).toEqual(['DT-01 — Tên dự án: Mứt Gừng Đồng Tâm; Hỗ trợ (tr.đ): 45.', 'DT-02 — Tên dự án: Nón Lá Đồng Tâm; Hỗ trợ (tr.đ): 120.', '']);
    // A grid table rules off each record; a cell's wrapped lines are one cell.
    const grid = ['+-----+------+-----+', '| Tên | Việc | Điện thoại |', '+-----+------+-----+', '| Bà Lan | Nhận hồ sơ, | 0235 111 222 |', '| (Kế toán) | trả lời |  |', '+-----+------+-----+', '| Ông Tư | Ký hợp đồng | 0235 333 444 |', '+-----+------+-----+'];
    expect(alignedTables(grid)).toEqual(['Bà Lan (Kế toán) — Việc: Nhận hồ sơ, trả lời; Điện thoại: 0235 111 222.', 'Ông Tư — Việc: Ký hợp đồng; Điện thoại: 0235 333 444.']);
    // Bars in a sentence are no table.
    expect(alignedTables(['Giờ mở cửa | Thứ Hai | Thứ Ba', 'Liên hệ: 0235 111 222'])).toEqual(['Giờ mở cửa | Thứ Hai | Thứ Ba', 'Liên hệ: 0235 111 222']);
  });

  it('extracts the fixture report with one paragraph per figure and per project', () => {
    const doc = fromText(['VƯỜN ƯƠM ĐỒNG TÂM', 'BÁO CÁO', '', 'I. CHỈ TIÊU', '', ...lines].join('\n'), 'x');
    expect(doc.sections.flatMap((s) => s.paragraphs)).toHaveLength(4);
  });
});

describe('the kind of fact asked', () => {
  it('asks whose it is with "who owns"', () => {
    expect(answerKind('Who owns the designs I make at the lab?').kind).not.toBe('person');
    expect(answerKind('Sản phẩm làm ra thuộc về ai?').kind).not.toBe('person');
    expect(answerKind('Who signed the notice?').kind).toBe('person');
  });

  it('asks a percentage with "bn %"', () => {
    expect(answerKind('dot dau dc bn % ad').kind).toBe('percent');
    expect(answerKind('Đợt 1 nhận bao nhiêu %?').kind).toBe('percent');
  });
});

describe('answers from the plain-text report', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('quotes a figure of the dot-leader list with that figure only', async () => {
    // The gate opened: what is tested is the quote, one figure per sentence.
    const model = { ...confidenceModel(), threshold: 0 };
    const answer = await answerQuestion(store, 'Tổng kinh phí đã chi cho học viên là bao nhiêu?', { model });
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('1.240 triệu đồng');
    expect(answer.text).not.toContain('88 lượt');
  });

  it('answers a project\'s grant from its row of the barred table', async () => {
    const answer = await answerQuestion(store, 'Dự án Nón Lá Đồng Tâm được hỗ trợ bao nhiêu triệu đồng?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('120');
  });

  it('answers the basic course asked with "cơ bản" typed in lower case', async () => {
    const answer = await answerQuestion(store, 'Khóa cơ bản về kế toán học vào ngày nào?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('12/02/2027');
  });
});
