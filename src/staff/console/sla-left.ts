/**
 * Business minutes left until a ticket's SLA due time (negative when overdue), counted with the
 * same business hours, workdays and holidays the handoff uses to set the due time.
 *
 * @example
 * businessMinutesLeft(now, due, settings); // 95
 */
import { addBusinessMinutes } from '../handoff/sla.js';
import type { StaffSettings } from '../handoff/settings.js';

/**
 * Whole business minutes from `now` to `due` (wall-clock minutes, negated, when overdue).
 *
 * @example
 * businessMinutesLeft(new Date('2026-11-27T09:30:00Z'), new Date('2026-11-30T02:30:00Z'), settings); // 120
 */
export function businessMinutesLeft(now: Date, due: Date, settings: StaffSettings): number {
  if (due.getTime() <= now.getTime()) return -Math.ceil((now.getTime() - due.getTime()) / 60_000);
  // addBusinessMinutes is monotonic in its minutes: search the largest count that still fits.
  let low = 0;
  let high = 1;
  while (high < 1 << 20 && addBusinessMinutes(now, high, settings).getTime() <= due.getTime()) high *= 2;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (addBusinessMinutes(now, mid, settings).getTime() <= due.getTime()) low = mid;
    else high = mid - 1;
  }
  return low;
}
