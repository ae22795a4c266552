/**
 * Bot API failures → `SendResult`, following https://core.telegram.org/bots/api#making-requests
 * and the FAQ on limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * 429 carries `retry_after` seconds and limits the whole bot; 403 means the person blocked the bot
 * or no longer exists; 400 is our mistake or a chat that is gone; 5xx and network errors pass.
 *
 * @example
 * sendResultFor(new GrammyError('', { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }, 'sendMessage', {}), 0);
 * // → { status: 'retry', retryInMs: 3000, pauseChannel: true, error: 'telegram 429: Too Many Requests: retry after 3' }
 */
import { GrammyError, HttpError } from 'grammy';
import type { SendResult } from '../../outbound.js';

/** The longest wait between retries after repeated server or network failures. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * Exponential backoff with jitter for the `failures`-th consecutive transient failure (0-based).
 *
 * @example
 * backoffMs(0); // about 1000 (750-1250)
 * backoffMs(10); // about 60000, the cap
 */
export function backoffMs(failures: number): number {
  const base = Math.min(1000 * 2 ** Math.min(failures, 16), MAX_BACKOFF_MS);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

function unreachableReason(description: string): string {
  const d = description.toLowerCase();
  if (d.includes('blocked')) return 'blocked';
  if (d.includes('deactivated')) return 'deactivated';
  if (d.includes('kicked') || d.includes('not a member')) return 'kicked';
  return 'forbidden';
}

/**
 * Classifies an error thrown by a grammY API call.
 *
 * @example
 * sendResultFor(new HttpError('Network request failed', new Error('ECONNRESET')), 2).status; // 'retry'
 */
export function sendResultFor(error: unknown, consecutiveFailures: number): SendResult {
  if (error instanceof GrammyError) {
    const summary = `telegram ${error.error_code}: ${error.description}`;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { status: 'retry', retryInMs: seconds * 1000, error: summary, pauseChannel: true };
    }
    if (error.error_code === 403) return { status: 'failed', error: summary, unreachable: unreachableReason(error.description) };
    if (error.error_code >= 500) return { status: 'retry', retryInMs: backoffMs(consecutiveFailures), error: summary };
    // 400 (chat not found, bad markup), 401 (token revoked), 404: retrying cannot help.
    return { status: 'failed', error: summary };
  }
  const message = error instanceof HttpError ? `network: ${error.message}` : `unexpected: ${(error as Error)?.message ?? String(error)}`;
  return { status: 'retry', retryInMs: backoffMs(consecutiveFailures), error: message };
}
