/**
 * English loanwords in Vietnamese documents (docs/knowledge.md, "Round 29b"): the documents write
 * an English noun uninflected ("8 startup", "24 booth"), so a founder's typed plural is also
 * searched bare; "stage" is also a theatre's stage ("lên sân khấu"). Tested on
 * fixtures/loanwords (an invented "Ngày hội Gọi vốn Sông Lam 2027"), never on a held-out set.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { queryTerms, singulars } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'loanwords');
/** The folded wordings of each concept of a question. */
const wordings = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives.map((a) => a.join(' ')));

describe('singulars', () => {
  it('gives the bare form of an English plural', () => {
    expect(singulars('startups')).toContain('startup');
    expect(singulars('booths')).toContain('booth');
    expect(singulars('boxes')).toContain('box');
  });

  it('leaves words without a plural ending and Vietnamese syllables alone', () => {
    for (const word of ['startup', 'signed', 'class', 'bus', 'tin', 'nhung']) expect(singulars(word)).toEqual([]);
  });
});

describe('an English plural in a question', () => {
  it('is also searched bare, whether the glossary translates it or not', () => {
    // "startups" is in the glossary (its translations plus the typed word), "booths" is not.
    expect(wordings('How many startups will pitch?').some((a) => a.includes('startups') && a.includes('startup'))).toBe(true);
    expect(wordings('How many booths are there?').some((a) => a.includes('booths') && a.includes('booth'))).toBe(true);
  });

  it('keeps a singular as typed', () => {
    expect(wordings('How much is a booth?').some((a) => a.includes('booth') && !a.includes('booths'))).toBe(true);
  });
});

describe('answers from a page that writes loanwords bare', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('counts the startups on stage', async () => {
    const answer = await answerQuestion(store, 'How many startups will pitch on stage at the Song Lam pitching day?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('8 startup');
  });

  it('counts the booths', async () => {
    const answer = await answerQuestion(store, 'How many booths does the exhibition area have?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('24 booth');
  });
});
