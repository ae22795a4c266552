/**
 * Times written with a dot and am/pm, or glued to "am"/"pm" (session-30 tester report): "11.30am"
 * was no time, "9.15pm" was read as 15:00 ("15pm"), "11h30am" was no time. The slot finder (what
 * a typed request reads) and the time reader both, with and without diacritics, and in English.
 */
import { describe, expect, it } from 'vitest';
import { findTimes, formatClock, parseTime } from '../../src/nlu/entities/time.js';
import { fold } from '../../src/nlu/fold.js';
import { normalizeForMatching } from '../../src/nlu/normalize.js';
import { SlotFinder } from '../../src/nlu/slots.js';

const now = new Date('2026-12-07T02:00:00Z'); // Monday 09:00 in Hà Nội
const finder = new SlotFinder({ spaces: [], programmes: [], languages: [] }, 'Asia/Ho_Chi_Minh');
const startOf = (text: string) => finder.find(text, fold(text), normalizeForMatching(text), now).start;

describe('clock times with a dot, or glued to am/pm', () => {
  it.each([
    ['11.30am', '11:30'],
    ['11.30 am', '11:30'],
    ['9.15pm', '21:15'],
    ['9.15 p.m.', '21:15'],
    ['11:30am', '11:30'],
    ['11h30am', '11:30'],
    ['11g30', '11:30'],
    ['14g', '14:00'],
    ['2.30pm', '14:30'],
    ['9.45 sáng', '09:45'],
    ['9.45 sang', '09:45'],
  ])('"%s" is %s', (text, clock) => {
    expect(parseTime(text)).toEqual({ ok: true, value: clock });
    expect(findTimes(fold(text)).map((t) => formatClock(t.minuteOfDay))).toEqual([clock]);
  });

  it.each([
    ['đặt phòng họp mai 11.30am', '11:30'],
    ['dat phong hop mai 11.30 am 2 tieng', '11:30'],
    ['book a meeting room tomorrow at 9.15pm', '21:15'],
    ['đặt bàn thứ 6 lúc 11g30', '11:30'],
    ['book a desk friday 11h30am', '11:30'],
  ])('a request "%s" starts at %s', (text, clock) => {
    expect(startOf(text)).toBe(clock);
  });

  it('leaves a day and month with a dot as a date', () => {
    expect(findTimes(fold('ngày 10.12 sáng 9h')).map((t) => formatClock(t.minuteOfDay))).toEqual(['09:00']);
  });
});
