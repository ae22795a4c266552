import { describe, expect, it } from 'vitest';
import { withoutAskingOpener, withoutLeadingThanks } from '../../src/knowledge/courtesy.js';

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

describe('withoutAskingOpener', () => {
  it.each([
    ['cho e hoi phong hop co may chieu ko', 'phong hop co may chieu ko'],
    ['Cho em hỏi hạn nộp là khi nào ạ', 'hạn nộp là khi nào ạ'],
    ['ad oi cho mik hoi chut, phi thue la bn', 'phi thue la bn'],
    ['Dạ cho mình hỏi: hội trường có máy chiếu không?', 'hội trường có máy chiếu không?'],
    ['xin hỏi địa chỉ ở đâu', 'địa chỉ ở đâu'],
    // With an address word the opener is plain, even before "hội trường".
    ['cho e hoi hoi truong co may chieu ko', 'hoi truong co may chieu ko'],
  ])('%s → %s', (asked, question) => {
    expect(withoutAskingOpener(asked)).toBe(question);
  });

  it.each([
    // Unaccented and without an address word, "cho hoi truong" may lend the hall.
    'cho hoi truong thue duoc ko',
    'cho em hỏi',
    'hỏi đáp về chương trình ở đâu',
    'Chương trình cho hội viên ưu đãi gì?',
  ])('leaves "%s" as it is', (asked) => {
    expect(withoutAskingOpener(asked)).toBe(asked);
  });
});
