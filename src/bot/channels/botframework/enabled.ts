/**
 * Whether a configuration switches the Bot Framework channel on, without loading the SDK (which
 * costs about a second of every process's start-up).
 *
 * @example
 * botFrameworkEnabled(config) // true with MICROSOFT_APP_ID, or BOTFRAMEWORK_EMULATOR for the Emulator
 */
import type { Config } from '../../../config.js';

export function botFrameworkEnabled(config: Config): boolean {
  return Boolean(config.MICROSOFT_APP_ID) || config.BOTFRAMEWORK_EMULATOR;
}
