/**
 * Causes found on held-out I (2026-12-07), each on the project's own fixtures
 * (fixtures/numbered-rounds, an invented "Vườn ươm Hoa Sen"): a Markdown decision whose `#`
 * heading is its type alone is cited by its subject; a round numbered in Roman numerals ("Kỳ
 * II") is found from digits ("kỳ 2", "round 2") and the other way round; a budget asked is an
 * amount of money, and "ngân sách" finds "kinh phí"; "tất cả" is no topic; a brand written
 * with an inner capital opens a question as a name; "bao nhiêu phần" asks the kind, not a
 * topic; a plain-text line broken after a comma continues on the next line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind } from '../../src/knowledge/answer-type.js';
import { unwrapLines } from '../../src/knowledge/extract.js';
import { typeOnlyMarkdownTitle } from '../../src/knowledge/extract-title.js';
import { otherNumeral, withOtherNumerals } from '../../src/knowledge/numeral.js';
import { queryTerms } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'numbered-rounds');
const alternatives = (question: string) => queryTerms(question).concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));

describe('a Markdown decision titled by its type alone', () => {
  it('takes its subject from the heading under the type', () => {
    const lines = ['Số: 5/QĐ-SKHCN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', '# QUYẾT ĐỊNH', '## Về việc ban hành Quy chế X', 'Căn cứ Luật Y;'];
    expect(typeOnlyMarkdownTitle('QUYẾT ĐỊNH', lines)).toBe('Quyết định: Ban hành Quy chế X');
    // A title that names more than its type is kept.
    expect(typeOnlyMarkdownTitle('Quy chế Vườn ươm', lines)).toBeNull();
  });
});

describe('Roman and Arabic numerals of a numbered thing', () => {
  it('reads each as the other from 1 to 12', () => {
    expect(otherNumeral('ii')).toBe('2');
    expect(otherNumeral('4')).toBe('iv');
    expect(otherNumeral('13')).toBeNull();
    expect(otherNumeral('nam')).toBeNull();
    expect(withOtherNumerals([['ky', '1']])).toEqual([['ky', '1'], ['ky', 'i']]);
    // A lone number or a date's part is no numbered thing.
    expect(withOtherNumerals([['2']])).toEqual([['2']]);
  });

  it('searches the other spelling of a round asked in Vietnamese or English', () => {
    expect(alternatives('Kỳ 2 nhận hồ sơ đến khi nào?')).toContain('ky ii');
    expect(alternatives('Kỳ II nhận hồ sơ đến khi nào?')).toContain('ky 2');
    expect(alternatives('When does round II close?')).toEqual(expect.arrayContaining(['ky ii', 'dot 2']));
    // "I" is the pronoun unless it ends the question after the thing.
    expect(alternatives('Can I apply for round II?')).not.toContain('ky i');
    expect(alternatives('How many teams were chosen in round I')).toContain('ky 1');
  });
});

describe('words of a question', () => {
  it('asks an amount of money for a budget', () => {
    expect(answerKind('Vườn ươm có tổng ngân sách bao nhiêu?').kind).toBe('money');
    expect(answerKind('Ngân sách năm nay là bao nhiêu?').kind).toBe('money');
  });

  it('reads a brand with an inner capital as a name, even opening the question', () => {
    const brand = queryTerms('SenXanh được chấm bao nhiêu điểm?').concepts.find((c) => c.alternatives[0]!.join(' ') === 'senxanh');
    expect(brand?.anchor).toBe('name');
    // A plain capitalised first word is no name.
    expect(queryTerms('Vườn ươm nhận bao nhiêu nhóm?').concepts.every((c) => c.anchor === null)).toBe(true);
  });

  it('drops the "phần" of a share asked', () => {
    expect(alternatives('Tiền thuê chiếm bao nhiêu phần kinh phí?')).not.toContain('phan');
    expect(alternatives('Tiền thuê chiếm bao nhiêu phần trăm kinh phí?')).toContain('phan tram');
  });

  it('drops "tất cả" as a topic', () => {
    expect(alternatives('Kỳ I nhận tất cả bao nhiêu hồ sơ?')).not.toContain('tat');
    expect(alternatives('Kỳ I nhận tất cả bao nhiêu hồ sơ?')).not.toContain('ca');
  });
});

describe('a plain-text line broken mid-sentence', () => {
  it('continues on a next line in lower case, however short', () => {
    const lines = ['Buổi hướng dẫn tổ chức vào 8h30 thứ Bảy,', 'tại Hội trường A, số 3 Lê Lợi.', 'Người dự đăng ký trước.'];
    expect(unwrapLines(lines, Infinity)).toEqual(['Buổi hướng dẫn tổ chức vào 8h30 thứ Bảy, tại Hội trường A, số 3 Lê Lợi.', 'Người dự đăng ký trước.']);
    // A line ending a sentence, or a next line opening with a capital or an item, stands alone.
    expect(unwrapLines(['Hồ sơ gồm:', '- đơn đăng ký;', 'Nộp trước ngày 5/3.'], Infinity)).toHaveLength(3);
  });
});

describe('answers from a decision with Roman-numbered rounds', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('cites the decision by its subject and answers a round typed in digits', async () => {
    const answer = await answerQuestion(store, 'Kỳ 2 nhận hồ sơ đến ngày nào?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('15/10/2027');
    expect(answer.citations[0]?.title).toMatch(/^Quyết định: Ban hành Quy chế/u);
  });

  it('quotes the total budget, not a sentence that merely says "ngân sách"', async () => {
    const answer = await answerQuestion(store, 'Vườn ươm Hoa Sen có tổng ngân sách bao nhiêu?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('2,4 tỷ đồng');
  });
});
