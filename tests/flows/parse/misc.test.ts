import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../src/flows/parse/email.js';
import { parseNumber } from '../../../src/flows/parse/number.js';
import { parseYesNo } from '../../../src/flows/parse/yesno.js';
import { nameIn } from '../../../src/flows/parse/name.js';

describe('parseEmail', () => {
  it('accepts addresses and lower-cases the domain only', () => {
    expect(parseEmail(' Lan.Nguyen@Example.VN ')).toEqual({ ok: true, value: 'Lan.Nguyen@example.vn' });
    expect(parseEmail('mailto:a@b.co')).toEqual({ ok: true, value: 'a@b.co' });
  });
  it.each(['lan', 'lan@', '@x.vn', 'lan at x.vn', 'a b@x.vn', ''])('rejects %j', (text) => {
    expect(parseEmail(text).ok).toBe(false);
  });
});

describe('parseYesNo', () => {
  it.each([['có', true], ['co', true], ['Vâng ạ', true], ['ok', true], ['đồng ý', true], ['Yes', true], ['y', true],
    ['không', false], ['khong', false], ['ko', false], ['no', false], ['Không ạ', false], ['nope', false]])('%s → %s', (text, yes) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: yes });
  });
  it('rejects other answers', () => {
    expect(parseYesNo('có lẽ vậy').ok).toBe(false);
    expect(parseYesNo('').ok).toBe(false);
  });
});

describe('parseNumber', () => {
  it.each([['5', 5], ['5 người', 5], ['1.500.000', 1500000], ['1,5', 1.5], ['2tr', 2000000], ['2,5 triệu', 2500000],
    ['500k', 500000], ['1 tỷ', 1e9], ['-3', -3]])('%s → %s', (text, n) => {
    expect(parseNumber(text)).toEqual({ ok: true, value: n });
  });
  it.each([['nhóm mình 5 người', 5], ['tầm 10 người', 10], ['khoảng 2tr thôi', 2000000], ['nhóm có ba người', 3], ['tầm chục người', 10], ['five people', 5]])(
    'finds the one number of a sentence: %s → %s', (text, n) => {
      expect(parseNumber(text)).toEqual({ ok: true, value: n });
    });
  it('finds none where a sentence has two, or words that count nothing', () => {
    expect(parseNumber('năm 2024 có 5 người').ok).toBe(false);
    expect(parseNumber('mình làm một mình').ok).toBe(false);
  });
  it('takes no day or time of day for a count ("thu 6 tuan sau" at "how many people?")', () => {
    for (const text of ['thu 6 tuan sau', 'thứ 7 nhé', 't6', 'ngày 5', '6/12', '6h chiều', '3pm', '9 giờ', 'lúc 8']) {
      expect(parseNumber(text).ok, text).toBe(false);
    }
    expect(parseNumber('team 3 ng')).toEqual({ ok: true, value: 3 });
  });
  it('checks ranges and integers', () => {
    expect(parseNumber('6', { min: 1, max: 5 })).toEqual({ ok: false, reason: 'out_of_range' });
    expect(parseNumber('2.5', { integer: true }).ok).toBe(false);
    expect(parseNumber('năm').ok).toBe(false);
  });
});

describe('nameIn', () => {
  it('takes the name out of a self-introduction and keeps names that only look like one', () => {
    expect(['mình tên là Lan ạ', 'em tên Huy nha', "I'm Huy", 'my name is John Smith', 'tên dự án là Nông Sạch nhé', 'anh là Tuấn.'].map(nameIn))
      .toEqual(['Lan', 'Huy', 'Huy', 'John Smith', 'Nông Sạch', 'Tuấn']);
    expect(['Minh Anh', 'Anh Tuấn', 'La Văn Cầu', 'Công ty TNHH ABC', 'Lan'].map(nameIn))
      .toEqual(['Minh Anh', 'Anh Tuấn', 'La Văn Cầu', 'Công ty TNHH ABC', 'Lan']);
  });

  it('reads introductions typed as on a phone, without accents and with "mk", "mik", "e"', () => {
    expect(['mk ten la Lan a', 'mik la Huy', 'e ten Lan nha', 'ten cty mk la EduPay'].map(nameIn)).toEqual(['Lan', 'Huy', 'Lan', 'EduPay']);
    expect(['Mik', 'Em'].map(nameIn)).toEqual(['Mik', 'Em']);
  });
});
