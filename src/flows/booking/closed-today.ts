/**
 * Today asked for after the centre has closed, or on a day it does not open ("chiều nay",
 * "tối nay", "hôm nay" at 21:00, or on a Sunday): the founder is told the space is closed for
 * the rest of today, with today's opening hours, and gets the times of the next open day. Before,
 * such a request was answered "fully booked (or the remaining hours have passed)".
 */
import type { Locale, Translator } from '../../content/messages.js';
import { formatClock } from '../../nlu/index.js';
import { addDays } from '../parse/date.js';
import { closedOn } from './catalog.js';
import type { Space, SpacesContent } from './spaces.js';
import { dayLabel } from './time.js';
import { openingHours } from './window.js';

/** The first day after `today` the space opens, within its booking horizon, or undefined. */
export function nextOpenDay(spaces: SpacesContent, space: Space, today: string): string | undefined {
  for (let i = 1; i <= space.rules.horizon_days; i++) {
    const day = addDays(today, i);
    if (!closedOn(spaces, space, day) && openingHours(space, day)) return day;
  }
  return undefined;
}

/**
 * What to say before the next open day's times: closed all today, or closed for the rest of it
 * (with today's hours), and the next open day with its hours.
 *
 * @example
 * closedTodayNotice(t, 'vi', space, '2026-12-07', '2026-12-08', false)
 * // "Phòng họp nhỏ đã đóng cửa phần còn lại của hôm nay (mở 08:00–17:00). …"
 */
export function closedTodayNotice(t: Translator, locale: Locale, spaces: SpacesContent, space: Space, today: string, next: string): string {
  const hours = closedOn(spaces, space, today) ? undefined : openingHours(space, today);
  const nextHours = openingHours(space, next)!;
  const vars = {
    space: space.name[locale],
    today: dayLabel(t, today),
    next: dayLabel(t, next),
    next_from: formatClock(nextHours.open),
    next_to: formatClock(nextHours.close),
  };
  return hours
    ? t('booking.day.closed_rest_of_today', { ...vars, from: formatClock(hours.open), to: formatClock(hours.close) })
    : t('booking.day.closed_today', vars);
}
