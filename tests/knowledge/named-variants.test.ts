/**
 * Causes found on held-out H (2026-12-07), each on the project's own fixtures
 * (fixtures/variant): a round, package or prize named by a word ("Đợt Hè", "Gói Lá") is one
 * anchored name, and a quote about another variant of the same kind (in the sentence, or in its
 * heading and title when the sentence names none) is not given; "mọi người" closing a question
 * and "e" (em) are no topic; a percentage answers a stake or a share of a budget.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { queryTerms } from '../../src/knowledge/query.js';
import { askedVariants, isSeriesNoun, namesAnotherVariant, writtenVariants } from '../../src/knowledge/variant.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'variant');
const words = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives[0]!.join(' '));

describe('a variant named by a word', () => {
  it('is one anchored name in the question, typed in lower case before its capitalised label too', () => {
    const concepts = queryTerms('Demo Day đợt Hè có bao nhiêu dự án?').concepts;
    const round = concepts.find((c) => c.alternatives[0]!.join(' ') === 'dot he');
    expect(round?.anchor).toBe('name');
    expect(askedVariants(concepts)).toEqual(new Map([['dot', new Set(['he'])]]));
    expect(askedVariants(queryTerms('Gói Lá cần góp bao nhiêu?').concepts)).toEqual(new Map([['goi', new Set(['la'])]]));
    // A number stays the numbered thing's ("đợt 2"), no variant.
    expect(askedVariants(queryTerms('đợt 2 nhận hồ sơ đến khi nào?').concepts).size).toBe(0);
  });

  it('is read from a text only after a series noun, with a capitalised label', () => {
    expect(writtenVariants('Gói Mầm: 20 triệu; Gói Lá: 40 triệu')).toEqual(new Map([['goi', new Set(['mam', 'la'])]]));
    expect(writtenVariants('số 14 đường Hàng Sứ').size).toBe(0);
    expect(writtenVariants('mỗi đợt chọn 20 nhóm, đợt 2 sau').size).toBe(0);
    expect(isSeriesNoun('Đợt')).toBe(true);
    expect(isSeriesNoun('mua')).toBe(false);
  });

  it('tells a sentence (or, when it names none, its title and heading) about another variant', () => {
    const asked = new Map([['dot', new Set(['dong'])]]);
    expect(namesAnotherVariant(asked, 'Đợt Hè: nhận hồ sơ đến ngày 30/6/2027.', '')).toBe(true);
    expect(namesAnotherVariant(asked, 'Đợt Hè đến 30/6; Đợt Đông đến 30/11.', '')).toBe(false);
    expect(namesAnotherVariant(asked, 'Số dự án được chọn: 7 dự án.', 'Kết quả xét chọn. Đợt Hè')).toBe(true);
    expect(namesAnotherVariant(asked, 'Số dự án được chọn: 7 dự án.', 'Kết quả xét chọn')).toBe(false);
  });
});

describe('answers over documents with named variants', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it('answers the variant its heading names', async () => {
    const answer = await answerQuestion(store, 'Đợt Hè có bao nhiêu dự án được Hội đồng chọn hỗ trợ?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('7 dự án');
  });

  it('does not answer another variant of the same kind from it', async () => {
    const answer = await answerQuestion(store, 'Đợt Đông có bao nhiêu dự án được Hội đồng chọn hỗ trợ?');
    expect(answer.abstained).toBe(true);
  });

  it('quotes a share of the budget for a counterpart contribution, and a share of capital for a stake', async () => {
    const share = await answerQuestion(store, 'Gói Lá yêu cầu nhóm góp vốn đối ứng tối thiểu bao nhiêu?');
    expect(share.abstained).toBe(false);
    expect(share.text).toContain('20%');
  });
});

describe('a percentage as the amount asked', () => {
  it('answers a counterpart contribution asked as money, and a stake asked as a count', () => {
    expect(sentenceHasKind('Nhóm góp vốn đối ứng tối thiểu 20% tổng dự toán.', answerKind('góp vốn đối ứng tối thiểu bao nhiêu tiền?'))).toBe(true);
    const stake = answerKind('Chương trình lấy bao nhiêu cổ phần?');
    expect(stake.kind).toBe('count');
    expect(sentenceHasKind('Chương trình có quyền nhận 5% vốn điều lệ.', stake)).toBe(true);
    // Not any count: "bao nhiêu dự án" is not answered by a percentage.
    expect(sentenceHasKind('Tỷ lệ đạt 5%.', answerKind('có bao nhiêu dự án được chọn?'))).toBe(false);
  });
});

describe('who a question addresses', () => {
  it('"mọi người" closing a question is no topic; "người" asked stays one', () => {
    expect(words('chương trình kéo dài bao lâu vậy mọi người')).not.toContain('nguoi');
    expect(words('ct keo dai bao lau z mn')).not.toContain('nguoi');
    expect(words('phòng họp chứa được bao nhiêu người')).toContain('nguoi');
  });

  it('"e" (em) is the founder, not a word of the question', () => {
    expect(words('nhom e nghi hoc may buoi thi bi loai')).not.toContain('e');
  });
});
