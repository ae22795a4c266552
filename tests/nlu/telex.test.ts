/**
 * Telex residue (src/nlu/telex.ts): words typed with the Telex marks left in are read as the
 * syllables they stand for, in the shared normal form, and English words are left alone.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { untelex } from '../../src/nlu/telex.js';
import { createNlu } from '../../src/nlu/index.js';
import { normalizeForMatching } from '../../src/nlu/normalize.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội

describe('untelex', () => {
  it('takes off "dd", "aw/ow/uw", doubled vowels beside another mark, and a final tone letter', () => {
    expect(['ddawng', 'kys', 'phongf', 'hopj', 'dawtj', 'tieengs', 'truowngf', 'dduwowcj', 'hoof', 'nhw'].map(untelex))
      .toEqual(['dang', 'ky', 'phong', 'hop', 'dat', 'tieng', 'truong', 'duoc', 'ho', 'nhu']);
  });

  it('leaves syllables, English words and plurals alone', () => {
    for (const word of ['xoong', 'phong', 'next', 'see', 'soon', 'keep', 'turn', 'yes', 'news', 'how', 'now', 'town', 'docs', 'mins', 'days', 'booking', 'hours']) {
      expect(untelex(word), word).toBe(word);
    }
  });
});

describe('Telex residue in messages', () => {
  it('is read in the shared normal form, but not in an English sentence', () => {
    expect(normalizeForMatching('ddawng kys tham gia IPP2')).toBe('dang ky tham gia ipp2');
    expect(normalizeForMatching('hanj nopj hoof sow IPP2 laf khi naof')).toBe('han nop ho so ipp2 la khi nao');
    expect(normalizeForMatching('how much is the hall for six')).toBe('how much is the hall for six');
  });

  it('fills the slots of a booking typed in Telex', () => {
    const nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
    const u = nlu.understand('ddawt hooij truowngf t7 tuwf 8h ddeens 11h', { now });
    expect(u.intent).toBe('booking_new');
    expect(u.slots).toMatchObject({ space: 'hall', date: '2026-12-05', start: '08:00', minutes: 180 });
    expect(nlu.understand('dawtj phongf hopj mai 9h', { now }).slots.space).toBe('meeting-room');
  });
});
