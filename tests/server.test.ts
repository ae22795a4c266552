/**
 * The HTTP server as a browser or a platform sees it: health check, the web chat round trip, and
 * bad requests answered clearly (400, 404, 413) while the process stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { createLogger } from '../src/logger.js';
import { testConfig } from './support/config.js';
import { pgliteTestStore } from './support/stores.js';

describe('server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const store = await pgliteTestStore();
    server = await startServer(testConfig({ POLL_INTERVAL_MS: '20' }), { store, log: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await server?.close();
    await server?.store.close();
  });

  it('reports health with the storage driver', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, storage: 'embedded', database: true, outbox: { due: 0, oldest_due_seconds: null } });
  });

  it('serves the web chat page', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('name="viewport"');
    expect(html).toContain('/webchat/api/messages');
  });

  it('asks a new founder for consent before anything else', async () => {
    const session = 'server-test-session-00';
    await fetch(`${server.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session, id: 'm1', text: 'xin chào' }),
    });
    const res = await fetch(`${server.url}/webchat/api/updates?session=${session}&after=0`);
    const body = (await res.json()) as { messages: { payload: { text: string; buttons: { payload: string }[] } }[] };
    expect(body.messages[0]!.payload.text).toMatch(/13\/2023/);
    expect(body.messages[0]!.payload.buttons.map((b) => b.payload)).toContain('consent:agree');
  });

  it('answers a consented founder\'s greeting typed in the web chat with the menu, through the whole path', async () => {
    const session = 'server-test-session-01';
    const { contact_id } = await server.store.call<{ contact_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: session, user_id: session,
    });
    await server.store.call('fx_contact_consent', { args: { contact_id, version: 'test', channel: 'web' } });
    const post = await fetch(`${server.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session, id: 'm1', text: 'chào bạn' }),
    });
    expect(post.status).toBe(202);
    const res = await fetch(`${server.url}/webchat/api/updates?session=${session}&after=0`);
    const body = (await res.json()) as { messages: { payload: { text: string; buttons: { payload: string }[] } }[]; cursor: number };
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]!.payload.buttons.map((b) => b.payload)).toContain('menu:booking');
    expect(body.cursor).toBeGreaterThan(0);
    // A retried POST (same client id) is stored once and answered once.
    await fetch(`${server.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session, id: 'm1', text: 'chào bạn' }),
    });
    const again = await fetch(`${server.url}/webchat/api/updates?session=${session}&after=${body.cursor}&wait=0`);
    expect(((await again.json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  it('answers bad requests clearly and stays up', async () => {
    const malformed = await fetch(`${server.url}/webchat/api/messages`, { method: 'POST', body: '{not json' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'malformed_json' });
    const invalid = await fetch(`${server.url}/webchat/api/messages`, {
      method: 'POST',
      body: JSON.stringify({ session: 'short', id: 'x', text: 'hi' }),
    });
    expect(invalid.status).toBe(400);
    const huge = await fetch(`${server.url}/webchat/api/messages`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
