/**
 * Zalo OA OAuth v4 (Zalo docs "Official Account API → Access token"):
 * `POST {ZALO_OAUTH_BASE}/v4/oa/access_token`, form body, header `secret_key` (the app secret).
 * A refresh token is single-use: the answer carries the next one.
 *
 * @example
 * const pair = await zaloTokenRequest(config, { grant_type: 'refresh_token', refresh_token: 'r1' });
 * // { accessToken: 'a2', refreshToken: 'r2', expiresInSeconds: 90000 }
 */
import type { Config } from '../../../config.js';

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number | null;
}

/** A failed token request; `message` never contains a token or the secret. */
export class ZaloOAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZaloOAuthError';
  }
}

export type ZaloGrant =
  | { grant_type: 'refresh_token'; refresh_token: string }
  | { grant_type: 'authorization_code'; code: string; code_verifier?: string };

/**
 * One token request to Zalo OAuth v4; throws `ZaloOAuthError` (no secrets in the message).
 *
 * @example
 * await zaloTokenRequest(config, { grant_type: 'authorization_code', code, code_verifier });
 */
export async function zaloTokenRequest(
  config: Pick<Config, 'ZALO_APP_ID' | 'ZALO_APP_SECRET' | 'ZALO_OAUTH_BASE'>,
  grant: ZaloGrant,
): Promise<ZaloTokenPair> {
  if (!config.ZALO_APP_ID || !config.ZALO_APP_SECRET) {
    throw new ZaloOAuthError('ZALO_NOT_CONFIGURED', 'ZALO_APP_ID and ZALO_APP_SECRET are required to obtain tokens');
  }
  const form = new URLSearchParams({ app_id: config.ZALO_APP_ID });
  for (const [k, v] of Object.entries(grant)) if (v !== undefined) form.set(k, v);
  let response: Response;
  try {
    response = await fetch(new URL('/v4/oa/access_token', config.ZALO_OAUTH_BASE), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: config.ZALO_APP_SECRET },
      body: form,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ZaloOAuthError('ZALO_OAUTH_NETWORK', `Zalo OAuth unreachable: ${(error as Error).message}`);
  }
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new ZaloOAuthError('ZALO_OAUTH_BAD_RESPONSE', `Zalo OAuth answered HTTP ${response.status} without JSON`);
  }
  const accessToken = typeof body.access_token === 'string' ? body.access_token : '';
  const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : '';
  if (!response.ok || !accessToken || !refreshToken) {
    const reason = [body.error, body.error_name, body.error_reason ?? body.error_description]
      .filter((x) => x !== undefined && x !== '')
      .join(' ');
    throw new ZaloOAuthError('ZALO_OAUTH_REJECTED', `Zalo OAuth refused the ${grant.grant_type} grant (HTTP ${response.status}${reason ? `: ${reason}` : ''})`);
  }
  const expires = Number(body.expires_in);
  return { accessToken, refreshToken, expiresInSeconds: Number.isFinite(expires) && expires > 0 ? Math.floor(expires) : null };
}
