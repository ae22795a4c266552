/**
 * The kind of fact asked and whether a sentence holds one (answer-type.ts), on wordings of the
 * project's own: a name asked by "tên là gì", a charge by "bị thu bao nhiêu", a price per go by
 * "bao nhiêu 1 lượt", a share by "bao nhiêu phần chi phí", a quantity by "what's the maximum";
 * a unit letter is read only where no letter follows it.
 */
import { describe, expect, it } from 'vitest';
import { answerKind, sentenceHasKind, type AnswerKindInfo } from '../../src/knowledge/answer-type.js';
import { queryTerms } from '../../src/knowledge/query.js';

const money: AnswerKindInfo = { kind: 'money', countWords: [] };
const datetime: AnswerKindInfo = { kind: 'datetime', countWords: [] };

describe('kinds asked', () => {
  it('reads a name, a charge, a price per go, a share and an English maximum', () => {
    expect(answerKind('Anh phụ trách xưởng tên là gì?').kind).toBe('person');
    expect(answerKind('Đổi lịch sát giờ thì bị thu bao nhiêu?').kind).toBe('money');
    expect(answerKind('gui xe may bao nhieu 1 luot').kind).toBe('money');
    expect(answerKind('thuê phòng họp bao nhiêu một giờ').kind).toBe('money');
    expect(answerKind('trung tâm hỗ trợ bao nhiêu phần chi phí').kind).toBe('percent');
    // The maximum of a grant is an amount of money (round 30: a count took any figure of a table,
    // "215,5", for "the maximum support"); the maximum of another thing stays a quantity.
    expect(answerKind("What's the maximum grant a team can receive?")).toEqual({ kind: 'money', countWords: [], funding: true });
    expect(answerKind("What's the maximum revenue a team may have?")).toEqual({ kind: 'count', countWords: [] });
    // A count of people per go stays a count.
    expect(answerKind('phòng họp chứa bao nhiêu người một lượt').kind).toBe('count');
  });

  it('does not search "tên" of a name asked, nor take "1 lượt" for a number the answer must repeat', () => {
    expect(queryTerms('Anh phụ trách xưởng tên là gì?').concepts.map((c) => c.alternatives[0]!.join(' '))).not.toContain('ten');
    const perGo = queryTerms('gui xe may bao nhieu 1 luot').concepts;
    expect(perGo.filter((c) => c.anchor === 'number')).toEqual([]);
  });

  it('reads a weekday typed as a number as the day in words', () => {
    expect(queryTerms('xuong thu 7 co mo ko').folded).toContain('thu bay');
    expect(queryTerms('t2 mo cua may gio').folded).toContain('thu hai');
    expect(queryTerms('xuong thu 7 co mo ko').concepts.filter((c) => c.anchor === 'number')).toEqual([]);
  });
});

describe('facts in sentences', () => {
  it('reads "4 kênh", "2 kỳ" as no amount and "3 học viên" as no time, but "50k" and "50% tiền phòng" as amounts', () => {
    expect(sentenceHasKind('Phòng có 2 micro và bàn trộn 4 kênh.', money)).toBe(false);
    expect(sentenceHasKind('Chương trình chia 2 kỳ.', money)).toBe(false);
    expect(sentenceHasKind('Lớp có 3 học viên.', datetime)).toBe(false);
    expect(sentenceHasKind('Vé 50k một lượt.', money)).toBe(true);
    expect(sentenceHasKind('Hủy muộn tính 50% tiền phòng.', money)).toBe(true);
    expect(sentenceHasKind('Mở cửa lúc 8h sáng.', datetime)).toBe(true);
    // A date or a clock time counts nothing.
    const guests: AnswerKindInfo = { kind: 'count', countWords: ['khach'] };
    expect(sentenceHasKind('Chiều 20/6/2025, tại khách sạn Sao Mai, ngày hội khai mạc.', guests)).toBe(false);
    expect(sentenceHasKind('Lúc 14h tại khách sạn Sao Mai.', guests)).toBe(false);
    expect(sentenceHasKind('Ngày hội đón hơn 300 khách mời.', guests)).toBe(true);
    // A time told by an event answers "khi nào".
    expect(sentenceHasKind('Hết thời hạn này, hoặc sau khi bị đình chỉ, phải học lại.', datetime)).toBe(true);
    expect(sentenceHasKind('Khi cần, liên hệ lễ tân.', datetime)).toBe(false);
  });
});

describe('a length asked in a unit', () => {
  it.each([
    ['how many hours a week can I use the desk for free?', 'Mỗi thành viên dùng tối đa 20 giờ mỗi tuần.', 'Chỗ ngồi miễn phí trong 6 tháng.'],
    ['mấy tiếng một tuần thì được miễn phí', 'Tối đa 90 phút mỗi lần đặt.', 'Miễn phí 6 tháng đầu.'],
    ['bao nhiêu ngày thì có kết quả', 'Kết quả được gửi trong vòng 2 tuần.', 'Kết quả gửi sau 3 tháng.'],
    ['chương trình kéo dài mấy tháng', 'Chương trình kéo dài ba tháng.', 'Mỗi buổi học 3 giờ.'],
  ])('"%s" is told in that unit or a neighbour, not any length', (question, told, other) => {
    const info = answerKind(question);
    expect(info.kind).toBe('duration');
    expect(sentenceHasKind(told, info)).toBe(true);
    expect(sentenceHasKind(other, info)).toBe(false);
  });

  it('"bao lâu" names no unit: any length tells it', () => {
    const info = answerKind('ươm tạo bao lâu');
    expect(info.units).toBeUndefined();
    expect(sentenceHasKind('Chương trình kéo dài 6 tháng.', info)).toBe(true);
  });
});
