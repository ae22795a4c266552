/**
 * "Hôm nay" after closing time (session-29 tester report, #16): at 20:00 the day buttons offered
 * today, and pressing it got "fully booked (or the remaining hours have passed)". Today is left
 * out once the shortest stay no longer fits before closing.
 *
 * The clock is a Tuesday 20:00 in Hà Nội (the desks close at 17:00), fixed.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/flows/parse/date.js';
import { openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const MORNING = openTuesday(new Date('2026-12-03T00:00:00Z'));
const TODAY = MORNING.toISOString().slice(0, 10);
const EVENING = new Date(MORNING.getTime() + 11 * 3_600_000); // 20:00 local

const bot = typedBot(EVENING);

describe('the day buttons after closing time', () => {
  it('leave out today and start with tomorrow', async () => {
    await bot.harness.consent('web', 'late', 'vi');
    const days = payloads(await bot.say('late', 'đặt bàn')).filter((p) => p.startsWith('flow:day:'));
    expect(days).not.toContain(`flow:day:${TODAY}`);
    expect(days[0]).toBe(`flow:day:${addDays(TODAY, 1)}`);
  });
});
