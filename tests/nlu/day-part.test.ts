/**
 * The part of the day a founder types, as a window of start times (`findTimeWindow`, the
 * `window` slot): Vietnamese with and without accents, casual spelling and English, and the
 * folded words that are also other words ("sang" = to, "tôi" = I, "máy chiếu", "thứ sáu").
 */
import { describe, expect, it } from 'vitest';
import { findTimeWindow } from '../../src/nlu/entities/day-part.js';
import { createNlu, normalizeForMatching } from '../../src/nlu/index.js';

const window = (text: string) => findTimeWindow(normalizeForMatching(text), text);
const part = (text: string) => window(text)?.part;

describe('findTimeWindow', () => {
  it('reads the parts of the day with and without accents, casual and English', () => {
    expect(window('đặt chỗ chiều mai')).toEqual({ from: '12:00', to: '18:00', part: 'afternoon' });
    expect(part('dat cho chieu mai')).toBe('afternoon');
    expect(part('book a desk tomorrow afternoon')).toBe('afternoon');
    expect(window('cho mình 1 chỗ sáng thứ 6')).toEqual({ from: '00:00', to: '12:00', part: 'morning' });
    expect(part('cho minh 1 cho sang t6')).toBe('morning');
    expect(part('buổi sáng')).toBe('morning');
    expect(window('tối nay còn chỗ ko')).toEqual({ from: '18:00', to: '24:00', part: 'evening' });
    expect(part('toi nay con cho k')).toBe('evening');
    expect(part('tonight')).toBe('evening');
    expect(part('8h toi mai')).toBe('evening');
    expect(window('trưa nay còn phòng họp ko')).toEqual({ from: '11:00', to: '14:00', part: 'noon' });
    expect(part('con cho trua nay ko')).toBe('noon');
    expect(part('any desk free tomorrow morning?')).toBe('morning');
    expect(window('chiều tối mai')).toEqual({ from: '12:00', to: '24:00' });
  });

  it('reads bounds typed as times: after, from … on, before', () => {
    expect(window('book a desk tomorrow after 3pm')).toEqual({ from: '15:00', to: '24:00', bound: 'after' });
    expect(window('after 3')).toEqual({ from: '15:00', to: '24:00', bound: 'after' });
    expect(window('đặt chỗ mai sau 3h chiều')).toMatchObject({ from: '15:00', bound: 'after' });
    expect(window('sau 15h')).toMatchObject({ from: '15:00', bound: 'after' });
    expect(window('từ 3h trở đi')).toEqual({ from: '15:00', to: '24:00', bound: 'after' });
    expect(window('tu 15h tro di')).toEqual({ from: '15:00', to: '24:00', bound: 'after' });
    expect(window('from 3pm onwards')).toMatchObject({ from: '15:00', bound: 'after' });
    expect(window('sáng mai trước 10h')).toEqual({ from: '00:00', to: '10:00', bound: 'before', part: 'morning' });
    expect(window('before 10am')).toEqual({ from: '00:00', to: '10:00', bound: 'before' });
    expect(window('mai sau 9h truoc 11h')).toEqual({ from: '09:00', to: '11:00', bound: 'between' });
  });

  it('leaves alone the words that only look like a part of the day', () => {
    expect(window('dời lịch sang thứ 6')).toBeUndefined(); // "sang" = to, typed with accents elsewhere
    expect(window('doi lich KN45TQ sang thu 6')).toBeUndefined(); // after a verb of moving
    expect(part('doi lich sang sang thu 6')).toBe('morning'); // "to Friday morning"
    expect(part('dời lịch sang sáng thứ 6')).toBe('morning');
    expect(window('em muốn sang thứ 6 làm việc')).toBeUndefined(); // "come over on Friday"
    expect(window('chuyển sang tuần sau')).toBeUndefined();
    expect(window('cho tôi 1 chỗ mai')).toBeUndefined();
    expect(window('cho toi mai 1 cho')).toBeUndefined(); // "tôi" = I
    expect(window('toi muon dat cho')).toBeUndefined();
    expect(window('phòng họp có máy chiếu không')).toBeUndefined();
    expect(window('phong hop co may chieu ko')).toBeUndefined();
    expect(window('chương trình đổi mới sáng tạo')).toBeUndefined();
    expect(window('sáng kiến Mekong')).toBeUndefined();
    expect(window('thứ sáu 3h')).toBeUndefined(); // an exact time on Friday, not "after 3"
    expect(window('thu sau 3h')).toBeUndefined();
    expect(window('tuần sau 3h')).toBeUndefined();
    expect(window('mai từ 8h đến 10h')).toBeUndefined(); // a range: start and length
    expect(window('sau 2 ngày')).toBeUndefined();
    expect(window('đem máy tính theo')).toBeUndefined();
  });
});

describe('the window slot', () => {
  it('comes with the NLU slots and leaves the NLU.md slots as they were', () => {
    const nlu = createNlu({ contentDir: 'content', timeZone: 'Asia/Ho_Chi_Minh' });
    const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
    const u = nlu.understand('Đặt phòng họp ngày mai 3h chiều, 2 tiếng', { now });
    expect(u.slots).toMatchObject({ space: 'meeting-room', date: '2026-12-02', start: '15:00', minutes: 120 });
    expect(u.slots.window).toMatchObject({ part: 'afternoon' });
    const tonight = nlu.understand('tối nay còn chỗ ko', { now });
    expect(tonight.intent).toBe('booking_new');
    expect(tonight.slots).toMatchObject({ date: '2026-12-01', window: { part: 'evening' } });
    expect(nlu.understand('dat cho chieu mai', { now }).slots).toMatchObject({ date: '2026-12-02', window: { part: 'afternoon' } });
  });
});
