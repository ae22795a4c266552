/**
 * Held-out set E (tests/nlu/fixtures/heldout-e.jsonl, written blind from NLU.md before the fixes
 * it led to), with a floor a little under the accuracy reached; plus each general fix on
 * phrasings of its own.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, evaluateNlu, loadNluCases, type ExplainableNlu } from '../../src/nlu/index.js';
import { parseFoldedDate } from '../../src/nlu/entities/date.js';
import { TypoMender, oneSlipApart } from '../../src/nlu/typos.js';

const contentDir = path.resolve('content');
const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
let nlu: ExplainableNlu;
const date = (folded: string, accentedMot = false) => {
  const r = parseFoldedDate(folded, accentedMot, { now, timeZone: 'Asia/Ho_Chi_Minh' });
  return r.ok ? r.value : `!${r.reason}`;
};

beforeAll(() => {
  nlu = createNlu({ contentDir, timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('held-out set E', () => {
  it('keeps intent and slot accuracy above their floors', () => {
    const report = evaluateNlu(nlu, loadNluCases(path.resolve('tests/nlu/fixtures/heldout-e.jsonl')), { now });
    expect(report.cases).toBe(60);
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(report.slotAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});

describe('"giùm" / "dùm" ask like "giúp"', () => {
  // The clause that asks is the one that votes: the story around it no longer pulls the message
  // towards the documents (without the marker: confidence 0.50 and 0.60).
  it('finds the request at the end of a long southern message, and is sure of it', () => {
    for (const text of [
      'nhom e lam phan mem quan ly kho, da co khach dung thu, cung di hoi cho roi ma chua ai ho tro, ad xem gium co chuong trinh nao hop voi tui e hong',
      'bên em làm nông nghiệp sạch ở Đà Lạt, có 5 người, đã có doanh thu nhỏ, chưa gọi vốn, thấy nhiều chương trình quá, chị lọc dùm em chương trình hỗ trợ nào hợp nha',
    ]) {
      const r = nlu.understand(text, { now });
      expect(r.intent, text).toBe('programme_find');
      expect(r.confidence, text).toBeGreaterThan(0.7);
    }
  });
});

describe('"mai mốt" is some day, not a date', () => {
  it('names no day, while "mai một tiếng" is still tomorrow', () => {
    expect(date('mai mot minh ghe', true)).toBe('!invalid');
    expect(date('dat phong mai mot tieng')).toBe('2026-12-02');
    expect(date('mot 3h', true)).toBe('2026-12-03');
  });

  it('leaves a question about bookings a question about bookings', () => {
    const r = nlu.understand('mai mốt mình có lịch đặt chỗ nào không', { now });
    expect(r.intent).toBe('booking_list');
    expect(r.slots.date).toBeUndefined();
  });
});

describe('of several relative days, the one by the clock time is booked', () => {
  it('takes the day nearest the time, and today first when no time is given', () => {
    expect(date('hom nay ban qua, chieu mai 3h dat phong hop')).toBe('2026-12-02');
    expect(date('mai em di cong tac, dat phong hom nay 4h chieu')).toBe('2026-12-01');
    expect(date('tomorrow is full, book today at 5pm')).toBe('2026-12-01');
    expect(date('hom nay hay mai cung duoc')).toBe('2026-12-01');
  });

  it('fills the booking of a rambling message with that day', () => {
    const r = nlu.understand('hôm nay kẹt lịch rồi, sáng mai cũng bận, chiều mai 3 giờ cho em mượn phòng họp 1 tiếng', { now });
    expect(r.slots).toMatchObject({ date: '2026-12-02', start: '15:00', minutes: 60 });
  });
});

describe('typing slips in long words', () => {
  it('knows one slip from two', () => {
    expect(oneSlipApart('cancle', 'cancel')).toBe(true); // swap
    expect(oneSlipApart('bookng', 'booking')).toBe(true); // dropped
    expect(oneSlipApart('surveyy', 'survey')).toBe(true); // added
    expect(oneSlipApart('staff', 'stuff')).toBe(true); // changed
    expect(oneSlipApart('cnacle', 'cancel')).toBe(false);
    expect(oneSlipApart('cancel', 'cancel')).toBe(false);
  });

  it('mends unknown long words only, to the most frequent neighbour', () => {
    const mender = new TypoMender(['cancel my booking', 'cancel it', 'canceled', 'hop hoc']);
    expect(mender.mend('cancle my bookng, hoc')).toBe('cancel my booking, hoc');
    expect(mender.mend('hpo kn45tq')).toBe('hpo kn45tq');
    // A Vietnamese syllable the examples lack is a word of its own, not a slip.
    expect(new TypoMender(['nguoi that']).mend('nguon von')).toBe('nguon von');
  });

  it('reads English with slips as the words meant', () => {
    expect(nlu.understand('pls cancle the hall booking on friday', { now }).intent).toBe('booking_cancel');
    expect(nlu.understand('i want to reschdule my booking', { now }).intent).toBe('booking_move');
  });
});
