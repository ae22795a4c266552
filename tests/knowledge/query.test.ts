/**
 * How a question is read into concepts (query.ts): a generic word that ends in a function
 * syllable ("diễn ra") stays one word, so its first syllable does not weigh as a rare topic.
 */
import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/knowledge/query.js';

describe('generic words in a question', () => {
  it('keeps "diễn ra" one concept though no document is there to join it', () => {
    const words = (q: string) => queryTerms(q).concepts.map((c) => c.alternatives[0]!.join(' '));
    expect(words('Vòng chung kết Cuộc thi Sao Mai diễn ra ngày nào?')).toContain('dien ra');
    expect(words('vong chung ket dien ra o dau')).toContain('dien ra');
    expect(words('vong chung ket dien ra o dau')).not.toContain('dien');
  });
});
