/**
 * Security headers on every response of the real server, and the request limiter's window.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlContentSecurityPolicy } from '../../src/http/security-headers.js';
import { RequestLimiter } from '../../src/http/request-limiter.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testConfig } from '../support/config.js';
import { pgliteTestStore } from '../support/stores.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(testConfig(), { store: await pgliteTestStore(), startWorkers: false });
});
afterAll(async () => {
  await server.close();
  await server.store.close();
});

describe('security headers', () => {
  it('the chat page allows only its own inline script and style, by hash, and cannot be framed', async () => {
    const res = await fetch(`${server.url}/`);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy')!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('JSON answers, errors and unknown paths carry them too', async () => {
    for (const path of ['/healthz', '/nope', '/webchat/api/updates?session=x']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('a page without inline code gets no script at all', () => {
    expect(htmlContentSecurityPolicy('<p>hi</p>')).toContain("script-src 'none'");
    const page = readFileSync('src/bot/channels/web/page.html', 'utf8');
    expect(htmlContentSecurityPolicy(page)).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
  });
});

describe('RequestLimiter', () => {
  it('allows the limit per window, slides, and forgets old windows', () => {
    let now = 0;
    const limiter = new RequestLimiter({ limit: 2, windowMs: 1000, now: () => now });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b')).toEqual({ ok: true });
    now = 1500; // half of the previous window still counts: 2 × 0.5 = 1
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
    now = 3100; // two windows later nothing is left
    expect(limiter.seen('a')).toBe(false);
    expect(limiter.take('a')).toEqual({ ok: true });
  });
});
