/**
 * Shared set-up for the Zalo channel tests: the fake Zalo servers, a server on a fresh PGlite
 * store (answering with the predictable echo feature unless told otherwise), and a helper that posts signed webhook events the way Zalo does.
 */
import { startServer, type RunningServer } from '../../../../src/server.js';
import { zaloMac } from '../../../../src/bot/channels/zalo/signature.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';
import { startFakeZalo, type FakeZalo } from '../../../fakes/zalo-api.js';
import type { Store } from '../../../../src/store/store.js';
import type { Feature } from '../../../../src/bot/router.js';
import { echoFeature } from './echo-feature.js';

export const APP_ID = '3608465249409039670';
export const OA_SECRET = 'oa-secret-key-for-tests';
export const APP_SECRET = 'app-secret-for-tests';

export interface ZaloRig {
  zalo: FakeZalo;
  server: RunningServer;
  store: Store;
  /** Posts a raw body with a correct signature (or the given header). */
  post(body: string, signature?: string | null): Promise<Response>;
  /** Posts an event object; `timestamp` is added when absent. */
  event(event: Record<string, unknown>): Promise<Response>;
  /** Waits (without a time assertion) until `check` holds; fails after many rounds. */
  until(check: () => boolean | Promise<boolean>): Promise<void>;
  close(): Promise<void>;
}

let ts = 1_700_000_000_000;

export async function startZaloRig(env: Record<string, string> = {}, features: Feature[] = [echoFeature]): Promise<ZaloRig> {
  const zalo = await startFakeZalo({ appId: APP_ID, appSecret: APP_SECRET, accessToken: 'acc-env', refreshToken: 'ref-env' });
  const store = await pgliteTestStore();
  const config = testConfig({
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_ACCESS_TOKEN: 'acc-env',
    ZALO_REFRESH_TOKEN: 'ref-env',
    ZALO_API_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    ZALO_RATE_PER_SECOND: '1000',
    POLL_INTERVAL_MS: '20',
    // The fixed 2023 timestamps below are far from now: freshness has its own test.
    ZALO_EVENT_MAX_AGE_SECONDS: '10000000000',
    ...env,
  });
  const server = await startServer(config, { store, features });
  const post = (body: string, signature?: string | null) => {
    const timestamp = /"timestamp"\s*:\s*"?(\d+)/.exec(body)?.[1] ?? '';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const mac = signature === undefined ? `mac=${zaloMac(APP_ID, Buffer.from(body), timestamp, OA_SECRET)}` : signature;
    if (mac !== null) headers['x-zevent-signature'] = mac;
    return fetch(`${server.url}/zalo/webhook`, { method: 'POST', headers, body });
  };
  return {
    zalo,
    server,
    store,
    post,
    event: (event) => post(JSON.stringify({ app_id: APP_ID, timestamp: String(++ts), ...event })),
    async until(check) {
      for (let i = 0; i < 1000; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('condition not reached');
    },
    async close() {
      await server.close();
      await zalo.close();
      await store.close();
    },
  };
}

/** A `user_send_text` event as Zalo sends it. */
export function textEvent(userId: string, msgId: string, text: string): Record<string, unknown> {
  return {
    event_name: 'user_send_text',
    sender: { id: userId },
    recipient: { id: '579745863508352884' },
    user_id_by_app: '552177279717587730',
    message: { msg_id: msgId, text },
  };
}
