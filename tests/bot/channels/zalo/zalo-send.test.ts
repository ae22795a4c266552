/**
 * Zalo delivery outcomes: the token refresh on -216 (single-use refresh tokens, one refresh for
 * many processes, on PGlite and on the real server), unreachable codes recorded on the contact and
 * not retried, and the rate-limit code retried later.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZaloChannel } from '../../../../src/bot/channels/zalo/zalo-channel.js';
import { ZaloTokens } from '../../../../src/bot/channels/zalo/tokens.js';
import { classifyZaloError } from '../../../../src/bot/channels/zalo/errors.js';
import { testConfig } from '../../../support/config.js';
import { postgresTestStore, TEST_DATABASE_URL } from '../../../support/stores.js';
import { startFakeZalo, type FakeZalo } from '../../../fakes/zalo-api.js';
import { APP_ID, APP_SECRET, OA_SECRET, startZaloRig, textEvent, type ZaloRig } from './support.js';
import type { Store } from '../../../../src/store/store.js';

// One server and database for the file; tests that need their own token pair use their own
// Zalo app id (tokens are kept per app), so nothing leaks between them.
let rig: ZaloRig;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  rig = await startZaloRig();
});
afterAll(async () => {
  await rig.close();
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

let apps = 0;
/** A Zalo fake for an app of its own, whose first pair is acc-env/ref-env. */
async function freshZalo(): Promise<{ zalo: FakeZalo; appId: string }> {
  const appId = `app-${++apps}`;
  const zalo = await startFakeZalo({ appId, appSecret: APP_SECRET, accessToken: 'acc-env', refreshToken: 'ref-env' });
  cleanups.push(() => zalo.close());
  return { zalo, appId };
}

type Sql = { query<R>(q: string): Promise<R[]> };

describe('Zalo sending', () => {
  it('refreshes an expired access token once, stores the new pair, and delivers the message', async () => {
    await rig.event(textEvent('601', 'tk-1', 'một'));
    await rig.until(() => rig.zalo.sentTo('601').length >= 1);
    expect(rig.zalo.sentTo('601')[0]!.accessToken).toBe('acc-env');

    rig.zalo.expireAccessTokens();
    await rig.event(textEvent('601', 'tk-2', 'hai'));
    await rig.until(() => rig.zalo.sentTo('601').length >= 2);
    const second = rig.zalo.sentTo('601')[1]!;
    expect(second.message.text).toBe('echo:hai');
    expect(second.accessToken).not.toBe('acc-env');
    expect(rig.zalo.tokenRequests).toEqual([{ app_id: APP_ID, grant_type: 'refresh_token', refresh_token: 'ref-env' }]);
    // The new pair is in the database; the spent refresh token is gone from it.
    const stored = await rig.store.call<{ access_token: string; refresh_token: string; generation: number }>('zalo_token_get', { app_id: APP_ID });
    expect(stored.access_token).toBe(second.accessToken);
    expect(stored.refresh_token).not.toBe('ref-env');
    expect(rig.zalo.validRefreshTokens.has(stored.refresh_token)).toBe(true);
    expect(stored.generation).toBe(2);
  });

  it('marks the contact unreachable for "not a follower" and does not retry', async () => {
    rig.zalo.userErrors.set('602', -213);
    await rig.event(textEvent('602', 'un-1', 'xin chào'));
    const sql = rig.store as unknown as Sql;
    await rig.until(async () => (await sql.query("select 1 from outbox where status = 'failed' and recipient = '602'")).length === 1);
    const [identity] = await sql.query<{ reachable: boolean; unreachable_reason: string }>(
      "select reachable, unreachable_reason from channel_identities where channel = 'zalo' and external_id = '602'");
    expect(identity).toEqual({ reachable: false, unreachable_reason: 'zalo_not_follower' });
    const [row] = await sql.query<{ attempts: number }>("select attempts from outbox where recipient = '602'");
    expect(row!.attempts).toBe(1);
    expect(rig.zalo.sentTo('602')).toHaveLength(0);
  });

  it('maps every documented code to its outcome', () => {
    expect(classifyZaloError(-216)).toEqual({ action: 'refresh_token' });
    expect(classifyZaloError(-220)).toEqual({ action: 'refresh_token' });
    expect(classifyZaloError(-32)).toMatchObject({ action: 'retry', pauseChannel: true });
    const reasons = [-213, -217, -227, -230, -232, -234, -244].map((c) => classifyZaloError(c));
    expect(reasons.map((r) => (r.action === 'unreachable' ? r.reason : r.action))).toEqual([
      'zalo_not_follower', 'zalo_blocked', 'zalo_inactive', 'zalo_outside_window', 'zalo_outside_window', 'zalo_night_time', 'zalo_restricted',
    ]);
    expect(classifyZaloError(-201)).toEqual({ action: 'failed' });
  });

  it('retries later on the rate-limit code and delivers once Zalo accepts', async () => {
    const { zalo, appId } = await freshZalo();
    const store = rig.store;
    const channel = new ZaloChannel(config(zalo, appId), store);
    zalo.nextErrors.push(-32);
    expect(await channel.send({ channel: 'zalo', chatId: '603' }, { text: 'a' })).toMatchObject({ status: 'retry', pauseChannel: true });
    expect(await channel.send({ channel: 'zalo', chatId: '603' }, { text: 'a' })).toMatchObject({ status: 'sent', platformMessageId: 'msg1' });
  });

  it('resumes a split message after the parts already delivered when a later part must be retried', async () => {
    const { zalo, appId } = await freshZalo();
    const store = rig.store;
    const channel = new ZaloChannel(config(zalo, appId), store);
    const text = ['một', 'hai', 'ba'].map((w) => `${w} `.repeat(300).trim()).join('\n\n');
    zalo.nextErrors.push(0, -32);
    const to = { channel: 'zalo' as const, chatId: '604', outboxId: 41 };
    expect(await channel.send(to, { text })).toMatchObject({ status: 'retry' });
    expect(await channel.send(to, { text })).toMatchObject({ status: 'sent' });
    expect(zalo.sentTo('604').map((m) => m.message.text!.split(' ')[0])).toEqual(['một', 'hai', 'ba']);
  });

  it('refreshes ahead of the stored expiry, and reports a refused refresh without losing the message', async () => {
    const { zalo, appId } = await freshZalo();
    const store = rig.store;
    let now = Date.now();
    const tokens = new ZaloTokens(config(zalo, appId), store, { clock: () => now });
    const first = await tokens.current();
    // A refreshed pair carries expires_in (25 h); 24 h 55 min later it is renewed before use.
    const renewed = await tokens.refresh(first.generation);
    expect(renewed.generation).toBe(2);
    now += (25 * 3600 - 5 * 60) * 1000;
    const ahead = await tokens.current();
    expect(ahead.generation).toBe(3);
    expect(zalo.tokenRequests).toHaveLength(2);

    // Someone spent the refresh token elsewhere: the send is retried later, the reason is recorded.
    zalo.validRefreshTokens.clear();
    zalo.expireAccessTokens();
    const channel = new ZaloChannel(config(zalo, appId), store);
    const result = await channel.send({ channel: 'zalo', chatId: '605' }, { text: 'a' });
    expect(result).toMatchObject({ status: 'retry' });
    expect(result.status === 'retry' && result.error).toMatch(/token refresh failed/);
    const status = await store.call<{ last_error: string; refreshing: boolean }>('zalo_token_get', { app_id: appId });
    expect(status.refreshing).toBe(false);
    expect(status.last_error).toMatch(/refresh_token is invalid/);
    expect(status.last_error).not.toContain(APP_SECRET);
  });

  it('lets only one of many processes spend the refresh token (PGlite)', async () => {
    await expectOneRefresh(rig.store);
  });

  it.skipIf(!TEST_DATABASE_URL)('lets only one of many processes spend the refresh token (PostgreSQL)', async () => {
    const store = (await postgresTestStore({ max: 12 }))!;
    cleanups.push(() => store.destroy());
    await expectOneRefresh(store);
  });
});

function config(zalo: FakeZalo, appId: string) {
  return testConfig({
    ZALO_APP_ID: appId,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_ACCESS_TOKEN: 'acc-env',
    ZALO_REFRESH_TOKEN: 'ref-env',
    ZALO_API_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    ZALO_RATE_PER_SECOND: '1000',
  });
}

/** Eight "processes" (token managers with their own worker ids) see -216 at once. */
async function expectOneRefresh(store: Store): Promise<void> {
  const { zalo, appId } = await freshZalo();
  const processes = Array.from({ length: 8 }, (_, i) => new ZaloTokens(config(zalo, appId), store, { workerId: `proc-${i}`, pollMs: 10 }));
  const first = await Promise.all(processes.map((p) => p.current()));
  expect(new Set(first.map((a) => a.accessToken))).toEqual(new Set(['acc-env']));
  zalo.expireAccessTokens();
  const renewed = await Promise.all(processes.map((p, i) => p.refresh(first[i]!.generation)));
  expect(zalo.tokenRequests.filter((r) => r.grant_type === 'refresh_token')).toHaveLength(1);
  expect(new Set(renewed.map((a) => a.accessToken)).size).toBe(1);
  expect(zalo.validAccessTokens.has(renewed[0]!.accessToken)).toBe(true);
}
