/**
 * Causes found in held-out set M and met in how any founder words a question or any office
 * writes a document (docs/knowledge.md, "Round 29"), tested on the project's own wordings and on
 * fixtures/loan-rounds (an invented "Quỹ Khởi nghiệp Thanh niên huyện Bến Lau"), never on M's
 * documents: the date a sentence gives a document it cites is not the date asked; an ordinal
 * counts nothing; "không ai" asks no one; a round's number is read from the title when the
 * sentence gives none; a report's opening year dates the figures listed under it; "tối đa" typed
 * with its diacritics is a word of the question; "ask" is no topic; everyday words for a husband,
 * lending and last year.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion, namesAnotherNumber, onlyYearsAnchored } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { queryTerms } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'loan-rounds');
/** The folded wordings of each concept of a question. */
const wordings = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives.map((a) => a.join(' ')));
const has = (question: string, wording: string) => wordings(question).some((a) => a.includes(wording));

describe('the date of a document a sentence cites', () => {
  const opening = 'Thực hiện Quy chế ban hành kèm theo Quyết định số 11/QĐ-QKN ngày 20/01/2027 của Giám đốc Quỹ, Quỹ thông báo tiếp nhận hồ sơ.';
  const worded = 'Căn cứ Công văn 123/2026/SKHCN-VP, ngày 5 tháng 3 năm 2026 của Sở, Trung tâm nhận hồ sơ.';

  it('does not answer when something happens', () => {
    for (const question of ['Hạn chót nộp hồ sơ là khi nào?', 'Khi nào bắt đầu nhận hồ sơ?', 'When is the deadline?']) {
      const info = answerKind(question);
      expect(info.kind, question).toBe('datetime');
      expect(sentenceHasKind(opening, info), question).toBe(false);
      expect(sentenceHasKind(worded, info), question).toBe(false);
      expect(sentenceHasKind('Nhận hồ sơ đến 17h00 ngày 30/4/2027.', info), question).toBe(true);
    }
  });

  it('answers when the document was issued or signed', () => {
    for (const question of ['Quy chế được ban hành ngày nào?', 'Quyết định ký khi nào?', 'When was the decision issued?']) {
      const info = answerKind(question);
      expect(info, question).toMatchObject({ kind: 'datetime', issued: true });
      expect(sentenceHasKind(opening, info), question).toBe(true);
    }
  });
});

describe('an ordinal or a weekday', () => {
  it('counts nothing', () => {
    const info = answerKind('Có bao nhiêu khoản vay được giải ngân?');
    expect(info.kind).toBe('count');
    const any = { kind: 'count' as const, countWords: [] };
    expect(sentenceHasKind('Đây là lần thứ ba Quỹ tổ chức phiên chợ.', any)).toBe(false);
    expect(sentenceHasKind('Lớp học vào thứ 2 hằng tuần.', any)).toBe(false);
    expect(sentenceHasKind('Số khoản vay được giải ngân ...... 58 khoản', any)).toBe(true);
    expect(sentenceHasKind('Quỹ có ba gói vay.', any)).toBe(true);
  });
});

describe('"không ai", "chẳng ai", "ai cũng"', () => {
  it('are nobody and anybody, not a person asked', () => {
    for (const question of ['mik đi học ko ai trông con thì sao ad', 'không ai bảo lãnh thì có vay được không', 'ai cũng được vay à']) {
      expect(answerKind(question).kind, question).not.toBe('person');
    }
    for (const question of ['Ai ký báo cáo?', 'ai phụ trách hồ sơ vậy', 'chị ko biết ai phụ trách']) {
      expect(answerKind(question).kind, question).toBe('person');
    }
  });
});

describe('the number of a round', () => {
  const title = 'Thông báo: Tiếp nhận hồ sơ vay vốn Đợt 1 năm 2027';

  it('is read from the heading or title when the sentence gives none', () => {
    const round2 = queryTerms('Đợt 2 năm 2027 nhận hồ sơ từ ngày nào?');
    expect(namesAnotherNumber(round2, 'Từ ngày 15/3/2027 đến 17h00 ngày 30/4/2027.', null, title)).toBe(true);
    expect(namesAnotherNumber(round2, 'Từ ngày 15/3/2027 đến 17h00 ngày 30/4/2027.', 'Đợt 2', title)).toBe(false);
    expect(namesAnotherNumber(queryTerms('Đợt 1 nhận hồ sơ từ ngày nào?'), 'Từ ngày 15/3/2027 đến 30/4/2027.', null, title)).toBe(false);
    // The sentence's own round comes first.
    expect(namesAnotherNumber(round2, 'Đợt 2 sẽ mở vào tháng 9.', null, title)).toBe(false);
  });

  it('is not a year, month or day of a heading, nor a number after a dot leader', () => {
    const year = queryTerms('Trong năm 2026 Quỹ giải ngân bao nhiêu tiền?');
    expect(namesAnotherNumber(year, 'Tổng số tiền giải ngân trong năm ........ 2.310 triệu đồng', 'II. Phương hướng năm 2027')).toBe(false);
    expect(namesAnotherNumber(year, 'Năm 2025 giải ngân 1.200 triệu đồng.')).toBe(true);
  });
});

describe('a year the question gives', () => {
  it('is told apart from the other names and numbers a question anchors on', () => {
    expect(onlyYearsAnchored(queryTerms('Trong năm 2026 Quỹ giải ngân bao nhiêu tiền?'))).toBe(true);
    expect(onlyYearsAnchored(queryTerms('How many loans did the fund pay out in 2026?'))).toBe(true);
    expect(onlyYearsAnchored(queryTerms('Đợt 1 năm 2026 giải ngân bao nhiêu?'))).toBe(false);
    expect(onlyYearsAnchored(queryTerms('Quỹ giải ngân bao nhiêu tiền?'))).toBe(false);
  });
});

describe('words of the question', () => {
  it('keeps "tối đa" typed with its diacritics, as typed without', () => {
    expect(has('Gói Lúa cho vay tối đa trong bao lâu?', 'toi da')).toBe(true);
    expect(has('goi lua cho vay toi da bao lau', 'toi da')).toBe(true);
  });

  it('drops "ask" from an English question, as "tell" and "know"', () => {
    expect(wordings('Which email should I write to if I want to ask in English?').flat()).not.toContain('ask');
  });

  it('reads everyday words for a husband, lending money and paying out', () => {
    expect(has('giấy phép đứng tên ông xã thì sao', 'chong')).toBe(true);
    expect(has('Quỹ cho mượn tiền tối đa bao nhiêu', 'cho vay')).toBe(true);
    expect(has('How many loans did the fund pay out?', 'giai ngan')).toBe(true);
    expect(has('How long does a mentor accompany a borrower?', 'kem cap')).toBe(true);
  });

  it('reads "năm ngoái" as one generic word, not "ngoài"', () => {
    expect(wordings('Năm ngoái có bao nhiêu người được vay?').some((a) => a[0] === 'nam ngoai')).toBe(true);
    expect(wordings('Năm ngoái có bao nhiêu người được vay?').some((a) => a[0] === 'ngoai')).toBe(false);
  });
});

describe('a loan fund\'s notice, regulation and report (fixtures/loan-rounds)', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('answers the deadline with the intake window, not the date of the decision the notice cites', async () => {
    const answer = await answerQuestion(store, 'Hạn chót nộp hồ sơ vay vốn Đợt 1 năm 2027 là khi nào?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('30/4/2027');
    expect(answer.text).not.toContain('20/01/2027');
  });

  it('still answers when the cited decision was issued', async () => {
    const answer = await answerQuestion(store, 'Quy chế cho vay được ban hành theo quyết định ngày nào?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('20/01/2027');
  });

  it('refuses the second round from the first round\'s notice', async () => {
    const answer = await answerQuestion(store, 'Đợt 2 năm 2027 bắt đầu nhận hồ sơ vay từ ngày nào?');
    expect(answer.abstained).toBe(true);
  });

  it('quotes a figure listed under the report\'s opening year, which the figure\'s line does not repeat', async () => {
    const money = await answerQuestion(store, 'Trong năm 2026 Quỹ giải ngân tổng cộng bao nhiêu tiền?');
    expect(money.abstained).toBe(false);
    expect(money.text).toContain('2.310 triệu đồng');
    const count = await answerQuestion(store, 'How many loans did the fund pay out in 2026?');
    expect(count.abstained).toBe(false);
    expect(count.text).toContain('58 khoản');
  });

  it('quotes the longest term from its row', async () => {
    const answer = await answerQuestion(store, 'Gói Lúa cho vay tối đa trong bao lâu?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('24 tháng');
  });
});
