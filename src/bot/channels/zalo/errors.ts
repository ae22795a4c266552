/**
 * Zalo OpenAPI answers HTTP 200 with `{ error, message }`; `error != 0` is a failure. This maps
 * the codes the OA documentation lists ("Bảng mã lỗi") to what the sender should do.
 *
 * @example
 * classifyZaloError(-213); // { action: 'unreachable', reason: 'zalo_not_follower' }
 */
export type ZaloErrorAction =
  | { action: 'refresh_token' }
  | { action: 'retry'; retryInMs: number; pauseChannel?: boolean }
  | { action: 'unreachable'; reason: string }
  | { action: 'failed' };

/** Codes after which the person cannot be messaged now: recorded on the identity, not retried. */
export const ZALO_UNREACHABLE: Readonly<Record<number, string>> = {
  [-213]: 'zalo_not_follower',
  [-217]: 'zalo_blocked',
  [-227]: 'zalo_inactive',
  [-230]: 'zalo_outside_window',
  [-232]: 'zalo_outside_window',
  [-234]: 'zalo_night_time',
  [-244]: 'zalo_restricted',
};

/**
 * What to do after Zalo answered `error: code`.
 *
 * @example
 * classifyZaloError(-216); // { action: 'refresh_token' }
 */
export function classifyZaloError(code: number): ZaloErrorAction {
  if (code === -216 || code === -220 || code === -124) return { action: 'refresh_token' };
  // The OA's quota is shared by every chat: pause the whole channel for a while.
  if (code === -32) return { action: 'retry', retryInMs: 60_000, pauseChannel: true };
  // Zalo's own transient failures ("Server error", "Timeout").
  if (code === -1 || code === -2 || code === -50) return { action: 'retry', retryInMs: 5_000 };
  const reason = ZALO_UNREACHABLE[code];
  if (reason) return { action: 'unreachable', reason };
  return { action: 'failed' };
}
