/**
 * Typed calls to the booking functions of `20261123000400_baseline_booking.sql`. The database decides
 * (rules, capacity under a lock, overlaps, limits); these wrappers only name the arguments and
 * the shapes that come back. Expected refusals are values (`{ok: false, code}`), not errors.
 *
 * @example
 * const result = await bookSpace(store, { spaceId: 'hot-desk', contactId: 7, start: '2026-12-01T02:00:00Z', minutes: 60 });
 * if (!result.ok && result.code === 'full') console.log(result.alternatives.same_day);
 */
import type { Store } from '../../store/store.js';
import type { LocalText } from './spaces.js';

export interface BookingRecord {
  id: number;
  code: string;
  space_id: string;
  kind: string;
  space_name: LocalText;
  info: { people?: number | null; photo?: string | null };
  start: string;
  end: string;
  seats: number;
  status: 'booked' | 'cancelled' | 'moved';
  contact_id: number | null;
  conversation_id: number | null;
  confirmed_at: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  moved_to: number | null;
  created_at: string;
  /** Only from `booking_get`: the founder's language. */
  locale?: 'vi' | 'en';
  /** Only from `booking_list`. */
  founder?: string | null;
  cancel_reason?: string | null;
}

export interface Slot {
  start: string;
  end: string;
  free: number;
}

export interface Alternatives {
  same_day: Slot[];
  next_day: { date: string; slots: Slot[] } | null;
  other_spaces: { space_id: string; name: LocalText; start: string; end: string }[];
}

export type Refusal =
  | 'full'
  | 'limit'
  | 'past'
  | 'too_far'
  | 'closed'
  | 'outside_hours'
  | 'not_on_slot'
  | 'too_short'
  | 'too_long'
  | 'unknown_space'
  | 'not_found'
  | 'not_active';

export type BookResult =
  | { ok: true; booking: BookingRecord; repeated?: boolean; previous?: string }
  | { ok: false; code: Refusal; alternatives?: Alternatives; limit?: number; booking?: BookingRecord };

export interface BookRequest {
  spaceId: string;
  contactId: number | null;
  start: string;
  minutes: number;
  conversationId?: number;
  /** Same key, same booking: a retried turn does not book twice. */
  requestKey?: string;
  /** The reminder message, queued for `start − reminderMinutes`. */
  reminder?: unknown;
  reminderMinutes?: number;
  now?: Date;
}

/** Books a space (see `booking_book`). @example await bookSpace(store, { spaceId: 'hall', contactId: 1, start, minutes: 120 }) */
export function bookSpace(store: Store, r: BookRequest): Promise<BookResult> {
  return store.call<BookResult>('booking_book', {
    space_id: r.spaceId,
    contact_id: r.contactId,
    start: r.start,
    minutes: r.minutes,
    conversation_id: r.conversationId,
    request_key: r.requestKey,
    reminder: r.reminder,
    reminder_minutes: r.reminderMinutes,
    now: r.now,
  });
}

/** Moves a booking atomically (see `booking_move`). @example await moveBooking(store, { bookingId: 3, contactId: 1, start, minutes: 60 }) */
export function moveBooking(
  store: Store,
  r: Omit<BookRequest, 'spaceId' | 'contactId' | 'conversationId'> & { bookingId: number; contactId: number; spaceId?: string },
): Promise<BookResult> {
  return store.call<BookResult>('booking_move', {
    booking_id: r.bookingId,
    contact_id: r.contactId,
    start: r.start,
    minutes: r.minutes,
    space_id: r.spaceId,
    request_key: r.requestKey,
    reminder: r.reminder,
    reminder_minutes: r.reminderMinutes,
    now: r.now,
  });
}

/** Cancels by id (founder) or code (staff). @example await cancelBooking(store, { code: 'K7QX2M', by: 'staff', notice }) */
export function cancelBooking(
  store: Store,
  r: { bookingId?: number; code?: string; contactId?: number; by?: 'founder' | 'staff'; reason?: string; notice?: unknown; now?: Date },
): Promise<BookResult> {
  return store.call<BookResult>('booking_cancel', {
    booking_id: r.bookingId,
    code: r.code,
    contact_id: r.contactId,
    by: r.by ?? 'founder',
    reason: r.reason,
    notice: r.notice,
    now: r.now,
  });
}

/** Marks that the founder will come. @example await confirmBooking(store, 3, 1) */
export function confirmBooking(store: Store, bookingId: number, contactId: number, now?: Date): Promise<BookResult> {
  return store.call<BookResult>('booking_confirm', { booking_id: bookingId, contact_id: contactId, now });
}

/** Free starts of a day. @example (await freeSlots(store, 'hot-desk', '2026-12-01')).slots */
export function freeSlots(
  store: Store,
  spaceId: string,
  day: string,
  options: { minutes?: number; now?: Date; exclude?: number } = {},
): Promise<{ space_id: string; date: string; minutes: number; closed: boolean; slots: Slot[] }> {
  return store.call('booking_free_slots', {
    space_id: spaceId,
    day,
    minutes: options.minutes,
    now: options.now,
    exclude: options.exclude,
  });
}

/** Lengths (minutes) possible from a start. @example await durations(store, 'hall', start) // [120, 150, …] */
export function durations(store: Store, spaceId: string, start: string, options: { now?: Date; exclude?: number } = {}): Promise<number[]> {
  return store.call<number[]>('booking_durations', { space_id: spaceId, start, now: options.now, exclude: options.exclude });
}

/** Bookings of a founder that have not ended. @example await upcomingBookings(store, 1) */
export function upcomingBookings(store: Store, contactId: number, now?: Date): Promise<BookingRecord[]> {
  return store.call<BookingRecord[]>('booking_upcoming', { contact_id: contactId, now });
}

/** One booking by id or code, or null. @example await getBooking(store, { code: 'K7QX2M' }) */
export function getBooking(store: Store, r: { id?: number; code?: string }): Promise<BookingRecord | null> {
  return store.call<BookingRecord | null>('booking_get', { booking_id: r.id, code: r.code });
}

/** Bookings starting in [from, to) (local days). @example await listBookings(store, '2026-12-01', '2026-12-02') */
export function listBookings(store: Store, from: string, to: string, includeCancelled = false): Promise<BookingRecord[]> {
  return store.call<BookingRecord[]>('booking_list', { from, to, include_cancelled: includeCancelled });
}

export interface OccupancyRow {
  space_id: string;
  kind: string;
  date: string;
  open_minutes: number;
  booked_minutes: number;
  occupancy: number | null;
  bookings: number;
  cancelled: number;
}

/** Occupancy per space and day in [from, to). @example await bookingStats(store, '2026-12-01', '2026-12-08') */
export function bookingStats(store: Store, from: string, to: string): Promise<OccupancyRow[]> {
  return store.call<OccupancyRow[]>('booking_stats', { from, to });
}

/** Nearest free alternatives to a range. @example (await alternatives(store, 'room-a', start, 60)).same_day */
export function alternatives(store: Store, spaceId: string, start: string, minutes: number, now?: Date): Promise<Alternatives> {
  return store.call<Alternatives>('booking_alternatives', { space_id: spaceId, start, minutes, now });
}
