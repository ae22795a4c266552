/**
 * The part of the day a founder typed ("chiều mai", "sáng thứ 6", "tonight", "after 3pm") applied
 * to a day's free starts: which starts fall in it, how to name it in a reply, and — when none is
 * free — the nearest alternatives: other hours the same day (closest to the window first) and the
 * same part of the day on the next open days. The window itself is read by the NLU
 * (`findTimeWindow`, the `window` slot); days and times are the centre's local ones.
 *
 * @example
 * const fitting = starts.filter((s) => inWindow(s, { from: '12:00', to: '18:00', part: 'afternoon' }));
 */
import type { Translator } from '../../content/messages.js';
import type { TimeWindow } from '../../nlu/index.js';
import type { Store } from '../../store/store.js';
import { addDays } from '../parse/date.js';
import { freeSlots } from './bookings.js';
import type { Space } from './spaces.js';
import { minuteOfDay } from './time.js';

/** How many same-day starts and how many later days are offered when the window is full. */
export const SAME_DAY_ALTERNATIVES = 3;
export const NEXT_DAY_ALTERNATIVES = 3;
/** Later days looked at for the same part of the day (within the booking horizon). */
const DAYS_LOOKED_AT = 7;

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether a start (ISO instant) falls in the window, local time. @example inWindow(start, window) */
export function inWindow(start: string, window: TimeWindow): boolean {
  const m = minuteOfDay(start);
  return m >= minutes(window.from) && m < minutes(window.to);
}

/** "buổi chiều" / "in the afternoon", "từ 15:00 trở đi" / "from 15:00 on". @example windowLabel(t, window) */
export function windowLabel(t: Translator, window: TimeWindow): string {
  if (window.part && !window.bound) return t(`booking.window.${window.part}`);
  const vars = { from: window.from, to: window.to };
  if (window.bound === 'after' || (!window.bound && window.to === '24:00')) return t('booking.window.after', vars);
  if (window.bound === 'before' || (!window.bound && window.from === '00:00')) return t('booking.window.before', vars);
  return t('booking.window.between', vars);
}

/** Distance in minutes from a start to the window (0 inside). */
function distance(start: string, window: TimeWindow): number {
  const m = minuteOfDay(start);
  return Math.max(0, minutes(window.from) - m, m - (minutes(window.to) - 1));
}

/** The `n` free starts of the day closest to the window, in time order. @example nearestStarts(starts, window, 3) */
export function nearestStarts(starts: readonly string[], window: TimeWindow, n = SAME_DAY_ALTERNATIVES): string[] {
  return [...starts]
    .sort((a, b) => distance(a, window) - distance(b, window) || a.localeCompare(b))
    .slice(0, n)
    .sort();
}

/** The space's opening hours on a weekday of `day` in minutes, or undefined when it is closed that weekday. */
export function openingHours(space: Space, day: string): { open: number; close: number } | undefined {
  const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
  const hours = space.rules.hours[weekday];
  if (hours === 'closed') return undefined;
  const [open, close] = hours.split('-').map(minutes) as [number, number];
  return { open, close };
}

/** Whether a booking of the shortest length can start in the window during the day's opening hours. */
export function opensDuring(space: Space, day: string, window: TimeWindow): boolean {
  const hours = openingHours(space, day);
  if (!hours) return false;
  return hours.open < minutes(window.to) && hours.close - space.rules.min_minutes >= minutes(window.from);
}

/**
 * The first free start in the window on each of the next open days after `day` (up to
 * `NEXT_DAY_ALTERNATIVES` days, looking at most a week ahead and never past `lastDay`).
 *
 * @example
 * await laterStartsInWindow(store, space, '2026-12-02', window, { lastDay, isClosed, now })
 */
export async function laterStartsInWindow(
  store: Store,
  space: Space,
  day: string,
  window: TimeWindow,
  options: { lastDay: string; isClosed: (day: string) => boolean; now: Date; exclude?: number },
): Promise<string[]> {
  const found: string[] = [];
  for (let i = 1; i <= DAYS_LOOKED_AT && found.length < NEXT_DAY_ALTERNATIVES; i++) {
    const next = addDays(day, i);
    if (next > options.lastDay) break;
    if (options.isClosed(next) || !opensDuring(space, next, window)) continue;
    const free = await freeSlots(store, space.id, next, { now: options.now, exclude: options.exclude });
    const first = free.slots.map((s) => new Date(s.start).toISOString()).find((s) => inWindow(s, window));
    if (first) found.push(first);
  }
  return found;
}

/**
 * The usual working session of a part of the day, in minutes since midnight: a morning is
 * 08:00–12:00 and an afternoon 13:00–17:00 (the lunch break between), kept within the day's
 * opening hours (a Saturday closing at 11:30 has a morning to 11:30). Undefined when the space
 * is closed that day or open for none of it. Founders asking for "cả buổi sáng" / "all
 * afternoon" mean this, not the hours the part's name covers (a morning start may be at 07:30).
 *
 * @example
 * sessionBounds(space, '2026-12-08', 'morning') // { from: 480, to: 720 }
 */
export function sessionBounds(space: Space, day: string, part: 'morning' | 'afternoon'): { from: number; to: number } | undefined {
  const hours = openingHours(space, day);
  if (!hours) return undefined;
  const usual = SESSIONS[part];
  const from = Math.max(usual.from, hours.open);
  const to = Math.min(usual.to, hours.close);
  return to - from >= space.rules.min_minutes ? { from, to } : undefined;
}

const SESSIONS = { morning: { from: 8 * 60, to: 12 * 60 }, afternoon: { from: 13 * 60, to: 17 * 60 } } as const;
