/**
 * A loopback fake of the Zalo OA OpenAPI and OAuth v4 servers, following the Zalo for Developers
 * documentation (developers.zalo.me/docs/official-account):
 * - `POST /v3.0/oa/message/cs` ("Gửi tin Tư vấn"): header `access_token`, JSON
 *   `{recipient: {user_id}, message}`; always HTTP 200 with `{error, message, data}`:
 *   `error: 0` and `data: {message_id, user_id}` on success, `-216` for an invalid or expired
 *   access token, and any per-user error code a test configures (-213 not a follower, ...).
 * - `POST /v4/oa/access_token` (OAuth v4, "Lấy Access Token từ Refresh Token" / "từ Authorization
 *   Code"): header `secret_key`, form body `app_id`, `grant_type`, `refresh_token` or `code`
 *   (+ `code_verifier`); answers `{access_token, refresh_token, expires_in}` with `expires_in` as a
 *   string. Refresh tokens are single-use: a spent one is refused with an error object.
 *
 * @example
 * const zalo = await startFakeZalo({ appId: 'app', appSecret: 's', accessToken: 'a1', refreshToken: 'r1' });
 * const config = testConfig({ ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url, ... });
 * zalo.userErrors.set('123', -213);
 */
import { randomBytes } from 'node:crypto';
import { sendJson, startFakeServer, type FakeServer } from './http-server.js';

export interface FakeZaloOptions {
  appId: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Authorization codes `uom zalo auth` may exchange, with their PKCE verifier (if any). */
  codes?: Record<string, string | undefined>;
}

export interface SentZaloMessage {
  userId: string;
  accessToken: string;
  message: {
    text?: string;
    attachment?: { type: string; payload: Record<string, unknown> & { buttons?: { title: string; type: string; payload: unknown }[] } };
  };
  messageId: string;
}

export interface FakeZalo extends FakeServer {
  /** Successfully delivered messages, in order. */
  sent: SentZaloMessage[];
  /** Every `/v4/oa/access_token` call, successful or not. */
  tokenRequests: Record<string, string>[];
  /** Access tokens the API currently accepts. */
  validAccessTokens: Set<string>;
  /** Refresh tokens not spent yet. */
  validRefreshTokens: Set<string>;
  /** Error code to answer for messages to this user (persistent). */
  userErrors: Map<string, number>;
  /** Error codes to answer to the next calls, whoever they are for (0: let that call succeed). */
  nextErrors: number[];
  /** Makes the current access tokens invalid, as after 25 hours. */
  expireAccessTokens(): void;
  /** Messages delivered to one user. */
  sentTo(userId: string): SentZaloMessage[];
}

export async function startFakeZalo(options: FakeZaloOptions): Promise<FakeZalo> {
  const sent: SentZaloMessage[] = [];
  const tokenRequests: Record<string, string>[] = [];
  const validAccessTokens = new Set([options.accessToken]);
  const validRefreshTokens = new Set([options.refreshToken]);
  const userErrors = new Map<string, number>();
  const nextErrors: number[] = [];
  const codes = new Map(Object.entries(options.codes ?? {}));
  let messageSeq = 0;

  const issuePair = () => {
    const access = `acc-${randomBytes(6).toString('hex')}`;
    const refresh = `ref-${randomBytes(6).toString('hex')}`;
    validAccessTokens.add(access);
    validRefreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: '90000' };
  };
  const oauthError = (reason: string) => ({ error_name: 'Invalid parameter', error_reason: reason, ref_doc: 'https://developers.zalo.me/docs/', error_description: reason, error: -14014 });

  const server = await startFakeServer((req, res) => {
    const path = req.path.split('?')[0];
    if (req.method === 'POST' && path === '/v4/oa/access_token') {
      const form = Object.fromEntries(new URLSearchParams(req.body));
      tokenRequests.push(form);
      if (req.headers['secret_key'] !== options.appSecret) return sendJson(res, 200, oauthError('secret_key is invalid'));
      if (form.app_id !== options.appId) return sendJson(res, 200, oauthError('app_id is invalid'));
      if (form.grant_type === 'refresh_token') {
        const token = form.refresh_token ?? '';
        if (!validRefreshTokens.delete(token)) return sendJson(res, 200, oauthError('refresh_token is invalid or used'));
        return sendJson(res, 200, issuePair());
      }
      if (form.grant_type === 'authorization_code') {
        const code = form.code ?? '';
        if (!codes.has(code)) return sendJson(res, 200, oauthError('code is invalid'));
        const verifier = codes.get(code);
        if (verifier !== undefined && verifier !== form.code_verifier) return sendJson(res, 200, oauthError('code_verifier is invalid'));
        codes.delete(code);
        return sendJson(res, 200, issuePair());
      }
      return sendJson(res, 200, oauthError('grant_type is invalid'));
    }
    if (req.method === 'POST' && path === '/v3.0/oa/message/cs') {
      const token = String(req.headers['access_token'] ?? '');
      if (!validAccessTokens.has(token)) return sendJson(res, 200, { error: -216, message: 'Access token is invalid' });
      let body: { recipient?: { user_id?: string }; message?: SentZaloMessage['message'] };
      try {
        body = JSON.parse(req.body) as typeof body;
      } catch {
        return sendJson(res, 200, { error: -201, message: 'Parameters are invalid' });
      }
      const userId = body.recipient?.user_id;
      if (typeof userId !== 'string' || !body.message) return sendJson(res, 200, { error: -201, message: 'Parameters are invalid' });
      const text = body.message.text;
      if (text !== undefined && Array.from(text).length > 2000) return sendJson(res, 200, { error: -201, message: 'Text is too long' });
      const forced = nextErrors.shift() ?? userErrors.get(userId);
      if (forced !== undefined && forced !== 0) return sendJson(res, 200, { error: forced, message: `fake error ${forced}` });
      const messageId = `msg${++messageSeq}`;
      sent.push({ userId, accessToken: token, message: body.message, messageId });
      return sendJson(res, 200, { error: 0, message: 'Success', data: { message_id: messageId, user_id: userId } });
    }
    return sendJson(res, 404, { error: 404, message: 'not found' });
  });

  return Object.assign(server, {
    sent,
    tokenRequests,
    validAccessTokens,
    validRefreshTokens,
    userErrors,
    nextErrors,
    expireAccessTokens: () => validAccessTokens.clear(),
    sentTo: (userId: string) => sent.filter((m) => m.userId === userId),
  });
}
