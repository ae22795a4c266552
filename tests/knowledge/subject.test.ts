/**
 * The subject of a question (subject.ts, search.ts `markForeignWords`), on the project's own
 * fixtures (fixtures/subject) and the bot's own spaces document: a price is answered only by a
 * sentence that states it for the thing asked; an English word outside the glossary is not read
 * as a Vietnamese syllable ("pho" is not "Phó"); a passage without the question's subject, which
 * other passages hold, is about another thing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind, type AnswerKindInfo } from '../../src/knowledge/answer-type.js';
import { askedNumbersRemover, conceptCredit, termSet, type QueryStats } from '../../src/knowledge/evidence.js';
import { ingestDocument, ingestPath } from '../../src/knowledge/ingest.js';
import { queryTerms } from '../../src/knowledge/query.js';
import { markForeignWords } from '../../src/knowledge/search.js';
import { isPriceConcept, priceAboutSubject, subjectIndex, writesAsName } from '../../src/knowledge/subject.js';
import { spacesDocument } from '../../src/flows/booking/spaces-document.js';
import { loadSpaces } from '../../src/flows/booking/spaces.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'subject');
const contentDir = join(import.meta.dirname, '..', '..', 'content');
/** Every word weighs the same: the rules, not the statistics of a corpus, are tested. */
const flat: QueryStats = { idf: () => 1, ambiguous: () => false };
const credit = (c: Parameters<typeof conceptCredit>[0], text: string) => conceptCredit(c, termSet(text), flat);

describe('the subject of a price', () => {
  it('reads the price words as the kind asked, the rest as the subject', () => {
    const concepts = queryTerms('gia thue cho ngoi linh hoat').concepts;
    expect(concepts.map(isPriceConcept)).toEqual([true, false]);
    expect(subjectIndex(concepts)).toBe(1);
  });

  it('takes an amount for the thing its clause names, not for the section it is listed in', () => {
    const { concepts } = queryTerms('gia thue cho ngoi linh hoat');
    const weights = concepts.map(() => 1);
    const about = (sentence: string, context = '') => priceAboutSubject(concepts, weights, credit, sentence, context);
    // Free water in the hot desk's list of amenities is no price of the hot desk.
    expect(about('Tiện ích: Wi-Fi; Ổ điện; Nước uống miễn phí; Tủ đồ có khóa.', 'Chỗ ngồi linh hoạt')).toBe(false);
    expect(about('Chỗ ngồi linh hoạt giá 500.000 đồng/tháng.')).toBe(true);
    // A sentence of one clause under the heading that names the subject states its price.
    expect(about('Giá 500.000 đồng/tháng.', 'Chỗ ngồi linh hoạt')).toBe(true);
    // Half a compound names nothing: "chỗ ngồi" alone is not "chỗ ngồi linh hoạt".
    expect(about('Chỗ ngồi miễn phí trong 6 tháng.')).toBe(false);
  });

  it('takes the amount of a table row for the thing the row names (extract-table.ts: "name — label: value; …")', () => {
    const { concepts } = queryTerms('lop marketing tiktok gia bao nhieu');
    const weights = concepts.map(() => 1);
    const about = (sentence: string) => priceAboutSubject(concepts, weights, credit, sentence, 'Lịch và học phí');
    expect(about('SK06 — Khóa học: Marketing số trên TikTok; Ngày học: 14/3/2027; Học phí: 1.200.000 đồng; Số chỗ: 30.')).toBe(true);
    // Another row of the same table names another course.
    expect(about('SK03 — Khóa học: Kế toán cho startup; Ngày học: 23/02/2027; Học phí: 1.400.000 đồng; Số chỗ: 25.')).toBe(false);
    // A list of items is not a row: the heading of the list names none of them.
    expect(about('Tiện ích: Marketing số trên TikTok; Nước uống miễn phí.')).toBe(false);
  });
});

describe('names in the clause of a price', () => {
  it('counts a name of the question only where the clause writes it as a name', () => {
    expect(writesAsName('vé đi Hà Nội 1.500.000 đồng', ['ha', 'noi'])).toBe(true);
    expect(writesAsName('con số 18,5 tỷ đồng, bà Hà nói', ['ha', 'noi'])).toBe(false);
    expect(writesAsName('VÉ ĐI HÀ NỘI', ['ha', 'noi'])).toBe(true);
    const { concepts } = queryTerms('Giá vé tàu ra Hà Nội bao nhiêu?');
    const weights = concepts.map(() => 1);
    const about = (sentence: string) => priceAboutSubject(concepts, weights, credit, sentence, '');
    expect(about('“Chúng tôi nhận 18,5 tỷ đồng”, bà Hà nói.')).toBe(false);
    expect(about('Vé tàu ra Hà Nội giá 900.000 đồng.')).toBe(true);
  });
});

describe('English words outside the glossary', () => {
  it('marks a word the documents write only with diacritics as foreign and drops its search terms', () => {
    const query = queryTerms('How do I cook pho at home?');
    markForeignWords(query, { accentVariants: (word) => (word === 'pho' ? 2 : 0) });
    const pho = query.concepts.find((c) => c.alternatives[0]!.join(' ') === 'pho')!;
    expect(pho.foreign).toBe(true);
    expect(query.terms.map((t) => t.term)).not.toContain('pho');
    // A foreign word matches nothing, even where the folded text has it.
    expect(conceptCredit(pho, termSet('Ông Hải, Phó Giám đốc'), flat)).toBe(0);
    // Glossary words and names are never foreign.
    const hall = queryTerms('Does the Sao Khue hall have a projector?');
    markForeignWords(hall, { accentVariants: () => 3 });
    expect(hall.concepts.filter((c) => c.foreign)).toEqual([]);
  });
});

describe('answers about the thing asked', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
    const spaces = spacesDocument(loadSpaces(contentDir));
    await ingestDocument(store, spaces.name, Buffer.from(spaces.text));
  }, 60_000);
  afterAll(() => store.close());

  it('abstains on a price of something the documents price nowhere, whatever else they call free', async () => {
    for (const question of ['how much does the meeting room cost?', 'thue phong hop mat phi ko', 'gia thue cho ngoi linh hoat']) {
      const answer = await answerQuestion(store, question);
      expect(answer.abstained, question).toBe(true);
      expect(answer.kind, question).toBe('money');
    }
  });

  it('still answers a price stated for the thing asked, and "free" for a programme', async () => {
    const hall = await answerQuestion(store, 'thue hoi truong sao khue bao nhieu tien');
    expect(hall.outcome).toBe('answered');
    expect(hall.text).toContain('2.000.000');
    const fee = await answerQuestion(store, 'Chương trình tăng tốc có mất phí không?');
    expect(fee.outcome).toBe('answered');
    expect(fee.text).toContain('không thu phí');
  });

  it('does not read "cook pho" as the deputy director, and still finds him in English', async () => {
    expect((await answerQuestion(store, 'How do I cook pho at home?')).abstained).toBe(true);
    const deputy = await answerQuestion(store, 'Who is the deputy director?');
    expect(deputy.outcome).toBe('answered');
    expect(deputy.text).toContain('Lê Văn Hải');
  });

  it("does not answer the meeting room's projector with the hall's", async () => {
    // An asking opener ("cho e hoi": "hỏi" folds to the "hội" of "hội trường") does not lean to the hall.
    for (const question of ['phong hop co may chieu ko', 'cho e hoi phong hop co may chieu ko', 'Cho em hỏi phòng họp có máy chiếu không ạ', 'Does the meeting room have a projector?']) {
      // The meeting room's card says it has no projector (content/spaces.yaml): that line, not the hall's.
      const answer = await answerQuestion(store, question);
      expect(answer.outcome, question).toBe('answered');
      expect(answer.text, question).toContain('không có máy chiếu');
      expect(answer.text, question).not.toMatch(/hội trường/i);
    }
    const hall = await answerQuestion(store, 'hoi truong co may chieu ko');
    expect(hall.outcome).toBe('answered');
    expect(hall.text).toContain('Máy chiếu');
  });
});

describe("the question's own year and words that only look like times", () => {
  it('does not take the year the question gives for the date it asks', () => {
    const remove = askedNumbersRemover(queryTerms('When does the 2026 innovation voucher programme open for applications?').concepts);
    const sentence = 'Dự án được cộng điểm khi xét Phiếu hỗ trợ đổi mới sáng tạo năm 2026.';
    expect(sentenceHasKind(sentence, { kind: 'datetime', countWords: [] })).toBe(true);
    expect(sentenceHasKind(remove(sentence), { kind: 'datetime', countWords: [] })).toBe(false);
    // Other dates of the sentence stay.
    expect(remove('Nhận hồ sơ năm 2026 từ ngày 1/3/2026.')).toContain('1/3/2026');
  });

  it('reads "sáng tạo" and "tối đa" as no time of day', () => {
    const datetime: AnswerKindInfo = { kind: 'datetime', countWords: [] };
    expect(sentenceHasKind('Giải thưởng đổi mới sáng tạo tối đa 20 triệu đồng.', datetime)).toBe(false);
    expect(sentenceHasKind('Mở cửa buổi sáng và buổi tối.', datetime)).toBe(true);
  });
});

describe('the unit asked is the kind of fact, not its topic', () => {
  it('reads "tối đa bao nhiêu" as any quantity, and "hỗ trợ tối đa" still as an amount', () => {
    expect(answerKind('Hồ sơ gửi qua mạng mỗi file nặng tối đa bao nhiêu?').kind).toBe('count');
    expect(answerKind('Phiếu C được hỗ trợ tối đa bao nhiêu tiền?').kind).toBe('money');
    expect(answerKind('mức hỗ trợ tối đa là bao nhiêu').kind).toBe('money');
  });

  it('does not look for "tiếng" in the documents when "mấy tiếng" asks a duration', () => {
    const query = queryTerms('dat may o xuong toi da dc may tieng 1 tuan');
    expect(query.answer.kind).toBe('duration');
    expect(query.concepts.map((c) => c.alternatives[0]!.join(' '))).not.toContain('tieng');
  });
});

describe('"bn" in a question that asks nothing else', () => {
  it('reads it as "bao nhiêu" when the shared list took it for "bạn" before a noun', () => {
    const query = queryTerms('nhom khoi nghiep dk phieu ho tro can it nhat bn thanh vien');
    expect(query.answer.kind).toBe('count');
    expect(query.answer.countWords).toEqual(['thanh', 'vien']);
    // Where the question asks something else, "bạn" stays.
    expect(queryTerms('bn oi cho hoi hoi truong o dau').answer.kind).toBe('place');
  });
});

describe('money asked by what it funds', () => {
  it('reads "bao nhiêu vốn", "bao nhiêu kinh phí" as amounts, not counts', () => {
    expect(answerKind('Ứng dụng học tiếng Anh được cam kết bao nhiêu vốn?').kind).toBe('money');
    expect(answerKind('du an duoc cap bao nhieu kinh phi').kind).toBe('money');
  });
});
