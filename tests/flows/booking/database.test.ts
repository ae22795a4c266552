/**
 * The booking rules as the database enforces them, on PGlite and (when TEST_DATABASE_URL is set)
 * on PostgreSQL: capacity at every instant, opening hours and holidays, lengths, horizon, retried
 * requests, atomic moves, /forget.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { bookSpace, cancelBooking, freeSlots, moveBooking, upcomingBookings, type BookResult } from '../../../src/flows/booking/bookings.js';
import { toSyncPayload } from '../../../src/flows/booking/spaces.js';
import type { SqlStore } from '../../../src/store/store.js';
import { pgliteTestStore, postgresTestStore, TEST_DATABASE_URL } from '../../support/stores.js';
import { makeFounders, NOW, TEST_SPACES } from './fixtures.js';

const at = (hhmm: string, day = '2026-12-01') => new Date(`${day}T${hhmm}:00+07:00`).toISOString();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function prepare(store: SqlStore) {
  // A desk of 2 seats makes "at any instant" visible.
  const spaces = toSyncPayload(TEST_SPACES).map((s) => (s.id === 'desk' ? { ...s, capacity: 2 } : s));
  await store.call('booking_spaces_sync', { spaces });
  return makeFounders(store, 6, 'db');
}

function code(r: BookResult): string {
  return r.ok ? 'ok' : r.code;
}

const suites: [string, () => Promise<SqlStore | undefined>][] = [
  ['PGlite', () => pgliteTestStore({ clock: () => NOW })],
  [
    'PostgreSQL',
    async () => {
      const pg = await postgresTestStore({ max: 4, clock: () => NOW });
      if (pg) cleanups.push(() => pg.destroy());
      return pg;
    },
  ],
];

describe.each(suites)('booking rules on %s', (name, open) => {
  it.skipIf(name === 'PostgreSQL' && !TEST_DATABASE_URL)('counts seats at every instant, not per booking', async () => {
    const store = (await open())!;
    if (name === 'PGlite') cleanups.push(() => store.close());
    const [a, b, c, d] = await prepare(store);
    const book = (who: { contactId: number }, from: string, minutes: number) =>
      bookSpace(store, { spaceId: 'desk', contactId: who.contactId, start: at(from), minutes, now: NOW });
    expect(code(await book(a!, '09:00', 60))).toBe('ok');
    expect(code(await book(b!, '10:00', 60))).toBe('ok');
    // 09:00-11:00 never has more than one other person at once: the second seat is free throughout.
    expect(code(await book(c!, '09:00', 120))).toBe('ok');
    // 09:30-10:30: at 09:30 both seats are in use.
    const full = await book(d!, '09:30', 60);
    expect(code(full)).toBe('full');
    // Touching ranges do not overlap: 11:00 is free again.
    expect(code(await book(d!, '11:00', 60))).toBe('ok');
    // At most 2 upcoming bookings per founder.
    expect(code(await book(d!, '13:00', 60))).toBe('ok');
    const over = await book(d!, '14:00', 60);
    expect(over).toEqual({ ok: false, code: 'limit', limit: 2 });

    // The rules of the space.
    const e = { contactId: (await makeFounders(store, 1, 'rules'))[0]!.contactId };
    const tryRoom = (start: string, minutes: number, spaceId = 'room-a', now = NOW) =>
      bookSpace(store, { spaceId, contactId: e.contactId, start, minutes, now }).then(code);
    expect(await tryRoom(at('06:00', '2026-11-30'), 60)).toBe('past');
    expect(await tryRoom(at('09:00', '2026-12-25'), 60)).toBe('too_far'); // beyond 14 days ahead
    expect(await tryRoom(at('09:00', '2026-12-25'), 60, 'room-a', new Date('2026-12-20T00:00:00Z'))).toBe('closed'); // holiday
    expect(await tryRoom(at('09:00', '2026-12-06'), 60)).toBe('closed'); // Sunday
    expect(await tryRoom(at('16:30'), 60)).toBe('outside_hours');
    expect(await tryRoom(at('09:15'), 60)).toBe('not_on_slot');
    expect(await tryRoom(at('09:00'), 30)).toBe('too_short');
    expect(await tryRoom(at('09:00'), 300)).toBe('too_long');
    expect(await tryRoom(at('09:00', '2027-01-05'), 60)).toBe('too_far');
    expect(await tryRoom(at('09:00'), 60, 'nowhere')).toBe('unknown_space');
    expect(await tryRoom(at('09:00'), 60, 'hall')).toBe('too_short'); // the hall's own minimum
  });

  it.skipIf(name === 'PostgreSQL' && !TEST_DATABASE_URL)('offers only future slots within hours, retries safely, moves atomically, forgets', async () => {
    const store = (await open())!;
    if (name === 'PGlite') cleanups.push(() => store.close());
    const [a, b] = await prepare(store);
    const tuesday1010 = new Date(at('10:10'));
    const today = await freeSlots(store, 'room-a', '2026-12-01', { now: tuesday1010 });
    expect(today.slots[0]!.start).toBe(at('10:30').replace('.000Z', '+00:00'));
    expect(new Date(today.slots.at(-1)!.end).toISOString()).toBe(at('17:00')); // a 60-minute stay ends by closing
    expect((await freeSlots(store, 'room-a', '2026-12-25', { now: NOW })).closed).toBe(true);

    // A retried request (same key) returns the same booking instead of a second one.
    const request = { spaceId: 'room-a', contactId: a!.contactId, conversationId: a!.conversationId, start: at('09:00'), minutes: 60, now: NOW, requestKey: 'inbox:1', reminder: { text: 'r {code}' } };
    const first = await bookSpace(store, request);
    const again = await bookSpace(store, request);
    expect(first.ok && again.ok && again.repeated && again.booking.id === first.booking.id).toBe(true);
    const id = first.ok ? first.booking.id : 0;

    // Moving within its own hour works (the booking does not block itself) ...
    const moved = await moveBooking(store, { bookingId: id, contactId: a!.contactId, start: at('09:30'), minutes: 60, now: NOW, reminder: { text: 'r' } });
    expect(code(moved)).toBe('ok');
    const newId = moved.ok ? moved.booking.id : 0;
    // ... and a move into a taken range leaves the booking where it was.
    expect(code(await bookSpace(store, { spaceId: 'room-a', contactId: b!.contactId, start: at('11:00'), minutes: 60, now: NOW }))).toBe('ok');
    const blocked = await moveBooking(store, { bookingId: newId, contactId: a!.contactId, start: at('10:30'), minutes: 60, now: NOW });
    expect(code(blocked)).toBe('full');
    expect((await upcomingBookings(store, a!.contactId, NOW)).map((x) => [x.id, x.start])).toEqual([
      [newId, at('09:30').replace('.000Z', '+00:00')],
    ]);
    // Someone else's booking cannot be moved or cancelled by id.
    expect(code(await moveBooking(store, { bookingId: newId, contactId: b!.contactId, start: at('13:00'), minutes: 60, now: NOW }))).toBe('not_found');
    expect(code(await cancelBooking(store, { bookingId: newId, contactId: b!.contactId }))).toBe('not_found');

    // /forget: future bookings are released and every booking is unlinked; statistics stay.
    await store.query(
      `insert into public.bookings (code, space_id, exclusive, contact_id, during, status)
       values ('PAST22', 'room-b', true, $1, tstzrange($2::timestamptz - interval '3 days', $2::timestamptz - interval '3 days' + interval '1 hour', '[)'), 'booked')`,
      [a!.contactId, NOW.toISOString()],
    );
    const forgotten = await store.call<{ bookings_cancelled: number; bookings_unlinked: number }>('forget_bookings', { contact_id: a!.contactId });
    expect(forgotten).toEqual({ bookings_cancelled: 1, bookings_unlinked: 3 });
    const left = await store.query<{ n: number }>('select count(*)::int as n from public.bookings where contact_id = $1', [a!.contactId]);
    expect(left[0]!.n).toBe(0);
    const reminder = await store.query<{ status: string }>(`select status from public.outbox where dedupe_key = $1`, [`booking-reminder:${newId}`]);
    expect(reminder).toEqual([{ status: 'cancelled' }]);
    const slots = await freeSlots(store, 'room-a', '2026-12-01', { now: NOW });
    expect(slots.slots.map((s) => new Date(s.start).toISOString())).toContain(at('09:30'));
    const stats = await store.call<{ space_id: string; bookings: number; cancelled: number }[]>('booking_stats', { from: '2026-12-01', to: '2026-12-02' });
    expect(stats.find((s) => s.space_id === 'room-a')).toMatchObject({ bookings: 1, cancelled: 1 });
  });
});
