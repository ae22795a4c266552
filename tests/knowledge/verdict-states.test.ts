/**
 * A yes/no question about a state (open or closed, free or charged) answered by a quote that
 * states it, or its opposite, in other words (tester 31, F40: "chủ nhật có mở cửa không" was
 * answered "Có." before "Chủ nhật khu làm việc chung nghỉ"). Phrasings and quotes of our own
 * (fixtures/answer-kinds-31/verdicts.jsonl): the same state is "yes", the opposite "no", a quote
 * that states both in one clause no verdict at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/knowledge/query.js';
import { verdictOf } from '../../src/knowledge/verdict.js';

interface VerdictCase {
  q: string;
  quote: string;
  verdict: 'yes' | 'no' | null;
}

const cases: VerdictCase[] = readFileSync(new URL('./fixtures/answer-kinds-31/verdicts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as VerdictCase);

describe('yes/no verdicts read states, not only negation words', () => {
  it.each(cases)('$q — $quote', ({ q, quote, verdict }) => {
    expect(verdictOf(queryTerms(q), quote)).toBe(verdict);
  });
});
