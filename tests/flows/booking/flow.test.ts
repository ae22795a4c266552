/**
 * Scripted booking conversations in Vietnamese and English through the whole message path
 * (inbox → dispatcher → flow engine → booking feature → outbox → recording channels), on PGlite.
 * The bot's clock is fixed to a Monday 07:00 in Hà Nội a few days ahead (`nextTestMonday`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { Outbound } from '../../../src/bot/outbound.js';
import { createBookingFeature } from '../../../src/flows/booking/feature.js';
import { flowFeature, startFlow } from '../../../src/flows/engine/index.js';
import type { Feature } from '../../../src/bot/router.js';
import { addDays } from '../../../src/flows/parse/date.js';
import { instantOf } from '../../../src/flows/booking/time.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';
import { nextTestMonday, testSpaces } from './fixtures.js';

const MONDAY = nextTestMonday();
const MON = MONDAY.toISOString().slice(0, 10);
const TUE = addDays(MON, 1);
const WED = addDays(MON, 2);
const THU = addDays(MON, 3);
const FRI = addDays(MON, 4);
const ddmm = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

let store: SqlStore;
let harness: BotHarness;
let now = MONDAY;

/** Another feature opening the booking flow for one space (as a programme page might). */
const hallLink: Feature = {
  name: 'hall-link',
  order: 45,
  async handle(turn, next) {
    if (turn.event.kind === 'button' && turn.event.payload === 'test:hall') return startFlow(turn, 'booking', { space: 'hall' });
    return next();
  },
};

function features() {
  // Wednesday of the test week is a holiday.
  return [flowFeature, createBookingFeature({ spaces: testSpaces([WED]) }), hallLink, menuFeature, fallbackFeature];
}

async function newHarness(): Promise<BotHarness> {
  return botHarness({ store, features: features(), clock: () => now });
}

/** What the bot said to one chat during a settle, in order. */
async function said(chat: string): Promise<Outbound[]> {
  const sent = await harness.settle();
  return sent.filter((s) => s.to.chatId === chat).map((s) => s.message);
}

async function say(chat: string, text: string): Promise<Outbound> {
  await harness.say('web', chat, text);
  const out = await said(chat);
  expect(out.length, `an answer to "${text}"`).toBeGreaterThan(0);
  return out.at(-1)!;
}

async function press(chat: string, payload: string): Promise<Outbound> {
  await harness.press('web', chat, payload);
  const out = await said(chat);
  expect(out.length, `an answer to ${payload}`).toBeGreaterThan(0);
  return out.at(-1)!;
}

function button(message: Outbound, label: RegExp): string {
  const found = message.buttons?.find((b) => label.test(b.label));
  expect(found, `a button ${label} in ${JSON.stringify(message.buttons?.map((b) => b.label))}`).toBeDefined();
  return found!.payload;
}

async function bookingsOf(contactId: number): Promise<{ id: number; code: string; status: string; space_id: string; start: string }[]> {
  return store.query(
    `select id::int, code, status, space_id, lower(during) as start from public.bookings where contact_id = $1 order by id`,
    [contactId],
  );
}

beforeAll(async () => {
  store = await pgliteTestStore();
  harness = await newHarness();
});

afterAll(async () => {
  await harness.close();
  await store.close();
});

describe('booking flow', () => {
  it('books a meeting room in Vietnamese, typed without diacritics, and a second founder gets alternatives in English', async () => {
    const lan = 'web-lan-0000000000001';
    const lanId = await harness.consent('web', lan, 'vi');
    let reply = await press(lan, 'menu:booking');
    expect(reply.text).toContain('Bạn muốn đặt loại chỗ nào?');
    expect(reply.buttons?.map((b) => b.label)).toEqual(expect.arrayContaining(['👥 Phòng họp', '📋 Lịch đặt của tôi']));

    reply = await say(lan, 'phong hop');
    expect(reply.text).toContain('Bạn muốn đặt chỗ nào?');
    reply = await say(lan, 'phong hop a');
    expect(reply.text).toContain('Bạn muốn đặt ngày nào?');
    expect(reply.buttons?.[0]?.label).toBe('Hôm nay');
    // The holiday (Wednesday) is not offered.
    expect(reply.buttons?.map((b) => b.payload)).not.toContain(`flow:day:${WED}`);

    reply = await say(lan, 'mai');
    expect(reply.text).toContain(`Giờ còn trống của Phòng họp A ngày Thứ Ba ${ddmm(TUE)}`);
    expect(reply.buttons?.[0]?.label).toBe('08:00');

    reply = await say(lan, '9h');
    expect(reply.text).toContain('Bạn dùng trong bao lâu (bắt đầu 09:00)?');
    reply = await say(lan, '2 tieng');
    expect(reply.text).toContain('Phòng họp A');
    expect(reply.text).toContain(`Thứ Ba ${ddmm(TUE)}, 09:00–11:00 (2 giờ)`);
    expect(reply.text).toContain('Số 1 phố Thử, Lạng Sơn');

    reply = await say(lan, 'co');
    expect(reply.text).toMatch(/Mã đặt chỗ của bạn: [A-Z0-9]{6}/);
    const [lanBooking] = await bookingsOf(lanId);
    expect(lanBooking).toMatchObject({ status: 'booked', space_id: 'room-a' });
    expect(reply.text).toContain(lanBooking!.code);

    // Another founder, in English, asks for the same room at the same time.
    const tom = 'web-tom-0000000000001';
    const tomId = await harness.consent('web', tom, 'en');
    reply = await say(tom, 'book a room');
    expect(reply.text).toContain('What kind of space');
    reply = await press(tom, button(reply, /Meeting room/));
    reply = await press(tom, button(reply, /^Meeting room A$/));
    reply = await say(tom, 'tomorrow');
    expect(reply.text).toContain(`Free times at Meeting room A on Tue ${ddmm(TUE)}`);
    expect(reply.buttons?.map((b) => b.label)).not.toContain('09:00');
    reply = await say(tom, '9:30');
    expect(reply.text).toContain(`Sorry, Meeting room A is fully booked from 09:30 to 10:30 on Tue ${ddmm(TUE)}.`);
    expect(reply.text).toContain('The nearest free times');
    const labels = reply.buttons!.map((b) => b.label);
    expect(labels).toContain('11:00–12:00 same day');
    expect(labels.some((l) => l.startsWith(`Thu ${ddmm(THU)}`))).toBe(true); // Wednesday is closed
    expect(labels).toContain('Meeting room B 09:30–10:30');

    reply = await press(tom, button(reply, /^Meeting room B/));
    expect(reply.text).toContain('For how long (starting at 09:30)?');
    reply = await press(tom, button(reply, /^1 h$/));
    expect(reply.text).toContain('Meeting room B');
    reply = await say(tom, 'yes');
    expect(reply.text).toMatch(/Your booking code: [A-Z0-9]{6}/);
    expect(await bookingsOf(tomId)).toMatchObject([{ status: 'booked', space_id: 'room-b' }]);
  });

  it('lists, cancels (the slot is bookable again) and keeps the per-founder limit', async () => {
    const mai = 'web-mai-0000000000001';
    const maiId = await harness.consent('web', mai, 'vi');
    for (const [day, time] of [[TUE, '14h'], [THU, '15:00']] as const) {
      await press(mai, 'menu:booking');
      await say(mai, 'ban lam viec');
      await say(mai, ddmm(day));
      await say(mai, time);
      await say(mai, '1 tiếng');
      const done = await say(mai, 'đặt');
      expect(done.text).toContain('Đã đặt xong');
    }
    // A third upcoming booking is over the limit of 2: said at once, with the bookings to manage.
    let reply = await press(mai, 'menu:booking');
    expect(reply.text).toContain('Bạn đang có 2 lịch đặt sắp tới');
    expect(reply.buttons?.some((b) => b.payload.startsWith('booking:cancel:'))).toBe(true);

    reply = await say(mai, 'lịch của tôi');
    expect(reply.text).toContain('Lịch đặt sắp tới của bạn:');
    const [first, second] = await bookingsOf(maiId);
    expect(reply.text).toContain(first!.code);
    expect(reply.text).toContain(second!.code);
    reply = await press(mai, button(reply, new RegExp(`Hủy ${first!.code}`)));
    expect(reply.text).toContain(`Đã hủy lịch ${first!.code}`);
    expect((await bookingsOf(maiId))[0]!.status).toBe('cancelled');
    // Pressing it again is harmless.
    reply = await press(mai, `booking:cancel:${first!.id}`);
    expect(reply.text).toContain('đã được hủy trước đó');
    // Its reminder is withdrawn.
    const reminders = await store.query<{ status: string }>(`select status from public.outbox where dedupe_key = $1`, [
      `booking-reminder:${first!.id}`,
    ]);
    expect(reminders).toEqual([{ status: 'cancelled' }]);

    // Someone else's booking cannot be cancelled by id.
    const other = 'web-other-000000000001';
    await harness.consent('web', other, 'vi');
    reply = await press(other, `booking:cancel:${second!.id}`);
    expect(reply.text).toContain('không tìm thấy');
    expect((await bookingsOf(maiId))[1]!.status).toBe('booked');

    // Now a third booking fits in the limit again: Friday 10:00 on the hot desk.
    await press(mai, 'menu:booking');
    await say(mai, 'ban');
    await say(mai, 'thu 6');
    await say(mai, '10h');
    await say(mai, '1h');
    reply = await say(mai, 'vâng');
    expect(reply.text).toContain('Đã đặt xong');
    expect((await bookingsOf(maiId)).at(-1)).toMatchObject({ status: 'booked', start: new Date(instantOf(FRI, 600)) });
  });

  it('a cancelled room slot is offered again', async () => {
    const kim = 'web-kim-0000000000001';
    const kimId = await harness.consent('web', kim, 'vi');
    await press(kim, 'menu:booking');
    await say(kim, 'hoi truong');
    await say(kim, ddmm(THU));
    await say(kim, '13h');
    await say(kim, '4 tiếng');
    await say(kim, 'co');
    const [hall] = await bookingsOf(kimId);
    await press(kim, 'menu:booking');
    await say(kim, 'hoi truong');
    let reply = await say(kim, ddmm(THU));
    expect(reply.buttons?.map((b) => b.label)).not.toContain('13:00');
    await say(kim, 'huy'); // leaves the flow
    reply = await press(kim, `booking:cancel:${hall!.id}`);
    expect(reply.text).toContain('Đã hủy lịch');
    await press(kim, 'menu:booking');
    await say(kim, 'hoi truong');
    reply = await say(kim, ddmm(THU));
    expect(reply.buttons?.map((b) => b.label)).toContain('13:00');
  });

  it('can be started by another feature for one space', async () => {
    const vy = 'web-vy-00000000000001';
    await harness.consent('web', vy, 'en');
    const reply = await press(vy, 'test:hall');
    expect(reply.text).toContain('Hall');
    expect(reply.text).toContain('Which day?');
  });

  it('never offers past slots and re-asks a wrong day with a hint', async () => {
    const an = 'web-an-00000000000001';
    await harness.consent('web', an, 'vi');
    now = new Date(Date.parse(instantOf(TUE, 10 * 60 + 10))); // Tuesday 10:10
    try {
      await press(an, 'menu:booking');
      await say(an, 'ban');
      let reply = await say(an, 'hôm nay');
      const times = reply.buttons!.map((b) => b.label);
      expect(times[0]).toBe('10:30');
      reply = await say(an, '8h');
      expect(reply.text).toContain('Giờ này vừa trôi qua');
      reply = await say(an, '20h');
      expect(reply.text).toContain('ngoài giờ mở cửa');
      reply = await say(an, 'một ngày đẹp trời');
      expect(reply.text).toContain('Mình chưa hiểu giờ bạn gõ');
      reply = await say(an, 'quay lại');
      expect(reply.text).toContain('Bạn muốn đặt ngày nào?');
      reply = await say(an, 'abc xyz');
      expect(reply.text).toContain('Mình chưa hiểu ngày bạn gõ');
      reply = await say(an, 'thứ 4');
      expect(reply.text).toContain('không mở cửa');
      reply = await say(an, '1/1/2020');
      expect(reply.text).toContain('đã qua');
      expect(reply.buttons?.some((b) => b.payload === 'handoff:request')).toBe(true); // third miss: a person is offered
    } finally {
      now = MONDAY;
    }
  });

  it('moves a booking atomically: the old one is released only with the new one held', async () => {
    const ha = 'web-ha-00000000000001';
    const haId = await harness.consent('web', ha, 'en');
    await press(ha, 'menu:booking');
    await say(ha, 'meeting room');
    await say(ha, 'meeting room b');
    await say(ha, ddmm(FRI));
    await say(ha, '2 pm');
    await say(ha, '1 h');
    await say(ha, 'yes');
    const [old] = await bookingsOf(haId);

    let reply = await say(ha, 'my bookings');
    reply = await press(ha, button(reply, new RegExp(`Move ${old!.code}`)));
    expect(reply.text).toContain('Which day?');
    reply = await say(ha, 'friday');
    // The booking's own hour is free for itself when moving.
    expect(reply.buttons?.map((b) => b.label)).toContain('14:00');
    reply = await say(ha, '14:30');
    reply = await say(ha, '1 h');
    expect(reply.text).toContain(`move booking ${old!.code} to`);
    reply = await say(ha, 'move it');
    expect(reply.text).toContain(`Booking ${old!.code} moved`);
    // Issue 12: a move keeps the booking (same id, same code) and changes its time.
    const after = await bookingsOf(haId);
    expect(after.map((b) => [b.id, b.code, b.status])).toEqual([[old!.id, old!.code, 'booked']]);
    expect(after[0]!.start).toEqual(new Date(instantOf(FRI, 14 * 60 + 30)));
    const reminders = await store.query<{ dedupe_key: string; status: string }>(
      `select dedupe_key, status from public.outbox where dedupe_key like $1 order by id`,
      [`booking-reminder:${old!.id}%`],
    );
    expect(reminders.map((r) => [r.dedupe_key === `booking-reminder:${old!.id}`, r.status])).toEqual([[false, 'cancelled'], [true, 'pending']]);
  });

  it('a move to a full time keeps the old booking', async () => {
    const bo = 'web-bo-00000000000001';
    const boId = await harness.consent('web', bo, 'vi');
    await press(bo, 'menu:booking');
    await say(bo, 'phong hop');
    await say(bo, 'phong hop b');
    await say(bo, ddmm(THU));
    await say(bo, '8h');
    await say(bo, '1 tieng');
    await say(bo, 'co');
    const [mine] = await bookingsOf(boId);
    // Lan's room A is free on Thursday 10:00; someone takes it while Bo is choosing.
    await press(bo, `booking:move:${mine!.id}`);
    await say(bo, ddmm(THU));
    await say(bo, '10h');
    await say(bo, '1 tieng');
    const ids = await store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: 'web-rival-000000000001', user_id: 'web-rival-000000000001',
    });
    const taken = await store.call<{ ok: boolean }>('booking_book', {
      space_id: 'room-b', contact_id: ids.contact_id, start: instantOf(THU, 600), minutes: 60, now: MONDAY,
    });
    expect(taken.ok).toBe(true);
    const reply = await say(bo, 'co');
    expect(reply.text).toContain('đã kín');
    expect(await bookingsOf(boId)).toMatchObject([{ id: mine!.id, status: 'booked' }]);
  });

  it('reads a typed number as the n-th start time shown, not the n-th slot of the day', async () => {
    const chat = 'web-num-0000000000001';
    await harness.consent('web', chat, 'vi');
    await press(chat, 'menu:booking');
    await say(chat, 'phong hop');
    await say(chat, 'phong hop a');
    let reply = await say(chat, ddmm(THU));
    const shown = reply.buttons!.map((b) => b.label);
    expect(shown.length).toBeGreaterThan(2);
    reply = await say(chat, '2');
    expect(reply.text).toContain(`(bắt đầu ${shown[1]})`);
    await say(chat, 'huy');
  });
});
