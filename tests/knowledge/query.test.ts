/**
 * How a question is read into concepts (query.ts): a generic word that ends in a function
 * syllable ("diễn ra") stays one word, so its first syllable does not weigh as a rare topic; the
 * noun of a count of times ("mấy lần") is the kind asked, not a topic.
 */
import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/knowledge/query.js';

describe('generic words in a question', () => {
  it('keeps "diễn ra" one concept though no document is there to join it', () => {
    const words = (q: string) => queryTerms(q).concepts.map((c) => c.alternatives[0]!.join(' '));
    expect(words('Vòng chung kết Cuộc thi Sao Mai diễn ra ngày nào?')).toContain('dien ra');
    expect(words('vong chung ket dien ra o dau')).toContain('dien ra');
    expect(words('vong chung ket dien ra o dau')).not.toContain('dien');
    // "tổng cộng", "năm nay" are said around any topic: one generic word each.
    expect(words('Ngày hội năm nay có tổng cộng bao nhiêu khách?')).toEqual(expect.arrayContaining(['nam nay', 'tong cong']));
  });
});

describe('the kind asked is no topic', () => {
  it('counts times in "mấy lần" without searching "lần", which the documents tell in their own nouns', () => {
    const query = queryTerms('Kinh phí được chuyển cho dự án mấy lần?');
    expect(query.answer).toMatchObject({ kind: 'count', countWords: ['lan'] });
    expect(query.concepts.map((c) => c.alternatives[0]!.join(' '))).not.toContain('lan');
    // A counted thing that is a topic stays one: "mấy đợt" is searched as "đợt".
    expect(queryTerms('Kinh phí được chuyển mấy đợt?').concepts.map((c) => c.alternatives[0]!.join(' '))).toContain('dot');
  });
});
