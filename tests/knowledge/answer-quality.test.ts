/**
 * The answer-quality steps after issue 13's first round, each on the project's own words and
 * fixtures (tests/knowledge/fixtures/quality): questions about being charged, names typed in
 * lower case, the thesaurus read with the diacritics typed.
 */
import { describe, expect, it } from 'vitest';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';

const money = { kind: 'money', countWords: [] } as const;

describe('questions about being charged', () => {
  it('asks for an amount or "free" when the founder asks whether something costs or is charged', () => {
    expect(answerKind('Tham gia hội thảo có mất phí gì không?').kind).toBe('money');
    expect(answerKind('dat phong hop co ton phi ko').kind).toBe('money');
    expect(answerKind('Đến muộn có bị trừ tiền không?').kind).toBe('money');
    expect(answerKind('gui xe co thu phi k').kind).toBe('money');
    // Paying in cash is a way to pay, not a charge.
    expect(answerKind('Có được trả tiền mặt không?').kind).toBe('yesno');
    expect(answerKind('Phí thành viên đóng vào ngày nào?').kind).toBe('datetime');
  });

  it('reads "not charged" and a share of the fee as answers of that kind', () => {
    expect(sentenceHasKind('Hội thảo không thu bất kỳ khoản phí nào.', money)).toBe(true);
    expect(sentenceHasKind('Báo trước một ngày thì không bị trừ gì.', money)).toBe(true);
    expect(sentenceHasKind('Đến trễ quá 15 phút: thu 50% phí của buổi.', money)).toBe(true);
    expect(sentenceHasKind('Phòng họp mở cửa từ 8h00.', money)).toBe(false);
  });
});
