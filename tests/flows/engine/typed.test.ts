/**
 * Picks typed instead of pressed: numbers and ordinals, with the words founders put around them.
 */
import { describe, expect, it } from 'vitest';
import { affirmation, asksWhy, leadingYesNo, matchShownButton, pickedNumber, saysNoName, saysUnknown } from '../../../src/flows/engine/typed.js';

describe('pickedNumber', () => {
  it.each([
    ['2', 2], ['số 2', 2], ['chọn 2', 2], ['cái thứ 2', 2], ['#3', 3], ['option 4', 4],
    ['tell me more about number 2', 2], ['xem chi tiết cái thứ 2', 2], ['cho mình xem ct số 3', 3],
    ['chi tiet chuong trinh 2', 2], ['details of option 4', 4], ['show me the second one', 2],
    ['xem cái đầu tiên', 1], ['tell me more about the first programme', 1], ['the last one', 5],
    // Positions in words (session-30 tester report): after an entry word only.
    ['cái thứ hai', 2], ['cai thu hai', 2], ['chương trình thứ ba', 3], ['ct thu 2', 2], ['số hai', 2],
    ['number two', 2], ['option three', 3], ['cái thứ tư', 4], ['lịch số 2', 2], ['không gian thứ hai', 2],
  ])('reads %j as entry %i', (text, n) => {
    expect(pickedNumber(text, 5)).toBe(n);
  });

  it.each(['thứ 2', 'thứ hai', 'xem thứ 2', 'xem lich thu 2', 'xem lịch thứ hai', 'đặt phòng thứ hai', 'dat phong 2', 'ngày 2', 'tôi có 2 người', 'tell me about fees'])('reads %j as no pick', (text) => {
    expect(pickedNumber(text, 5)).toBeUndefined();
  });
});

describe('matchShownButton', () => {
  const list = [
    { label: '1. Mạng lưới IPP2', payload: 'programme:view:ipp2-asean-network' },
    { label: '2. In2spire', payload: 'programme:view:in2spire-ambassadors' },
    { label: '🔎 Tìm lại', payload: 'programme:refine' },
  ];

  it('picks a list entry asked for in a sentence', () => {
    expect(matchShownButton(list, 'tell me more about number 2')).toBe('programme:view:in2spire-ambassadors');
    expect(matchShownButton(list, 'xem chi tiet ct so 1')).toBe('programme:view:ipp2-asean-network');
  });

  it('does not pick past the end of the list', () => {
    expect(matchShownButton(list, 'xem số 7')).toBeUndefined();
  });
});

describe('saysUnknown', () => {
  it.each(['ko biet nua', 'không biết', 'chưa rõ lắm', 'mình cũng không nhớ', 'not sure', 'idk', "I don't know"])('reads %j as not knowing', (text) => {
    expect(saysUnknown(text)).toBe(true);
  });
  it.each(['không', 'không biết đặt ở đâu', 'biết chứ', '5 người'])('reads %j as something else', (text) => {
    expect(saysUnknown(text)).toBe(false);
  });
});

describe('asksWhy', () => {
  it.each(['tai sao phai tra loi cau nay', 'hỏi cái này để làm gì', 'why do you need this?', 'vì sao vậy'])('reads %j as asking why', (text) => {
    expect(asksWhy(text)).toBe(true);
  });
  it.each(['tại sao phòng họp đóng cửa chủ nhật', '5', 'sao lâu vậy'])('reads %j as something else', (text) => {
    expect(asksWhy(text)).toBe(false);
  });
});

describe('affirmation', () => {
  it.each(['ok chot', 'chốt luôn', 'chot nhe ad', 'okok', 'oce', 'okla', 'ok lun', 'okkk', 'yesss', 'uhm ok', 'dạ vâng', 'đc r'])(
    '"%s" is a yes',
    (text) => expect(affirmation(text)).toBe('yes'),
  );
  it.each(['ko', 'koo', 'khongg', 'chot ko', 'k dc', 'thoi'])('"%s" is a no', (text) => expect(affirmation(text)).toBe('no'));
  it.each(['co chot ko', 'chot lich 3h chieu', 'okay but at 3pm'])('"%s" is neither', (text) => expect(affirmation(text)).toBeUndefined());
});

describe('leadingYesNo (tester #14: a yes with trailing words)', () => {
  it.each([
    ['có, e làm full', 'yes'], ['co e lam full', 'yes'], ['yes, me', 'yes'], ['yes move it', 'yes'], ['Có 2 bạn làm full time', 'yes'],
    ['không, chỉ có mình em part-time', 'no'], ['no, just me', 'no'], ['chưa, đang tìm người', 'no'], ['có', 'yes'], ['ko', 'no'],
  ])('reads %j as %s', (text, said) => {
    expect(leadingYesNo(text)).toBe(said);
  });

  it.each(['có ai làm toàn thời gian không', 'có wifi ko', 'có chương trình nào cho sinh viên', 'có lẽ vậy', 'có thể', 'không biết', 'ko biết nữa', 'yes but only part time', 'có, nhưng chỉ part-time', 'is it free?'])('reads %j as neither', (text) => {
    expect(leadingYesNo(text)).toBeUndefined();
  });
});

describe('saysNoName (tester #4)', () => {
  it.each(['chưa có tên', 'chua co ten', 'ko có tên', 'chưa đặt tên', 'dự án chưa có tên ạ', 'bên em chưa có tên', 'no name yet', "we don't have a name yet", 'not named yet'])('%j says there is no name', (text) => {
    expect(saysNoName(text)).toBe(true);
  });

  it.each(['Mầm Xanh', 'AgriViet', 'không', 'có tên rồi', 'Nam'])('%j does not', (text) => {
    expect(saysNoName(text)).toBe(false);
  });
});
