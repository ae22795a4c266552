/**
 * Answers in a list of questions and answers, and prices of the thing asked (evidence.ts
 * `answeredQuestions`, subject.ts), on the project's own fixture (fixtures/faq): an answer is
 * about the question before it; a verb of the question ("thuê") names no priced thing; a day
 * typed as a number ("thu 7") is the day the documents write in words; the lexicon's wordings.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answeredQuestions } from '../../src/knowledge/evidence.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'faq');

describe('the question an answer answers', () => {
  it('pairs each sentence with the question before it in its paragraph, or ending the paragraph before', () => {
    const pairs = answeredQuestions('Mất thẻ thì sao? Báo lễ tân. Phí 50.000 đồng.\nGửi xe ở đâu?\nHầm B2.\nGiờ mở cửa 8h00.');
    expect(pairs.map((p) => p.question)).toEqual([null, 'Mất thẻ thì sao?', 'Mất thẻ thì sao?', null, 'Gửi xe ở đâu?', null]);
  });
});

describe('answers from a list of questions and answers', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it('quotes the price that answers the question it follows, though the answer does not repeat the thing', async () => {
    const lost = await answerQuestion(store, 'Làm mất chìa khóa tủ đồ thì phí thay chìa mới là bao nhiêu?');
    expect(lost.abstained).toBe(false);
    expect(lost.text).toContain('70.000 đồng');
    const storage = await answerQuestion(store, 'Thuê kho chứa hàng mà không mua gói thì giá bao nhiêu?');
    expect(storage.abstained).toBe(false);
    expect(storage.text).toContain('900.000 đồng/tháng');
  });

  it('abstains on the hourly price of a room the documents price nowhere, though a locker is "thuê thêm"', async () => {
    const answer = await answerQuestion(store, 'Thuê phòng ghi âm bao nhiêu tiền một giờ?');
    expect(answer.abstained).toBe(true);
    expect(answer.kind).toBe('money');
  });

  it('finds the wordings of the lexicon: "file" is "tệp", "tối đa" is "không quá", a bus is "xe buýt"', async () => {
    const size = await answerQuestion(store, 'Hồ sơ nộp trực tuyến thì mỗi file được nặng tối đa bao nhiêu?');
    expect(size.abstained).toBe(false);
    expect(size.text).toContain('8 MB');
    // English "maximum" is also "không quá": the limit the documents state.
    const english = await answerQuestion(store, 'What is the maximum size of each PDF when applying online?');
    expect(english.text).toContain('8 MB');
    const bus = await answerQuestion(store, 'Which bus line stops at the gate?');
    expect(bus.text).toContain('tuyến 36');
  });

  it('reads "thu 7" as the day written "thứ Bảy"', async () => {
    const answer = await answerQuestion(store, 'xuong thu 7 co mo ko ad');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('11h30 sáng thứ Bảy');
  });
});
