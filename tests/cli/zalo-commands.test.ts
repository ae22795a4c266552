/**
 * `uom zalo auth` and `uom zalo token-status` against the loopback Zalo OAuth fake and PGlite.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zaloAuth, zaloTokenStatus } from '../../src/cli/zalo-commands.js';
import { CommandError } from '../../src/command/context.js';
import { testConfig } from '../support/config.js';
import { pgliteTestStore } from '../support/stores.js';
import { startFakeZalo } from '../fakes/zalo-api.js';

import type { Store } from '../../src/store/store.js';

let store: Store;
beforeAll(async () => {
  store = await pgliteTestStore();
});
afterAll(async () => {
  await store.close();
});
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('uom zalo', () => {
  it('exchanges an authorization code (with PKCE verifier) for the first pair and reports it without tokens', async () => {
    const zalo = await startFakeZalo({ appId: 'app-1', appSecret: 'sec', accessToken: 'unused', refreshToken: 'unused', codes: { 'code-1': 'verifier-1' } });
    cleanups.push(() => zalo.close());
    const config = testConfig({ ZALO_APP_ID: 'app-1', ZALO_APP_SECRET: 'sec', ZALO_OA_SECRET_KEY: 'oa', ZALO_OAUTH_BASE: zalo.url });

    expect(await zaloTokenStatus(config, store)).toEqual({ stored: false });
    await expect(zaloAuth(config, store, 'code-1', 'wrong')).rejects.toThrow(CommandError);
    const result = await zaloAuth(config, store, 'code-1', 'verifier-1');
    expect(result).toEqual({ generation: 1, expiresInSeconds: 90000 });
    expect(zalo.tokenRequests.at(-1)).toEqual({ app_id: 'app-1', grant_type: 'authorization_code', code: 'code-1', code_verifier: 'verifier-1' });

    const status = await zaloTokenStatus(config, store);
    expect(status).toMatchObject({ stored: true, generation: 1, refreshing: false, lastError: null });
    expect(JSON.stringify(status)).not.toMatch(/acc-|ref-/);
    // The stored pair is the one Zalo issued and it works for refreshing.
    const stored = await store.call<{ refresh_token: string }>('zalo_token_get', { app_id: 'app-1' });
    expect(zalo.validRefreshTokens.has(stored.refresh_token)).toBe(true);
  });

  it('asks for the missing settings instead of calling Zalo', async () => {
    await expect(zaloAuth(testConfig(), store, 'c')).rejects.toThrow(/ZALO_APP_ID and ZALO_APP_SECRET/);
  });
});
