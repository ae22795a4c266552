/**
 * The arithmetic of the bookings calendar, kept apart from the page so it is plain data: the
 * local days a view shows (one day, or Monday to Sunday), the instants that bound them in the
 * centre's zone, each space's opening hours on a day (the rules `booking_spaces_sync` stored)
 * and the occupancy (booked seat-minutes inside the opening hours over open seat-minutes).
 *
 * @example
 * const days = viewDays('week', '2026-12-09'); // ['2026-12-07', …, '2026-12-13']
 * occupancy(space, '2026-12-07', bookings, 'Asia/Ho_Chi_Minh'); // { open: 570, booked: 120, share: 0.21 }
 */
import { localInstant } from '../../clock/time-zone.js';

export interface CalendarSpace {
  id: string;
  kind: string;
  capacity: number;
  name: { vi: string; en: string };
  rules: { hours?: Record<string, [string, string]>; closed_dates?: string[] };
}

export interface CalendarBooking {
  id: number; code: string; space_id: string; start: string; end: string; seats: number;
  status: 'booked' | 'cancelled' | 'moved'; founder: string | null; locale: string | null; channel: string | null;
  confirmed_at: string | null; cancelled_at: string | null; cancelled_by: string | null; cancel_reason: string | null;
  created_at: string; contact_id: number | null;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A local day "YYYY-MM-DD" shifted by `n` days (calendar arithmetic, no zone involved).
 *
 * @example
 * addLocalDays('2026-12-31', 1); // '2027-01-01'
 */
export function addLocalDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * ISO weekday of a local day (1 = Monday … 7 = Sunday).
 *
 * @example
 * isoWeekday('2026-12-07'); // 1
 */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/**
 * Whether a text is a real calendar day.
 *
 * @example
 * isLocalDay('2026-02-30'); // false
 */
export function isLocalDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The local days of a view: the day itself, or the Monday-to-Sunday week holding it.
 *
 * @example
 * viewDays('day', '2026-12-09'); // ['2026-12-09']
 */
export function viewDays(view: 'day' | 'week', day: string): string[] {
  if (view === 'day') return [day];
  const monday = addLocalDays(day, 1 - isoWeekday(day));
  return Array.from({ length: 7 }, (_, i) => addLocalDays(monday, i));
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * A space's opening hours on a local day as instants, or null when it is closed.
 *
 * @example
 * openingHours(space, '2026-12-07', 'Asia/Ho_Chi_Minh'); // { from: Date, to: Date }
 */
export function openingHours(space: CalendarSpace, day: string, zone: string): { from: Date; to: Date } | null {
  if (space.rules.closed_dates?.includes(day)) return null;
  const hours = space.rules.hours?.[String(isoWeekday(day))];
  if (!hours) return null;
  return { from: localInstant(day, minutesOf(hours[0]), zone), to: localInstant(day, minutesOf(hours[1]), zone) };
}

/**
 * Occupancy of a space on a local day: open seat-minutes, booked seat-minutes within the opening
 * hours, and their share (null when closed).
 *
 * @example
 * occupancy(space, '2026-12-07', bookings, zone).share; // 0.21
 */
export function occupancy(space: CalendarSpace, day: string, bookings: readonly CalendarBooking[], zone: string): { open: number; booked: number; share: number | null } {
  const hours = openingHours(space, day, zone);
  if (!hours) return { open: 0, booked: 0, share: null };
  const open = ((hours.to.getTime() - hours.from.getTime()) / 60_000) * space.capacity;
  let booked = 0;
  for (const b of bookings) {
    if (b.space_id !== space.id || b.status !== 'booked') continue;
    const from = Math.max(new Date(b.start).getTime(), hours.from.getTime());
    const to = Math.min(new Date(b.end).getTime(), hours.to.getTime());
    if (to > from) booked += ((to - from) / 60_000) * b.seats;
  }
  return { open, booked, share: open > 0 ? Math.min(1, booked / open) : null };
}
