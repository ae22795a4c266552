import { describe, expect, it } from 'vitest';
import { withoutLeadingThanks } from '../../src/knowledge/courtesy.js';

describe('withoutLeadingThanks', () => {
  it.each([
    ['cảm ơn, còn hạn nộp là khi nào', 'còn hạn nộp là khi nào'],
    ['Cảm ơn bạn nhiều! Phí thuê phòng họp bao nhiêu?', 'Phí thuê phòng họp bao nhiêu?'],
    ['ok cam on ad. con han nop thi sao', 'con han nop thi sao'],
    ['thanks, and when is the deadline?', 'and when is the deadline?'],
    ['Dạ, cám ơn ạ - cho em hỏi địa chỉ', 'cho em hỏi địa chỉ'],
  ])('%s → %s', (asked, question) => {
    expect(withoutLeadingThanks(asked)).toBe(question);
  });

  it.each(['cảm ơn bạn', 'thanks!', 'cảm ơn có được tính vào hồ sơ không', 'Chương trình cảm ơn đối tác là gì?'])('leaves "%s" as it is', (asked) => {
    expect(withoutLeadingThanks(asked)).toBe(asked);
  });
});
