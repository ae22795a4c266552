/**
 * Tester 31's knowledge findings (F9, F22, F40, F41, F48), on an invented centre of our own
 * (fixtures/answer-kinds-31/corpus: "Vườn ươm Cây Tre") and phrasings of our own: money received
 * is not answered by "không thu phí"; a space's price by the free statement about the whole
 * space it belongs to; a role asked of the centre not by another organisation's holder of it;
 * "làm website" is a service, not a web address; "có mở cửa không" with "… nghỉ" is "no".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind } from '../../src/knowledge/answer-type.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { withIngestedStore } from '../support/ingested-store.js';

const dir = join(import.meta.dirname, 'fixtures', 'answer-kinds-31', 'corpus');

describe('money received and money paid (F9, F41)', () => {
  it.each(['chương trình này hỗ trợ bao nhiêu tiền', 'chuong trinh do ho tro bao nhieu tien', 'mỗi nhóm được hỗ trợ tối đa bao nhiêu tiền', 'how much funding do teams get'])(
    '"%s" is not answered by a fee waived',
    (question) => {
      const info = answerKind(question);
      expect(info).toMatchObject({ kind: 'money', funding: true });
      expect(sentenceHasKind('Chương trình không thu phí.', info)).toBe(false);
      expect(sentenceHasKind('Các buổi cố vấn cũng miễn phí.', info)).toBe(false);
      expect(sentenceHasKind('Hỗ trợ kinh phí tới 45 triệu đồng để hoàn thiện sản phẩm mẫu.', info)).toBe(true);
    },
  );

  it('answers a price with a free statement, in Vietnamese or English', () => {
    const info = answerKind('how much does the recording room cost');
    expect(info.funding).toBeUndefined();
    expect(sentenceHasKind('The recording room is free of charge for incubated teams.', info)).toBe(true);
    expect(sentenceHasKind('Chương trình không thu phí.', answerKind('phí tham gia bao nhiêu'))).toBe(true);
    expect(answerKind('phí dịch vụ hỗ trợ pháp lý bao nhiêu').funding).toBeUndefined();
  });
});

describe('whose role is asked (F22)', () => {
  it('does not take another organisation\'s director for the centre\'s', () => {
    const info = answerKind('ai là giám đốc vườn ươm');
    expect(sentenceHasKind('Bà Lò Thị Mai, Giám đốc HDF, là người khai mạc diễn đàn.', info)).toBe(false);
    expect(sentenceHasKind('Giám đốc vườn ươm là ông Hoàng Văn Sơn.', info)).toBe(true);
    expect(sentenceHasKind('Ông Hoàng Văn Sơn, Giám đốc Vườn ươm Cây Tre, phát biểu.', info)).toBe(true);
    expect(sentenceHasKind('Bà Lò Thị Mai, Giám đốc HDF, là người khai mạc diễn đàn.', answerKind('who is the director of the centre'))).toBe(false);
    // Asked of that organisation, its director answers.
    expect(sentenceHasKind('Bà Lò Thị Mai, Giám đốc HDF, là người khai mạc diễn đàn.', answerKind('giám đốc HDF là ai'))).toBe(true);
  });
});

describe('a website made is not a web address (F48)', () => {
  it.each(['có hỗ trợ làm website không', 'vuon uom co ho tro thiet ke trang web ko', 'can you help us build a website'])('"%s"', (question) => {
    expect(answerKind(question).kind).not.toBe('website');
  });
  it('still reads a web address asked', () => {
    expect(answerKind('website của vườn ươm là gì').kind).toBe('website');
  });
});

describe('answers on the invented centre', () => {
  let store: PgliteStore;
  withIngestedStore(dir, (opened) => (store = opened));

  it('answers a room\'s price with the free space it belongs to (F41)', async () => {
    for (const question of ['phí thuê phòng họp nhóm bao nhiêu', 'giá thuê phòng thu âm bao nhiêu']) {
      const answer = await answerQuestion(store, question);
      expect(answer.outcome).toBe('answered');
      expect(answer.citations.map((c) => c.doc)).toEqual(['hoi-dap-vuon-uom.md']);
      expect(answer.text).toContain('miễn phí');
    }
  });

  it('abstains on the centre\'s director, which no document names (F22)', async () => {
    const answer = await answerQuestion(store, 'ai là giám đốc vườn ươm');
    expect(answer.abstained).toBe(true);
  });

  it('answers "no" when the space is closed that day (F40)', async () => {
    const answer = await answerQuestion(store, 'chủ nhật có mở cửa không');
    expect(answer.verdict).toBe('no');
    expect(answer.text.startsWith('Không.')).toBe(true);
  });
});
