/**
 * Round 30 (docs/knowledge.md, "Round 30: set O studied"): the kind of fact asked and the passage
 * and sentence that state it. A deadline is a stated day or hour; a numbered round closes a
 * capitalised name ("Quỹ … Đợt 2" asks round 2); "số mấy" after a thing is its number, not a phone;
 * the fee "để khỏi mất phí" is the purpose of a "bao lâu"; "4K" is no amount; "maximum support"
 * is money; a list item's later sentence is about the item its lead names; a heading that asks
 * names the subject priced under it; plain-text tables whose header wraps, and the signature
 * beside the recipients' list, are read whole. Tested on fixtures/round30 (an invented "Quỹ Ươm
 * Mầm Sông Đào"), never on a held-out set.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import { itemLead } from '../../src/knowledge/evidence.js';
import { fromText } from '../../src/knowledge/extract.js';
import { queryTerms } from '../../src/knowledge/query.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';
import { readFileSync } from 'node:fs';

const dir = join(import.meta.dirname, 'fixtures', 'round30');
/** The folded wordings of each concept of a question, with its anchor. */
const concepts = (question: string) => queryTerms(question).concepts.map((c) => ({ words: c.alternatives[0]!.join(' '), anchor: c.anchor }));

describe('the kind of fact asked', () => {
  it('reads a deadline as a stated day or hour, not a time hung on it', () => {
    const info = answerKind('Quỹ Ươm Mầm nhận hồ sơ đến hạn chót lúc nào?');
    expect(info).toMatchObject({ kind: 'datetime', stated: true });
    expect(sentenceHasKind('Vườn ươm kiểm tra hồ sơ trong 7 ngày làm việc kể từ khi hết hạn nộp.', info)).toBe(false);
    expect(sentenceHasKind('Nhận hồ sơ: từ ngày 05/02/2028 đến 16h30 ngày 20/3/2028.', info)).toBe(true);
  });

  it('does not take a quarter or a year alone for the day asked', () => {
    const info = answerKind('Đợt 2 hạn nộp hồ sơ là ngày nào?');
    expect(sentenceHasKind('Tổ chức hai đợt (Đợt 1 trong quý I, Đợt 2 trong quý III).', info)).toBe(false);
    expect(sentenceHasKind('Kế hoạch năm 2028 của Vườn ươm.', info)).toBe(false);
    expect(sentenceHasKind('Hạn nộp là 20/3/2028.', info)).toBe(true);
    // A question of another kind still reads the year and the quarter.
    expect(sentenceHasKind('Đợt 2 trong quý III.', answerKind('Đợt 2 mở khi nào?'))).toBe(true);
  });

  it('reads "số mấy" after a thing as its number, and "số máy" alone as a phone', () => {
    expect(answerKind('xe bus so may di toi vuon uom').kind).not.toBe('phone');
    expect(answerKind('phong so may').kind).not.toBe('phone');
    expect(answerKind('cho xin so may chi Lan').kind).toBe('phone');
  });

  it('reads "bao lâu để khỏi mất phí" as a length, "có mất phí không" as money', () => {
    expect(answerKind('Hủy mượn máy chiếu thì báo trước bao lâu để khỏi mất phí?').kind).toBe('duration');
    expect(answerKind('Hủy mượn máy chiếu có mất phí không?').kind).toBe('money');
  });

  it('reads the maximum support, grant or prize in English as money', () => {
    expect(answerKind('What is the maximum support per team in the Cay package?').kind).toBe('money');
    expect(answerKind('What is the maximum grant?').kind).toBe('money');
    expect(answerKind('What is the maximum team size?').kind).toBe('count');
  });

  it('does not read a resolution as an amount', () => {
    const money = { kind: 'money' as const, countWords: [] };
    expect(sentenceHasKind('Phòng có 60 ghế, màn hình 4K và hai micro.', money)).toBe(false);
    expect(sentenceHasKind('Gửi xe 5k một lượt.', money)).toBe(true);
    expect(sentenceHasKind('Vé 200K một người.', money)).toBe(true);
  });
});

describe('the concepts of a question', () => {
  it('gives a numbered round closing a capitalised name to the number', () => {
    const found = concepts('Quỹ Ươm Mầm Đợt 2 năm 2028 hạn nộp là ngày nào?');
    expect(found).toContainEqual({ words: 'quy uom mam', anchor: 'name' });
    expect(found).toContainEqual({ words: 'dot 2', anchor: 'number' });
  });

  it('drops the half of a supposed quantity and "khỏi" (so as not to)', () => {
    const words = concepts('huy phong truoc 1 ngay ruoi thi co mat tien ko').map((c) => c.words);
    expect(words).not.toContain('ruoi');
    expect(concepts('Hủy mượn máy chiếu báo trước bao lâu để khỏi mất phí?').map((c) => c.words)).not.toContain('khoi');
  });
});

describe('reading a list item and a text file', () => {
  it('takes the lead of a lettered item without its mark', () => {
    expect(itemLead('b) Gói Cây: dành cho nhóm đã có sản phẩm thử.')).toBe('Gói Cây');
    expect(itemLead('2. Gói Hạt: 30 triệu đồng.')).toBe('Gói Hạt');
  });

  const text = readFileSync(join(dir, 'thong-bao-quy-uom-mam-dot-1-2028.txt'), 'utf8');
  const lines = fromText(text, 'x').sections.flatMap((s) => s.paragraphs);

  it('reads a piped table whose header wraps onto a second line as one table', () => {
    expect(lines).toContain('UM27-05 — Nhóm: Công ty TNHH Mây Tre Đào; Gói: Cây; Hỗ trợ (tr. đ): 142,5.');
  });

  it('reads the signature beside the recipients as one line after them', () => {
    expect(lines).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (đã ký) Vi Thị Ngọc Lan');
    expect(lines).toContain('- Lưu: VT.');
  });
});

describe('answers from the invented notice and questions-and-answers page', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('gives the deadline from the intake window, not the check after it', async () => {
    const answer = await answerQuestion(store, 'Quỹ Ươm Mầm Sông Đào Đợt 1 năm 2028 nhận hồ sơ đến hạn chót lúc nào?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('16h30 ngày 20/3/2028');
  });

  it('does not answer round 2 with round 1', async () => {
    const answer = await answerQuestion(store, 'Quỹ Ươm Mầm Sông Đào Đợt 2 năm 2028 hạn nộp hồ sơ là ngày nào?');
    expect(answer.abstained).toBe(true);
  });

  it('quotes the maximum of the package asked in English', async () => {
    const answer = await answerQuestion(store, 'What is the maximum support per team in the Gói Cây package?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('150 triệu đồng');
  });

  it('quotes the price under a heading that asks it, not the screen', async () => {
    const answer = await answerQuestion(store, 'Thuê Phòng hội thảo Bến Nghé giá bao nhiêu?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('1.200.000 đồng');
    expect(answer.text).not.toContain('60 ghế');
  });

  it('gives the support of a project from the report table', async () => {
    const answer = await answerQuestion(store, 'Công ty TNHH Mây Tre Đào được Quỹ Ươm Mầm hỗ trợ bao nhiêu tiền?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('Hỗ trợ (tr. đ): 142,5');
  });
});
