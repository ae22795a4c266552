/**
 * The entity parsers with a fixed clock and zone: Tuesday 1 Dec 2026, 09:00 in Hà Nội.
 */
import { describe, expect, it } from 'vitest';
import { findDuration } from '../../src/nlu/entities/duration.js';
import { findTimes } from '../../src/nlu/entities/time.js';
import { fold } from '../../src/nlu/fold.js';
import { parseBookingCode, parseDate, parseDuration, parseTime, writtenInEnglish } from '../../src/nlu/index.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Asia/Ho_Chi_Minh
const timeZone = 'Asia/Ho_Chi_Minh';
const date = (text: string) => {
  const r = parseDate(text, { now, timeZone });
  return r.ok ? r.value : `!${r.reason}`;
};
const time = (text: string) => {
  const r = parseTime(text);
  return r.ok ? r.value : `!${r.reason}`;
};
const minutes = (text: string) => {
  const r = parseDuration(text);
  return r.ok ? r.value : `!${r.reason}`;
};
const code = (text: string) => {
  const r = parseBookingCode(text);
  return r.ok ? r.value : `!${r.reason}`;
};

describe('parseDate inside sentences', () => {
  it('reads weekdays: the coming one, and the one of next week (Monday-based)', () => {
    expect(date('thứ hai tuần sau')).toBe('2026-12-07');
    expect(date('cho e book 1 hot desk thu hai tuan sau nhe')).toBe('2026-12-07');
    expect(date('next Monday')).toBe('2026-12-07');
    expect(date('thứ 6')).toBe('2026-12-04');
    expect(date('dời sang t6 nhé')).toBe('2026-12-04');
    expect(date('thứ 3')).toBe('2026-12-01'); // today is Tuesday
    expect(date('thứ 3 tuần sau')).toBe('2026-12-08');
    expect(date('chủ nhật')).toBe('2026-12-06');
    expect(date('cuối tuần')).toBe('2026-12-05');
    expect(date('cuối tuần sau')).toBe('2026-12-12');
  });

  it('reads relative days, and "mốt" only where it cannot be "một"', () => {
    expect(date('ngày kia')).toBe('2026-12-03');
    expect(date('mốt')).toBe('2026-12-03');
    expect(date('mot nhe')).toBe('2026-12-03');
    expect(date('mai 2h chiều')).toBe('2026-12-02');
    expect(date('chiều nay')).toBe('2026-12-01');
    expect(date('một tiếng')).toBe('!invalid');
    expect(date('mot tieng')).toBe('!invalid');
    expect(date('phòng này còn trống không')).toBe('!invalid'); // "này" is not "hôm nay"
  });

  it('reads day/month forms and English month names', () => {
    expect(date('25/12')).toBe('2026-12-25');
    expect(date('25-12')).toBe('2026-12-25');
    expect(date('Dec 25')).toBe('2026-12-25');
    expect(date('25 December')).toBe('2026-12-25');
    expect(date('ngày 15')).toBe('2026-12-15');
    expect(date('ngày 1 tháng 2')).toBe('2026-02-01');
  });

  it('reads "mùng/mồng 4" and "the 10th" as a day of this month, but not "mong" (to hope) before a person', () => {
    expect(date('đặt hội trường mùng 4 từ 13h')).toBe('2026-12-04');
    expect(date('mồng 8 tháng 12')).toBe('2026-12-08');
    expect(date('can a meeting room on the 10th at 9')).toBe('2026-12-10');
    expect(date('mong 2 ban giup em')).toBe('!invalid');
    expect(date('the 2nd floor')).toBe('!invalid');
  });

  it('does not read an accented "mãi" or "mái" as "mai" (tomorrow)', () => {
    expect(date('hỏi bot mãi không ra')).toBe('!invalid');
    expect(date('cho mình ngồi mái hiên')).toBe('!invalid');
    expect(date('mãi mới rảnh, đặt phòng mai 9h')).toBe('2026-12-02');
    expect(date('hoi mai khong ra')).toBe('2026-12-02'); // without accents it stays tomorrow
  });

  it('reads "N ngày nữa", "in N days" and short English day names after next/this', () => {
    expect(date('2 ngày nữa em qua')).toBe('2026-12-03');
    expect(date('hai hôm nữa')).toBe('2026-12-03');
    expect(date('in 3 days')).toBe('2026-12-04');
    expect(date('next Tue')).toBe('2026-12-08');
    expect(date('this sat 9am')).toBe('2026-12-05');
  });

  it('does not take a time range or a place for a date', () => {
    expect(date('từ 9-11h')).toBe('!invalid');
    expect(date('phòng thư viện')).toBe('!invalid'); // "thu" is not Thursday
    expect(date('kh cn')).toBe('!invalid'); // khoa học công nghệ, not Sunday
  });

  it('counts the day in the given zone, not the machine zone', () => {
    const lateUtc = new Date('2026-12-01T18:30:00Z'); // 01:30 on 2 Dec in Hà Nội
    expect(parseDate('hôm nay', { now: lateUtc, timeZone })).toEqual({ ok: true, value: '2026-12-02' });
    expect(parseDate('today', { now: lateUtc, timeZone: 'UTC' })).toEqual({ ok: true, value: '2026-12-01' });
  });
});

describe('a day and month without a year', () => {
  const ahead = (text: string, options: { yearAhead?: boolean; notPast?: boolean }) => {
    const r = parseDate(text, { now, timeZone, ...options });
    return r.ok ? r.value : `!${r.reason}`;
  };

  it('is this year by default, and next year once gone by when the date may not be past', () => {
    expect(date('ngày 5/1')).toBe('2026-01-05');
    expect(ahead('ngày 5/1', { notPast: true })).toBe('2027-01-05');
    expect(ahead('20/11', { notPast: true })).toBe('2027-11-20');
  });

  it('reads a date gone by more than a month ago as next year when asked to look ahead', () => {
    expect(ahead('đăt chỗ ngày 5/1 từ 9h sáng', { yearAhead: true })).toBe('2027-01-05');
    expect(ahead('Jan 5', { yearAhead: true })).toBe('2027-01-05');
    // Last month's day is kept, for the flow to question, and so is a date with its year.
    expect(ahead('20/11', { yearAhead: true })).toBe('2026-11-20');
    expect(ahead('3/12', { yearAhead: true })).toBe('2026-12-03');
    expect(ahead('5/1/2026', { yearAhead: true })).toBe('2026-01-05');
  });
});

describe('parseTime', () => {
  it('reads Vietnamese and English clock times', () => {
    expect(time('2h chiều')).toBe('14:00');
    expect(time('7h30')).toBe('07:30');
    expect(time('9 giờ sáng')).toBe('09:00');
    expect(time('3pm')).toBe('15:00');
    expect(time('10:30 am')).toBe('10:30');
    expect(time('lúc 10')).toBe('10:00');
    expect(time('14g15')).toBe('14:15');
    expect(time('2 giờ rưỡi chiều')).toBe('14:30');
    expect(time('chiều nay 4h')).toBe('16:00');
  });

  it('reads "9:30am" written together, and "2 rưỡi" as half past without "giờ"', () => {
    expect(time('this Saturday 9:30am for 2 hrs')).toBe('09:30');
    expect(time('lúc 2 rưỡi chiều mai')).toBe('14:30');
    expect(time('trong 1 rưỡi')).toBe('!invalid');
  });

  it('gives the first hour of a range the unit or part written once at its end', () => {
    expect(time('tomorrow 2-4pm')).toBe('14:00');
    expect(minutes('tomorrow 2-4pm')).toBe(120);
    expect(time('11-1pm')).toBe('11:00');
    expect(minutes('11-1pm')).toBe(120);
    expect(time('9-11h sáng mai')).toBe('09:00');
    expect(time('15-12 lúc 8h')).toBe('08:00');
  });

  it('reads a bare afternoon hour in opening hours, and leaves lengths alone', () => {
    expect(time('mai 2h')).toBe('14:00');
    expect(time('8h')).toBe('08:00');
    expect(time('2 tiếng')).toBe('!invalid');
    expect(time('trong 2h')).toBe('!invalid');
  });

  it('does not take the number of a length or a count after "9h " as its minutes', () => {
    expect(time('mai 9h 2 tiếng')).toBe('09:00');
    expect(time('dat phong hop mai 9 gio 2 tieng')).toBe('09:00');
    expect(time('book a room 2h 3 hours')).toBe('14:00');
    expect(time('mai 8h 5 người')).toBe('08:00');
    expect(time('9h 30 phút')).toBe('09:30');
    expect(time('9 giờ 15')).toBe('09:15');
    expect(minutes('mai 9h 2 tiếng')).toBe(120);
  });

  it('reads "tối" before a time as the evening, but not "tôi" (me), which folds the same', () => {
    expect(time('tối mai 7h')).toBe('19:00');
    expect(time('toi nay luc 8')).toBe('20:00');
    expect(time('cho tôi 9h mai')).toBe('09:00');
    expect(time('giup toi dat phong 10h')).toBe('10:00');
  });
});

describe('parseDuration', () => {
  it('halves "half an hour" and keeps "an hour and a half"', () => {
    expect(minutes('need the meeting room at 3, just half an hour')).toBe(30);
    expect(minutes('half an hour')).toBe(30);
    expect(minutes('an hour')).toBe(60);
    expect(minutes('an hour and a half')).toBe(90);
  });

  it('reads lengths in hours and minutes', () => {
    expect(minutes('2 tiếng')).toBe(120);
    expect(minutes('1 tiếng rưỡi')).toBe(90);
    expect(minutes('nửa tiếng')).toBe(30);
    expect(minutes('90 phút')).toBe(90);
    expect(minutes('hai tiếng')).toBe(120);
    expect(minutes('for 2 hours')).toBe(120);
    expect(minutes('trong 1h30')).toBe(90);
  });

  it('reads "kém" (to the hour) after the hour', () => {
    expect(time('9 giờ kém 10')).toBe('08:50');
    expect(time('4h kém 15')).toBe('15:45');
    expect(time('9 giờ kem theo tài liệu')).toBe('09:00');
  });

  it('reads "tới" between two times as "to", not "tối" (evening)', () => {
    expect(time('thuê hội trường thứ 7 từ 8h tới 11h30')).toBe('08:00');
    expect(minutes('thuê hội trường thứ 7 từ 8h tới 11h30')).toBe(210);
    expect(minutes('tu 9h toi 11h')).toBe(120);
    expect(time('8h toi nay')).toBe('20:00');
  });

  it('reads ranges with a part of the day inside or with bare hours after "từ/from"', () => {
    expect(minutes('9h sáng tới 2h chiều')).toBe(300);
    expect(minutes('the hall from 8 to 11')).toBe(180);
    expect(minutes('từ 8 đến 11 giờ')).toBe(180);
    expect(minutes('from 10 to 12 people')).toBe('!invalid');
    expect(minutes('từ 15/12 đến 20/12')).toBe('!invalid');
  });

  it('reads a range as its length, and a clock time as no length', () => {
    expect(minutes('từ 8h đến 10h')).toBe(120);
    expect(minutes('1pm to 3pm')).toBe(120);
    expect(minutes('7h30 phút')).toBe('!invalid');
    expect(minutes('mai 2h chiều')).toBe('!invalid');
  });
});

describe('parseBookingCode', () => {
  it('finds codes in any case, with a digit, or all letters after a cue', () => {
    expect(code('hủy lịch KN45TQ')).toBe('KN45TQ');
    expect(code('huy dat cho ma 7hd2qp giup e')).toBe('7HD2QP');
    expect(code('mã ABCDEF')).toBe('ABCDEF');
  });

  it('does not take ordinary words, names or times for codes', () => {
    expect(code('đặt lịch CHIEU nay')).toBe('!invalid');
    expect(code('đăng ký IPP2')).toBe('!invalid');
    expect(code('THANKS')).toBe('!invalid');
    expect(code('từ 10h30p nhé')).toBe('!invalid');
    expect(code('giá 200usd')).toBe('!invalid');
    expect(code('model abc123')).toBe('!invalid'); // "1" is never in a code
    expect(code('THANKS ad')).toBe('!invalid');
  });

  it('takes every code the database can issue: three letters then three digits, or all capitals beside a move or cancel', () => {
    expect(code('move XYZ234 to friday morning')).toBe('XYZ234');
    expect(code('move MQRSTV to friday morning')).toBe('MQRSTV');
    expect(code('hủy lịch HJKMNP')).toBe('HJKMNP');
    expect(code('dời ABCDEF sang thứ 6')).toBe('ABCDEF');
  });
});

describe('writtenInEnglish', () => {
  it('tells an English answer from a Vietnamese one typed with or without diacritics', () => {
    expect(['I agree', 'yes please!', 'Agree 👍', 'sure, go ahead'].map(writtenInEnglish)).toEqual([true, true, true, true]);
    expect(['đồng ý', 'dong y', 'toi dong y', 'ok', 'hi', 'co a'].map(writtenInEnglish)).toEqual([false, false, false, false, false, false]);
  });
});

describe('two bare hours after a change of time', () => {
  it.each([
    ['can we make it 11 to 1 instead', 660, 120],
    ['đổi thành 9 đến 11 nhé', 540, 120],
    ['doi sang 2 den 4', 840, 120],
  ])('"%s" is a range', (text, start, minutes) => {
    const folded = fold(text);
    expect(findTimes(folded)[0]?.minuteOfDay).toBe(start);
    expect(findDuration(folded)).toBe(minutes);
  });
});
