import { describe, expect, it } from 'vitest';
import { addDays, formatDate, localToday, parseDate } from '../../../src/flows/parse/date.js';

// Monday 23 Nov 2026, 10:00 in Hà Nội (03:00 UTC).
const now = new Date('2026-11-23T03:00:00Z');
const at = (text: string, notPast = false) => parseDate(text, { now, notPast });
const value = (text: string, notPast = false) => {
  const r = at(text, notPast);
  return r.ok ? r.value : `!${r.reason}`;
};

describe('parseDate', () => {
  it('counts days in Viet Nam, not in UTC', () => {
    expect(localToday(new Date('2026-11-22T18:30:00Z'))).toBe('2026-11-23'); // 01:30 in Hà Nội
    expect(value('hôm nay')).toBe('2026-11-23');
    expect(parseDate('today', { now: new Date('2026-11-22T17:30:00Z') })).toEqual({ ok: true, value: '2026-11-23' });
  });

  it('understands relative words in Vietnamese and English, with or without diacritics', () => {
    expect(value('hôm nay')).toBe('2026-11-23');
    expect(value('hom nay')).toBe('2026-11-23');
    expect(value('mai')).toBe('2026-11-24');
    expect(value('Ngày mai')).toBe('2026-11-24');
    expect(value('ngay mai nhe')).toBe('2026-11-24');
    expect(value('mốt')).toBe('2026-11-25');
    expect(value('ngày kia')).toBe('2026-11-25');
    expect(value('today')).toBe('2026-11-23');
    expect(value('Tomorrow')).toBe('2026-11-24');
    expect(value('day after tomorrow')).toBe('2026-11-25');
  });

  it('understands weekdays: the nearest one from today on, or next week', () => {
    expect(value('thứ 2')).toBe('2026-11-23'); // today is Monday
    expect(value('thứ 6')).toBe('2026-11-27');
    expect(value('thu 6')).toBe('2026-11-27');
    expect(value('T6')).toBe('2026-11-27');
    expect(value('thứ sáu')).toBe('2026-11-27');
    expect(value('thứ bảy')).toBe('2026-11-28');
    expect(value('thứ 7')).toBe('2026-11-28');
    expect(value('chủ nhật')).toBe('2026-11-29');
    expect(value('CN')).toBe('2026-11-29');
    expect(value('thứ 3 tuần sau')).toBe('2026-12-01');
    expect(value('friday')).toBe('2026-11-27');
    expect(value('Fri')).toBe('2026-11-27');
    expect(value('next monday')).toBe('2026-11-30');
    expect(value('sunday')).toBe('2026-11-29');
  });

  it('understands numeric dates in the Vietnamese order and ISO', () => {
    expect(value('25/12')).toBe('2026-12-25');
    expect(value('25-12-2026')).toBe('2026-12-25');
    expect(value('25.12.26')).toBe('2026-12-25');
    expect(value('2026-12-25')).toBe('2026-12-25');
    expect(value('ngày 5/1/2027 lúc 9h')).toBe('2027-01-05');
    expect(value('ngày 25 tháng 12')).toBe('2026-12-25');
  });

  it('moves a day/month already gone to next year only when past dates are not allowed', () => {
    expect(value('5/1')).toBe('2026-01-05');
    expect(value('5/1', true)).toBe('2027-01-05');
    expect(value('1/1/2020', true)).toBe('!past');
    expect(value('1/1/2020')).toBe('2020-01-01');
  });

  it('rejects what is not a date', () => {
    expect(value('31/2')).toBe('!invalid');
    expect(value('32/12/2026')).toBe('!invalid');
    expect(value('2026-13-01')).toBe('!invalid');
    expect(value('bất kỳ lúc nào')).toBe('!invalid');
    expect(value('   ')).toBe('!empty');
  });

  it('helpers add days across years and format the Vietnamese way', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(formatDate('2026-12-25')).toBe('25/12/2026');
  });
});
