/**
 * The quoted sentences must address the question: over the centre's own documents, a question
 * whose words are only scattered across a passage gets "I don't know", not an unrelated quote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

describe('extractive answers over content/knowledge', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, 'content/knowledge', {});
  });
  afterAll(async () => store?.close());

  it('declines a question whose words only appear scattered in a passage', async () => {
    const answer = await answerQuestion(store, 'giá vàng hôm nay bao nhiêu');
    expect(answer.abstained).toBe(true);
  });

  it('still answers what the documents say, in either language', async () => {
    const vi = await answerQuestion(store, 'khu lam viec chung mo cua may gio');
    expect(vi.abstained).toBe(false);
    expect(vi.text).toMatch(/\d/);
    const en = await answerQuestion(store, 'coworking space opening hours');
    expect(en.abstained).toBe(false);
    expect(en.citations.length).toBeGreaterThan(0);
  });
});
