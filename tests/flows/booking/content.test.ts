/**
 * content/spaces.yaml as shipped: valid, synced into the database at start-up by the default
 * features, and reachable from the main menu. Broken files stop start-up with a clear message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/content/messages.js';
import { loadSpaces, parseSpaces, toSyncPayload } from '../../../src/flows/booking/spaces.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { testSpacesYaml } from './fixtures.js';

describe('spaces content', () => {
  it('the shipped file has the four kinds, opening hours and 2026-2027 holidays', () => {
    const content = loadSpaces('content');
    expect(content.spaces.map((s) => s.kind)).toEqual(['hot_desk', 'meeting_room', 'hall', 'quiet_room']);
    expect(content.spaces.find((s) => s.kind === 'hot_desk')!.capacity).toBeGreaterThan(1);
    expect(content.closedDates.map((d) => d.date)).toEqual(expect.arrayContaining(['2026-09-02', '2027-01-01', '2027-04-30']));
    const [desk] = toSyncPayload(content) as { rules: { hours: Record<string, string[]>; closed_dates: string[] } }[];
    expect(desk!.rules.hours['1']).toEqual(['07:30', '17:00']);
    expect(desk!.rules.hours['7']).toBeUndefined(); // closed on Sunday
    expect(content.centre.address.vi).toMatch(/Lạng Sơn/);
  });

  it('names the field of a broken file', () => {
    expect(() => parseSpaces(testSpacesYaml().replace('capacity: 10', 'capacity: -1'), 'x.yaml')).toThrow(
      /x\.yaml: spaces\.0\.capacity/,
    );
    expect(() => parseSpaces(testSpacesYaml().replace('hours: { mon: "08:00-17:00"', 'hours: { mon: "17:00-08:00"'), 'x.yaml')).toThrow(
      ContentError,
    );
    expect(() => parseSpaces(testSpacesYaml().replace('kind: hall\n    capacity: 1', 'kind: hall\n    capacity: 5'), 'x.yaml')).toThrow(
      /only hot desks have several seats/,
    );
    expect(() => parseSpaces('spaces: [', 'x.yaml')).toThrow(/x\.yaml: not valid YAML/);
  });
});

describe('booking with the default features', () => {
  let harness: BotHarness | undefined;
  afterAll(async () => {
    await harness?.close();
  });

  it('the main menu button starts the booking flow over the shipped spaces', async () => {
    harness = await botHarness();
    const chat = 'web-default-000000000001';
    await harness.consent('web', chat, 'vi');
    await harness.press('web', chat, 'menu:booking');
    let [reply] = (await harness.settle()).map((s) => s.message);
    expect(reply!.text).toContain('Bạn muốn đặt loại chỗ nào?');
    expect(reply!.buttons!.map((b) => b.label)).toEqual([
      '🪑 Bàn làm việc chung', '👥 Phòng họp', '🎤 Hội trường', '📚 Thư viện / phòng yên tĩnh', '📋 Lịch đặt của tôi',
    ]);
    await harness.say('web', chat, 'thu vien');
    [reply] = (await harness.settle()).map((s) => s.message);
    expect(reply!.text).toContain('Phòng thư viện yên tĩnh');
    expect(reply!.text).toContain('Bạn muốn đặt ngày nào?');
    expect(reply!.links?.[0]?.url).toMatch(/^https:\/\//);
    const spaces = await harness.store.call<{ slots: unknown[]; closed: boolean }>('booking_free_slots', {
      space_id: 'hall', day: '2026-09-02',
    });
    expect(spaces.closed).toBe(true); // National Day
  });
});
