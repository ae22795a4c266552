/**
 * A person's own papers from the state (passport, ID card, driving licence, birth certificate)
 * are handed in at a ward or immigration office, never at the centre: asking where to hand them
 * in is out of scope, though "nộp hồ sơ ở đâu" are the words of the centre's applications
 * (`not_ours` in content/nlu/domain.yaml, read by `src/nlu/not-ours.ts`). Asked about the centre's
 * own application, the same papers stay the centre's question. Phrasings of their own, not a
 * held-out set's.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, type ExplainableNlu } from '../../src/nlu/index.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
let nlu: ExplainableNlu;

beforeAll(() => {
  nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('a person\'s own papers from the state', () => {
  it.each([
    'anh ơi nộp hồ sơ làm căn cước ở phường nào ạ',
    'where do I apply for a passport',
    'làm lại bằng lái xe thì nộp giấy tờ ở đâu',
    'cho em hỏi xin giấy khai sinh cho con ở đâu',
  ])('"%s" is out of scope', (text) => {
    expect(nlu.understand(text, { now }).intent).toBe('out_of_scope');
  });

  it.each([
    'hồ sơ đăng ký ươm tạo có cần bản sao căn cước không',
    'nộp hồ sơ vào chương trình ươm tạo ở đâu',
  ])('"%s" stays a question about the centre', (text) => {
    expect(nlu.understand(text, { now }).intent).toBe('kb_question');
  });
});
