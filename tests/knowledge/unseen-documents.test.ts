/**
 * General causes of misses on documents the knowledge base was never tuned on, each on the
 * project's own fixtures (fixtures/unseen): an everyday word no document contains is the
 * founder's wording, not a topic the documents lack; an association's guide (agency lines, then
 * the type alone) is titled by its type and subject; a plain-text table is read by rows, so its
 * header is never the quote; English words of loans, meetings and languages; "dtts".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { conceptWeight, everydayAndAbsent, type QueryStats } from '../../src/knowledge/evidence.js';
import { alignedTables } from '../../src/knowledge/extract-table.js';
import { fromText } from '../../src/knowledge/extract.js';
import { readAdministrativeHeader } from '../../src/knowledge/extract-title.js';
import { writesAsName } from '../../src/knowledge/subject.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { queryTerms, type Concept } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'unseen');

/** Index statistics over a made-up index holding only `present` (folded words and `~accented` spellings). */
function statsOf(present: readonly string[]): QueryStats {
  const has = new Set(present);
  return { idf: (term) => (has.has(term) ? 2 : 4.66), ambiguous: () => false, indexed: (term) => has.has(term) };
}

const conceptOf = (question: string, folded: string): Concept => queryTerms(question).concepts.find((c) => c.alternatives[0]!.join(' ') === folded)!;
const wordings = (question: string) => queryTerms(question).concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));

describe('an everyday word that no document contains', () => {
  it('weighs as a generic word, not as the rarest word of the question', () => {
    const ngoi = conceptOf('Khi nào tổ ngồi duyệt phiếu?', 'ngoi');
    const without = statsOf(['to', 'duyet', 'phieu']);
    expect(everydayAndAbsent(ngoi, without)).toBe(true);
    expect(conceptWeight(ngoi, without)).toBeLessThanOrEqual(1.1);
    // Where a document has it, it weighs by its idf as any word does.
    const withIt = statsOf(['to', 'duyet', 'phieu', 'ngoi', '~ngồi']);
    expect(everydayAndAbsent(ngoi, withIt)).toBe(false);
    expect(conceptWeight(ngoi, withIt)).toBe(2);
  });

  it('is matched by the spelling typed: "lại" is everyday, "lãi" is not', () => {
    const stats = statsOf([]);
    expect(everydayAndAbsent(conceptOf('quỹ ngồi lại khi nào', 'lai'), stats)).toBe(true);
    expect(everydayAndAbsent(conceptOf('quỹ tính lãi thế nào', 'lai'), stats)).toBe(false);
  });

  it('leaves a thing the documents do not cover at full weight (a trap stays a trap)', () => {
    const vang = conceptOf('Trung tâm có bán vàng không?', 'vang');
    expect(everydayAndAbsent(vang, statsOf([]))).toBe(false);
    expect(conceptWeight(vang, statsOf([]))).toBeGreaterThan(4);
  });
});

describe('the title of an association guide without the national motto', () => {
  it('is its type and subject; the line in brackets under it stays text', () => {
    const header = readAdministrativeHeader(['LIÊN MINH HỢP TÁC XÃ HUYỆN SÔNG LAM', 'TỔ DỊCH VỤ CƠ GIỚI HÓA', 'HƯỚNG DẪN', 'Mượn máy sấy nông sản', '(áp dụng từ ngày 01/03/2027)', 'A. AI ĐƯỢC MƯỢN']);
    expect(header?.title).toBe('Hướng dẫn: Mượn máy sấy nông sản');
    expect(header?.consumed).toBe(4);
  });

  it('takes the type\'s own words in capitals as the type, and the line under them as the subject', () => {
    const header = readAdministrativeHeader(['HỢP TÁC XÃ RAU SẠCH ĐỒNG VĂN', 'BAN KIỂM SOÁT', 'BIÊN BẢN HỌP ĐẠI HỘI', 'Tổng kết vụ Đông Xuân 2026', 'Thời gian: 8h00 ngày 12/3/2027', 'I. THÀNH PHẦN']);
    expect(header?.title).toBe('Biên bản họp đại hội: Tổng kết vụ Đông Xuân 2026');
    expect(header?.consumed).toBe(4);
  });

  it('keeps the subject\'s last words after a dash: a header has no site name to cut', () => {
    const doc = fromText(['HỢP TÁC XÃ RAU SẠCH ĐỒNG VĂN', 'BAN KIỂM SOÁT', 'BIÊN BẢN HỌP ĐẠI HỘI', 'Tổng kết vụ rau – Đợt Đông', '', 'Đại hội họp ngày 12/3/2027.'].join('\n'), 'bb.txt');
    expect(doc.title).toBe('Biên bản họp đại hội: Tổng kết vụ rau – Đợt Đông');
  });

  it('is not read into a document that opens with its own heading in capitals', () => {
    expect(readAdministrativeHeader(['GIỚI THIỆU CHUNG', 'KẾ HOẠCH NĂM 2027 CỦA TỔ', 'Tổ dịch vụ được thành lập năm 2020.'])).toBeNull();
    expect(readAdministrativeHeader(['HƯỚNG DẪN', 'Mượn máy sấy nông sản'])).toBeNull();
  });
});

describe('a plain-text table laid out in columns', () => {
  it('is read one sentence per row, each cell under its header, the row-number column naming nothing', () => {
    const lines = ['TT  Tên mô hình        Chủ mô hình     Điểm', '1   Bưởi Cầu Mới       Lò Văn Sính     91,0', '2   Lúa Đồng Chiêm     Vi Thị Nết      88,5', 'Hết bảng.'];
    expect(alignedTables(lines)).toEqual(['Bưởi Cầu Mới — Chủ mô hình: Lò Văn Sính; Điểm: 91,0.', 'Lúa Đồng Chiêm — Chủ mô hình: Vi Thị Nết; Điểm: 88,5.', 'Hết bảng.']);
  });

  it('cuts a row whose cell runs into the next column at the nearer space', () => {
    const lines = ['TT  Tên          Thôn         Điểm', '1   Bưởi         thôn Cầu Mới 91,0', '2   Lúa          thôn Hồ      88,5'];
    expect(alignedTables(lines)[0]).toBe('Bưởi — Thôn: thôn Cầu Mới; Điểm: 91,0.');
  });

  it('leaves prose and a lone line with wide gaps alone', () => {
    const lines = ['Mỗi mô hình  do ba người  chấm độc lập.', 'Tên  Chủ  Điểm', 'Câu tiếp theo.'];
    expect(alignedTables(lines)).toEqual(lines);
  });
});

describe('kinds of fact in rows and rates', () => {
  it('reads a labelled value as the count its label names', () => {
    const kind = answerKind('Mô hình Bưởi được bao nhiêu điểm?');
    expect(kind).toMatchObject({ kind: 'count', countWords: ['diem'] });
    expect(sentenceHasKind('Bưởi — Chủ mô hình: Sính; Điểm: 91,0.', kind)).toBe(true);
    expect(sentenceHasKind('Bưởi — Chủ mô hình: Sính; Thôn: 3.', kind)).toBe(false);
  });

  it('reads a name after its common noun in lower case ("02 giải Ba"), but not words that only fold alike', () => {
    expect(writesAsName('02 giải Ba: mỗi giải 10.000.000 đồng', ['giai', 'ba'])).toBe(true);
    expect(writesAsName('gói Vàng: 1.200.000 đồng', ['goi', 'vang'])).toBe(true);
    expect(writesAsName('giải ba người cùng nhận', ['giai', 'ba'])).toBe(false);
    expect(writesAsName('bà Hà nói', ['ha', 'noi'])).toBe(false);
  });

  it('reads "không thu lệ phí", "không phải đóng học phí" as the amount charged (none)', () => {
    const money = answerKind('Thi có mất phí không?');
    expect(money.kind).toBe('money');
    expect(sentenceHasKind('Cuộc thi không thu lệ phí dự thi.', money)).toBe(true);
    expect(sentenceHasKind('Học viên không phải đóng học phí.', money)).toBe(true);
    expect(sentenceHasKind('Quỹ không thu hồi vốn trước hạn.', money)).toBe(false);
    expect(answerKind('Lớp này có mất học phí không?').kind).toBe('money');
  });

  it('asks the time, not the address, when a question names the channel and asks how long', () => {
    expect(queryTerms('hoa don gui ve email trong bn ngay v').answer.kind).toBe('duration');
    expect(queryTerms('Hóa đơn gửi qua email trong bao nhiêu ngày?').answer.kind).toBe('duration');
    expect(queryTerms('Email của ban tổ chức là gì?').answer.kind).toBe('email');
    expect(queryTerms('sdt cua bn la gi').answer.kind).toBe('phone');
  });

  it('asks a percentage for an interest rate, typed casually or in English', () => {
    expect(queryTerms('lai suat vay bn 1 thang ad').answer.kind).toBe('percent');
    expect(answerKind('Lãi suất quá hạn là bao nhiêu?').kind).toBe('percent');
    expect(answerKind('What is the interest rate of the loan?').kind).toBe('percent');
    expect(queryTerms('phí thuê bao nhiêu 1 tháng').answer.kind).toBe('money');
  });
});

describe('vocabulary of loans, meetings and languages', () => {
  it('reads English loan, meeting and language words in Vietnamese', () => {
    expect(wordings('What is the term of the loan?')).toContain('thoi han');
    expect(wordings('Who chaired the judging panel?')).toEqual(expect.arrayContaining(['chu tri', 'hoi dong giam khao']));
    expect(wordings('Can I pitch in a minority language?')).toContain('tieng dan toc');
  });

  it('keeps everyday compounds whole and weighs a duration\'s verb as the kind asked', () => {
    expect(queryTerms('Chuyên gia đánh giá xong thì mấy ngày có kết quả?').concepts.map((c) => c.alternatives[0]!.join(' '))).toContain('ket qua');
    const last = queryTerms('How long does the programme last?').concepts.find((c) => c.alternatives.some((a) => a.join(' ') === 'last'));
    expect(last?.kindWord).toBe(true);
  });

  it('reads "số hóa" as "chuyển đổi số" and "hẹn giờ" as an appointment', () => {
    expect(wordings('Doanh nghiệp muốn số hóa thì được hỗ trợ gì?')).toContain('chuyen doi so');
    expect(wordings('Hủy hẹn giờ với chuyên gia phải báo trước bao lâu?')).toContain('lich hen');
    expect(wordings('Có buổi dạy chụp hình hàng hóa không?')).toEqual(expect.arrayContaining(['chup anh', 'san pham']));
  });

  it('reads "hv" as both "hội viên" and "học viên", drops "mấy" of "mấy tiếng", and weighs "link" as the kind asked', () => {
    const query = queryTerms('hv dc dung phong hop may tieng 1 thang');
    const hv = query.concepts[0]!;
    expect(hv.alternatives.slice(0, hv.own).map((a) => a.join(' '))).toEqual(['hoi vien', 'hoc vien']);
    expect(query.concepts.map((c) => c.alternatives[0]!.join(' '))).not.toContain('may');
    const link = queryTerms('dat lich phong kham o link nao').concepts.find((c) => c.alternatives[0]!.join(' ') === 'link');
    expect(link?.kindWord).toBe(true);
  });

  it('expands "dtts" to "dân tộc thiểu số"', () => {
    expect(wordings('phu nu dtts vay lai suat bao nhieu')).toContain('dan toc thieu so');
  });
});

describe('answers from an association guide and a scored table', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it("quotes the table's first row, never its header, for the best score", async () => {
    const answer = await answerQuestion(store, 'Mô hình nào được điểm cao nhất?');
    expect(answer.text).not.toMatch(/TT\s+Tên mô hình/u);
    if (answer.outcome === 'answered') expect(answer.text).toContain('Bưởi da xanh Cầu Mới');
  });

  it("gives a row's score for the model asked", async () => {
    const answer = await answerQuestion(store, 'Mô hình Cá lồng Hồ Mây được bao nhiêu điểm?');
    expect(answer.outcome).toBe('answered');
    expect(answer.text).toContain('85,0');
    expect(answer.text).not.toContain('91,0');
  });

  it('answers a paraphrase whose everyday verb no document has', async () => {
    const answer = await answerQuestion(store, 'Bao giờ thì Tổ Dịch vụ ngồi lại xét duyệt?');
    expect(answer.outcome).toBe('answered');
    expect(answer.text).toContain('sáng thứ Ba của tuần thứ hai');
    expect(answer.citations[0]?.title).toMatch(/^Hướng dẫn: Mượn máy sấy/u);
  });

  it('still abstains on a thing the documents do not cover', async () => {
    const answer = await answerQuestion(store, 'Tổ Dịch vụ có cho mượn máy gặt đập liên hợp không?');
    expect(answer.abstained).toBe(true);
  });
});
