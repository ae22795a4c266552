/**
 * Syllables typed without spaces (src/nlu/joined.ts) are read as the syllables, in the shared
 * normal form; English words, names of the content and weekdays are not cut.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitJoined } from '../../src/nlu/joined.js';
import { isSyllable } from '../../src/nlu/telex.js';
import { createNlu } from '../../src/nlu/index.js';
import { normalizeForMatching } from '../../src/nlu/normalize.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội

describe('syllables and joined words', () => {
  it('knows Vietnamese spelling: "gi" not "gy", "ich/inh" not "ic/ing", no final after a glide', () => {
    expect(['nghieng', 'truong', 'khoa', 'kieu', 'xoong', 'uyen'].every(isSyllable)).toBe(true);
    expect(['gy', 'ming', 'tic', 'coin', 'vie', 'kong'].some(isSyllable)).toBe(false);
  });

  it('cuts a word into the fewest syllables, a consonant starting each where it can', () => {
    expect(['datcho', 'datphonghop', 'huylich', 'dongy', 'tatthongbao', 'xinchao'].map((w) => splitJoined(w)))
      .toEqual(['dat cho', 'dat phong hop', 'huy lich', 'dong y', 'tat thong bao', 'xin chao']);
  });

  it('leaves English words, weekdays and the names of the content whole', () => {
    for (const word of ['online', 'booking', 'meeting', 'sending', 'upcoming', 'ticket', 'music', 'bitcoin', 'monday', 'sunday', 'movie']) {
      expect(splitJoined(word), word).toBe(word);
    }
    expect(splitJoined('mekong', new Set(['mekong']))).toBe('mekong');
    expect(normalizeForMatching('sign up for mekong')).toBe('sign up for mekong');
  });

  it('reads a message typed without spaces like the spaced one', () => {
    const nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
    const booking = nlu.understand('datphonghop mai 9h', { now });
    expect(booking.intent).toBe('booking_new');
    expect(booking.slots).toMatchObject({ space: 'meeting-room', date: '2026-12-02', start: '09:00' });
    // "doilich sang t6": "sang" after the moving verb is "to", not the morning.
    const move = nlu.understand('doilich sang t6', { now });
    expect(move.intent).toBe('booking_move');
    expect(move.slots.window).toBeUndefined();
    expect(nlu.understand('xemlich', { now }).unsure).toBe(false);
  });
});
