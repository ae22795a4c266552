import { describe, expect, it } from 'vitest';
import { peopleCount } from '../../../src/flows/parse/people.js';

describe('peopleCount', () => {
  it.each([
    ['dat phong hop cho 12 nguoi chieu mai', 12], ['nhóm 12 ng', 12], ['hội thảo 60 khách', 60], ['room for 15 people', 15], ['12 pax', 12],
  ])('reads %j as %i people', (text, n) => {
    expect(peopleCount(text)).toBe(n);
  });
  it.each(['đặt phòng họp 2h chiều', 'ngày 12 tháng 12', 'phòng 2', '0 người'])('reads no count in %j', (text) => {
    expect(peopleCount(text)).toBeUndefined();
  });
});
