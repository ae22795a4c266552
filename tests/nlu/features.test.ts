/**
 * The classifier's features for negation: which words a negation covers, and that the negated
 * words keep character n-grams of their own.
 */
import { describe, expect, it } from 'vitest';
import { extractFeatures, markedWords } from '../../src/nlu/features.js';
import { DomainLexicon } from '../../src/nlu/domain.js';

const domain = new DomainLexicon({ knowledge: [], out_of_scope: [] });

describe('markedWords', () => {
  it('negates a verb of receiving or following after a verb of ending', () => {
    expect(markedWords('minh muon huy nhan tin')).toEqual(['minh', 'muon', 'huy', 'n:nhan', 'n:tin']);
    expect(markedWords('bo theo doi')).toEqual(['bo', 'n:theo', 'n:doi']);
    expect(markedWords('thoi nhan thong bao')).toEqual(['thoi', 'n:nhan', 'n:thong', 'n:bao']);
  });

  it('leaves a cancellation and "cán bộ nhận" alone', () => {
    expect(markedWords('huy lich dat phong')).toEqual(['huy', 'lich', 'dat', 'phong']);
    expect(markedWords('can bo nhan ho so')).toEqual(['can', 'bo', 'nhan', 'ho', 'so']);
  });
});

describe('extractFeatures', () => {
  it('gives negated words character n-grams of their own, apart from the wanted ones', () => {
    const features = extractFeatures("i don't want to receive announcements anymore", { flags: [], domain });
    expect(features.has('nc:ounc')).toBe(true);
    expect(features.has('c:ounc')).toBe(false);
    expect([...features.keys()].some((k) => k.startsWith('nc:'))).toBe(true);
  });

  it('has no negated n-grams when nothing is negated', () => {
    const features = extractFeatures('nhan lai thong bao', { flags: [], domain });
    expect([...features.keys()].some((k) => k.startsWith('nc:'))).toBe(false);
  });
});
