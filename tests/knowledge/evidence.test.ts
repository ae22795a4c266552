import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askedTerms, askedTermSet, termSet } from '../../src/knowledge/evidence.js';
import { queryTerms } from '../../src/knowledge/query.js';
import { ACCENT_PREFIX, foldedClauses, hasAccentTerms, passageTerms } from '../../src/knowledge/terms.js';

const CORPUS = 'tests/knowledge/fixtures/corpus';

/** Texts with the cases the restricted tokenising must get exactly right. */
const TEXTS = [
  'Đổi mới sáng tạo. Sở KHCN hỗ trợ khởi nghiệp ở Cần Thơ.',
  'ĐĂNG KÝ tại hội trường tầng 5; phí 1.500.000 đồng/lượt (từ 2-4/12).',
  'khoi nghiep o can tho, so khcn ho tro', // no diacritics at all
  'Khởi nghiệp'.normalize('NFD'), // decomposed accents, as some keyboards type them
  'İstanbul and the Kelvin sign K: no Vietnamese accents once lower-cased.',
  `Trang ${'rất'.repeat(80)} dài: một từ hơn 200 ký tự.`, // an accent term too long to be kept…
  `trang ${'rất'.repeat(80)} dai`, // …and the only one
  `a ${'x'.repeat(205)} b`,
  'The constructor pattern, toString and valueOf are words, not abbreviations.',
  'GĐ. Trung tâm ĐMST và UBND TP. Cần Thơ',
  'Ngân hàng 中文 ăn',
];

/** The questions whose concepts decide which terms are asked. */
const QUESTIONS = ['Sở KHCN hỗ trợ khởi nghiệp ở đâu?', 'hoi truong tang may', 'phí gửi xe bao nhiêu một lượt', 'Trung tâm ĐMST ở đâu', 'constructor là gì', 'cần thơ có quỹ đầu tư nào'];

function corpusTexts(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => /\.(md|txt)$/.test(f))
    .flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n'))
    .filter((line) => line.trim());
}

describe('asked terms', () => {
  it('answers every term exactly as the full tokenising does, asked or not', () => {
    const texts = [...TEXTS, ...corpusTexts()];
    let checked = 0;
    for (const question of QUESTIONS) {
      const asked = askedTerms(queryTerms(question).concepts);
      expect(asked.terms.size).toBeGreaterThan(0);
      for (const text of texts) {
        const full = termSet(text);
        const restricted = askedTermSet(text, asked);
        // The asked terms, every term of the text, and a few it lacks.
        for (const term of [...asked.terms, ...Object.keys(passageTerms(text)), 'khong_co', '~không']) {
          expect(restricted.has(term), `${term} in "${text.slice(0, 40)}"`).toBe(full.has(term));
          checked++;
        }
        expect(askedTermSet(text, asked).accented, text.slice(0, 40)).toBe(full.accented);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('asks for the words, bigrams and typed accents of the concepts', () => {
    const asked = askedTerms(queryTerms('Sở KHCN hỗ trợ khởi nghiệp').concepts);
    // The abbreviation's full form is a wording of its concept: its words and bigrams are asked.
    expect([...asked.terms]).toEqual(expect.arrayContaining(['so', 'khcn', 'so_khcn', 'khoa_hoc', 'cong_nghe', 'khoi', 'nghiep', `${ACCENT_PREFIX}khởi`]));
    const set = askedTermSet('Sở Khoa học và Công nghệ hỗ trợ', asked);
    expect(set.has('khoa_hoc')).toBe(true);
    expect(set.has(`${ACCENT_PREFIX}hỗ`)).toBe(true);
    expect(set.has(`${ACCENT_PREFIX}khởi`)).toBe(false);
  });

  it('tells a text with diacritics without listing its tokens', () => {
    expect(hasAccentTerms('Khởi nghiệp')).toBe(true);
    expect(hasAccentTerms('khoi nghiep, 2025!')).toBe(false);
    expect(hasAccentTerms('Kelvin K')).toBe(false);
  });
});

describe('folded clauses', () => {
  it('reads ASCII and other scripts alike', () => {
    expect(foldedClauses('Đổi mới. Sở KHCN, 1.500.000đ')).toEqual([['doi', 'moi'], ['so', 'khcn', '1.500.000d']]);
    expect(foldedClauses('Ăn 中文 ok')).toEqual([['an', '中文', 'ok']]);
  });

  it('does not take a word inherited by every object for an abbreviation', () => {
    expect(() => passageTerms('the constructor pattern')).not.toThrow();
    expect(passageTerms('the constructor pattern')).toEqual({ the: 1, constructor: 1, pattern: 1, the_constructor: 1, constructor_pattern: 1 });
    expect(() => queryTerms('CONSTRUCTOR là gì')).not.toThrow();
  });
});
