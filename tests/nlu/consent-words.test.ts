/**
 * Rules over the ranking, on phrasings of our own (not a held-out set's). Consent answers are short replies or use the notice's own words (`src/nlu/consent-words.ts`):
 * a longer sentence whose only link to a refusal is a "không" is something else. Phrasings of
 * their own, not a held-out set's.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consentNeedsItsWords } from '../../src/nlu/consent-words.js';
import { createNlu, type ExplainableNlu } from '../../src/nlu/index.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
let nlu: ExplainableNlu;

beforeAll(() => {
  nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('a long sentence without the notice\'s words', () => {
  it.each([
    'Có cách nào chữa mất ngủ kéo dài mà không cần uống thuốc không?',
    'co cach nao giam dau lung ma ko can di kham ko',
    'lam sao cho con ngu ngon ma khong can ru',
  ])('"%s" is not a consent answer', (text) => {
    const u = nlu.understand(text, { now });
    expect(['consent_accept', 'consent_decline']).not.toContain(u.intent);
    expect(u.ranked.find((r) => r.intent === 'consent_decline')?.score).toBe(0);
  });
});

describe('consent said in words', () => {
  it.each([
    ['không đồng ý', 'consent_decline'],
    ['ko', 'consent_decline'],
    ['em không muốn trung tâm giữ thông tin của em', 'consent_decline'],
    ['mình đọc rồi, đồng ý nhé ad', 'consent_accept'],
    ['ok', 'consent_accept'],
    ['I accept the terms', 'consent_accept'],
  ])('"%s" stays %s', (text, intent) => {
    expect(nlu.understand(text, { now }).intent).toBe(intent);
  });
});

describe('consentNeedsItsWords', () => {
  const ranked = [
    { intent: 'consent_decline' as const, score: 0.5 },
    { intent: 'out_of_scope' as const, score: 0.4 },
    { intent: 'kb_question' as const, score: 0.1 },
  ];
  it('rescales the others to what they are given no consent answer', () => {
    const out = consentNeedsItsWords(ranked, 'co cach nao chua mat ngu ma khong can uong thuoc khong');
    expect(out.map((r) => r.intent)).toEqual(['out_of_scope', 'kb_question', 'consent_decline']);
    expect(out[0]!.score).toBeCloseTo(0.8);
    expect(out[2]!.score).toBe(0);
  });
  it('leaves short replies and the notice\'s words alone', () => {
    expect(consentNeedsItsWords(ranked, 'khong nhe')).toBe(ranked);
    expect(consentNeedsItsWords(ranked, 'minh khong muon chia se du lieu dau')).toBe(ranked);
  });
});

describe('a question about what the founder must bring or prepare', () => {
  it.each(['what do I need to bring', 'what do we have to prepare', 'what must I bring to the training'])(
    '"%s" asks the documents, not for the menu', (text) => {
      expect(nlu.understand(text, { now }).intent).toBe('kb_question');
    },
  );
  it('"what can you do" is still the menu', () => {
    expect(nlu.understand('what can you do', { now }).intent).toBe('menu');
  });
});
