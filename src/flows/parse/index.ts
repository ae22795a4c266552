/**
 * Parsers for what founders type: dates, phone numbers, e-mail addresses, provinces, numbers and
 * yes/no. Each returns `Parsed<T>` (value or reason) and never throws on bad input.
 *
 * @example
 * import { parseDate, parsePhone } from './index.js';
 */
export * from './result.js';
export * from './date.js';
export * from './phone.js';
export * from './email.js';
export * from './province.js';
export * from './yesno.js';
export * from './number.js';
export { PROVINCES, type Province, type Region } from './provinces-data.js';
export * from './name.js';
