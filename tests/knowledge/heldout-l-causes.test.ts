/**
 * Causes found in held-out set L and met again in other sets' misses (docs/knowledge.md, "Round
 * 28b"), tested on wordings of the project's own, never on L's documents: a founder's description
 * of a place or an event in everyday words reaches the document's own term through the word lists.
 * A clock time or a day asked is not told by the event a time hangs on ("ngay khi", "sau khi").
 * The asking opener ("cho em hỏi") is tested in courtesy.test.ts and, on the bot's spaces
 * document, in subject.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { queryTerms } from '../../src/knowledge/query.js';

/** The folded alternatives of each concept of a question. */
const alternatives = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives.map((a) => a.join(' ')));
const has = (question: string, wording: string) => alternatives(question).some((a) => a.includes(wording));

describe('everyday descriptions reach the documents\' terms', () => {
  it('reads a place to show goods at the wharf as a showroom at the port', () => {
    expect(has('chỗ bày hàng ở bến tàu mở cửa mấy giờ', 'phong trung bay')).toBe(true);
    expect(has('chỗ bày hàng ở bến tàu mở cửa mấy giờ', 'cang')).toBe(true);
    expect(has('Where are the showrooms?', 'phong trung bay')).toBe(true);
  });

  it('reads the start of a course as its opening day, and dropping out as not completing', () => {
    expect(has('When does the training start?', 'khai giang')).toBe(true);
    expect(has('When does the training start?', 'bat dau dao tao')).toBe(true);
    expect(has('có mấy công ty bỏ dở', 'khong hoan thanh')).toBe(true);
    expect(has('hai hồ sơ điểm ngang nhau thì sao', 'bang diem')).toBe(true);
  });

  it('reads export sales figures as the export turnover', () => {
    expect(has('bao lâu gửi doanh số xuất khẩu một lần', 'kim ngach xuat khau')).toBe(true);
    expect(has('mình chưa bán hàng ra nước ngoài bao giờ', 'xuat khau')).toBe(true);
  });

  it('reads paying or being charged money as the price words', () => {
    for (const question of ['xem hồ sơ có phải trả tiền không', 'cố vấn có thu tiền không', 'có phải bỏ tiền ra không']) {
      expect(has(question, 'thu phi'), question).toBe(true);
    }
  });
});

describe('a clock time or a day asked', () => {
  const event = 'Khách xem hàng ngay khi vừa xuống tàu, sau khi ký hợp đồng.';
  const hours = 'Giờ mở cửa: thứ Hai đến thứ Bảy từ 8h00 đến 16h30.';

  it('is not told by the event a time hangs on', () => {
    for (const question of ['Phòng trưng bày mở cửa những ngày nào, mấy giờ?', 'Lớp học bắt đầu lúc mấy giờ?', 'What time does the showroom open?']) {
      const info = answerKind(question);
      expect(info.kind, question).toBe('datetime');
      expect(info.stated, question).toBe(true);
      expect(sentenceHasKind(event, info), question).toBe(false);
      expect(sentenceHasKind(hours, info), question).toBe(true);
    }
  });

  it('reads "thứ mấy", "ngày mấy" as a day asked, not a number', () => {
    for (const question of ['Lớp học vào thứ mấy?', 'Hạn nộp là ngày mấy?']) {
      expect(answerKind(question), question).toMatchObject({ kind: 'datetime', stated: true });
    }
    expect(answerKind('Có mấy người được đi học?').kind).toBe('count');
  });

  it('"khi nào" still takes an event for its answer', () => {
    const info = answerKind('Khi nào được giải ngân?');
    expect(info).toMatchObject({ kind: 'datetime' });
    expect(info.stated).toBeUndefined();
    expect(sentenceHasKind('Giải ngân ngay khi ký hợp đồng.', info)).toBe(true);
  });
});
