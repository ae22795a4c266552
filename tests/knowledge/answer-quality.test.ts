/**
 * The answer-quality steps after issue 13's first round, each on the project's own words and
 * fixtures (tests/knowledge/fixtures/quality): questions about being charged, names typed in
 * lower case, the thesaurus read with the diacritics typed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, isTopicless } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind, type AnswerKindInfo } from '../../src/knowledge/answer-type.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { gap, passageEvidence, termSet } from '../../src/knowledge/evidence.js';
import { loadLexicon } from '../../src/knowledge/lexicon.js';
import { queryTerms, withoutQuestionWords } from '../../src/knowledge/query.js';
import { markWrittenNames, searchKnowledgeWithQuery, writtenNames } from '../../src/knowledge/search.js';
import { fold } from '../../src/nlu/fold.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'quality');

const money: AnswerKindInfo = { kind: 'money', countWords: [] };

describe('kinds asked in casual and English wordings', () => {
  it('reads a price in "thuê … bao nhiêu" and "bao nhiêu tỷ", and eligibility in "who can"', () => {
    expect(answerKind('thue may laser bao nhieu 1 tieng').kind).toBe('money');
    expect(answerKind('demo day goi dc bao nhieu ty').kind).toBe('money');
    expect(answerKind('quỹ có mấy triệu').kind).toBe('money');
    expect(answerKind('who can join the contest, any age limit?').kind).toBe('other');
    expect(answerKind('ai được tham gia cuộc thi').kind).toBe('other');
    expect(answerKind('ai là giám đốc trung tâm').kind).toBe('person');
    expect(answerKind('bao nhieu startup duoc chon').kind).toBe('count');
    // "tối đa mấy gói" counts packages; "tối đa bao nhiêu" after a support asks an amount.
    expect(answerKind('mot nam dang ky toi da may goi co van').kind).toBe('count');
    expect(answerKind('phieu b ho tro toi da bao nhieu').kind).toBe('money');
  });

  it('reads "tiếng" after a number as hours, but keeps "mấy tiếng" a duration', () => {
    expect(withoutQuestionWords('thue may in bao nhieu 1 tieng')).toContain('gio');
    expect(withoutQuestionWords('tieng anh')).toContain('tieng');
    expect(answerKind('huy truoc may tieng thi khong bi tru').kind).toBe('duration');
  });
});

describe('questions that name no topic', () => {
  it('are topicless when they name only the kind of fact asked', () => {
    for (const q of ['bn tien z ad', 'how much is it', 'phí bao nhiêu', 'what is the deadline for this?', 'o dau vay']) {
      expect(isTopicless(queryTerms(q)), q).toBe(true);
    }
    for (const q of ['giá thuê phòng họp bao nhiêu', 'Techfest diễn ra khi nào', 'how much is the hall']) {
      expect(isTopicless(queryTerms(q)), q).toBe(false);
    }
  });
});

describe('questions about being charged', () => {
  it('asks for an amount or "free" when the founder asks whether something costs or is charged', () => {
    expect(answerKind('Tham gia hội thảo có mất phí gì không?').kind).toBe('money');
    expect(answerKind('dat phong hop co ton phi ko').kind).toBe('money');
    expect(answerKind('Đến muộn có bị trừ tiền không?').kind).toBe('money');
    expect(answerKind('gui xe co thu phi k').kind).toBe('money');
    // Paying in cash is a way to pay, not a charge.
    expect(answerKind('Có được trả tiền mặt không?').kind).toBe('yesno');
    expect(answerKind('Phí thành viên đóng vào ngày nào?').kind).toBe('datetime');
  });

  it('reads "not charged" and a share of the fee as answers of that kind', () => {
    expect(sentenceHasKind('Hội thảo không thu bất kỳ khoản phí nào.', money)).toBe(true);
    expect(sentenceHasKind('Báo trước một ngày thì không bị trừ gì.', money)).toBe(true);
    expect(sentenceHasKind('Đến trễ quá 15 phút: thu 50% phí của buổi.', money)).toBe(true);
    expect(sentenceHasKind('Phòng họp mở cửa từ 8h00.', money)).toBe(false);
  });
});

describe('casual abbreviations that are also words', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  });
  afterAll(() => store.close());

  it.each(['so dt van phong la j', 'cho xin sdt van phong', 'Số điện thoại văn phòng là gì?'])('answers "%s" with the phone number', async (question) => {
    const answer = await answerQuestion(store, question);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('0211 384 5566');
  });

  it('reads "24h" as "24 giờ" and drops the "hết" of "hết bao nhiêu"', async () => {
    const late = await answerQuestion(store, 'huy lich trong vong 24h co mat tien ko');
    expect(late.abstained).toBe(false);
    expect(late.text).toContain('50%');
    const hall = await answerQuestion(store, 'thue hoi truong lon het bao nhieu tien');
    expect(hall.abstained).toBe(false);
    expect(hall.text).toContain('3.000.000');
    expect(hall.text).not.toContain('100.000');
  });

  it('reads "dt" before an amount as revenue and "ty" after a number as a billion', async () => {
    const answer = await answerQuestion(store, 'nhom co dt nam truoc duoi 3 ty thi duoc uu tien gi ko');
    expect(answer.abstained).toBe(false);
    expect(fold(answer.text)).toContain('vong phong van');
  });
});

describe('names typed in lower case', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  });
  afterAll(() => store.close());

  it('anchors a lower-case name the documents write in capitals ("sao mai" is "Sao Mai")', async () => {
    const { query } = await searchKnowledgeWithQuery(store, 'dang ky hoi thao sao mai co mat phi j ko');
    expect(query.concepts.find((c) => c.alternatives[0]!.join(' ') === 'sao mai')?.anchor).toBe('name');
    // Typed with capitals, the question names its names itself.
    const typed = await searchKnowledgeWithQuery(store, 'Đăng ký hội thảo sao mai có mất phí không?');
    expect(typed.query.concepts.some((c) => c.anchor === 'name')).toBe(false);
    const answer = await answerQuestion(store, 'dang ky hoi thao sao mai co mat phi j ko');
    expect(answer.abstained).toBe(false);
    expect(fold(answer.text)).toContain('khong phai dong bat ky khoan phi');
  });

  it('does not anchor common words that only open a capitalised heading, nor one word of a longer name', async () => {
    const { query } = await searchKnowledgeWithQuery(store, 'phong hop nho gia bao nhieu');
    expect(query.concepts.every((c) => c.anchor === null)).toBe(true);
    const index = { contains: () => true, passages: [{ title: 'Hội thảo Sao Mai', heading: null, text: 'Đăng ký tại quầy CIH.' }] };
    const q = queryTerms('sao chep tai lieu');
    markWrittenNames(q, index, [0]);
    expect(q.concepts.every((c) => c.anchor === null)).toBe(true);
    const acronym = queryTerms('dang ky o quay cih');
    markWrittenNames(acronym, index, [0]);
    expect(acronym.concepts.some((c) => c.anchor === 'name')).toBe(true);
  });
});

describe('the thesaurus read with the diacritics typed', () => {
  const alternativesOf = (question: string, word: string) =>
    queryTerms(question).concepts.find((c) => c.alternatives[0]!.join(' ') === word)?.alternatives.map((a) => a.join(' ')) ?? [];

  it('reads what someone said in the wordings news use ("cho biết", "phát biểu")', () => {
    expect(alternativesOf('Giám đốc đã nói gì ở sự kiện?', 'noi')).toEqual(expect.arrayContaining(['cho biet', 'phat bieu']));
  });

  it('gives a word typed with diacritics only the synonyms of its own spelling ("dùng" is not "dừng")', () => {
    expect(alternativesOf('Khách có được dùng máy in không?', 'dung')).toContain('su dung');
    expect(alternativesOf('Khách có được dùng máy in không?', 'dung')).not.toContain('cham dut');
    expect(alternativesOf('Xưởng có dừng hoạt động vào ngày lễ không?', 'dung')).toContain('cham dut');
    expect(loadLexicon().synonymsBySpelling.get('dùng')?.map((w) => w.join(' '))).not.toContain('ket thuc');
  });
});

describe('words that say who or what is asked about', () => {
  const own = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives[0]!.join(' '));

  it('keeps "chưa" before a word ("not yet a member") as a concept, not at the end of a question', () => {
    expect(own('Người chưa là thành viên có được gặp cố vấn không?')).toContain('chua');
    expect(own('mik chua lam thanh vien thi co dc gap co van ko')).toContain('chua');
    expect(own('Hồ sơ của tôi đã có kết quả chưa?')).not.toContain('chua');
  });

  it('reads a generic two-syllable word as one word even where the documents seldom write it ("tham dự")', () => {
    const concepts = queryTerms('Có bao nhiêu khách tham dự hội thảo?').concepts;
    expect(concepts.map((c) => c.alternatives[0]!.join(' '))).toContain('tham du');
    expect(concepts.map((c) => c.alternatives[0]!.join(' '))).not.toContain('tham');
  });

  it('reads English questions about the size of a fund or a budget as amounts, and "managed" as Vietnamese does', () => {
    expect(answerKind('What is the total fund size of the programme?').kind).toBe('money');
    expect(answerKind('What is the budget for the voucher scheme?').kind).toBe('money');
    const managed = queryTerms('Which fund is managed by the centre?').concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));
    expect(managed).toContain('quan ly');
  });
});

describe('how much a word of the question weighs', () => {
  it('weighs a word typed with diacritics by its own spelling ("đóng" is rarer than every "đồng")', () => {
    const concepts = queryTerms('Đóng phí ở đâu?').concepts.filter((c) => ['dong', 'phi'].includes(c.alternatives[0]!.join(' ')));
    expect(concepts).toHaveLength(2);
    const idf = (term: string) => ({ dong: 0.4, phi: 1, '~đóng': 2.5, '~đồng': 0.5, '~phí': 1 })[term] ?? 1;
    const stats = { idf, ambiguous: () => false, indexed: (term: string) => ['~đóng', '~đồng', '~phí'].includes(term) };
    // "đồng" is not "đóng" (half credit): the rare typed word is the gap, not a common one.
    expect(gap(concepts, termSet('Phí 100.000 đồng.'), stats)).toBeCloseTo(0.5);
    // Without the accented term in the index, the folded word's weight stands.
    expect(gap(concepts, termSet('Phí 100.000 đồng.'), { ...stats, indexed: () => false })).toBeCloseTo(0.2);
  });

  it('drops the pronoun "họ" typed with diacritics, not "hồ sơ" or "hỗ trợ"', () => {
    const own = (q: string) => queryTerms(q).concepts.map((c) => c.alternatives[0]!.join(' '));
    expect(own('Cố vấn có nhận cổ phần của công ty mà họ hướng dẫn không?')).not.toContain('ho');
    expect(own('Nộp hồ sơ ở đâu?').join(' ')).toContain('ho');
  });

  it('drops a classifier typed with diacritics ("vị lãnh đạo", "căn phòng") unless it is part of a word ("căn cước")', () => {
    const own = (q: string) => queryTerms(q).concepts.map((c) => c.alternatives[0]!.join(' '));
    expect(own('Vị lãnh đạo của sở đã nói gì?')).not.toContain('vi');
    expect(own('Thuê căn phòng lớn giá bao nhiêu?')).not.toContain('can');
    expect(own('Có cần mang thẻ căn cước không?')).toContain('can cuoc');
    expect(own('Đơn vị cung ứng là ai?')[0]).toBe('don vi cung ung');
  });

  it('reads "theo năm", "mỗi tháng" as the period asked, weighed as rare as its phrase', () => {
    const period = queryTerms('Đóng phí theo năm được giảm bao nhiêu phần trăm?').concepts.find((c) => c.period)!;
    expect(period.alternatives.map((a) => a.join(' '))).toEqual(expect.arrayContaining(['theo nam', 'moi nam', 'hang nam']));
    const stats = { idf: (term: string) => (term === 'theo_nam' ? 3 : 1), ambiguous: () => false };
    expect(gap([period, ...queryTerms('giảm giá').concepts], termSet('Sinh viên được giảm giá 30%.'), stats)).toBe(1);
    expect(gap([period], termSet('Đóng hằng năm được giảm 10%.'), stats)).toBeLessThan(0.2);
    // "tháng 5" is a date, not a period.
    expect(queryTerms('Hạn nộp theo tháng 5 là ngày nào?').concepts.some((c) => c.period)).toBe(false);
  });

  it('accepts any number for an English count: its noun is not the documents\' word', () => {
    expect(queryTerms('How many women get digital skills training?').answer).toMatchObject({ kind: 'count', countWords: [] });
    expect(queryTerms('Có bao nhiêu nhà đầu tư tham dự?').answer.countWords).toEqual(['nha', 'dau', 'tu']);
  });
});

describe('headings in capitals and what a sentence says about a name', () => {
  it('reads no names in a run of capitals or a roman numeral ("VI. HỦY, ĐỔI LỊCH VÀ VẮNG MẶT")', () => {
    const index = { contains: () => true, passages: [{ title: 'QUY CHẾ XƯỞNG', heading: 'VI. HỦY, ĐỔI LỊCH VÀ VẮNG MẶT', text: 'Vắng mặt hai lần thì bị khóa lịch.' }] };
    for (const question of ['vang mat may lan thi bi khoa', 'vi pham thi sao', 'quy che xuong o dau']) {
      const q = queryTerms(question);
      markWrittenNames(q, index, [0]);
      expect(q.concepts.every((c) => c.anchor === null)).toBe(true);
    }
  });

  it('lists the names a text writes, in one pass over its words', () => {
    expect(writtenNames('Cuộc thi Tây Đô tại CIH và AgriSense. QUY CHẾ XƯỞNG\nVI. HỦY, ĐỔI LỊCH VÀ VẮNG MẶT\nDemo Day Cần Thơ 2025, Phụ lục IV')).toEqual(['tay do', 'cih', 'agrisense', 'demo day can tho']);
  });

  it('measures how much of what is asked about a name a sentence states (body), apart from the name', () => {
    const query = queryTerms('Tổng vốn của quỹ Sông Hậu Capital là bao nhiêu?');
    expect(query.concepts.some((c) => c.anchor === 'name')).toBe(true);
    const stats = { idf: () => 1, ambiguous: () => false };
    const bodyOf = (text: string) => passageEvidence(query, { title: 'Tin tức', heading: null, text }, stats).sentences[0]!.body;
    expect(bodyOf('Sông Hậu Capital rót 7 tỷ đồng cho AgriSense.')).toBeLessThan(0.2);
    expect(bodyOf('Tổng vốn của quỹ Sông Hậu Capital là 500 tỷ đồng.')).toBeGreaterThan(0.9);
  });
});
