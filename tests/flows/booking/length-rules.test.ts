/**
 * A typed length the space's rules do not allow is answered with the rule it breaks (its least or
 * most length), not with "past closing time or booked", and the allowed lengths are offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { loadMessages, translator } from '../../../src/content/messages.js';
import { createBookingFeature } from '../../../src/flows/booking/feature.js';
import { durationLabel } from '../../../src/flows/booking/time.js';
import { flowFeature } from '../../../src/flows/engine/index.js';
import { intentsFeature } from '../../../src/flows/intents/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';
import { parseSpaces } from '../../../src/flows/booking/spaces.js';
import { addDays } from '../../../src/flows/parse/date.js';
import { nextTestMonday, testSpacesYaml } from './fixtures.js';

const MONDAY = nextTestMonday();
// No closed day in the test week; the content's id for the first meeting room, which the
// understanding knows by name.
const SPACES = parseSpaces(
  testSpacesYaml([addDays(MONDAY.toISOString().slice(0, 10), 60)]).replace('id: room-a', 'id: meeting-room'),
  'length rules spaces',
);
let store: SqlStore;
let harness: BotHarness;
const messages = loadMessages('content');

beforeAll(async () => {
  store = await pgliteTestStore();
  harness = await botHarness({
    store,
    features: [flowFeature, createBookingFeature({ spaces: SPACES }), intentsFeature, menuFeature, fallbackFeature],
    clock: () => MONDAY,
  });
});

afterAll(async () => {
  await harness.close();
  await store.close();
});

async function say(chat: string, text: string): Promise<Outbound> {
  await harness.say('web', chat, text);
  const sent = (await harness.settle()).filter((s) => s.to.chatId === chat);
  expect(sent.length, `an answer to "${text}"`).toBeGreaterThan(0);
  return sent.at(-1)!.message;
}

const lengthsOffered = (reply: Outbound) =>
  (reply.buttons ?? []).map((b) => b.payload).filter((p) => p.startsWith('flow:length:')).map((p) => Number(p.slice('flow:length:'.length)));

describe('a typed length outside the space rules', () => {
  it('names the least length when the founder asks for less (Vietnamese, casual)', async () => {
    const chat = 'web-length-short-000001';
    await harness.consent('web', chat, 'vi');
    const reply = await say(chat, 'dat phong hop mai 9h nua tieng thoi');
    const t = translator(messages, 'vi');
    expect(reply.text).toContain(t('booking.duration.too_short', { length: durationLabel(t, 30), min: durationLabel(t, 60) }));
    expect(lengthsOffered(reply).length).toBeGreaterThan(0);
    expect(Math.min(...lengthsOffered(reply))).toBe(60);
  });

  it('names the most length when the founder asks for more (English)', async () => {
    const chat = 'web-length-long-0000001';
    await harness.consent('web', chat, 'en');
    const reply = await say(chat, 'book the meeting room tomorrow at 9am for 6 hours');
    const t = translator(messages, 'en');
    expect(reply.text).toContain(t('booking.duration.too_long', { length: durationLabel(t, 360), max: durationLabel(t, 240) }));
    expect(Math.max(...lengthsOffered(reply))).toBe(240);
  });

  it('offers the nearest free times at an allowed length when the wanted time is taken', async () => {
    const first = 'web-length-taken-000001';
    await harness.consent('web', first, 'en');
    await say(first, 'book the meeting room tomorrow at 9am for 2 hours');
    const booked = await say(first, 'yes');
    expect(booked.text).toMatch(/[A-Z0-9]{6}/);
    const second = 'web-length-taken-000002';
    await harness.consent('web', second, 'en');
    const reply = await say(second, 'need the meeting room tomorrow at 9am, just half an hour');
    const times = (reply.buttons ?? []).filter((b) => b.payload !== 'flow:slot:day');
    // Free times were found (looked for at the room's least length, an hour), not "none in the next days".
    expect(times.length).toBeGreaterThan(0);
  });
});
