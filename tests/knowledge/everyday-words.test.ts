/**
 * Round 30 (docs/knowledge.md): a word of daily speech the passage lacks costs little, a topic
 * word it lacks still costs a lot (`content/lexicon/everyday-words.yaml`, everyday.ts,
 * evidence.ts); the thesaurus holds everyday wordings of the documents' terms; a yes/no question
 * is answered with a plain yes or no when its quote says it (verdict.ts). Tested on the
 * project's own wordings and on fixtures/everyday (an invented "Trạm Ươm tạo Cầu Mây").
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { coverage, gap, termSet, type QueryStats } from '../../src/knowledge/evidence.js';
import { markEverydayWords, type SpellingIndex } from '../../src/knowledge/everyday.js';
import { loadLexicon } from '../../src/knowledge/lexicon.js';
import { queryTerms, type SearchQuery } from '../../src/knowledge/query.js';
import { verdictOf } from '../../src/knowledge/verdict.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'everyday');

/** An index of documents that write the given accented spellings (and every folded word). */
const indexWriting = (...spellings: string[]): SpellingIndex => ({
  accentVariants: (word) => spellings.filter((s) => s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd') === word).length,
  df: (term) => (term.startsWith('~') ? (spellings.includes(term.slice(1)) ? 1 : 0) : 1),
});
const marked = (question: string, index: SpellingIndex = indexWriting()): SearchQuery => {
  const query = queryTerms(question);
  markEverydayWords(query, index, question);
  return query;
};
const everyday = (query: SearchQuery) => query.concepts.filter((c) => c.everyday).map((c) => c.alternatives[0]!.join(' '));

describe('the everyday words list', () => {
  it('is loaded from content/lexicon with Vietnamese and English words, and no topic of the domain', () => {
    const { vi, en } = loadLexicon().everyday;
    expect(vi.size).toBeGreaterThan(300);
    expect(en.size).toBeGreaterThan(200);
    for (const word of ['giữa', 'tay', 'mang', 'bên', 'đáng']) expect(vi.has(word), word).toBe(true);
    for (const topic of ['hồ sơ', 'vàng', 'phí', 'tiền', 'phòng', 'mở cửa', 'thứ', 'chó']) expect(vi.has(topic), topic).toBe(false);
    expect(en.has('bring')).toBe(true);
    expect(en.has('fee')).toBe(false);
  });
});

describe('which words of a question are everyday', () => {
  it('marks the founder\'s everyday words, never the topic, the time asked or a name', () => {
    expect(everyday(marked('Nộp hồ sơ tận tay ở giữa tuần được không?'))).toEqual(['tan', 'tay', 'giua']);
    expect(everyday(marked('Quỹ Cầu Mây có cho vay vàng không?'))).toEqual([]);
  });

  it('reads a word typed without diacritics as the documents spell it', () => {
    // Over documents that write "mạng" (a network), "mang" typed bare may be that word.
    expect(everyday(marked('co the mang laptop vao ko', indexWriting('mạng')))).not.toContain('mang');
    expect(everyday(marked('co the mang laptop vao ko', indexWriting('mở')))).toContain('mang');
    // In a question typed with diacritics, "mang" is spelt so.
    expect(everyday(marked('có thể mang laptop vào không', indexWriting('mạng')))).toContain('mang');
  });

  it('marks English everyday words typed in the question, not the glossary\'s terms', () => {
    const query = marked('Can I bring my laptop to the workshop?');
    const flagged = query.concepts.filter((c) => c.everyday).flatMap((c) => c.alternatives.map((a) => a.join(' ')));
    expect(flagged).toContain('bring');
    expect(flagged.some((w) => w.includes('workshop') || w.includes('hoi thao'))).toBe(false);
  });
});

describe('what a missing word costs', () => {
  // Every word as rare as a word no document has: only the everyday mark tells them apart.
  const stats: QueryStats = { idf: () => 4, ambiguous: () => false, indexed: () => true };
  const quote = termSet('Hồ sơ nộp trực tiếp tại quầy tiếp nhận.');

  it('is little for an everyday word and a lot for a thing the documents lack', () => {
    const paraphrase = marked('Hồ sơ nộp tận tay được không?');
    const trap = marked('Hồ sơ nộp bằng vàng được không?');
    expect(coverage(paraphrase.concepts, quote, stats)).toBeGreaterThan(0.6);
    expect(coverage(trap.concepts, quote, stats)).toBeLessThanOrEqual(0.5);
    expect(gap(paraphrase.concepts, quote, stats)).toBeLessThan(0.5);
    expect(gap(trap.concepts, quote, stats)).toBe(1);
  });

  it('is its full weight for an everyday word a passage holds', () => {
    const paraphrase = marked('Hồ sơ nộp tận tay được không?');
    expect(coverage(paraphrase.concepts, termSet('Hồ sơ nộp tận tay tại quầy.'), stats)).toBe(1);
  });
});

describe('everyday wordings of the documents\' terms', () => {
  const wordings = (question: string) => queryTerms(question).concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));

  it('reads how a founder says it as how an office writes it', () => {
    expect(wordings('nộp tận tay được không')).toContain('nop truc tiep');
    expect(wordings('cần bản photo hay bản gốc')).toEqual(expect.arrayContaining(['ban sao', 'ban chinh']));
    expect(wordings('giấy chứng nhận hết hạn thì sao')).toContain('het hieu luc');
    expect(wordings('ai thuộc diện được hỗ trợ')).toContain('doi tuong');
  });
});

describe('a yes/no question', () => {
  const hours = 'Trạm mở cửa từ 7h30 đến 17h00 thứ Hai đến thứ Sáu và từ 8h00 đến 11h30 sáng thứ Bảy; đóng cửa Chủ nhật và các ngày lễ.';

  it('takes the yes or no its quote says clearly, and none otherwise', () => {
    expect(verdictOf(queryTerms('thứ 7 có mở ko'), hours)).toBe('yes');
    expect(verdictOf(queryTerms('chủ nhật có mở cửa không'), hours)).toBe('no');
    expect(verdictOf(queryTerms('Is it open on Saturday?'), hours)).toBe('yes');
    expect(verdictOf(queryTerms('Mang thú cưng vào được không?'), 'Mang thú cưng vào được không? Không, trừ chó dẫn đường.')).toBe('no');
    // "cn" read as another word: the quote does not name the day asked.
    expect(verdictOf(queryTerms('cn co mo cua ko'), hours)).toBeNull();
    // Not a yes/no question.
    expect(verdictOf(queryTerms('thứ 7 mở cửa mấy giờ'), hours)).toBeNull();
  });

  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('leads the answer with it, in the question\'s language', async () => {
    const vi = await answerQuestion(store, 'thứ 7 trạm có mở cửa ko');
    expect(vi.abstained).toBe(false);
    expect(vi.verdict).toBe('yes');
    expect(vi.text.startsWith('Có.')).toBe(true);
    expect(vi.text).toContain('11h30');
    const en = await answerQuestion(store, 'Is the Cau May station open on Saturday?');
    expect(en.abstained).toBe(false);
    expect(en.verdict).toBe('yes');
    expect(en.text.startsWith('Yes.')).toBe(true);
  });
});
