/**
 * Times typed by staff: ISO 8601 or "2026-12-01 09:00"; without an offset they are Vietnam
 * time (UTC+7), which is what a centre means.
 *
 * @example
 * parseVietnamTime('2026-12-01 09:00')?.toISOString(); // '2026-12-01T02:00:00.000Z'
 * parseVietnamTime('tomorrow'); // undefined
 */
export function parseVietnamTime(value: string): Date | undefined {
  const text = value.trim().replace(/\s+/, 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}/.test(text)) return undefined;
  const padded = text.replace(/T(\d):/, 'T0$1:');
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(padded) ? padded : `${padded}+07:00`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
