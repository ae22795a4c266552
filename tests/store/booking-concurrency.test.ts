/**
 * The booking invariants under real concurrency: 50 founders try to book the last 3 seats of a
 * hot desk (and, separately, one meeting room) at the same moment. Exactly 3 (1) succeed; every
 * other founder gets the "full" answer with free alternatives, and no instant is over capacity.
 * Runs on the real PostgreSQL server when TEST_DATABASE_URL is set (parallel connections), and
 * on PGlite (one connection, so sequentially) always.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { bookSpace, moveBooking, type BookResult } from '../../src/flows/booking/bookings.js';
import type { SqlStore } from '../../src/store/store.js';
import { makeFounders, NOW, syncTestSpaces, TUE_9 } from '../flows/booking/fixtures.js';
import { pgliteTestStore, postgresTestStore, TEST_DATABASE_URL } from '../support/stores.js';

const FOUNDERS = 50;

async function race(store: SqlStore, spaceId: string, prefix: string): Promise<BookResult[]> {
  const founders = await makeFounders(store, FOUNDERS, prefix);
  return Promise.all(
    founders.map((f) =>
      bookSpace(store, { spaceId, contactId: f.contactId, conversationId: f.conversationId, start: TUE_9, minutes: 120, now: NOW }),
    ),
  );
}

async function peakSeats(store: SqlStore, spaceId: string): Promise<number> {
  const rows = await store.query<{ peak: number }>(
    `select public.booking_peak($1, tstzrange($2::timestamptz, $2::timestamptz + interval '2 hours', '[)')) as peak`,
    [spaceId, TUE_9],
  );
  return Number(rows[0]!.peak);
}

function checkRace(results: BookResult[], winners: number): void {
  const ok = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok);
  expect(ok).toHaveLength(winners);
  expect(refused).toHaveLength(FOUNDERS - winners);
  expect(new Set(ok.map((r) => r.ok && r.booking.code)).size).toBe(winners);
  for (const r of refused) {
    expect(r.ok === false && r.code).toBe('full');
    if (r.ok) continue;
    // Alternatives: other times the same day, and the next open day.
    expect(r.alternatives!.same_day.length).toBeGreaterThan(0);
    expect(r.alternatives!.next_day?.date).toBe('2026-12-02');
    expect(r.alternatives!.next_day!.slots.length).toBeGreaterThan(0);
  }
}

async function scenario(store: SqlStore): Promise<void> {
  await syncTestSpaces(store);
  // 7 of the desk's 10 seats are taken over the same hours by earlier bookings.
  const early = await makeFounders(store, 7, 'early');
  for (const f of early) {
    const r = await bookSpace(store, { spaceId: 'desk', contactId: f.contactId, start: TUE_9, minutes: 120, now: NOW });
    expect(r.ok).toBe(true);
  }
  const desk = await race(store, 'desk', 'desk');
  checkRace(desk, 3);
  expect(await peakSeats(store, 'desk')).toBe(10);

  const room = await race(store, 'room-a', 'room');
  checkRace(room, 1);
  expect(await peakSeats(store, 'room-a')).toBe(1);
  // The other meeting room is free at that time and offered as an alternative.
  const refused = room.find((r) => !r.ok);
  expect(refused && !refused.ok && refused.alternatives!.other_spaces.map((s) => s.space_id)).toEqual(['room-b']);
}

/**
 * A founder moves their room booking from 09:00 to 11:00 while 20 others race for 11:00 and 20
 * for 09:00. Whatever the order, the mover holds exactly one booking (the old one if the move
 * lost, the new one if it won), and the room is never double-booked.
 */
async function moveRace(store: SqlStore): Promise<void> {
  const at = (hh: string) => `2026-12-01T${hh}:00:00.000Z`;
  const [mover] = await makeFounders(store, 1, 'mover');
  const held = await bookSpace(store, { spaceId: 'room-b', contactId: mover!.contactId, start: at('02'), minutes: 60, now: NOW });
  if (!held.ok) throw new Error(held.code);
  const rivals = await makeFounders(store, 40, 'rival');
  const results = await Promise.all([
    moveBooking(store, { bookingId: held.booking.id, contactId: mover!.contactId, start: at('04'), minutes: 60, now: NOW }),
    ...rivals.map((r, i) =>
      bookSpace(store, { spaceId: 'room-b', contactId: r.contactId, start: i % 2 ? at('04') : at('02'), minutes: 60, now: NOW }),
    ),
  ]);
  const moved = results[0]!.ok;
  const active = await store.query<{ contact_id: number; start: Date }>(
    `select contact_id::int, lower(during) as start from public.bookings where space_id = 'room-b' and status = 'booked' order by 2`,
  );
  const mine = active.filter((b) => b.contact_id === mover!.contactId);
  expect(mine).toHaveLength(1);
  expect(mine[0]!.start).toEqual(new Date(moved ? at('04') : at('02')));
  // Never two bookings of the room at once; every winner is in the table.
  const starts = active.map((b) => b.start.toISOString());
  expect(new Set(starts).size).toBe(starts.length);
  expect(results.slice(1).filter((r) => r.ok)).toHaveLength(active.length - 1);
  // A lost move means a rival got 11:00 first; a won move frees 09:00 only once 11:00 is held.
  if (!moved) expect(starts).toEqual([at('02'), at('04')]);
  else expect(starts).toContain(at('04'));
}

describe('booking concurrency', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('on PGlite: exactly the free seats and one room are booked', async () => {
    const store = await pgliteTestStore();
    cleanups.push(() => store.close());
    await scenario(store);
  }, 120_000); // ~100 answers with alternatives, one at a time on one connection

  it.skipIf(!TEST_DATABASE_URL)('on PostgreSQL: 50 founders at once get exactly 3 seats, and 1 room', async () => {
    const store = await postgresTestStore({ max: 25 });
    cleanups.push(() => store!.destroy());
    await scenario(store!);
  }, 120_000);

  it.skipIf(!TEST_DATABASE_URL)('on PostgreSQL: a move racing 40 bookings keeps exactly one booking for the mover', async () => {
    const store = await postgresTestStore({ max: 25 });
    cleanups.push(() => store!.destroy());
    await syncTestSpaces(store!);
    await moveRace(store!);
  }, 120_000);

  it.skipIf(!TEST_DATABASE_URL)('on PostgreSQL: the exclusion constraint refuses overlapping rooms even without the function', async () => {
    const store = await postgresTestStore({ max: 2 });
    cleanups.push(() => store!.destroy());
    await syncTestSpaces(store!);
    const insert = `insert into public.bookings (code, space_id, exclusive, during)
                    values ($1, 'room-a', true, tstzrange($2::timestamptz, $2::timestamptz + interval '1 hour', '[)'))`;
    await store!.query(insert, ['AAAAAA', TUE_9]);
    await expect(store!.query(insert, ['BBBBBB', '2026-12-01T02:30:00Z'])).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
