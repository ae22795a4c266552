/**
 * English inflections in the glossary lookup (inflection.ts): an inflected word finds its base
 * form's wordings, the typed form wins when listed, and Vietnamese syllables are never reduced.
 */
import { describe, expect, it } from 'vitest';
import { englishBaseForms, glossaryLookup } from '../../src/knowledge/inflection.js';
import { queryTerms } from '../../src/knowledge/query.js';

describe('englishBaseForms', () => {
  it.each([
    ['signed', 'sign'],
    ['selected', 'select'],
    ['applicants', 'applicant'],
    ['receives', 'receive'],
    ['companies', 'company'],
    ['planned', 'plan'],
    ['applied', 'apply'],
    ['boxes', 'box'],
  ])('reduces %s to %s', (word, base) => {
    expect(englishBaseForms(word)).toContain(base);
  });

  it('leaves Vietnamese syllables, short words, gerunds and words without an ending alone', () => {
    for (const word of ['tin', 'cac', 'nhung', 'thuong', 'bus', 'is', 'class', 'sign', 'xã', 'covering']) expect(englishBaseForms(word)).toEqual([]);
  });
});

describe('glossaryLookup', () => {
  const glossary = new Map<string, string[]>([
    ['sign', ['ky']],
    ['signs', ['bien hieu']],
    ['follow up', ['theo doi']],
  ]);

  it('prefers the typed form, then a base form of any word of the phrase', () => {
    expect(glossaryLookup(glossary, ['signs'])).toEqual(['bien hieu']);
    expect(glossaryLookup(glossary, ['signed'])).toEqual(['ky']);
    expect(glossaryLookup(glossary, ['follows', 'up'])).toEqual(['theo doi']);
    expect(glossaryLookup(glossary, ['signal'])).toBeUndefined();
  });

  it('translates an inflected word of an English question through the real glossary', () => {
    const concept = queryTerms('Which companies received the grant?').concepts.find((c) => c.alternatives.some((a) => a.join(' ') === 'doanh nghiep'));
    expect(concept).toBeDefined();
    const signed = queryTerms('When was the contract signed?').concepts.find((c) => c.alternatives.some((a) => a.join(' ') === 'signed'));
    expect(signed?.untranslated).not.toBe(true);
    expect(signed?.alternatives.length).toBeGreaterThan(1);
  });
});
