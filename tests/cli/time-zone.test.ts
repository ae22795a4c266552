/**
 * Every time the CLI prints is in the centre's time zone, and the times come from the one clock:
 * a ticket written at a test instant shows that instant in local time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { handoffFeature } from '../../src/staff/handoff/feature.js';
import { fallbackFeature, menuFeature } from '../../src/flows/menu.js';
import { ticketsShow } from '../../src/staff/handoff/cli.js';
import { botHarness, type BotHarness } from '../support/bot.js';

// 23:30 in Hà Nội on National Day (16:30 UTC), far from the day the suite runs.
const NATIONAL_DAY_2330 = new Date('2027-09-02T16:30:00Z');
let harness: BotHarness | undefined;
afterAll(async () => {
  await harness?.close();
});

describe('times the CLI prints', () => {
  it('are the clock\'s instants in the centre time zone', async () => {
    harness = await botHarness({ features: [handoffFeature(), menuFeature, fallbackFeature], clock: () => NATIONAL_DAY_2330 });
    const { config } = harness.bot.services;
    await harness.consent('web', 'web-tz-session-0000000');
    await harness.say('web', 'web-tz-session-0000000', 'gặp cán bộ');
    await harness.say('web', 'web-tz-session-0000000', 'Em cần tư vấn hồ sơ');
    await harness.settle();
    const shown = await ticketsShow(config, harness.store, 1);
    const thread = shown.filter((line) => line.startsWith('  ') && !line.includes('(before)'));
    expect(thread.length).toBeGreaterThan(0);
    for (const line of thread) expect(line).toMatch(/^ {2}2027-09-02 23:30 /);
    expect(shown.join('\n')).not.toMatch(/16:30|T\d\d:\d\d/);
  });
});
