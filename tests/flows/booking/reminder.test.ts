/**
 * Reminders go through the outbox with `not_before` = start − BOOKING_REMINDER_MINUTES: not sent
 * before they are due (also across a restart: a new bot on the same database), sent exactly once
 * when due, and their buttons confirm or cancel the booking even outside any flow.
 * The database's clock decides when a row is due, so the test makes a reminder due by moving
 * its `not_before` to the past, as the passing of time would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { Outbound } from '../../../src/bot/outbound.js';
import { createBookingFeature } from '../../../src/flows/booking/feature.js';
import { instantOf } from '../../../src/flows/booking/time.js';
import { flowFeature } from '../../../src/flows/engine/index.js';
import { addDays } from '../../../src/flows/parse/date.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';
import { nextTestMonday, testSpaces } from './fixtures.js';

const MONDAY = nextTestMonday();
const TUE = addDays(MONDAY.toISOString().slice(0, 10), 1);
const CHAT = 'web-reminder-00000000001';

let store: SqlStore;

function start(env: Record<string, string> = {}): Promise<BotHarness> {
  return botHarness({
    store,
    env,
    clock: () => MONDAY,
    features: [flowFeature, createBookingFeature({ spaces: testSpaces([]) }), menuFeature, fallbackFeature],
  });
}

async function talk(h: BotHarness, input: string, pressed = false): Promise<Outbound[]> {
  if (pressed) await h.press('web', CHAT, input);
  else await h.say('web', CHAT, input);
  return (await h.settle()).filter((s) => s.to.chatId === CHAT).map((s) => s.message);
}

async function bookDesk(h: BotHarness, time: string): Promise<void> {
  await talk(h, 'menu:booking', true);
  await talk(h, 'ban');
  await talk(h, 'mai');
  await talk(h, time);
  await talk(h, '1 tiếng');
  const [done] = await talk(h, 'có');
  expect(done?.text).toContain('Đã đặt xong');
}

interface ReminderRow {
  id: number;
  booking: number;
  status: string;
  not_before: Date;
}

async function reminders(): Promise<ReminderRow[]> {
  return store.query<ReminderRow>(
    `select o.id::int, o.source_id::int as booking, o.status, o.not_before from public.outbox o
      where o.kind = 'reminder' order by o.id`,
  );
}

async function makeDue(row: ReminderRow): Promise<void> {
  await store.query(
    `update public.outbox set not_before = now() - interval '1 second', next_attempt_at = now() - interval '1 second' where id = $1`,
    [row.id],
  );
}

beforeAll(async () => {
  store = await pgliteTestStore();
});

afterAll(async () => {
  await store.close();
});

describe('booking reminders', () => {
  it('are sent once when due, after a restart, and their buttons confirm or cancel', async () => {
    let bot = await start();
    const contactId = await bot.consent('web', CHAT, 'vi');
    await bookDesk(bot, '9h');
    await bookDesk(bot, '14h');
    const [first, second] = await reminders();
    expect(first).toMatchObject({ status: 'pending', not_before: new Date(Date.parse(instantOf(TUE, 9 * 60)) - 120 * 60_000) });
    expect(second).toMatchObject({ status: 'pending', not_before: new Date(Date.parse(instantOf(TUE, 14 * 60)) - 120 * 60_000) });

    // Not due: nothing is sent, before or after a restart.
    expect(await bot.settle()).toEqual([]);
    await bot.close();
    bot = await start();
    expect(await bot.settle()).toEqual([]);

    await makeDue(first!);
    await bot.close();
    bot = await start(); // a restart just before the reminder is due changes nothing
    const sent = (await bot.settle()).map((s) => s.message);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('⏰ Nhắc lịch: Bàn làm việc chung');
    expect(sent[0]!.text).toContain('09:00–10:00');
    expect(sent[0]!.buttons?.map((b) => b.payload)).toEqual([`booking:confirm:${first!.booking}`, `booking:cancel:${first!.booking}`]);
    const [code] = await store.query<{ code: string }>('select code from public.bookings where id = $1', [first!.booking]);
    expect(sent[0]!.text).toContain(`mã ${code!.code}`);

    // Sent once: further rounds and restarts send nothing more.
    expect(await bot.settle()).toEqual([]);
    await bot.close();
    bot = await start();
    expect(await bot.settle()).toEqual([]);
    expect((await reminders()).map((r) => r.status)).toEqual(['sent', 'pending']);

    const [thanks] = await talk(bot, `booking:confirm:${first!.booking}`, true);
    expect(thanks?.text).toContain('Hẹn gặp bạn lúc 09:00');
    const [row] = await store.query<{ confirmed: boolean }>('select confirmed_at is not null as confirmed from public.bookings where id = $1', [first!.booking]);
    expect(row!.confirmed).toBe(true);

    // The second reminder's cancel button, pressed in the middle of another flow.
    await talk(bot, 'menu:booking', true);
    const [cancelled] = await talk(bot, `booking:cancel:${second!.booking}`, true);
    expect(cancelled?.text).toContain('Đã hủy lịch');
    expect((await reminders()).map((r) => r.status)).toEqual(['sent', 'cancelled']);
    const upcoming = await store.call<unknown[]>('booking_upcoming', { contact_id: contactId, now: MONDAY });
    expect(upcoming).toHaveLength(1);
    await bot.close();
  });

  it('follow BOOKING_REMINDER_MINUTES and are skipped when the moment has passed', async () => {
    const bot = await start({ BOOKING_REMINDER_MINUTES: '1440' });
    await bot.consent('web', CHAT, 'vi');
    await store.query(`delete from public.outbox`);
    // Tomorrow 16:00 minus a day is Monday 16:00: still ahead of the bot's clock (07:00).
    await bookDesk(bot, '16h');
    const rows = await reminders();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.not_before).toEqual(new Date(Date.parse(instantOf(TUE, 16 * 60)) - 1440 * 60_000));
    await bot.close();

    const late = await start({ BOOKING_REMINDER_MINUTES: '10080' });
    await store.query(`update public.bookings set status = 'cancelled'`); // stay under the per-founder limit
    await bookDesk(late, '11h');
    expect(await reminders()).toHaveLength(1); // a week before tomorrow has passed: no reminder
    await late.close();
  });
});
