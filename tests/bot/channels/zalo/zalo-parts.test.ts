/**
 * The Zalo adapter's pure parts: big-integer-safe JSON, the webhook mac, phone numbers, text
 * splitting and rendering, and the channel settings.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonKeepingBigIntegers } from '../../../../src/bot/channels/zalo/safe-json.js';
import { verifyZaloSignature, zaloMac } from '../../../../src/bot/channels/zalo/signature.js';
import { toE164 } from '../../../../src/bot/channels/zalo/phone.js';
import { renderZalo, splitText } from '../../../../src/bot/channels/zalo/render.js';
import { normalizeZaloEvent } from '../../../../src/bot/channels/zalo/normalize.js';
import { ConfigError, loadConfig } from '../../../../src/config.js';

describe('Zalo parts', () => {
  it('keeps integers beyond 2^53 as exact strings, but not digits inside text or small numbers', () => {
    const parsed = parseJsonKeepingBigIntegers('{"a":5326712345678901234,"b":[-9007199254740993],"t":"x 12345678901234567890","n":42,"f":1.5}');
    expect(parsed).toEqual({ a: '5326712345678901234', b: ['-9007199254740993'], t: 'x 12345678901234567890', n: 42, f: 1.5 });
    expect(parseJsonKeepingBigIntegers('{"s":"a\\"1234567890123456789"}')).toEqual({ s: 'a"1234567890123456789' });
  });

  it('verifies the mac over app id + raw body + timestamp + OA secret, in any header spelling', () => {
    const body = Buffer.from('{"timestamp":"1700000000000","event_name":"follow"}');
    const mac = zaloMac('app', body, '1700000000000', 'secret');
    const input = { rawBody: body, timestamp: '1700000000000', appId: 'app', oaSecretKey: 'secret' };
    expect(verifyZaloSignature({ ...input, header: `mac=${mac}` })).toBe(true);
    expect(verifyZaloSignature({ ...input, header: mac.toUpperCase() })).toBe(true);
    expect(verifyZaloSignature({ ...input, header: `mac=${mac}`, oaSecretKey: 'other' })).toBe(false);
    expect(verifyZaloSignature({ ...input, header: `mac=${mac}`, timestamp: '1700000000001' })).toBe(false);
    expect(verifyZaloSignature({ ...input, header: undefined })).toBe(false);
  });

  it('normalises Vietnamese phone numbers to E.164', () => {
    expect(toE164('0912 345 678')).toBe('+84912345678');
    expect(toE164('84912345678')).toBe('+84912345678');
    expect(toE164('+84 912-345-678')).toBe('+84912345678');
    expect(toE164('')).toBeUndefined();
    expect(toE164('12')).toBeUndefined();
  });

  it('splits text at paragraph or word boundaries, never over the limit, losing nothing', () => {
    const text = `${'a'.repeat(1500)}\n\n${'b '.repeat(600)}${'c'.repeat(2500)}`;
    const parts = splitText(text, 2000);
    for (const p of parts) expect(Array.from(p).length).toBeLessThanOrEqual(2000);
    expect(parts[0]).toBe('a'.repeat(1500));
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(splitText('ngắn')).toEqual(['ngắn']);
  });

  it('renders an image as a media template and a file as its link', () => {
    const out = renderZalo({ text: 'Tài liệu', image: { url: 'https://x/a.png' }, file: { url: 'https://x/b.pdf', name: 'b.pdf' } });
    expect(out[0]).toEqual({ attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://x/a.png' }] } } });
    expect(out[1]!.text).toBe('Tài liệu\n\nb.pdf: https://x/b.pdf');
  });

  it('ignores unknown and OA-side events, and needs a sender for user events', () => {
    expect(normalizeZaloEvent({ event_name: 'oa_send_text' })).toEqual({ ignored: 'oa_send_text' });
    expect(normalizeZaloEvent({ event_name: 'user_send_text', message: { text: 'x' } })).toEqual({ ignored: 'user_send_text' });
    expect(normalizeZaloEvent({})).toEqual({ ignored: 'no_event_name' });
    const r = normalizeZaloEvent({ event_name: 'user_send_text', sender: { id: '1' }, message: { text: 'hi' }, timestamp: '5' });
    expect(r).toMatchObject({ event: { eventId: 'user_send_text:1:5', kind: 'text' } });
  });

  it('names the missing Zalo settings when only some are set', () => {
    expect(() => loadConfig({ ZALO_APP_ID: 'a' })).toThrow(ConfigError);
    const error = (() => {
      try {
        loadConfig({ ZALO_APP_ID: 'a', ZALO_REFRESH_TOKEN: 'r' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const vars = (error as ConfigError).problems.map((p) => p.variable);
    expect(vars).toEqual(expect.arrayContaining(['ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', 'ZALO_ACCESS_TOKEN']));
    expect(loadConfig({ ZALO_APP_ID: 'a', ZALO_OA_SECRET_KEY: 's' }).ZALO_API_BASE).toBe('https://openapi.zalo.me');
  });
});
