/**
 * The bookings page over HTTP at a fixed clock: the day and week calendars show a booking and
 * the occupancy, cancelling needs a reason and queues the founder's notice on their own
 * conversation in their language (audited), and the exports carry local times (CSV with a BOM,
 * XLSX read back with exceljs).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, isLocalDay, isoWeekday, occupancy, viewDays, type CalendarSpace } from '../../../src/staff/console/booking-calendar.js';
import { consoleServer, postForm, signInByLink, type ConsoleServer, type Session } from './support.js';

const NOW = new Date('2026-12-07T01:00:00Z'); // Monday 08:00 in Hà Nội

describe('booking calendar arithmetic', () => {
  it('knows days, weeks and occupancy in the centre\'s zone', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(viewDays('week', '2026-12-09')).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isLocalDay('2026-02-30')).toBe(false);
    const room: CalendarSpace = { id: 'room', kind: 'meeting_room', capacity: 1, name: { vi: 'P', en: 'R' }, rules: { hours: { 1: ['08:00', '18:00'] }, closed_dates: [] } };
    const booking = { id: 1, code: 'AAAAAA', space_id: 'room', start: '2026-12-07T02:00:00Z', end: '2026-12-07T04:30:00Z', seats: 1, status: 'booked' as const,
      founder: null, locale: null, channel: null, confirmed_at: null, cancelled_at: null, cancelled_by: null, cancel_reason: null, created_at: '', contact_id: null };
    expect(occupancy(room, '2026-12-07', [booking], 'Asia/Ho_Chi_Minh')).toEqual({ open: 600, booked: 150, share: 0.25 });
    expect(occupancy(room, '2026-12-08', [booking], 'Asia/Ho_Chi_Minh').share).toBeNull();
  });
});

describe('bookings page', () => {
  let c: ConsoleServer;
  let staff: Session;
  let bookingId: number;
  let conversationId: number;

  beforeAll(async () => {
    c = await consoleServer({ clock: () => NOW });
    staff = await signInByLink(c, '7001', 'staff', 'Chị Hoa');
    const ids = await c.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel: 'zalo', chat_id: 'z-booker', user_id: 'z-booker', locale: 'en' });
    conversationId = ids.conversation_id;
    await c.store.query('update public.contacts set display_name = $2 where id = $1', [ids.contact_id, 'Nguyễn Văn Bình']);
    const booked = await c.store.call<{ ok: boolean; booking: { id: number } }>('booking_book', {
      space_id: 'meeting-room', contact_id: ids.contact_id, conversation_id: ids.conversation_id, start: '2026-12-08T02:00:00Z', minutes: 120, now: NOW,
    });
    expect(booked.ok).toBe(true);
    bookingId = booked.booking.id;
  });
  afterAll(async () => {
    await c?.close();
  });

  const get = (path: string) => fetch(`${c.url}${path}`, { headers: { cookie: staff.cookie, accept: 'text/html' } });

  it('shows the booking on the day and week calendars with the occupancy', async () => {
    const day = await (await get('/staff/bookings?view=day&date=2026-12-08')).text();
    expect(day).toContain(`id="b${bookingId}"`);
    expect(day).toMatch(/<a href="#b\d+" data-booking="[A-Z0-9]{6}"><rect/);
    expect(day).toContain('09:00–11:00');
    expect(day).toMatch(/data-space="meeting-room" data-occupancy="0\.2\d\d"/); // 2 h of 9.5 open hours
    const week = await (await get('/staff/bookings?view=week&date=2026-12-10&space=meeting-room')).text();
    expect(week).toContain('data-from="2026-12-07"');
    expect(week).toMatch(/<td data-day="2026-12-08">.*data-booking/s);
    const english = await get('/staff/bookings?view=week&date=2026-12-08&lang=en');
    expect(english.status).toBe(200);
    const en = await english.text();
    expect(en).toContain('<html lang="en">');
    expect(en).not.toMatch(/console\.[a-z_]+\./); // every text exists in English
    const empty = await (await get('/staff/bookings?view=day&date=2026-12-09')).text();
    expect(empty).not.toContain(`id="b${bookingId}"`);
  });

  it('refuses a cancel without a reason, then cancels and tells the founder in English on Zalo', async () => {
    const refused = await postForm(c, `/staff/bookings/${bookingId}/cancel`, staff, { reason: ' ' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('data-code="reason"');
    const res = await postForm(c, `/staff/bookings/${bookingId}/cancel`, staff, { reason: 'Phòng họp bảo trì điện', back: '/staff/bookings?view=day&date=2026-12-08' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/staff\/bookings\?view=day&date=2026-12-08&cancelled=[A-Z0-9]{6}#b\d+$/);
    const outbox = await c.store.query<{ channel: string; kind: string; payload: { text: string; buttons: { payload: string }[] } }>(
      "select channel, kind, payload from public.outbox where dedupe_key = $1", [`booking-cancelled:${bookingId}`]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.channel).toBe('zalo');
    expect(outbox[0]!.payload.text).toContain('Phòng họp bảo trì điện');
    expect(outbox[0]!.payload.text).toContain('09:00');
    expect(outbox[0]!.payload.buttons[0]!.payload).toBe('booking:new');
    const row = await c.store.query<{ status: string; cancelled_by: string }>('select status, cancelled_by from public.bookings where id = $1', [bookingId]);
    expect(row[0]).toEqual({ status: 'cancelled', cancelled_by: 'staff' });
    const audit = await c.store.query<{ action: string; detail: { reason: string } }>("select action, detail from public.staff_audit where action = 'booking_cancel'");
    expect(audit[0]!.detail.reason).toBe('Phòng họp bảo trì điện');
    const again = await postForm(c, `/staff/bookings/${bookingId}/cancel`, staff, { reason: 'again' });
    expect([303, 409]).toContain(again.status);
    const conv = await c.store.query<{ n: number }>('select count(*)::int as n from public.outbox where conversation_id = $1', [conversationId]);
    expect(conv[0]!.n).toBe(1);
  });

  it('says so when the founder has no chat to be told in', async () => {
    const ids = await c.store.call<{ contact_id: number }>('conversation_ensure', { channel: 'web', chat_id: 'no-chat-booker', user_id: 'no-chat-booker', locale: 'vi' });
    const booked = await c.store.call<{ ok: boolean; booking: { id: number } }>('booking_book', {
      space_id: 'meeting-room', contact_id: ids.contact_id, start: '2026-12-09T02:00:00Z', minutes: 120, now: NOW,
    });
    const res = await postForm(c, `/staff/bookings/${booked.booking.id}/cancel`, staff, { reason: 'Sự kiện của Sở' });
    expect(res.headers.get('location')).toContain('untold=1');
    const outbox = await c.store.query<{ n: number }>('select count(*)::int as n from public.outbox where dedupe_key = $1', [`booking-cancelled:${booked.booking.id}`]);
    expect(outbox[0]!.n).toBe(0);
  });

  it('exports the range as CSV with a BOM and as XLSX, in local times', async () => {
    const csv = await get('/staff/bookings.csv?from=2026-12-07&to=2026-12-13');
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('2026-12-08,09:00,11:00');
    expect(text).toContain('Sự kiện của Sở');
    expect(text).toContain('Nguyễn Văn Bình');
    const xlsx = await get('/staff/bookings.xlsx?from=2026-12-07&to=2026-12-13');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toContain('Không gian');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['2026-12-08', '09:00', '11:00', 'Nguyễn Văn Bình', 'Phòng họp bảo trì điện']));
    expect((await get('/staff/bookings.csv?from=2026-12-07&to=2026-13-01')).status).toBe(400);
    const audit = await c.store.query<{ n: number }>("select count(*)::int as n from public.staff_audit where action = 'bookings_export'");
    expect(audit[0]!.n).toBe(2);
  });
});
