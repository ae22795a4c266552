/**
 * Round 31 (docs/knowledge.md, "Round 31: set P studied"): the sentence quoted from the right
 * passage. A page's source line breaks are spaces, not sentence ends; a table row that names its
 * own item takes no name from the title; a number of times is no length; "người" of "ai là người
 * ký" is the person asked; "hết hạn" and "mấy giờ" restate the time asked; two numbers typed side
 * by side ("1 1") are the one the documents write with a dash ("1-1"); a plain-text table whose
 * header names a year ("Doanh thu 2027") is still a table; a word of daily speech is not the thing
 * priced. Tested on fixtures/round31
 * (an invented tea-growers' incubator, "Vườn ươm Đồi Chè"), never on a held-out set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { namesOwnItem } from '../../src/knowledge/evidence.js';
import { fromHtml, fromText } from '../../src/knowledge/extract.js';
import { queryTerms, type Concept } from '../../src/knowledge/query.js';
import { priceAboutSubject } from '../../src/knowledge/subject.js';
import { fold } from '../../src/nlu/fold.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'round31');
/** The folded wordings of each concept of a question, with its anchor and whether it only restates the kind asked. */
const concepts = (question: string) => queryTerms(question).concepts.map((c) => ({ words: c.alternatives[0]!.join(' '), anchor: c.anchor, kindWord: Boolean(c.kindWord) }));

describe('reading a web page', () => {
  const page = fromHtml(readFileSync(join(dir, 'tin-tuc-phien-cho-nong-san-2028.html'), 'utf8'), 'x');
  const paragraphs = page.sections.flatMap((s) => s.paragraphs);

  it('reads a line break of the source as a space, so a sentence is not cut', () => {
    expect(paragraphs.some((p) => p.includes('tại sân vận động Thung Mây, xã Tân Lập.'))).toBe(true);
    expect(paragraphs.some((p) => p.includes('Hạn đăng ký là 17h00 ngày 30/3/2028;'))).toBe(true);
  });

  it('still breaks the line at <br>', () => {
    expect(paragraphs.some((p) => p.includes('9 mét vuông.\nGian hàng được bố trí'))).toBe(true);
  });
});

describe('reading a plain-text table', () => {
  it('reads a header that names a year as a header, and the rule above it as no text', () => {
    const text = [
      'II. NHÓM TIÊU BIỂU',
      '',
      '----------------------------------------------------------------------',
      'Mã nhóm   Tên nhóm              Gói      Hỗ trợ (triệu đ)  Doanh thu 2027 (triệu đ)',
      '----------------------------------------------------------------------',
      'DC27-02   Chè Mây Tân Lập       Búp      52,0              310',
      'DC27-05   Trà Hoa Vàng Núi      Lá       18,5              95',
      '----------------------------------------------------------------------',
    ].join('\n');
    const lines = fromText(text, 'x').sections.flatMap((s) => s.paragraphs);
    expect(lines).toContain('DC27-05 — Tên nhóm: Trà Hoa Vàng Núi; Gói: Lá; Hỗ trợ (triệu đ): 18,5; Doanh thu 2027 (triệu đ): 95.');
    expect(lines.some((l) => l.startsWith('DC27-02 — Tên nhóm: Chè Mây Tân Lập;'))).toBe(true);
  });
});

describe('the kind of fact asked and the words that restate it', () => {
  it('does not take a number of times for a length', () => {
    const length = answerKind('Mỗi buổi gặp cố vấn kéo dài bao lâu?');
    expect(sentenceHasKind('Trong cả khóa được đổi cố vấn tối đa 2 lần.', length)).toBe(false);
    expect(sentenceHasKind('Mỗi buổi 90 phút.', length)).toBe(true);
    // How often is told in times.
    expect(sentenceHasKind('Mỗi nhóm gặp cố vấn 2 lần.', answerKind('Bao lâu thì được gặp cố vấn một lần?'))).toBe(true);
  });

  it('reads "người" of "ai là người …" as the person asked, not a topic', () => {
    expect(answerKind('Ai là người ký thông báo tuyển chọn?').kind).toBe('person');
    expect(concepts('Ai là người ký thông báo tuyển chọn?').map((c) => c.words)).not.toContain('nguoi');
    // A count of people keeps its noun.
    expect(answerKind('Nhóm cần bao nhiêu người?').kind).toBe('count');
  });

  it('reads "hết hạn" and the hour of "mấy giờ" as the time asked', () => {
    const found = concepts('Khóa ươm tạo nhận hồ sơ đến mấy giờ ngày nào thì hết hạn?');
    expect(found).toContainEqual({ words: 'het han', anchor: null, kindWord: true });
    expect(found).toContainEqual({ words: 'gio', anchor: null, kindWord: true });
  });

  it('reads two numbers typed side by side as one number written with a joiner', () => {
    const found = queryTerms('gap co van 1 1 thi moi buoi dc bao lau').concepts.filter((c) => c.anchor === 'number');
    expect(found).toHaveLength(1);
    expect(found[0]!.alternatives.map((a) => a.join(' '))).toContain('1-1');
  });
});

describe('the thing a price is asked of', () => {
  it('leaves a word of daily speech out of the subject a price must name', () => {
    // "huy phong say truoc tam 1 ngay co mat tien ko": "tam" (tầm, "about") is rare in the
    // documents, so it weighs most; it is how the founder talks, not the thing priced.
    const concept = (words: string, extra: Partial<Concept> = {}): Concept => ({ alternatives: [words.split(' ')], own: 1, accent: null, anchor: null, ...extra });
    const concepts = [concept('phong say'), concept('tam', { everyday: true }), concept('mat tien')];
    const weights = [1.2, 3.8, 1.5];
    const credit = (c: Concept, text: string) => (` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `.includes(` ${c.alternatives[0]!.join(' ')} `) ? 1 : 0);
    const rule = 'Phòng sấy Chè Mây: hủy trước 48 giờ không mất phí; hủy từ 12 đến 48 giờ mất 40% giá thuê.';
    expect(priceAboutSubject(concepts, weights, credit, rule, '')).toBe(true);
    // Another thing's price still does not answer.
    expect(priceAboutSubject(concepts, weights, credit, 'Xưởng Đóng gói: hủy từ 12 đến 48 giờ mất 40% giá thuê.', '')).toBe(false);
  });
});

describe('a table row names its own item', () => {
  it('tells a row with a name of its own from one that takes its subject from the heading', () => {
    expect(namesOwnItem('Phòng họp Gió Núi (10 chỗ) — Đơn vị tính: giờ; Giá khách ngoài: 150.000 đồng.')).toBe(true);
    expect(namesOwnItem('Vé ngày — Giá: 80.000 đồng.')).toBe(false);
    expect(namesOwnItem('Phòng họp Gió Núi có 10 chỗ.')).toBe(false);
  });
});

describe('answers from the invented notice, price list and page', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('quotes the row of the item asked, not another row under the same title', async () => {
    const answer = await answerQuestion(store, 'Người ngoài thuê Xưởng Đóng gói Lá Xanh một giờ giá bao nhiêu?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('270.000 đồng');
    expect(answer.text).not.toContain('Gió Núi');
  });

  it('gives the length of a mentoring session, not the rule on changing mentors', async () => {
    const answer = await answerQuestion(store, 'gap co van 1 1 thi moi buoi dc bao lau');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('90 phút');
  });

  it('names the signer of the notice', async () => {
    const answer = await answerQuestion(store, 'Ai là người ký thông báo tuyển chọn Khóa Ươm tạo Đồi Chè?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('Hoàng Thị Mai Phương');
  });

  it('gives the hour and day the intake closes', async () => {
    const answer = await answerQuestion(store, 'Khóa Ươm tạo Đồi Chè nhận hồ sơ đến mấy giờ ngày nào thì hết hạn?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('16h30 ngày 10/3/2028');
  });
});
