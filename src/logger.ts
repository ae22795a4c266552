/**
 * Structured logs (pino). Personal data never reaches a log: we log ids, kinds and counts, not
 * message text, names, phone numbers or e-mail addresses, and these paths are redacted in case
 * an object carrying them is logged by mistake.
 *
 * @example
 * const log = createLogger({ level: 'info' });
 * log.info({ inboxId: 7, kind: 'text' }, 'turn committed');
 */
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'text', '*.text', 'phone', '*.phone', 'email', '*.email', 'name', '*.name', 'userName', '*.userName',
  'displayName', '*.displayName', 'display_name', '*.display_name', 'payload', '*.payload',
  'token', '*.token', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken',
  'headers.authorization', '*.headers.authorization', 'secret', '*.secret', 'password', '*.password',
];

export interface LoggerOptions {
  level?: string;
  /** Where to write (tests pass a stream to inspect); stdout by default. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}

export type { Logger };
