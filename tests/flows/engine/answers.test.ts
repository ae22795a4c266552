/** Matching typed answers to choices and universal words, with and without diacritics. */
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/bot/turn.js';
import { matchChoice, matchChoices, universalWord, type Choice, type FlowContext } from '../../../src/flows/engine/index.js';

const ctx = { turn: { t: (key: string) => key, locale: 'vi' } as unknown as Turn, answers: {} } as unknown as FlowContext;
const choices: Choice[] = [
  { value: 'desk', text: '🪑 Chỗ ngồi linh hoạt' },
  { value: 'room', text: '🚪 Đặt phòng họp', aliases: ['phong hop'] },
  { value: 'event', text: '🎤 Hội trường sự kiện' },
];
const value = (text: string) => matchChoice(choices, text, ctx)?.value;

describe('matchChoice', () => {
  it('accepts the number, the label with or without diacritics, the value, an alias and a unique part', () => {
    expect(value('2')).toBe('room');
    expect(value('số 3')).toBe('event');
    expect(value('Đặt phòng họp')).toBe('room');
    expect(value('dat phong hop')).toBe('room');
    expect(value('DESK')).toBe('desk');
    expect(value('phòng họp')).toBe('room');
    expect(value('hoi truong')).toBe('event');
  });

  it('refuses what is ambiguous, out of range or unknown', () => {
    expect(value('4')).toBeUndefined();
    expect(value('0')).toBeUndefined();
    expect(value('ng')).toBeUndefined();
    expect(value('bể bơi')).toBeUndefined();
    expect(value('')).toBeUndefined();
  });

  it('reads several choices typed as numbers or labels', () => {
    expect(matchChoices(choices, '1, 3', ctx)?.map((c) => c.value)).toEqual(['desk', 'event']);
    expect(matchChoices(choices, '1 3', ctx)?.map((c) => c.value)).toEqual(['desk', 'event']);
    expect(matchChoices(choices, 'phong hop và hội trường', ctx)?.map((c) => c.value)).toEqual(['room', 'event']);
    expect(matchChoices(choices, '1, 9', ctx)).toBeUndefined();
  });

  it('reads several choices joined by "với", "hoặc", "with" or "or", each named inside its words', () => {
    expect(matchChoices(choices, 'cần phòng họp với hội trường', ctx)?.map((c) => c.value)).toEqual(['room', 'event']);
    expect(matchChoices(choices, 'chỗ ngồi hoặc hội trường', ctx)?.map((c) => c.value)).toEqual(['desk', 'event']);
    expect(matchChoices(choices, 'desk with room', ctx)?.map((c) => c.value)).toEqual(['desk', 'room']);
  });

  it('takes the one choice a short sentence names, unless it is negated or names two', () => {
    expect(value('mình cần phòng họp nhé')).toBe('room');
    expect(value('chắc là hội trường sự kiện thôi')).toBe('event');
    expect(value('không cần phòng họp')).toBeUndefined();
    expect(value('phòng họp hay hội trường sự kiện')).toBeUndefined();
  });
});

describe('universalWord', () => {
  it.each([
    ['Hủy', 'cancel'], ['huy', 'cancel'], ['cancel', 'cancel'], ['Thoát!', 'cancel'],
    ['menu', 'menu'], ['Quay lại', 'back'], ['back', 'back'], ['trợ giúp', 'help'], ['help', 'help'],
    ['Gặp cán bộ', 'staff'], ['gap can bo', 'staff'], ['nhân viên', 'staff'], ['talk to staff', 'staff'],
    ['sửa câu trước', 'back'], ['sua lai cau tren', 'back'], ['change my previous answer', 'back'],
    ['bỏ qua', 'skip'], ['skip', 'skip'], ['xong', 'done'], ['tiếp tục', 'continue'], ['làm lại', 'restart'], ['start over', 'restart'],
  ])('%s → %s', (text, word) => {
    expect(universalWord(text)).toBe(word);
  });

  it.each(['thôi khỏi tìm chương trình', 'thoi khoi tim chuong trinh nha', 'ko cần tìm nữa', 'khỏi đặt phòng nữa', 'không muốn tìm chương trình nữa'])(
    'gives up the flow\'s own thing named after "khỏi" / "không … nữa": %s', (text) => {
      expect(universalWord(text)).toBe('cancel');
    },
  );

  it('does not take ordinary answers for universal words', () => {
    expect(universalWord('thoi khoi, y tuong')).toBeUndefined();
    expect(universalWord('không cần')).toBeUndefined();
    expect(universalWord('Hủy lịch hẹn ngày mai giúp mình')).toBeUndefined();
    expect(universalWord('Nguyễn Văn Huy')).toBeUndefined();
  });
});
