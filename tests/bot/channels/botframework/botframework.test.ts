/**
 * The Bot Framework channel end to end: activities posted to `/api/messages` as the Emulator
 * does, processed by the real server on PGlite, and the replies sent proactively by the real
 * botbuilder client to the loopback Bot Connector fake (the activity's `serviceUrl`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../../src/server.js';
import type { Store } from '../../../../src/store/store.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';
import { startFakeConnector, type FakeConnector } from '../../../fakes/botframework-connector.js';
import { echoFeature } from '../zalo/echo-feature.js';
import { BotFrameworkChannel } from '../../../../src/bot/channels/botframework/botframework-channel.js';
import { serviceUrlAllowed } from '../../../../src/bot/channels/botframework/service-url.js';

interface Rig {
  connector: FakeConnector;
  server: RunningServer;
  store: Store;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  message(conversationId: string, id: string, fields: Record<string, unknown>): Promise<Response>;
  until(check: () => boolean | Promise<boolean>): Promise<void>;
  close(): Promise<void>;
}

// One server for the file (each test uses its own conversations): fast on a loaded machine.
let rig: Rig;
let authRig: Rig | undefined;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});
afterEach(async () => {
  await authRig?.close();
  authRig = undefined;
});

/** A connector fake and a server; on `shared` (not closed with the rig) or a fresh PGlite. */
async function startRig(env: Record<string, string> = {}, shared?: Store): Promise<Rig> {
  const connector = await startFakeConnector();
  const store = shared ?? (await pgliteTestStore());
  const server = await startServer(testConfig({ POLL_INTERVAL_MS: '20', BOTFRAMEWORK_EMULATOR: 'true', ...env }), { store, features: [echoFeature] });
  const post = (activity: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
  return {
    connector,
    server,
    store,
    post,
    message: (conversationId, id, fields) =>
      post({
        type: 'message',
        id,
        channelId: 'emulator',
        serviceUrl: connector.url,
        timestamp: new Date().toISOString(),
        locale: 'vi-VN',
        from: { id: `user-${conversationId}`, name: 'Lan', role: 'user' },
        recipient: { id: 'bot-1', name: 'Ươm', role: 'bot' },
        conversation: { id: conversationId },
        ...fields,
      }),
    async until(check) {
      for (let i = 0; i < 1000; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('condition not reached');
    },
    async close() {
      await server.close();
      await connector.close();
      if (!shared) await store.close();
    },
  };
}

describe('Bot Framework channel', () => {
  it('answers a message proactively through the connector and stores the conversation reference', async () => {
    const res = await rig.message('conv-1', 'a-1', { text: 'xin chào' });
    expect(res.status).toBe(200);
    await rig.until(() => rig.connector.activitiesIn('conv-1').length >= 1);
    const [reply] = rig.connector.activitiesIn('conv-1');
    expect(reply!.conversationId).toBe('conv-1');
    expect(reply!.activity).toMatchObject({ type: 'message', text: 'echo:xin chào', recipient: { id: 'user-conv-1' } });
    const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
    const [identity] = await sql.query<{ reference: { serviceUrl: string; conversation: { id: string } } }>(
      "select reference from channel_identities where channel = 'botframework' and external_id = 'user-conv-1'");
    expect(identity!.reference).toMatchObject({ serviceUrl: rig.connector.url, conversation: { id: 'conv-1' } });
    // No display name is stored before consent (the activity said "Lan").
    expect(JSON.stringify(identity!.reference)).not.toContain('Lan');
  });

  it('processes the same activity delivered three times once, and keeps the order', async () => {
    for (let i = 0; i < 3; i++) expect((await rig.message('conv-2', 'dup', { text: 'một lần' })).status).toBe(200);
    for (const n of ['1', '2', '3', '4', '5']) await rig.message('conv-2', `o-${n}`, { text: n });
    await rig.until(() => rig.connector.activitiesIn('conv-2').length >= 6);
    await rig.server.bot.dispatcher.drain();
    await rig.server.bot.sender.drain();
    expect(rig.connector.activitiesIn('conv-2').map((a) => a.activity.text)).toEqual(['echo:một lần', 'echo:1', 'echo:2', 'echo:3', 'echo:4', 'echo:5']);
    const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
    expect(await sql.query("select id from inbox where event_id = 'conv-2|dup'")).toHaveLength(1);
  });

  it('renders buttons as messageBack suggested actions and maps a press back to its payload; links as a hero card', async () => {
    await rig.message('conv-3', 'b-1', { text: 'menu' });
    await rig.until(() => rig.connector.activitiesIn('conv-3').length >= 1);
    const menu = rig.connector.activitiesIn('conv-3')[0]!.activity;
    const actions = menu.suggestedActions!.actions;
    expect(actions.map((a) => [a.type, a.title])).toEqual([['messageBack', 'Đặt chỗ'], ['messageBack', 'Khảo sát']]);
    expect(menu.attachments![0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.hero',
      content: { buttons: [{ type: 'openUrl', title: 'Trang web', value: 'https://example.vn' }] },
    });
    // Web Chat / the Emulator send a messageBack press as a message with the action's value.
    await rig.message('conv-3', 'b-2', { text: 'Đặt chỗ', value: actions[0]!.value });
    await rig.until(() => rig.connector.activitiesIn('conv-3').length >= 2);
    expect(rig.connector.activitiesIn('conv-3')[1]!.activity.text).toBe('pressed:menu:booking');
  });

  it('asks for the phone number as a typed prompt in the conversation\'s language', async () => {
    await rig.message('conv-7', 'p-1', { text: 'phone' });
    await rig.message('conv-8', 'p-2', { text: 'phone', locale: 'en-US' });
    await rig.until(() => rig.connector.activitiesIn('conv-7').length >= 1 && rig.connector.activitiesIn('conv-8').length >= 1);
    expect(rig.connector.activitiesIn('conv-7')[0]!.activity.text).toBe('Cho mình xin số điện thoại nhé\n\nBạn hãy gõ số điện thoại của mình vào ô chat (ví dụ: 0912 345 678).');
    expect(rig.connector.activitiesIn('conv-8')[0]!.activity.text).toContain('Please type your phone number');
  });

  it('reads image attachments, ignores conversationUpdate and typing, and calls other types unsupported', async () => {
    expect((await rig.message('conv-4', 'u-1', { type: 'conversationUpdate', membersAdded: [{ id: 'user-conv-4' }] })).status).toBe(200);
    expect((await rig.message('conv-4', 'u-2', { type: 'typing' })).status).toBe(200);
    await rig.message('conv-4', 'u-3', { attachments: [{ contentType: 'image/png', contentUrl: 'https://x/i.png', name: 'i.png' }] });
    await rig.message('conv-4', 'u-4', { type: 'event', name: 'something' });
    await rig.until(() => rig.connector.activitiesIn('conv-4').length >= 2);
    expect(rig.connector.activitiesIn('conv-4').map((a) => a.activity.text)).toEqual(['kind:image', 'kind:unsupported:event']);
  });

  it('marks the person unreachable when the connector answers 403, without retrying', async () => {
    rig.connector.conversationErrors.set('conv-5', 403);
    await rig.message('conv-5', 'r-1', { text: 'hello' });
    const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
    await rig.until(async () => (await sql.query("select 1 from outbox where status = 'failed' and recipient = 'conv-5'")).length === 1);
    const [identity] = await sql.query<{ reachable: boolean; unreachable_reason: string }>(
      "select reachable, unreachable_reason from channel_identities where channel = 'botframework' and external_id = 'user-conv-5'");
    expect(identity).toEqual({ reachable: false, unreachable_reason: 'botframework_forbidden' });
    expect((await sql.query<{ attempts: number }>("select attempts from outbox where recipient = 'conv-5'"))[0]!.attempts).toBe(1);
  });

  it('retries on 429, fails for a vanished conversation (404) and without a stored reference', async () => {
    const channel = new BotFrameworkChannel(testConfig({ BOTFRAMEWORK_EMULATOR: 'true' }));
    const reference = (id: string) => ({ serviceUrl: rig.connector.url, channelId: 'emulator', conversation: { id }, bot: { id: 'bot-1' }, user: { id: 'u' } });
    rig.connector.conversationErrors.set('conv-429', 429);
    rig.connector.conversationErrors.set('conv-404', 404);
    expect(await channel.send({ channel: 'botframework', chatId: 'conv-429', reference: reference('conv-429') }, { text: 'a' }))
      .toMatchObject({ status: 'retry' });
    expect(await channel.send({ channel: 'botframework', chatId: 'conv-404', reference: reference('conv-404') }, { text: 'a' }))
      .toMatchObject({ status: 'failed', unreachable: 'botframework_not_found' });
    expect(await channel.send({ channel: 'botframework', chatId: 'conv-none', reference: null }, { text: 'a' }))
      .toMatchObject({ status: 'failed' });
  });

  it('answers 400 to malformed bodies and 413 over 1 MB', async () => {
    const raw = (body: string) => fetch(`${rig.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await raw('{"type":')).status).toBe(400);
    expect((await raw('{"text":"no type"}')).status).toBe(400);
    expect((await raw(JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024 + 1) }))).status).toBe(413);
    expect((await fetch(`${rig.server.url}/healthz`)).status).toBe(200);
  });

  it('rejects an unauthenticated request with 401 when MICROSOFT_APP_ID is set', async () => {
    authRig = await startRig({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-a-real-password' }, rig.store);
    // A Bot Framework serviceUrl (a loopback one is refused outside the Emulator mode).
    const serviceUrl = 'https://webchat.botframework.com/';
    expect((await authRig!.message('conv-6', 'j-1', { text: 'hi', serviceUrl })).status).toBe(401);
    const forged = await authRig!.post(
      { type: 'message', id: 'j-3', serviceUrl, channelId: 'emulator', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'conv-6' }, text: 'hi' },
      { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
    );
    expect(forged.status).toBe(401);
    const sql = authRig!.store as unknown as { query<R>(q: string): Promise<R[]> };
    expect(await sql.query("select id from inbox where event_id like 'conv-6|%'")).toEqual([]);
  });
  it('is off without MICROSOFT_APP_ID unless the Emulator is enabled, and then serves loopback only', async () => {
    authRig = await startRig({ BOTFRAMEWORK_EMULATOR: 'false' }, rig.store);
    expect((await authRig.message('conv-off', 'x-1', { text: 'hi' })).status).toBe(404);
    await authRig.close();
    // Behind a proxy the client is the forwarded address: a non-loopback client is refused.
    authRig = await startRig({ TRUST_PROXY: 'true' }, rig.store);
    const remote = await authRig.message('conv-remote', 'x-2', { text: 'hi' }).then(() =>
      authRig!.post({ type: 'message', id: 'x-3', serviceUrl: authRig!.connector.url, from: { id: 'u' }, conversation: { id: 'conv-remote' }, text: 'hi' },
        { 'x-forwarded-for': '203.0.113.9' }));
    expect(remote.status).toBe(403);
    expect((await remote.json()) as unknown).toMatchObject({ error: 'emulator_loopback_only' });
  });

  it('refuses an activity whose serviceUrl is not a Bot Framework host, and never posts there', async () => {
    const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
    for (const [i, serviceUrl] of ['http://169.254.169.254/latest/', 'https://attacker.example.com/', 'https://botframework.com.evil.io/', 'file:///etc/passwd'].entries()) {
      const res = await rig.message(`conv-ssrf-${i}`, `s-${i}`, { text: 'hi', serviceUrl });
      expect(res.status).toBe(403);
    }
    expect(await sql.query("select id from inbox where event_id like 'conv-ssrf-%'")).toEqual([]);
    // A stored reference is checked again before sending.
    const channel = new BotFrameworkChannel(testConfig({ BOTFRAMEWORK_EMULATOR: 'true' }));
    const reference = { serviceUrl: 'https://attacker.example.com/', channelId: 'emulator', conversation: { id: 'c' }, bot: { id: 'b' }, user: { id: 'u' } };
    expect(await channel.send({ channel: 'botframework', chatId: 'c', reference }, { text: 'a' })).toMatchObject({ status: 'failed' });
  });
});

describe('serviceUrlAllowed', () => {
  const policy = { emulator: false, extraHosts: ['smba.example.vn', '*.bots.example.org'] };
  it('allows https Bot Framework and configured hosts, loopback only for the Emulator', () => {
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/amer/', policy)).toBe(true);
    expect(serviceUrlAllowed('https://webchat.botframework.com/', policy)).toBe(true);
    expect(serviceUrlAllowed('https://smba.example.vn/x', policy)).toBe(true);
    expect(serviceUrlAllowed('https://a.bots.example.org/', policy)).toBe(true);
    expect(serviceUrlAllowed('https://bots.example.org/', policy)).toBe(false);
    expect(serviceUrlAllowed('http://webchat.botframework.com/', policy)).toBe(false);
    expect(serviceUrlAllowed('https://botframework.com.evil.io/', policy)).toBe(false);
    expect(serviceUrlAllowed('https://user:pw@webchat.botframework.com/', policy)).toBe(false);
    expect(serviceUrlAllowed('http://127.0.0.1:3978/', policy)).toBe(false);
    expect(serviceUrlAllowed('http://127.0.0.1:3978/', { ...policy, emulator: true })).toBe(true);
    expect(serviceUrlAllowed('http://[::1]:3978/', { ...policy, emulator: true })).toBe(true);
    expect(serviceUrlAllowed('http://10.0.0.1/', { ...policy, emulator: true })).toBe(false);
    expect(serviceUrlAllowed(42, policy)).toBe(false);
  });
});
