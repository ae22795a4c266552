/**
 * The extraction, ingestion and answering defects of issue 13, each on the project's own small
 * documents (tests/knowledge/fixtures/defects): sentence ends, bylines, titles, citations,
 * quoting only what answers, the kind of fact asked, accents, casual typing, English names.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, answerText } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { splitSentences } from '../../src/knowledge/chunk.js';
import { cleanTitle, extractDocument, fromText } from '../../src/knowledge/extract.js';
import { conceptCredit, gap, termSet } from '../../src/knowledge/evidence.js';
import { fold } from '../../src/nlu/fold.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { queryTerms } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'defects');

describe('sentence boundaries', () => {
  it('do not split at an ellipsis inside a sentence, abbreviations, decimal numbers or list numbers', () => {
    expect(splitSentences('Mang thẻ, kính… và sổ khi vào xưởng. Hết.')).toEqual(['Mang thẻ, kính… và sổ khi vào xưởng.', 'Hết.']);
    expect(splitSentences('Phòng 3.05 ở TP. Cần Thơ. Gặp ThS. Lê Minh An.')).toEqual(['Phòng 3.05 ở TP. Cần Thơ.', 'Gặp ThS. Lê Minh An.']);
    expect(splitSentences('1. Đối tượng dự thi. II. Hồ sơ gồm 5.000 trang.')).toEqual(['1. Đối tượng dự thi.', 'II. Hồ sơ gồm 5.000 trang.']);
    expect(splitSentences('Chưa hết... Câu mới?')).toEqual(['Chưa hết...', 'Câu mới?']);
  });
});

describe('extraction', () => {
  it('keeps a byline in capitals at the end as text instead of an empty heading', async () => {
    const doc = await extractDocument(join(dir, 'quy-che-xuong.txt'));
    const text = doc.sections.flatMap((s) => s.paragraphs).join('\n');
    expect(text).toContain('BAN QUẢN LÝ XƯỞNG – ƯƠM HUB');
    expect(doc.sections.map((s) => s.heading)).toEqual(expect.arrayContaining(['I. GIỜ MỞ CỬA', 'II. PHÍ VÀ LIÊN HỆ']));
  });

  it("cleans the site's name and breadcrumbs from titles", async () => {
    expect(cleanTitle('Ngày hội kết nối 2026: 9 nhóm trình bày | Ươm Hub – Trang chủ')).toBe('Ngày hội kết nối 2026: 9 nhóm trình bày');
    expect(cleanTitle('Tin tức › Hoạt động › Ngày hội kết nối 2026')).toBe('Ngày hội kết nối 2026');
    // A dash inside brackets belongs to the title.
    expect(cleanTitle('Quỹ hỗ trợ sáng tạo Hoa Sen (Lotus Creative Fund – LCF)')).toBe('Quỹ hỗ trợ sáng tạo Hoa Sen (Lotus Creative Fund – LCF)');
    expect(cleanTitle('Quỹ hỗ trợ sáng tạo Hoa Sen (LCF) – Trang chủ')).toBe('Quỹ hỗ trợ sáng tạo Hoa Sen (LCF)');
    expect(cleanTitle('Bảng A – Ý tưởng khởi nghiệp 2025')).toBe('Bảng A – Ý tưởng khởi nghiệp 2025');
    const page = await extractDocument(join(dir, 'tin-tuc.html'));
    expect(page.title).toBe('Ngày hội kết nối 2026: 9 nhóm trình bày');
    expect(page.sections.flatMap((s) => s.paragraphs).join(' ')).not.toContain('quảng cáo');
  });

  it('reads a numbered section title on its own line of plain text as a heading, not a numbered list item', () => {
    const doc = fromText('Thông báo\n\n1. Đối tượng\n\nMọi nhóm khởi nghiệp.\n\n2. Hồ sơ\n\nHồ sơ gồm:\n1. phiếu đăng ký\n2. bản mô tả', 'x.txt');
    expect(doc.sections.map((s) => s.heading)).toEqual(['1. Đối tượng', '2. Hồ sơ']);
    expect(doc.sections[1]!.paragraphs).toEqual(['Hồ sơ gồm:', '1. phiếu đăng ký', '2. bản mô tả']);
  });

  it('names a document without a title by its heading, never by its file name', async () => {
    const doc = await extractDocument(join(dir, 'ghi-chu_noi-bo.md'));
    expect(doc.title).toBe('Đăng ký gói cố vấn');
    expect(doc.title).not.toMatch(/ghi chu|noi bo/);
  });
});

describe('question understanding', () => {
  it('recognises the kind of fact asked in Vietnamese, casual typing and English', () => {
    expect(answerKind('Phí thuê máy khắc laser bao nhiêu tiền?').kind).toBe('money');
    expect(queryTerms('gui xe o dau z ad').answer.kind).toBe('place');
    expect(queryTerms('sdt ho tro ky thuat la j').answer.kind).toBe('phone');
    expect(answerKind('Có bao nhiêu nhà đầu tư tham dự?')).toMatchObject({ kind: 'count', countWords: ['nha', 'dau', 'tu'] });
    expect(answerKind('When does the workshop open?').kind).toBe('datetime');
    expect(answerKind('Who leads the programme?').kind).toBe('person');
    expect(answerKind('Xưởng mở cửa lúc mấy giờ?').kind).toBe('datetime');
    expect(answerKind('Giá thuê máy in bao nhiêu một giờ?').kind).toBe('money');
  });

  it('checks sentences for the kind asked', () => {
    expect(sentenceHasKind('Phí thuê là 120.000 đồng/giờ.', { kind: 'money', countWords: [] })).toBe(true);
    expect(sentenceHasKind('Xưởng nghỉ ngày Chủ nhật.', { kind: 'money', countWords: [] })).toBe(false);
    expect(sentenceHasKind('Đường dây nóng: 0292 3999 555.', { kind: 'phone', countWords: [] })).toBe(true);
    expect(sentenceHasKind('Chín nhóm trình bày trước 21 nhà đầu tư.', { kind: 'count', countWords: ['nha', 'dau', 'tu'] })).toBe(true);
    expect(sentenceHasKind('Có 9 nhóm khởi nghiệp.', { kind: 'count', countWords: ['nha', 'dau', 'tu'] })).toBe(false);
  });

  it('reads casual spellings through the shared list, and keeps "công ty" and "5 tỷ" as typed', () => {
    expect(queryTerms('xuong co mo cua chu nhat ko ad').words).not.toContain('ko');
    expect(queryTerms('phi thue bn tien z').answer.kind).toBe('money');
    expect(queryTerms('Công ty tôi được hỗ trợ 5 ty không?').words).toEqual(expect.arrayContaining(['cong', 'ty']));
  });

  it('keeps English proper names that fold to stop words ("Can Tho") and ignores the question phrase', () => {
    const q = queryTerms('When is the demo day in Can Tho?');
    expect(q.language).toBe('en');
    expect(q.concepts.some((c) => c.anchor === 'name' && c.alternatives[0]!.join(' ') === 'can tho')).toBe(true);
  });
});

describe('concepts, anchors and evidence', () => {
  const own = (q: ReturnType<typeof queryTerms>) => q.concepts.map((c) => c.alternatives[0]!.join(' '));

  it('joins syllables the documents write together into one word, each to its stronger neighbour', () => {
    // The documents write "phát triển", "sản phẩm", "hỗ trợ" together; "phiếu hỗ" is rarer than "hỗ trợ".
    const together = new Set(['phat_trien', 'san_pham', 'ho_tro']);
    const phraseExists = (a: string, b: string, of: string) => together.has(`${a}_${b}`) && (of === b || a !== 'phieu');
    expect(own(queryTerms('phiếu hỗ trợ phát triển sản phẩm', { phraseExists }))).toEqual(['phieu', 'ho tro', 'phat trien', 'san pham']);
    // Without such evidence each syllable stays its own concept ("sản phẩm" is a thesaurus
    // wording, which is one concept anyway; "khách hàng" is not).
    expect(own(queryTerms('phát triển khách hàng'))).toEqual(['phat', 'trien', 'khach', 'hang']);
  });

  it('keeps a number after its word as an anchor ("đợt 3") but not a quantity before a unit ("đổi 1 lần")', () => {
    expect(queryTerms('Hạn nộp đợt 3 là khi nào?').concepts.some((c) => c.anchor === 'number' && c.alternatives[0]!.join(' ') === 'dot 3')).toBe(true);
    const q = queryTerms('mat khau doi 1 lan');
    expect(q.concepts.some((c) => c.anchor === 'number')).toBe(false);
    expect(own(q)).toContain('lan');
  });

  it('splits question tokens as passages are split ("VR/AR", "CIH-Guest"), numbers and e-mail addresses stay whole', () => {
    expect(queryTerms('ứng dụng VR/AR').words).toEqual(expect.arrayContaining(['vr', 'ar']));
    expect(queryTerms('wifi CIH-Guest').concepts.find((c) => c.anchor === 'name')!.alternatives[0]).toEqual(['cih', 'guest']);
    expect(queryTerms('hạn 31/7/2025').words).toContain('31/7/2025');
  });

  it('needs the counted thing right after the number, and reads "X là bao nhiêu" by what X is', () => {
    const investors = answerKind('Demo Day có bao nhiêu nhà đầu tư tham dự?');
    expect(sentenceHasKind('Có 38 nhà đầu tư tham dự.', investors)).toBe(true);
    expect(sentenceHasKind('12 startup trình bày trước nhà đầu tư.', investors)).toBe(false);
    expect(sentenceHasKind('Hội trường có 80 chỗ ngồi.', answerKind('hội trường chứa bao nhiêu người'))).toBe(true);
    expect(answerKind('Tổng giá trị giải thưởng của cuộc thi là bao nhiêu?').kind).toBe('money');
    expect(answerKind('Mạng lưới hiện có bao nhiêu cố vấn?')).toMatchObject({ kind: 'count', countWords: ['co', 'van'] });
  });

  it('asks for a code only when it is asked for ("mật khẩu … là gì"), and a mention of one is no answer', () => {
    const code = answerKind('mat khau wifi khach tuan nay la j v ad');
    expect(code.kind).toBe('code');
    expect(answerKind('What is the wifi password?').kind).toBe('code');
    expect(answerKind('pass wifi bao lau doi 1 lan').kind).toBe('duration');
    expect(sentenceHasKind('Mật khẩu tuần này: Hub@2026.', code)).toBe(true);
    expect(sentenceHasKind('Mã số thuế: 1801234567.', code)).toBe(true);
    expect(sentenceHasKind('Mật khẩu được đổi vào sáng thứ Hai hằng tuần.', code)).toBe(false);
    expect(sentenceHasKind('Phí 30.000 đồng, hạn 31/7/2025, lúc 14h00.', code)).toBe(false);
  });

  it('anchors acronyms and codes ("CIH", "IPP2"), not a lone capitalised common word ("Trung tâm")', () => {
    const q = queryTerms('IPP2 hỗ trợ Trung tâm CIH những gì?');
    const anchors = q.concepts.filter((c) => c.anchor === 'name').map((c) => c.alternatives[0]!.join(' '));
    expect(anchors).toEqual(['ipp2', 'cih']);
  });

  it('measures the most important concept a passage lacks (gap)', () => {
    const query = queryTerms('Hạn nộp hồ sơ đợt 3 là khi nào?');
    const stats = { idf: (t: string) => (t === 'dot' || t === '3' ? 3 : 1), ambiguous: () => false };
    expect(gap(query.concepts, termSet('Đợt 1: hạn nộp hồ sơ 30/4. Đợt 2: hạn nộp hồ sơ 31/7.'), stats)).toBeGreaterThan(0.3);
    expect(gap(query.concepts, termSet('Đợt 3: hạn nộp hồ sơ 30/10.'), stats)).toBe(0);
  });

  it('gives a numbered thing ("đợt 3") no credit where only other numbers of it are written', () => {
    const query = queryTerms('Hạn nộp hồ sơ đợt 3 là khi nào?');
    const numbered = query.concepts.find((c) => c.anchor === 'number')!;
    expect(numbered.alternatives[0]).toEqual(['dot', '3']);
    const stats = { idf: () => 1, ambiguous: () => false };
    expect(conceptCredit(numbered, termSet('Đợt 1: hạn nộp hồ sơ 30/4. Đợt 2: hạn nộp hồ sơ 31/7.'), stats)).toBe(0);
    expect(conceptCredit(numbered, termSet('Đợt 3: hạn nộp hồ sơ 30/10.'), stats)).toBe(1);
    // The number in the title applies to every sentence under it.
    expect(conceptCredit(numbered, termSet('Hạn nộp hồ sơ: 30/10.'), stats, termSet('Đợt 3'))).toBeGreaterThan(0.5);
  });

  it('credits a phrase written in the title or heading as a phrase, for a sentence under it', () => {
    const concept = { alternatives: [['phieu', 'ho', 'tro']], own: 1, accent: null, anchor: null };
    const stats = { idf: () => 1, ambiguous: () => false };
    const title = termSet('Chương trình Phiếu hỗ trợ đổi mới sáng tạo');
    expect(conceptCredit(concept, termSet('Nộp trực tuyến trước 30/4.'), stats, title)).toBeCloseTo(0.5);
    // Its words scattered in the title are no phrase ("phiếu" apart from "hỗ trợ": half of it).
    expect(conceptCredit(concept, termSet('Nộp trực tuyến trước 30/4.'), stats, termSet('Phiếu đăng ký, hỗ trợ kỹ thuật'))).toBeCloseTo(0.4);
    expect(conceptCredit(concept, termSet('Nộp trực tuyến trước 30/4.'), stats, termSet('Phiếu đăng ký, trợ giúp, hồ sơ'))).toBeCloseTo(0.3);
  });

  it('reads an English "registration deadline" as the documents word it ("hạn nộp hồ sơ", "nhận hồ sơ")', () => {
    const q = queryTerms('When is the registration deadline for the grant?');
    const wordings = q.concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));
    expect(wordings).toEqual(expect.arrayContaining(['han nop ho so', 'nhan ho so']));
    const stats = { idf: () => 1, ambiguous: () => false };
    const deadline = q.concepts.find((c) => c.alternatives.some((a) => a.join(' ') === 'han nop ho so'))!;
    expect(conceptCredit(deadline, termSet('Hạn nộp hồ sơ đợt một là ngày 15/3 hằng năm.'), stats)).toBe(1);
  });

  it('reads the unit asked ("bao nhiêu phần trăm", "bao nhiêu tiền") as the kind of fact, not a topic', () => {
    const concepts = (q: string) => queryTerms(q).concepts.map((c) => c.alternatives[0]!.join(' '));
    expect(queryTerms('Sinh viên được giảm bao nhiêu phần trăm?').answer.kind).toBe('percent');
    expect(concepts('Sinh viên được giảm bao nhiêu phần trăm?')).not.toContain('phan tram');
    expect(concepts('Gửi xe hết bao nhiêu tiền?')).not.toContain('tien');
    expect(concepts('Gửi xe hết bao nhiêu tiền?')).toContain('gui xe');
  });

  it('credits a typo guess less than the word typed, and does not guess for a word typed with diacritics', () => {
    const concept = { alternatives: [['chug'], ['chung']], own: 1, typos: 1, accent: null, anchor: null };
    const stats = { idf: () => 1, ambiguous: () => false };
    expect(conceptCredit(concept, termSet('khu làm việc chung'), stats)).toBeCloseTo(0.6);
  });
});

describe('answers on the fixture documents', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  });
  afterAll(() => store.close());

  it('quotes only the sentence that answers, cited by the document title', async () => {
    const answer = await answerQuestion(store, 'Phí thuê máy khắc laser bao nhiêu một giờ?');
    expect(answer.abstained).toBe(false);
    expect(fold(answer.text)).toContain('120.000 dong/gio');
    expect(answer.text).not.toContain('Bãi xe');
    expect(answer.citations[0]!.title).toBe('QUY CHẾ XƯỞNG THỬ NGHIỆM ƯƠM HUB');
    expect(answerText(answer)).not.toContain('quy-che-xuong');
  });

  it('does not quote a sentence without the kind of fact asked, and says the fact is not stated', async () => {
    const answer = await answerQuestion(store, 'Số điện thoại của xưởng thử nghiệm Ươm Hub là bao nhiêu?');
    expect(answer.abstained).toBe(true);
    expect(answer.kind).toBe('phone');
  });

  it('weighs what the quoted sentence lacks (sgap), not only what its passage lacks', async () => {
    const asked = await answerQuestion(store, 'Phí thuê máy khắc laser bao nhiêu một giờ?');
    expect(asked.gate.sgap).toBeLessThan(0.2);
    // The passage has "máy khắc laser", the sentence about the 3D printer's price does not.
    const other = await answerQuestion(store, 'Phí thuê máy hàn kim loại bao nhiêu một giờ?');
    expect(other.gate.sgap).toBeGreaterThan(0.5);
    expect(other.abstained).toBe(true);
  });

  it('gives an English lead-in and the Vietnamese passage for an English question', async () => {
    const answer = await answerQuestion(store, 'How much does the laser engraver cost per hour?');
    expect(answer.language).toBe('en');
    if (!answer.abstained) expect(answerText(answer)).toMatch(/^According to /);
  });

  it('lets a distinctive name anchor the match (an event name beats generic words)', async () => {
    const answer = await answerQuestion(store, 'Ngày hội kết nối 2026 diễn ra ở đâu?');
    expect(answer.passages[0]!.doc).toBe('tin-tuc.html');
    expect(answer.abstained).toBe(false);
    expect(fold(answer.text)).toContain('hoi truong tang 2');
  });

  it('does not let an unaccented "so" match "Sở" as strongly as "số"', async () => {
    const typed = queryTerms('Sở Kế hoạch');
    const plain = queryTerms('so ke hoach');
    expect(typed.concepts[0]!.accent ?? typed.concepts[0]!.anchor).toBeTruthy();
    expect(plain.concepts.every((c) => c.accent === null)).toBe(true);
    const wrongAccent = await answerQuestion(store, 'Số kế hoạch của gói cố vấn?');
    const rightAccent = await answerQuestion(store, 'Sở Kế hoạch có tham gia gói cố vấn không?');
    const coverageOf = (a: typeof rightAccent) => a.passages.find((p) => p.doc === 'ghi-chu_noi-bo.md')?.evidence.features.coverage ?? 0;
    expect(coverageOf(rightAccent)).toBeGreaterThan(coverageOf(wrongAccent));
  });
});
