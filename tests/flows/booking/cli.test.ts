/**
 * `uom bookings list | export | cancel | stats | spaces` on PGlite: what staff see, what the
 * export holds, and that a staff cancellation frees the slot and tells the founder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingsCancel, bookingsExport, bookingsList, bookingsSpaces, bookingsStats, day } from '../../../src/flows/booking/cli.js';
import { CommandError } from '../../../src/command/context.js';
import { bookSpace, freeSlots } from '../../../src/flows/booking/bookings.js';
import type { SqlStore } from '../../../src/store/store.js';
import { testConfig } from '../../support/config.js';
import { pgliteTestStore } from '../../support/stores.js';
import { makeFounders, NOW, syncTestSpaces, TUE_9 } from './fixtures.js';

let store: SqlStore;
const codes: string[] = [];

beforeAll(async () => {
  store = await pgliteTestStore({ clock: () => NOW }); // the test's clock, also for SQL
  await syncTestSpaces(store);
  const [lan, tom] = await makeFounders(store, 2, 'cli');
  await store.query(`update public.contacts set display_name = 'Nguyễn "Lan", Co.' where id = $1`, [lan!.contactId]);
  await store.query(`update public.contacts set locale = 'en', display_name = 'Tom' where id = $1`, [tom!.contactId]);
  for (const [who, space, start, minutes] of [
    [lan!, 'room-a', TUE_9, 120],
    [tom!, 'desk', '2026-12-01T06:00:00.000Z', 240],
  ] as const) {
    const r = await bookSpace(store, { spaceId: space, contactId: who.contactId, conversationId: who.conversationId, start, minutes, now: NOW });
    if (!r.ok) throw new Error(r.code);
    codes.push(r.booking.code);
  }
});

afterAll(async () => {
  await store.close();
});

describe('uom bookings', () => {
  it('lists a day in local time', async () => {
    const out = await bookingsList(store, { from: '2026-12-01' });
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^day\s+time\s+space\s+code\s+status\s+founder/);
    expect(lines[1]).toMatch(new RegExp(`^2026-12-01\\s+09:00-11:00\\s+room-a\\s+${codes[0]}\\s+booked\\s+Nguyễn "Lan", Co\\.`));
    expect(lines[2]).toMatch(new RegExp(`^2026-12-01\\s+13:00-17:00\\s+desk\\s+${codes[1]}\\s+booked\\s+Tom`));
    expect(await bookingsList(store, { from: '2026-12-02' })).toBe('No bookings from 2026-12-02 to 2026-12-02.');
  });

  it('exports CSV with quoting and a BOM, and JSON', async () => {
    const csv = await bookingsExport(store, { from: '2026-12-01', to: '2026-12-01', format: 'csv' });
    expect(csv.startsWith('\uFEFFcode,space_id,space,kind,day,start,end,minutes')).toBe(true);
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`${codes[0]},room-a,Phòng họp A,meeting_room,2026-12-01,09:00,11:00,120,1,booked,"Nguyễn ""Lan"", Co."`);
    const json = JSON.parse(await bookingsExport(store, { from: '2026-12-01', to: '2026-12-31', format: 'json' }));
    expect(json.map((r: { code: string }) => r.code)).toEqual(codes);
    await expect(bookingsExport(store, { from: '2026-12-01', to: '2026-12-01', format: 'xls' })).rejects.toThrow(CommandError);
    await expect(bookingsExport(store, { from: '2026-12-02', to: '2026-12-01', format: 'csv' })).rejects.toThrow(/--to is before --from/);
    expect(() => day('1/12/2026', '--date')).toThrow(/--date expects a day such as 2026-12-01/);
  });

  it('reports occupancy per space and day', async () => {
    const out = await bookingsStats(store, { from: '2026-12-01', to: '2026-12-01' });
    // Desk: 4 seat-hours of 10 seats × 9 h; room A: 2 h of 9 h.
    expect(out).toMatch(/2026-12-01\s+desk\s+4\.4%\s+4\.0\s+90\.0\s+1\s+0/);
    expect(out).toMatch(/2026-12-01\s+room-a\s+22\.2%\s+2\.0\s+9\.0\s+1\s+0/);
    expect(out).toMatch(/total\s+room-b\s+0\.0%/);
  });

  it("cancels on the founder's behalf: the slot is free again and the founder is told in their language", async () => {
    const config = testConfig();
    const line = await bookingsCancel(config, store, codes[1]!.toLowerCase(), 'Power maintenance');
    expect(line).toContain(`Cancelled ${codes[1]} (desk, 2026-12-01 13:00-17:00). The founder will be told.`);
    const [notice] = await store.query<{ kind: string; text: string; status: string }>(
      `select kind, payload->>'text' as text, status from public.outbox where dedupe_key like 'booking-cancelled:%'`,
    );
    expect(notice).toMatchObject({ kind: 'notice', status: 'pending' });
    expect(notice!.text).toContain(`the centre had to cancel your booking ${codes[1]}`);
    expect(notice!.text).toContain('Reason: Power maintenance.');
    expect(await bookingsCancel(config, store, codes[1]!)).toBe(`Booking ${codes[1]} was already cancelled.`);
    await expect(bookingsCancel(config, store, 'ZZZZZZ')).rejects.toThrow(/no booking with code ZZZZZZ/);
    const slots = await freeSlots(store, 'desk', '2026-12-01', { now: NOW, minutes: 240 });
    expect(slots.slots.find((s) => new Date(s.start).toISOString() === '2026-12-01T06:00:00.000Z')?.free).toBe(10);
    const listed = await bookingsList(store, { from: '2026-12-01', all: true });
    expect(listed).toMatch(new RegExp(`${codes[1]}\\s+cancelled`));
  });

  it('checks and stores the shipped spaces', async () => {
    const out = await bookingsSpaces(testConfig(), store);
    expect(out).toMatch(/hot-desk\s+hot_desk\s+20/);
    const rows = await store.query<{ id: string; active: boolean }>('select id, active from public.booking_spaces order by id');
    expect(rows.find((r) => r.id === 'desk')?.active).toBe(false); // no longer in the content
    expect(rows.find((r) => r.id === 'hall')?.active).toBe(true);
  });
});
