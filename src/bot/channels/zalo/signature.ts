/**
 * Zalo webhook verification: `X-ZEvent-Signature: mac=<hex>` where the mac is
 * `sha256(app_id + raw body + timestamp + OA secret key)`, computed over the bytes exactly as
 * received (Zalo OA docs, "Xác thực webhook"). Compared in constant time.
 *
 * @example
 * const ok = verifyZaloSignature({ header, rawBody, timestamp: '1700000000000', appId, oaSecretKey });
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ZaloSignatureInput {
  /** The `X-ZEvent-Signature` header value, `mac=<hex>` (a bare hex digest is accepted too). */
  header: string | undefined;
  rawBody: Buffer;
  /** The body's `timestamp` field as its exact digits. */
  timestamp: string;
  appId: string;
  oaSecretKey: string;
}

/**
 * The hex mac Zalo puts in the header for this body.
 *
 * @example
 * const header = `mac=${zaloMac(appId, rawBody, '1700000000000', oaSecretKey)}`;
 */
export function zaloMac(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256')
    .update(appId, 'utf8')
    .update(rawBody)
    .update(timestamp, 'utf8')
    .update(oaSecretKey, 'utf8')
    .digest('hex');
}

/**
 * True when the header carries the right mac for this body.
 *
 * @example
 * if (!verifyZaloSignature({ header, rawBody, timestamp, appId, oaSecretKey })) throw new HttpError(401, …);
 */
export function verifyZaloSignature(input: ZaloSignatureInput): boolean {
  const given = (input.header ?? '').trim().replace(/^mac\s*=\s*/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = zaloMac(input.appId, input.rawBody, input.timestamp, input.oaSecretKey);
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}
