import { describe, expect, it } from 'vitest';
import { chunkDocument, CHUNK_MAX, splitSentences } from '../../src/knowledge/chunk.js';
import { accentTokens, fold, foldTokens, foldWords } from '../../src/nlu/fold.js';
import { queryTerms, questionLanguage } from '../../src/knowledge/query.js';
import { passageTerms } from '../../src/knowledge/terms.js';

describe('folding and tokens', () => {
  it('folds as the evaluation does and keeps the old exports', () => {
    expect(fold('  Đặt   Phòng ')).toBe('dat phong');
    expect(foldWords('Gặp cán bộ!')).toBe('gap can bo');
    // NFD input (as some keyboards produce) folds the same as NFC.
    expect(fold('khởi nghiệp'.normalize('NFD'))).toBe('khoi nghiep');
  });

  it('keeps numbers with their punctuation as one token', () => {
    expect(foldTokens('Từ ngày 2-4/12, học phí 1.500.000 đồng')).toEqual(['tu', 'ngay', '2-4/12', 'hoc', 'phi', '1.500.000', 'dong']);
    expect(accentTokens('Khởi Nghiệp')).toEqual(['khởi', 'nghiệp']);
  });

  it('indexes syllables, syllable pairs within a clause, accented syllables and abbreviations', () => {
    const terms = passageTerms('Đổi mới sáng tạo. Sở KHCN hỗ trợ');
    expect(terms).toMatchObject({ doi: 1, doi_moi: 1, sang_tao: 1, '~đổi': 1, khcn: 1, khoa_hoc: 1, cong_nghe: 1 });
    expect(terms.tao_so).toBeUndefined(); // no phrase across the end of a sentence
  });
});

describe('questions', () => {
  it('drops question words, keeps phrases and adds accent terms only for typed diacritics', () => {
    const accented = queryTerms('Khởi nghiệp là gì?');
    expect(accented.words).toEqual(['khoi', 'nghiep']);
    expect(accented.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['khoi_nghiep', '~khởi', '~nghiệp']));
    const plain = queryTerms('khoi nghiep la gi');
    expect(plain.terms.filter((t) => t.kind !== 'accent').map((t) => t.term).sort())
      .toEqual(accented.terms.filter((t) => t.kind !== 'accent').map((t) => t.term).sort());
    expect(plain.terms.some((t) => t.kind === 'accent')).toBe(false);
  });

  it('translates English domain terms through the glossary', () => {
    const q = queryTerms('Can a project use the coworking hall?');
    expect(q.language).toBe('en');
    expect(q.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['du_an', 'lam_viec', 'viec_chung', 'hoi_truong']));
    expect(q.words).not.toContain('the');
  });

  it('tells Vietnamese without diacritics from English', () => {
    expect(questionLanguage('bao nhieu doanh nghiep duoc ho tro')).toBe('vi');
    expect(questionLanguage('ai la giam doc trung tam')).toBe('vi');
    expect(questionLanguage('how many startups get support')).toBe('en');
    // English stop words that are also Vietnamese syllables are kept in Vietnamese questions.
    expect(queryTerms('to chuc hoi thao').terms.map((t) => t.term)).toContain('to_chuc');
  });

  it('reads an English question that names Vietnamese things with diacritics as English', () => {
    expect(questionLanguage('What is the maximum grant for a team in the Chồi tier of the Sơn Kha seed fund?')).toBe('en');
    expect(questionLanguage('Where is the Sơn Kha incubator?')).toBe('en');
    const q = queryTerms('How much matching funding does a Chồi tier team have to bring?');
    expect(q.language).toBe('en');
    expect(q.words).not.toContain('does');
    // The English wording is searched too, for the centre's English pages, unless one of its
    // words is also a Vietnamese syllable ("room" reads as "rơm" in a Vietnamese text).
    const fee = queryTerms('How much is the joining fee for the meeting room?');
    const wordings = fee.concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));
    expect(wordings).toEqual(expect.arrayContaining(['phi gia nhap', 'joining fee']));
    expect(wordings).not.toContain('meeting room');
    // Function words are no topic: "once" and "really" are not looked for in the documents.
    const once = queryTerms('Once my payment file is complete, how soon will the centre really pay?');
    expect(once.words).not.toContain('once');
    expect(once.words).not.toContain('really');
    // A Vietnamese question with an English word or two stays Vietnamese.
    expect(questionLanguage('Phòng họp có projector và wifi không?')).toBe('vi');
    expect(questionLanguage('Đăng ký ở đâu vậy ad, is it online?')).toBe('vi');
  });

  it('expands abbreviations typed in capitals', () => {
    expect(queryTerms('Sở KHCN ở đâu').terms.map((t) => t.term)).toEqual(expect.arrayContaining(['khoa_hoc', 'cong_nghe']));
  });
});

describe('sentences and passages', () => {
  it('splits sentences but not numbers or abbreviations', () => {
    expect(splitSentences('Có 5.000 suất học bổng. TT. ĐMST phối hợp! Xong?')).toEqual([
      'Có 5.000 suất học bổng.',
      'TT. ĐMST phối hợp!',
      'Xong?',
    ]);
  });

  it('chunks along paragraphs, splits long ones by sentence and keeps headings', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Câu số ${i} nói về khởi nghiệp.`).join(' ');
    const chunks = chunkDocument({
      title: 'T',
      kind: 'md',
      sections: [
        { heading: null, paragraphs: ['Mở đầu ngắn.'] },
        { heading: 'Chi tiết', paragraphs: [long, 'Đoạn cuối.'] },
      ],
    });
    expect(chunks[0]).toEqual({ heading: null, text: 'Mở đầu ngắn.' });
    const detail = chunks.filter((c) => c.heading === 'Chi tiết');
    expect(detail.length).toBeGreaterThan(1);
    for (const c of detail) expect(c.text.length).toBeLessThanOrEqual(CHUNK_MAX);
    expect(detail.map((c) => c.text).join(' ')).toContain('Câu số 39 nói về khởi nghiệp.');
    // No sentence is cut in the middle.
    for (const c of detail) expect(c.text).toMatch(/[.]$/);
  });
});
