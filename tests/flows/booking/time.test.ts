/** Times typed at the booking's time question (src/flows/booking/time.ts). */
import { describe, expect, it } from 'vitest';
import { parseClock } from '../../../src/flows/booking/time.js';

describe('parseClock', () => {
  it('reads an hour from 1 to 6 written as a time as the afternoon, as the NLU does', () => {
    expect(parseClock('2h')).toBe(14 * 60);
    expect(parseClock('3:30')).toBe(15 * 60 + 30);
    expect(parseClock('lúc 4 giờ')).toBe(16 * 60);
  });

  it('keeps a morning said so, hours from 7, and a bare digit', () => {
    expect(parseClock('2h sáng')).toBe(2 * 60);
    expect(parseClock('9h30')).toBe(9 * 60 + 30);
    expect(parseClock('2h chiều')).toBe(14 * 60);
    expect(parseClock('14:00')).toBe(14 * 60);
    expect(parseClock('2')).toBe(2 * 60);
  });
});
