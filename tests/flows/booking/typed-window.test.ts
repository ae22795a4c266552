/**
 * Founders who type the part of the day they want ("chiều mai", "dat cho chieu mai", "book a desk
 * tomorrow afternoon", "cho mình 1 chỗ sáng thứ 6", "tối nay còn chỗ ko", "after 3pm") are offered
 * only the free starts in that part of the day; when none is free they are told so and offered the
 * nearest free hours of that day and the same part of the day on the next days, as buttons. The
 * same holds for moving a booking ("đổi lịch … sang chiều thứ 6"). Through the whole message path
 * (intents → booking flow → outbox) on PGlite; assertions on buttons, payloads and flow data.
 *
 * The bot's clock is a Monday 07:00 in Hà Nội a few days ahead (`nextTestMonday`); the test centre
 * is open 08:00–17:00 on weekdays (no evening hours). Its hot desk and first meeting room carry the
 * ids the NLU knows from content/spaces.yaml, so "desk" and "phòng họp" name them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { parseSpaces } from '../../../src/flows/booking/spaces.js';
import { instantOf, localDay, localTime } from '../../../src/flows/booking/time.js';
import { addDays } from '../../../src/flows/parse/date.js';
import { typedBookingBot } from './typed-booking-bot.js';
import { nextTestMonday, testSpacesYaml } from './fixtures.js';

const MONDAY = nextTestMonday();
const MON = MONDAY.toISOString().slice(0, 10);
const TUE = addDays(MON, 1);
const THU = addDays(MON, 3);
const FRI = addDays(MON, 4);

// No closed day in the test week; the content's ids for the desk and the first meeting room.
const SPACES = parseSpaces(
  testSpacesYaml([addDays(MON, 60)]).replace('id: desk', 'id: hot-desk').replace('id: room-a', 'id: meeting-room'),
  'typed window spaces',
);

let now = MONDAY;
const bot = typedBookingBot(SPACES, () => now, 'web-window');
const { founder, say, press } = bot;

beforeAll(bot.open);
afterAll(bot.close);

interface FlowState {
  id: string;
  step: string;
  answers: Record<string, unknown>;
  data?: { options?: { space: string; start: string }[]; slots?: string[] };
}

async function flowOf(chat: string): Promise<FlowState> {
  const rows = await bot.store.query<{ state: { flow?: FlowState } }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  const flow = rows[0]?.state.flow;
  expect(flow, `a flow for ${chat}`).toBeDefined();
  return flow!;
}

/** The start times offered as `flow:slot:<index>` buttons. */
function offeredTimes(message: Outbound): string[] {
  return (message.buttons ?? []).filter((b) => /^flow:slot:\d+$/.test(b.payload)).map((b) => b.label);
}

/** The options behind the slot buttons, as local day and time. */
async function offered(chat: string): Promise<{ day: string; time: string; space: string }[]> {
  const flow = await flowOf(chat);
  return (flow.data?.options ?? []).map((o) => ({ day: localDay(o.start), time: localTime(o.start), space: o.space }));
}

function hasButton(message: Outbound, payload: string): boolean {
  return (message.buttons ?? []).some((b) => b.payload === payload);
}

/** Books `space` for a rival founder from `from` to `to` (local, minutes of the day) on `day`, hour by hour. */
async function takeRange(space: string, day: string, from: number, to: number): Promise<void> {
  for (let m = from; m < to; m += 60) {
    // One rival per hour: a founder may hold only two upcoming bookings.
    const rival = `web-rival-${space}-${day}-${m}`;
    const ids = await bot.store.call<{ contact_id: number }>('conversation_ensure', { channel: 'web', chat_id: rival, user_id: rival });
    const r = await bot.store.call<{ ok: boolean }>('booking_book', {
      space_id: space, contact_id: ids.contact_id, start: instantOf(day, m), minutes: 60, now: MONDAY,
    });
    expect(r.ok, `rival booking ${day} ${m}`).toBe(true);
  }
}

const afternoon = (t: string) => t >= '12:00' && t < '18:00';
const morning = (t: string) => t < '12:00';

describe('a typed part of the day narrows the times offered', () => {
  it.each([
    ['đặt chỗ ngồi chiều mai', 'vi'],
    ['dat cho ngoi chieu mai', 'vi'],
    ['book a desk tomorrow afternoon', 'en'],
    ['mai e can 1 cho lam viec buoi chieu nha ad', 'vi'],
  ] as const)('"%s": only tomorrow afternoon, with other times a press away', async (text, locale) => {
    const { chat } = await founder(locale);
    let reply = await say(chat, text);
    // Where no space is named, the kind is asked first; the afternoon is kept for the times.
    if (reply.buttons?.some((b) => b.payload.startsWith('flow:kind:'))) reply = await say(chat, 'ban lam viec');
    const times = offeredTimes(reply);
    expect(times.length).toBeGreaterThan(0);
    expect(times.every(afternoon), JSON.stringify(times)).toBe(true);
    expect(times).toContain('13:00');
    const flow = await flowOf(chat);
    expect(flow).toMatchObject({ step: 'slot', answers: { space: 'hot-desk', day: TUE } });
    expect((await offered(chat)).every((o) => o.day === TUE && afternoon(o.time))).toBe(true);
    expect(hasButton(reply, 'flow:slot:all')).toBe(true);
    expect(hasButton(reply, 'flow:slot:day')).toBe(true);

    // "Other times that day" shows the whole day again; a typed morning time is still taken.
    const all = await press(chat, 'flow:slot:all');
    expect(offeredTimes(all)).toContain('08:00');
    const length = await say(chat, '9h');
    expect(length.buttons?.some((b) => b.payload.startsWith('flow:length:'))).toBe(true);
    expect((await flowOf(chat)).answers.start).toBe(instantOf(TUE, 9 * 60));
  });

  it('"cho mình 1 chỗ sáng thứ 6" and "cho minh 1 cho sang t6": Friday morning only', async () => {
    for (const text of ['cho mình 1 chỗ ngồi sáng thứ 6', 'cho minh 1 cho ngoi sang t6']) {
      const { chat } = await founder();
      const reply = await say(chat, text);
      const times = offeredTimes(reply);
      expect(times.length, text).toBeGreaterThan(0);
      expect(times.every(morning), `${text}: ${JSON.stringify(times)}`).toBe(true);
      expect((await flowOf(chat)).answers.day).toBe(FRI);
    }
  });

  it('"after 3pm" / "sau 3h chiều" / "từ 15h trở đi" offers the starts from 15:00, not 15:00 alone', async () => {
    for (const [text, locale] of [['book a desk tomorrow after 3pm', 'en'], ['đặt chỗ ngồi mai sau 3h chiều', 'vi'], ['dat cho ngoi mai tu 15h tro di', 'vi']] as const) {
      const { chat } = await founder(locale);
      const reply = await say(chat, text);
      expect(offeredTimes(reply), text).toEqual(['15:00', '15:30', '16:00']);
      expect((await flowOf(chat)).step, text).toBe('slot');
    }
  });

  it('an exact time ("2h chiều", "14h") is still booked as asked', async () => {
    for (const text of ['đặt chỗ ngồi 2h chiều mai', 'dat cho ngoi mai 14h']) {
      const { chat } = await founder();
      const reply = await say(chat, text);
      expect(reply.buttons?.some((b) => b.payload.startsWith('flow:length:')), text).toBe(true);
      expect((await flowOf(chat)).answers.start, text).toBe(instantOf(TUE, 14 * 60));
    }
  });

  it('a part of the day typed at the day or time question narrows the times too', async () => {
    const { chat } = await founder();
    await press(chat, 'menu:booking');
    await say(chat, 'ban lam viec');
    let reply = await say(chat, 'chieu thu 5');
    expect((await flowOf(chat)).answers.day).toBe(THU);
    expect(offeredTimes(reply).every(afternoon)).toBe(true);
    reply = await say(chat, 'buổi sáng');
    expect(offeredTimes(reply).length).toBeGreaterThan(0);
    expect(offeredTimes(reply).every(morning), JSON.stringify(offeredTimes(reply))).toBe(true);
    reply = await say(chat, 'after 3');
    expect(offeredTimes(reply)).toEqual(['15:00', '15:30', '16:00']);
    // A typed number is the n-th time shown.
    reply = await say(chat, '2');
    expect((await flowOf(chat)).answers.start).toBe(instantOf(THU, 15 * 60 + 30));
  });

  it('a time inside a sentence typed at the times is taken; another day in it goes to that day', async () => {
    const { chat } = await founder();
    await press(chat, 'menu:booking');
    await say(chat, 'ban lam viec');
    await say(chat, 'thu 5');
    let reply = await say(chat, 'thứ 5 lúc 10h nhé');
    expect(reply.buttons?.some((b) => b.payload.startsWith('flow:length:'))).toBe(true);
    expect((await flowOf(chat)).answers.start).toBe(instantOf(THU, 10 * 60));
    await say(chat, 'quay lai'); // back to the times
    reply = await say(chat, 'vậy chiều thứ 6 đi');
    expect((await flowOf(chat)).answers.day).toBe(FRI);
    expect(offeredTimes(reply).length).toBeGreaterThan(0);
    expect(offeredTimes(reply).every(afternoon), JSON.stringify(offeredTimes(reply))).toBe(true);
  });
});

describe('nothing free in the part of the day asked', () => {
  it('"tối nay còn chỗ ko": says so and offers the closest hours of the day (the centre has no evenings)', async () => {
    for (const text of ['tối nay còn chỗ ko', 'toi nay con cho k ad']) {
      const { chat } = await founder();
      let reply = await say(chat, text);
      // No space named: the kind is asked first, the evening is kept for the times.
      expect(reply.buttons?.some((b) => b.payload.startsWith('flow:kind:')), text).toBe(true);
      reply = await say(chat, 'ban lam viec');
      const flow = await flowOf(chat);
      expect(flow).toMatchObject({ step: 'slot', answers: { day: MON } });
      const options = await offered(chat);
      expect(options.map((o) => `${o.day} ${o.time}`), text).toEqual([`${MON} 15:00`, `${MON} 15:30`, `${MON} 16:00`]);
      expect(offeredTimes(reply)).toHaveLength(3);
      expect(hasButton(reply, 'flow:slot:day')).toBe(true);
      expect(hasButton(reply, 'flow:slot:all')).toBe(true);
      // Said plainly: the day's opening hours do not reach the evening.
      expect(reply.text).toContain('08:00–17:00');
    }
  });

  it('a full afternoon: the nearest hours that day and the next afternoons, as buttons that book', async () => {
    await takeRange('meeting-room', TUE, 12 * 60, 17 * 60);
    for (const [text, locale] of [['đặt phòng họp chiều mai', 'vi'], ['book the meeting room tomorrow afternoon', 'en']] as const) {
      const { chat } = await founder(locale);
      const reply = await say(chat, text);
      expect((await flowOf(chat)).answers).toMatchObject({ space: 'meeting-room', day: TUE });
      const options = await offered(chat);
      expect(options.map((o) => `${o.day} ${o.time}`), text).toEqual([
        `${TUE} 10:00`, `${TUE} 10:30`, `${TUE} 11:00`, // the same day, closest to the afternoon
        `${addDays(TUE, 1)} 12:00`, `${addDays(TUE, 2)} 12:00`, `${addDays(TUE, 3)} 12:00`, // the next afternoons
      ]);
      expect(options.every((o) => o.space === 'meeting-room')).toBe(true);
      expect(offeredTimes(reply)).toHaveLength(6);
      expect(hasButton(reply, 'flow:slot:day')).toBe(true);
    }
    // Pressing a next afternoon takes that day and time.
    const { chat } = await founder();
    await say(chat, 'dat phong hop chieu mai');
    const reply = await press(chat, 'flow:slot:3');
    expect(reply.buttons?.some((b) => b.payload.startsWith('flow:length:'))).toBe(true);
    expect((await flowOf(chat)).answers).toMatchObject({ day: addDays(TUE, 1), start: instantOf(addDays(TUE, 1), 12 * 60) });
  });

  it('"sáng nay" after the morning has gone: the next hours today and the next mornings', async () => {
    now = new Date(instantOf(MON, 13 * 60 + 10)); // Monday 13:10
    try {
      for (const text of ['đặt chỗ ngồi sáng nay', 'dat cho ngoi sang nay', 'book a desk this morning']) {
        const { chat } = await founder(text.startsWith('book') ? 'en' : 'vi');
        const reply = await say(chat, text);
        expect((await offered(chat)).map((o) => `${o.day} ${o.time}`), text).toEqual([
          `${MON} 13:30`, `${MON} 14:00`, `${MON} 14:30`,
          `${TUE} 08:00`, `${addDays(MON, 2)} 08:00`, `${THU} 08:00`,
        ]);
        expect(offeredTimes(reply)).toHaveLength(6);
      }
    } finally {
      now = MONDAY;
    }
  });

  it('another day picked after a full afternoon is shown for the afternoon again', async () => {
    const { chat } = await founder();
    await say(chat, 'đặt phòng họp chiều mai'); // Tuesday afternoon is taken (previous test)
    await press(chat, 'flow:slot:day');
    const reply = await say(chat, 'thu 5');
    expect((await flowOf(chat)).answers.day).toBe(THU);
    expect(offeredTimes(reply).length).toBeGreaterThan(0);
    expect(offeredTimes(reply).every(afternoon)).toBe(true);
  });
});

describe('moving a booking to a typed part of the day', () => {
  async function bookedDesk(contactId: number): Promise<{ id: number; code: string }> {
    const r = await bot.store.call<{ ok: boolean; booking: { id: number; code: string } }>('booking_book', {
      space_id: 'hot-desk', contact_id: contactId, start: instantOf(TUE, 9 * 60), minutes: 60, now: MONDAY,
    });
    expect(r.ok).toBe(true);
    return r.booking;
  }

  it.each([
    ['đổi lịch {code} sang chiều thứ 6', afternoon],
    ['doi lich {code} sang chieu t6 dc ko ad', afternoon],
    ['doi lich {code} sang sang thu 6', morning],
    ['move {code} to friday morning', morning],
  ] as const)('"%s"', async (template, fits) => {
    const { chat, contactId } = await founder();
    const booking = await bookedDesk(contactId);
    const reply = await say(chat, template.replace('{code}', booking.code));
    const flow = await flowOf(chat);
    expect(flow.answers).toMatchObject({ move: booking.id, day: FRI });
    const times = offeredTimes(reply);
    expect(times.length).toBeGreaterThan(0);
    expect(times.every(fits), JSON.stringify(times)).toBe(true);
  });

  it('"dời sang thứ 6" with accents keeps "sang" as "to": the whole day is offered', async () => {
    const { chat, contactId } = await founder();
    const booking = await bookedDesk(contactId);
    const reply = await say(chat, `dời lịch ${booking.code} sang thứ 6`);
    expect((await flowOf(chat)).answers.day).toBe(FRI);
    expect(offeredTimes(reply)).toEqual(expect.arrayContaining(['08:00', '14:00']));
  });

  it('the move button, then a typed "chiều thứ 5"', async () => {
    const { chat, contactId } = await founder();
    const booking = await bookedDesk(contactId);
    await press(chat, `booking:move:${booking.id}`);
    const reply = await say(chat, 'chiều thứ 5');
    expect((await flowOf(chat)).answers).toMatchObject({ move: booking.id, day: THU });
    expect(offeredTimes(reply).every(afternoon)).toBe(true);
  });
});
