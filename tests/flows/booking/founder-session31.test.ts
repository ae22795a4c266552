/**
 * What founders typed to the booking flow in the session-31 test (report-tester-31): another kind
 * of space named in the middle of a booking ("thôi không, đổi sang phòng họp", "đặt thêm hội
 * trường ngày 31/12 cả ngày"), "9h tới trưa", "đặt bàn chủ nhật này", a follow-up with a day and
 * time and nothing booked, "đặt thêm bàn … 1h sáng", "9 to 11", "all morning" after a change of
 * day, "hôm đó còn giờ nào trống", yes typed in many ways, "5/1 năm sau", "phong hopp mia".
 * Through the whole message path on PGlite with the bot's clock fixed at Tuesday 08/12/2026
 * 09:00 in Hà Nội; assertions on flow state, buttons and booking rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpaces } from '../../../src/flows/booking/spaces.js';
import { localDay, localTime } from '../../../src/flows/booking/time.js';
import { payloads, typedBookingBot } from './typed-booking-bot.js';
import { testSpacesYaml } from './fixtures.js';

// The content's ids and rules: Saturday closes at 11:30, the hall may be booked 30 days ahead for up to 8 hours, a desk for 8 hours.
const SPACES = parseSpaces(
  testSpacesYaml(['2027-02-16'])
    .replace('id: desk', 'id: hot-desk')
    .replace('id: room-a', 'id: meeting-room')
    .replace('sat: "08:00-12:00"', 'sat: "08:00-11:30"')
    .replace('rules: { min_minutes: 120 }', 'rules: { min_minutes: 120, max_minutes: 480, horizon_days: 30 }')
    .replace(/(id: hot-desk\n\s+kind: hot_desk\n\s+capacity: 10)/, '$1\n    rules: { max_minutes: 480 }'),
  'session 31 spaces',
);

const now = new Date('2026-12-08T02:00:00Z'); // Tuesday 08/12/2026, 09:00 in Hà Nội
const bot = typedBookingBot(SPACES, () => now, 'web-s31');
const { founder, say } = bot;

beforeAll(bot.open);
afterAll(bot.close);

async function bookingsOf(contactId: number): Promise<{ space_id: string; day: string; from: string; to: string }[]> {
  const rows = await bot.store.query<{ space_id: string; starts_at: string; ends_at: string }>(
    `select space_id, lower(during)::text as starts_at, upper(during)::text as ends_at from public.bookings where contact_id = $1 and status = 'booked' order by id`,
    [contactId],
  );
  return rows.map((r) => ({ space_id: r.space_id, day: localDay(new Date(r.starts_at).toISOString()), from: localTime(new Date(r.starts_at).toISOString()), to: localTime(new Date(r.ends_at).toISOString()) }));
}

/** The flow at the confirmation: its space, day, start and length. */
async function confirming(chat: string): Promise<{ space: unknown; day: string; from: string; minutes: unknown }> {
  const flow = await bot.flow(chat);
  expect(flow?.step).toBe('confirm');
  const start = String(flow?.answers.start);
  return { space: flow?.answers.space, day: localDay(start), from: localTime(start), minutes: flow?.answers.minutes };
}

describe('F21, F45: another kind of space named mid-booking is booked instead', () => {
  it('"thoi khong, doi sang phong hop" at the hall\'s confirmation: the meeting room, same day, is booked', async () => {
    const { chat, contactId } = await founder();
    await say(chat, 'cho minh dat hoi truong');
    await say(chat, 'thu 6 tuan sau');
    await say(chat, 'ca ngay');
    expect((await confirming(chat)).space).toBe('hall');
    await say(chat, 'thoi khong, doi sang phong hop');
    const flow = await bot.flow(chat);
    expect(flow?.answers.space).toBe('meeting-room');
    expect(flow?.answers.day).toBe('2026-12-18');
    await say(chat, '9h den 11h');
    expect(await confirming(chat)).toEqual({ space: 'meeting-room', day: '2026-12-18', from: '09:00', minutes: 120 });
    const done = await say(chat, 'ok');
    expect(payloads(done)).not.toContain('flow:confirm:yes');
    expect(await bookingsOf(contactId)).toEqual([{ space_id: 'meeting-room', day: '2026-12-18', from: '09:00', to: '11:00' }]);
  });

  it('"đặt thêm hội trường ngày 31/12 cả ngày" while a meeting room\'s day is asked: the hall, on its own 30-day horizon', async () => {
    const { chat } = await founder();
    await say(chat, 'cho tôi đặt phòng họp ngày 25/12 từ 8 giờ đến 10 giờ');
    expect((await bot.flow(chat))?.step).toBe('day'); // past the meeting room's 14 days
    await say(chat, 'tôi muốn đặt thêm hội trường ngày 31/12 cả ngày');
    expect(await confirming(chat)).toEqual({ space: 'hall', day: '2026-12-31', from: '08:00', minutes: 480 });
  });
});

describe('F36: "tới trưa" is until noon', () => {
  it.each(['đặt bàn làm việc mai từ 9h tới trưa', 'dat ban lam viec mai khoang 9h toi trua'])('"%s": 09:00–12:00', async (text) => {
    const { chat } = await founder();
    await say(chat, text);
    expect(await confirming(chat)).toEqual({ space: 'hot-desk', day: '2026-12-09', from: '09:00', minutes: 180 });
  });
});

describe('F27, F28: a Sunday desk, then a follow-up with a day and time', () => {
  it('"đặt bàn chủ nhật này" starts the desk booking on the open days; "thế t7 tuần sau cả buổi sáng" books Saturday morning', async () => {
    const { chat } = await founder();
    const reply = await say(chat, 'đặt bàn chủ nhật này');
    const flow = await bot.flow(chat);
    expect(flow?.step).toBe('day');
    expect(flow?.answers.space).toBe('hot-desk');
    expect(payloads(reply)).toEqual(expect.arrayContaining(['flow:day:2026-12-12', 'flow:day:2026-12-14']));
    expect(payloads(reply)).not.toContain('flow:day:2026-12-13');
    expect(reply.text).toContain('13/12');
    await say(chat, 'thế t7 tuần sau cả buổi sáng');
    expect(await confirming(chat)).toEqual({ space: 'hot-desk', day: '2026-12-19', from: '08:00', minutes: 210 });
  });

  it('"thế t7 tuần sau cả buổi sáng" with nothing booked starts a booking for that day, not "no bookings"', async () => {
    const { chat } = await founder();
    const reply = await say(chat, 'thế t7 tuần sau cả buổi sáng');
    const flow = await bot.flow(chat);
    expect(flow?.id).toBe('booking');
    expect(payloads(reply)).toContain('flow:kind:hot_desk');
  });

  it('"thế t7 tuần sau cả buổi sáng" after a booking conversation with nothing held: a new booking, not "no bookings"', async () => {
    const { chat } = await founder();
    await say(chat, 'đặt bàn mai 9h 2 tiếng');
    await say(chat, 'hủy');
    expect((await bot.flow(chat))?.id).toBeUndefined();
    await say(chat, 'thế t7 tuần sau cả buổi sáng');
    const flow = await bot.flow(chat);
    expect(flow?.id).toBe('booking');
    expect(flow?.answers.want).toMatchObject({ date: '2026-12-19', window: { part: 'morning' } });
  });
});

describe('F29: "bàn" after the verb is the desk, and hours outside opening said at once', () => {
  it('"đặt thêm bàn hôm nay lúc 1h sáng": the desk, the free times asked again (01:00 is not open), not the kind of space', async () => {
    const { chat } = await founder();
    const reply = await say(chat, 'đặt thêm bàn hôm nay lúc 1h sáng');
    const flow = await bot.flow(chat);
    expect(flow?.answers.space).toBe('hot-desk');
    expect(flow?.step).toBe('slot');
    expect(flow?.answers.start).toBeUndefined();
    expect(payloads(reply).some((p) => p.startsWith('flow:slot:'))).toBe(true);
    // "đến 7h tối" past closing (17:00): the stay up to closing, with the hours said.
    const fitted = await say(chat, 'thôi 10h sáng nay đến 7h tối');
    expect(await confirming(chat)).toEqual({ space: 'hot-desk', day: '2026-12-08', from: '10:00', minutes: 420 });
    expect(fitted.text).toContain('17:00');
  });
});

describe('F11: a range at the start question, "all morning" after a change of day', () => {
  it('"9 to 11" at "when do you start?": 09:00–11:00', async () => {
    const { chat } = await founder('en');
    await say(chat, 'book a desk tmr morning');
    expect((await bot.flow(chat))?.step).toBe('slot');
    await say(chat, '9 to 11');
    expect(await confirming(chat)).toEqual({ space: 'hot-desk', day: '2026-12-09', from: '09:00', minutes: 120 });
  });

  it.each(['9-11', '9 den 11'])('"%s" at the start question: 09:00–11:00', async (text) => {
    const { chat } = await founder();
    await say(chat, 'đặt bàn mai');
    await say(chat, text);
    expect(await confirming(chat)).toEqual({ space: 'hot-desk', day: '2026-12-09', from: '09:00', minutes: 120 });
  });

  it('"all morning" on another day is the whole morning, not an end said for the first day', async () => {
    const { chat } = await founder('en');
    await say(chat, 'book a desk tmr');
    await say(chat, 'until 11');
    await say(chat, 'actually I want to change it to friday next week');
    await say(chat, 'all morning');
    expect(await confirming(chat)).toEqual({ space: 'hot-desk', day: '2026-12-18', from: '08:00', minutes: 240 });
  });
});

describe('F31: "hôm đó còn giờ nào trống" after "full"', () => {
  it('lists that day\'s free times', async () => {
    const first = await founder();
    await say(first.chat, 'đặt phòng họp thứ 2 tuần sau 9h-11h');
    await say(first.chat, 'ok');
    expect(await bookingsOf(first.contactId)).toHaveLength(1);
    const { chat } = await founder();
    await say(chat, 'đặt phòng họp thứ 2 tuần sau từ 10h đến 12h');
    const reply = await say(chat, 'hôm đó còn giờ nào trống');
    const flow = await bot.flow(chat);
    expect(flow?.step).toBe('slot');
    expect(flow?.answers.day).toBe('2026-12-14');
    const starts = (flow?.data?.slots ?? []).map((s) => localTime(s));
    expect(starts).toEqual(expect.arrayContaining(['08:00', '11:00', '14:00', '16:00']));
    expect(starts).not.toContain('09:00');
    expect(payloads(reply).length).toBeGreaterThan(3);
  });
});

describe('F12: yes typed in other ways at the confirmation', () => {
  it.each(['ok dat tiep', 'ok go ahead', '👍', '👍🏻'])('"%s" books', async (text) => {
    const { chat, contactId } = await founder();
    await say(chat, 'đặt bàn mai 9h 2 tiếng');
    expect((await bot.flow(chat))?.step).toBe('confirm');
    await say(chat, text);
    expect(await bookingsOf(contactId)).toEqual([{ space_id: 'hot-desk', day: '2026-12-09', from: '09:00', to: '11:00' }]);
  });
});

describe('F46, F49: "năm sau", typos', () => {
  it('"ngày 5/1 năm sau" at the hall\'s day question is 05/01/2027', async () => {
    const { chat } = await founder();
    await say(chat, 'đặt hội trường');
    await say(chat, 'ngày 5/1 năm sau được không');
    const flow = await bot.flow(chat);
    expect(flow?.step).toBe('slot');
    expect(flow?.answers.day).toBe('2027-01-05');
  });

  it('"dat phong hopp mia 2h chieu": the meeting room, tomorrow 14:00', async () => {
    const { chat } = await founder();
    await say(chat, 'dat phong hopp mia 2h chieu');
    const flow = await bot.flow(chat);
    expect(flow?.step).toBe('length');
    expect(flow?.answers.space).toBe('meeting-room');
    expect(localDay(String(flow?.answers.start))).toBe('2026-12-09');
    expect(localTime(String(flow?.answers.start))).toBe('14:00');
  });
});

describe('F21: a question about another space is no switch', () => {
  it('"hội trường có máy chiếu không" while booking a meeting room keeps the meeting room', async () => {
    const { chat } = await founder();
    await say(chat, 'đặt phòng họp mai');
    await say(chat, 'hội trường có máy chiếu không');
    expect((await bot.flow(chat))?.answers.space).toBe('meeting-room');
  });
});
