/** Work that arrives while a call runs goes as one group when it returns; nothing is stranded. */
import { describe, expect, it } from 'vitest';
import { CallBatcher } from '../../src/bot/call-batcher.js';

describe('CallBatcher', () => {
  it('sends a lone item at once and what arrived meanwhile as one group, in order', async () => {
    const groups: number[][] = [];
    const batcher = new CallBatcher<number, number>(async (group) => {
      groups.push(group.map((p) => p.item));
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const p of group) p.resolve(p.item * 10);
    }, { maxBatch: 3 });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.add(n)));
    expect(results).toEqual([10, 20, 30, 40, 50, 60]);
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('rejects the whole group when its write throws, and goes on with the next one', async () => {
    let calls = 0;
    const batcher = new CallBatcher<string, string>(async (group) => {
      calls += 1;
      if (calls === 2) throw new Error('connection lost');
      for (const p of group) p.resolve(p.item.toUpperCase());
    }, { maxBatch: 10 });
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((s) => batcher.add(s)));
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await batcher.add('d')).toBe('D');
  });
});
