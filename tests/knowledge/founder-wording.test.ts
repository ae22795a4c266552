/**
 * How founders word questions, on the project's own examples: "loại … gì" asks the sort of a
 * thing (the answer names the sort, not the word "loại"); the final i/y of a syllable is spelt
 * either way ("ki"/"ký").
 */
import { describe, expect, it } from 'vitest';
import { namesAnotherNumber, scatteredSyllables } from '../../src/knowledge/answer.js';
import { queryTerms } from '../../src/knowledge/query.js';
import type { Passage } from '../../src/knowledge/search.js';
import { addSpellingVariants } from '../../src/knowledge/search.js';

const wordings = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives[0]!.join(' '));

describe('"loại / kiểu / dạng … gì / nào"', () => {
  it('is the question, not a topic', () => {
    expect(wordings('Tổ hợp tác Đồi Chè trồng loại cây gì?')).not.toContain('loai');
    expect(wordings('quy trinh ho tro kieu nao')).not.toContain('kieu');
    expect(wordings('Hồ sơ nộp dạng gì?')).not.toContain('dang');
  });

  it('stays a topic without a question word after it', () => {
    expect(wordings('Trung tâm nhận những loại hồ sơ này không?').join(' ')).toContain('loai');
  });
});

describe('the final i/y of a syllable', () => {
  const index = (present: string[]) => ({ df: (term: string) => (present.includes(term) ? 3 : 0) });

  it('reads a word no passage has in its other spelling, as the founder\'s own wording', () => {
    const query = queryTerms('di ki hop dong can mang gi');
    addSpellingVariants(query, index(['ky', 'hop', 'dong']));
    const ki = query.concepts.find((c) => c.alternatives[0]!.join(' ') === 'ki')!;
    expect(ki.alternatives.slice(0, ki.own).map((a) => a.join(' '))).toEqual(['ki', 'ky']);
    expect(query.terms.some((t) => t.term === 'ky')).toBe(true);
  });

  it('leaves a word the documents have, or whose other spelling they lack, as typed', () => {
    const query = queryTerms('phi ki hop dong');
    addSpellingVariants(query, index(['ki', 'ky', 'phi']));
    expect(query.concepts.every((c) => c.own === 1)).toBe(true);
    const other = queryTerms('ti le ho tro');
    addSpellingVariants(other, index(['le']));
    expect(other.concepts.every((c) => c.own === 1)).toBe(true);
  });
});

describe('English things with a label or an ordinal', () => {
  const concepts = (question: string) => queryTerms(question).concepts.map((c) => ({ wordings: c.alternatives.map((a) => a.join(' ')), anchor: c.anchor }));

  it('reads "Package B" as the documents\' "Gói B", anchored as a name', () => {
    expect(concepts('How much does Package B pay for training?')).toContainEqual({ wordings: expect.arrayContaining(['goi b', 'package b']), anchor: 'name' });
  });

  it('reads "the third round" and "round 3" as "đợt 3" / "vòng 3", anchored as a number', () => {
    for (const q of ['When does the third round close?', 'When does the third application round close?', 'When does round 3 close?']) {
      expect(concepts(q)).toContainEqual({ wordings: expect.arrayContaining(['vong 3', 'dot 3']), anchor: 'number' });
    }
  });

  it('leaves glossary phrases with an ordinal, and the article "a", alone', () => {
    expect(concepts('Who won the first prize?').flatMap((c) => c.wordings)).toContain('giai nhat');
    expect(concepts('Can a startup apply?').every((c) => !c.wordings.some((w) => w.endsWith(' a')))).toBe(true);
  });
});

describe('an unaccented question whose syllables the documents hold only apart', () => {
  const passage = (phrases: number) => ({ evidence: { features: { phrases } } }) as unknown as Pick<Passage, 'evidence'>;

  it('is scattered when every concept is one syllable and the passage has none of its phrases', () => {
    expect(scatteredSyllables(queryTerms('cach lam banh xeo gion tai nha'), passage(0))).toBe(true);
    expect(scatteredSyllables(queryTerms('cach lam banh xeo gion tai nha'), passage(0.3))).toBe(false);
  });

  it('is not scattered with diacritics, with a word of several syllables, or with a non-Vietnamese word', () => {
    expect(scatteredSyllables(queryTerms('cách làm bánh xèo giòn tại nhà'), passage(0))).toBe(false);
    expect(scatteredSyllables(queryTerms('nop ho so o dau'), passage(0))).toBe(false);
    expect(scatteredSyllables(queryTerms('pass wifi khach doi may lan'), passage(0))).toBe(false);
  });
});

describe('a numbered thing asked', () => {
  it('is not answered by a sentence that names the thing with another number only', () => {
    const query = queryTerms('Hạn nộp hồ sơ đợt 1 là ngày nào?');
    expect(namesAnotherNumber(query, 'Đợt 2 nhận hồ sơ đến ngày 16/8.')).toBe(true);
    expect(namesAnotherNumber(query, 'Đợt 1: đến ngày 31/3; đợt 2: đến ngày 16/8.')).toBe(false);
    // A sentence that names no round is left to its title and heading.
    expect(namesAnotherNumber(query, 'Hồ sơ nhận đến ngày 31/3.')).toBe(false);
    // Both rounds asked: either answers.
    expect(namesAnotherNumber(queryTerms('trượt đợt 1 thì nộp lại đợt 2 được không'), 'Được nộp lại ở đợt 2.')).toBe(false);
  });
});

describe('an English month', () => {
  it('is when the thing happens, not a name to anchor on (the documents write dates)', () => {
    const concepts = queryTerms('What time does the awards night of the pitching contest start in October 2027?').concepts;
    expect(concepts.some((c) => c.alternatives.some((a) => a.includes('october')))).toBe(false);
    expect(concepts.some((c) => c.anchor === 'number' && c.alternatives[0]!.join(' ') === '2027')).toBe(true);
  });
});
