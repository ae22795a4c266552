/**
 * Vietnamese phone numbers as Zalo reports them (`0912345678`, `84912345678`, `+84 912 345 678`)
 * normalised to E.164 (`+84912345678`), the form `contacts.phone` stores.
 *
 * @example
 * toE164('0912 345 678'); // '+84912345678'
 * toE164('abc');          // undefined
 */
export function toE164(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = `+${digits}`;
  else if (digits.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (digits.startsWith('84') && digits.length >= 11) e164 = `+${digits}`;
  else if (digits.startsWith('0')) e164 = `+84${digits.slice(1)}`;
  else e164 = `+84${digits}`;
  return /^\+[1-9][0-9]{6,14}$/.test(e164) ? e164 : undefined;
}
