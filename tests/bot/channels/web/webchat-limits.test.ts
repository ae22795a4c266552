/**
 * The web chat API under abuse, through the real server on PGlite: messages limited per session
 * and per client address, new sessions limited per address (the /link guessing attack made a
 * fresh session for every five guesses), malformed cursors and texts answered without a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkingFeature } from '../../../../src/flows/linking/feature.js';
import { fallbackFeature, menuFeature } from '../../../../src/flows/menu.js';
import { startServer, type RunningServer } from '../../../../src/server.js';
import type { SqlStore } from '../../../../src/store/store.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    testConfig({ WEBCHAT_MESSAGES_PER_MINUTE: '3', WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR: '5', WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: '1000', TRUST_PROXY: 'true' }),
    { store: await pgliteTestStore(), features: [linkingFeature, menuFeature, fallbackFeature], startWorkers: false },
  );
});
afterAll(async () => {
  await server.close();
  await server.store.close();
});

let seq = 0;
const post = (session: string, body: Record<string, unknown>, from = '198.51.100.1') =>
  fetch(`${server.url}/webchat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ session, id: `m${++seq}`, ...body }),
  });

describe('web chat limits', () => {
  it('limits messages per session, with Retry-After, without touching other sessions', async () => {
    const session = 'limit-session-000000001';
    for (let i = 0; i < 3; i++) expect((await post(session, { text: `hi ${i}` })).status).toBe(202);
    const refused = await post(session, { text: 'one more' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    expect((await post('limit-session-000000002', { text: 'hi' })).status).toBe(202);
  });

  it('limits new sessions per client address: the many-sessions /link guessing attack stops early', async () => {
    const from = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await post(`guess-session-${String(i).padStart(10, '0')}`, { text: `/link ABCDE-${String(i).padStart(5, '0')}` }, from)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // A session already seen keeps working; another address is not affected.
    expect((await post('guess-session-0000000000', { text: 'again' }, from)).status).toBe(202);
    expect((await post('guess-session-other-00001', { text: 'hi' }, '203.0.113.51')).status).toBe(202);
    const sql = server.store as SqlStore;
    const stored = await sql.query<{ n: number }>(`select count(*)::int as n from public.inbox where event_id like 'guess-session-%'`);
    expect(stored[0]!.n).toBe(7);
  });

  it('answers 400 to a cursor that is not a small whole number, and keeps serving', async () => {
    const poll = (after: string) => fetch(`${server.url}/webchat/api/updates?session=poll-session-0000001&wait=0&after=${after}`);
    for (const bad of ['99999999999999999999', '-1', '1e3', 'abc', '%00']) expect((await poll(bad)).status).toBe(400);
    expect((await poll('0')).status).toBe(200);
    expect((await poll('999999999999999')).status).toBe(200);
  });

  it('stores text with NUL and lone surrogates cleaned, and drops an unreadable locale', async () => {
    const session = 'clean-session-00000001';
    expect((await post(session, { text: 'a\u0000b\ud800', locale: 'v\u0000i' })).status).toBe(202);
    expect((await post('clean-session-00000002', { text: 42 })).status).toBe(400);
    expect((await post('clean-session-00000003', { payload: { x: 1 } })).status).toBe(400);
    const sql = server.store as SqlStore;
    const [row] = await sql.query<{ text: string; locale: string | null }>(
      `select payload->>'text' as text, payload->>'locale' as locale from public.inbox where event_id like $1`, [`${session}:%`]);
    expect(row).toEqual({ text: 'a\uFFFDb\uFFFD', locale: null });
  });
});
