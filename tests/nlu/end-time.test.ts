/**
 * The end of a stay ("đến 11h30", "until lunch"), a whole part of the day ("cả buổi sáng"), next
 * week with no day, and several days in one request: the readers behind the booking's fixes of
 * the session-29 tester report (#1, #10, #16). No model: the slot finder and the entity readers.
 */
import { describe, expect, it } from 'vitest';
import { findEndTime } from '../../src/nlu/entities/end-time.js';
import { findDays, weekAhead } from '../../src/nlu/entities/date.js';
import { findDuration } from '../../src/nlu/entities/duration.js';
import { fold } from '../../src/nlu/fold.js';
import { normalizeForMatching } from '../../src/nlu/normalize.js';
import { SlotFinder } from '../../src/nlu/slots.js';

const now = new Date('2026-12-07T13:00:00Z'); // Monday 20:00 in Hà Nội
const finder = new SlotFinder({ spaces: [], programmes: [], languages: [] }, 'Asia/Ho_Chi_Minh');
const slotsOf = (text: string) => finder.find(text, fold(text), normalizeForMatching(text), now);

describe('the end of a stay', () => {
  it.each([
    ['đến 11h30', '11:30'],
    ['den 11h30', '11:30'],
    ['tới 12h', '12:00'],
    ['toi 12h', '12:00'],
    ['until 12', '12:00'],
    ['till 5pm', '17:00'],
    ['end 12pm', '12:00'],
    ['kết thúc lúc 11h', '11:00'],
    ['until lunch', '12:00'],
    ['đến trưa', '12:00'],
    ['till noon', '12:00'],
    ['đến lúc đóng cửa', 'closing'],
    ['until closing', 'closing'],
  ])('"%s" ends at %s and names no start', (text, end) => {
    const slots = slotsOf(text);
    expect(slots.end).toBe(end);
    expect(slots.start).toBeUndefined();
    expect(slots.window).toBeUndefined();
  });

  it('keeps the start of a range, and reads its length', () => {
    expect(slotsOf('từ 8h đến 11h30')).toMatchObject({ start: '08:00', minutes: 210, end: '11:30' });
    expect(slotsOf('no, start 9am, end 12pm')).toMatchObject({ start: '09:00', minutes: 180 });
    expect(slotsOf('tomorrow 9am until lunch')).toMatchObject({ start: '09:00', minutes: 180 });
    expect(findDuration('8h, ket thuc luc 11h30')).toBe(210);
  });

  it('is no end where "đến" is arriving, "tới" is next, or "tối" the evening', () => {
    expect(slotsOf('mai em đến 9h')).toMatchObject({ start: '09:00' });
    expect(slotsOf('mai em đến 9h').end).toBeUndefined();
    expect(findEndTime('dat phong hop thu 2 toi 9h')).toBeUndefined();
    expect(slotsOf('dat phong hop thu 2 toi 9h')).toMatchObject({ start: '09:00' });
    expect(slotsOf('tối 7h')).toMatchObject({ start: '19:00' });
    expect(slotsOf('tối 7h').end).toBeUndefined();
    expect(findEndTime('tu thu 2 den thu 6')).toBeUndefined();
    expect(findEndTime('den 5 nguoi')).toBeUndefined();
  });
});

describe('a whole part of the day', () => {
  it.each(['cả buổi sáng', 'ca buoi sang', 'trọn buổi sáng', 'all morning', 'the whole morning'])('"%s" is the whole morning', (text) => {
    expect(slotsOf(text).window).toMatchObject({ part: 'morning', whole: true });
  });

  it('"cả buổi chiều" is the whole afternoon; "buổi sáng" alone is a part, not the whole', () => {
    expect(slotsOf('cả buổi chiều').window).toMatchObject({ part: 'afternoon', whole: true });
    expect(slotsOf('buổi sáng').window?.whole).toBeUndefined();
  });
});

describe('next week, and several days', () => {
  it('"tuần sau" with no day starts at next Monday; with a day it names that day', () => {
    expect(weekAhead('dăt phòg hop tuan sau', { now })).toBe('2026-12-14');
    expect(weekAhead('book a desk next week', { now })).toBe('2026-12-14');
    expect(weekAhead('thứ 6 tuần sau', { now })).toBeUndefined();
    expect(weekAhead('next friday', { now })).toBeUndefined();
    expect(weekAhead('mai', { now })).toBeUndefined();
  });

  it('reads a range or a pair of days, and no days in a range of hours', () => {
    expect(findDays('từ thứ 2 đến thứ 6 tuần sau, mỗi ngày 8h-12h', { now })).toEqual(['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18']);
    expect(findDays('thứ 3 và thứ 5', { now })).toEqual(['2026-12-08', '2026-12-10']);
    expect(findDays('15/12 - 18/12', { now })).toEqual(['2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18']);
    expect(findDays('từ 8h đến 11h', { now })).toBeUndefined();
    expect(findDays('thứ 2 tới 9h', { now })).toBeUndefined();
    expect(findDays('đặt 2-4h chiều thứ 6', { now })).toBeUndefined();
  });
});
