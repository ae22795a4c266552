/**
 * Times typed by staff: ISO 8601 or "2026-12-01 09:00"; without an offset they are the centre's
 * time (the TIME_ZONE setting, Vietnam time by default), which is what a centre means.
 *
 * @example
 * parseVietnamTime('2026-12-01 09:00')?.toISOString(); // '2026-12-01T02:00:00.000Z'
 * parseVietnamTime('tomorrow'); // undefined
 */
import { localInstant } from '../../clock/time-zone.js';
export function parseVietnamTime(value: string): Date | undefined {
  const text = value.trim().replace(/\s+/, 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}/.test(text)) return undefined;
  const padded = text.replace(/T(\d):/, 'T0$1:');
  if (!/([zZ]|[+-]\d{2}:?\d{2})$/.test(padded)) {
    const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(padded);
    if (!local) return undefined;
    const [, day, h, m, s] = local;
    if (Number(h) > 23 || Number(m) > 59 || Number.isNaN(new Date(`${day}T00:00:00Z`).getTime())) return undefined;
    return new Date(localInstant(day!, Number(h) * 60 + Number(m)).getTime() + Number(s ?? 0) * 1000);
  }
  const date = new Date(padded);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** How long ago a send time may be (the minutes it took to type and check it) and still mean "now". */
export const SEND_AT_GRACE_MS = 5 * 60_000;

/**
 * Whether a send time typed by staff is already past, beyond the grace: a typo in the day or the
 * year ("2025-12-08" for "2026-12-08") would otherwise send the announcement to everyone at once.
 * Console, command line and staff group all refuse it and say how to send now.
 *
 * @example
 * isPastSendTime(new Date('2026-12-01T02:00:00Z'), new Date('2026-12-06T09:00:00Z')); // true
 */
export function isPastSendTime(sendAt: Date, now: Date): boolean {
  return sendAt.getTime() < now.getTime() - SEND_AT_GRACE_MS;
}
