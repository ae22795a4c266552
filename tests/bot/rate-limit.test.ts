import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelRates, RateLimiter } from '../../src/bot/rate-limit.js';
import { testConfig } from '../support/config.js';

/** Grants recorded against the fake clock. */
function recorder(limiter: RateLimiter) {
  const grants: { tag: string; at: number }[] = [];
  const ask = (chat: string, priority: number, tag: string) =>
    limiter.acquire('telegram', chat, priority).then((done) => {
      grants.push({ tag, at: Date.now() });
      done(); // an instant send
    });
  return { grants, ask };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('RateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never lets more than the cap through in any one-second window, and keeps up with the cap', async () => {
    const limiter = new RateLimiter({ telegram: { perSecond: 30 } }, { now: () => Date.now(), marginMs: 0 });
    const { grants, ask } = recorder(limiter);
    const all = Array.from({ length: 300 }, (_, i) => ask(`chat${i}`, 100, `b${i}`));
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(all);
    const times = grants.map((g) => g.at);
    expect(maxInAnyWindow(times, 1000)).toBe(30);
    // 300 sends at 30/s take nine seconds after the first burst, no more.
    expect(Math.max(...times)).toBeLessThanOrEqual(9000);
    limiter.close();
  });

  it('serves live replies before broadcast sends that were waiting longer', async () => {
    const limiter = new RateLimiter({ telegram: { perSecond: 2 } }, { now: () => Date.now(), marginMs: 0 });
    const { grants, ask } = recorder(limiter);
    const bulk = Array.from({ length: 10 }, (_, i) => ask(`c${i}`, 100, `bulk${i}`));
    await vi.advanceTimersByTimeAsync(1);
    const live = ask('founder', 0, 'live');
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([...bulk, live]);
    // The first two bulk sends went out at once; the live reply takes the next slot.
    expect(grants.map((g) => g.tag).slice(0, 3)).toEqual(['bulk0', 'bulk1', 'live']);
    limiter.close();
  });

  it('paces proactive messages to one chat after a short burst, never live replies', async () => {
    const limiter = new RateLimiter(
      { telegram: { perSecond: 30, perChatPerSecond: 1, perChatBurst: 3 } },
      { now: () => Date.now(), marginMs: 0 },
    );
    const { grants, ask } = recorder(limiter);
    const all = Array.from({ length: 5 }, (_, i) => ask('42', 100, `m${i}`));
    const other = ask('43', 100, 'other');
    const live = Array.from({ length: 5 }, (_, i) => ask('44', 0, `live${i}`));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all([...all, other, ...live]);
    const at = Object.fromEntries(grants.map((g) => [g.tag, g.at]));
    expect([at.m0, at.m1, at.m2]).toEqual([0, 0, 0]);
    expect(at.m3).toBe(1000);
    expect(at.m4).toBe(2000);
    expect(at.other).toBe(0); // another chat is not held up by the paced one
    expect([0, 1, 2, 3, 4].map((i) => at[`live${i}`])).toEqual([0, 0, 0, 0, 0]);
    limiter.close();
  });

  it('holds every send of a paused channel until the pause ends', async () => {
    const limiter = new RateLimiter({ telegram: { perSecond: 30 } }, { now: () => Date.now(), marginMs: 0 });
    const { grants, ask } = recorder(limiter);
    limiter.pause('telegram', 3000);
    expect(limiter.pausedFor('telegram')).toBe(3000);
    const all = [ask('a', 0, 'a'), ask('b', 100, 'b')];
    await vi.advanceTimersByTimeAsync(2999);
    expect(grants).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(all);
    expect(grants.map((g) => g.at)).toEqual([3000, 3000]);
    limiter.close();
  });

  it('takes its share of the rate when several senders run', async () => {
    const limiter = new RateLimiter({ telegram: { perSecond: 30 } }, { now: () => Date.now(), marginMs: 0 });
    limiter.setShare('telegram', 1 / 3);
    expect(limiter.perSecond('telegram')).toBeCloseTo(10);
    const { grants, ask } = recorder(limiter);
    const all = Array.from({ length: 40 }, (_, i) => ask(`c${i}`, 100, `b${i}`));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(maxInAnyWindow(grants.map((g) => g.at), 1000)).toBe(10);
    limiter.close();
  });

  it('counts a slow send until a second after it finished, so delayed requests cannot bunch up', async () => {
    const limiter = new RateLimiter({ telegram: { perSecond: 2 } }, { now: () => Date.now() });
    const grants: number[] = [];
    const slow = async (i: number) => {
      const done = await limiter.acquire('telegram', `c${i}`, 100);
      grants.push(Date.now());
      setTimeout(done, 500); // the request takes half a second
    };
    const all = Array.from({ length: 4 }, (_, i) => slow(i));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    // Two at once; the next two only a second after those two finished (500 ms + 1000 ms).
    expect(grants).toEqual([0, 0, 1500, 1500]);
    limiter.close();
  });

  it('reads the limits from the settings; web chat is uncapped', () => {
    const limiter = new RateLimiter(channelRates(testConfig({ TELEGRAM_RATE_PER_SECOND: '25', ZALO_RATE_PER_SECOND: '5' })));
    expect(limiter.perSecond('telegram')).toBe(25);
    expect(limiter.perSecond('zalo')).toBe(5);
    expect(limiter.isCapped('web')).toBe(false);
    expect(limiter.perSecond('web')).toBe(Infinity);
  });
});
