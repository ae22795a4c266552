/**
 * The Zalo OA access token, kept in the database (`zalo_tokens`) so every process shares one pair.
 * The environment's `ZALO_ACCESS_TOKEN`/`ZALO_REFRESH_TOKEN` are only the first pair, stored when
 * the database has none. Refresh tokens are single-use, so exactly one process refreshes: it takes
 * a lease with `zalo_token_begin_refresh`; the others wait for the new generation and reuse it.
 *
 * @example
 * const tokens = new ZaloTokens(config, store);
 * const { accessToken, generation } = await tokens.current();
 * // … Zalo said -216 (invalid token):
 * await tokens.refresh(generation);
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../../config.js';
import type { Store } from '../../../store/store.js';
import { zaloTokenRequest, ZaloOAuthError, type ZaloTokenPair } from './oauth.js';

export interface ZaloAccess {
  accessToken: string;
  generation: number;
}

interface StoredPair {
  found: boolean;
  access_token?: string;
  access_expires_at?: string | null;
  generation?: number;
  refreshing?: boolean;
}

type BeginRefresh =
  | { action: 'refresh'; refresh_token: string; generation: number }
  | { action: 'reuse'; access_token: string; generation: number }
  | { action: 'wait'; generation: number }
  | { action: 'missing' };

export interface ZaloTokensOptions {
  /** Refresh this long before the stored expiry (default 10 minutes). */
  refreshAheadMs?: number;
  /** How long a waiting process polls for another's refresh (default 30 s, the lease). */
  waitMs?: number;
  pollMs?: number;
  workerId?: string;
  clock?: () => number;
}

export class ZaloTokens {
  private cached: (ZaloAccess & { expiresAt: number | null }) | undefined;
  private inflight: Promise<ZaloAccess> | undefined;
  private readonly workerId: string;
  private readonly refreshAheadMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly config: Config,
    private readonly store: Store,
    options: ZaloTokensOptions = {},
  ) {
    this.workerId = options.workerId ?? `zalo-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.refreshAheadMs = options.refreshAheadMs ?? 10 * 60_000;
    this.waitMs = options.waitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 100;
    this.clock = options.clock ?? Date.now;
  }

  private get appId(): string {
    return this.config.ZALO_APP_ID ?? '';
  }

  /** The access token to use now; refreshes first when the stored one is about to expire. */
  async current(): Promise<ZaloAccess> {
    if (this.cached && (this.cached.expiresAt === null || this.cached.expiresAt - this.refreshAheadMs > this.clock())) {
      return { accessToken: this.cached.accessToken, generation: this.cached.generation };
    }
    let stored = await this.store.call<StoredPair>('zalo_token_get', { app_id: this.appId });
    if (!stored.found) {
      await this.seedFromEnvironment();
      stored = await this.store.call<StoredPair>('zalo_token_get', { app_id: this.appId });
      if (!stored.found) throw new ZaloOAuthError('ZALO_NO_TOKEN', 'No Zalo access token: run `uom zalo auth --code <code>` or set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN');
    }
    const expiresAt = stored.access_expires_at ? Date.parse(stored.access_expires_at) : null;
    this.cached = { accessToken: stored.access_token!, generation: Number(stored.generation), expiresAt };
    if (expiresAt !== null && expiresAt - this.refreshAheadMs <= this.clock()) return this.refresh(this.cached.generation);
    return { accessToken: this.cached.accessToken, generation: this.cached.generation };
  }

  /**
   * Replaces the token of `seenGeneration` (the one Zalo rejected). Concurrent callers in this
   * process share one attempt; other processes coordinate through the database lease.
   */
  async refresh(seenGeneration: number): Promise<ZaloAccess> {
    this.inflight ??= this.refreshOnce(seenGeneration).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Stores a pair obtained outside the refresh loop (`uom zalo auth`), replacing any other. */
  async storePair(pair: ZaloTokenPair): Promise<number> {
    const result = await this.store.call<{ generation: number }>('zalo_token_store', {
      app_id: this.appId,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in_seconds: pair.expiresInSeconds,
      replace: true,
    });
    this.cached = undefined;
    return result.generation;
  }

  private async seedFromEnvironment(): Promise<void> {
    const { ZALO_ACCESS_TOKEN, ZALO_REFRESH_TOKEN } = this.config;
    if (!ZALO_ACCESS_TOKEN || !ZALO_REFRESH_TOKEN) return;
    await this.store.call('zalo_token_store', {
      app_id: this.appId,
      access_token: ZALO_ACCESS_TOKEN,
      refresh_token: ZALO_REFRESH_TOKEN,
      replace: false,
    });
  }

  private async refreshOnce(seenGeneration: number): Promise<ZaloAccess> {
    const deadline = this.clock() + this.waitMs;
    for (;;) {
      const step = await this.store.call<BeginRefresh>('zalo_token_begin_refresh', {
        app_id: this.appId,
        worker: this.workerId,
        seen_generation: seenGeneration,
        lease_seconds: Math.ceil(this.waitMs / 1000),
      });
      if (step.action === 'missing') {
        await this.seedFromEnvironment();
        throw new ZaloOAuthError('ZALO_NO_TOKEN', 'No Zalo token pair stored to refresh');
      }
      if (step.action === 'reuse') return this.remember(step.access_token, step.generation, null);
      if (step.action === 'refresh') return this.spend(step.refresh_token);
      if (this.clock() > deadline) throw new ZaloOAuthError('ZALO_REFRESH_TIMEOUT', 'Another process is still refreshing the Zalo token');
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private async spend(refreshToken: string): Promise<ZaloAccess> {
    let pair: ZaloTokenPair;
    try {
      pair = await zaloTokenRequest(this.config, { grant_type: 'refresh_token', refresh_token: refreshToken });
    } catch (error) {
      await this.store.call('zalo_token_abort_refresh', { app_id: this.appId, worker: this.workerId, error: (error as Error).message });
      throw error;
    }
    const stored = await this.store.call<{ stored: boolean; generation?: number }>('zalo_token_finish_refresh', {
      app_id: this.appId,
      worker: this.workerId,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in_seconds: pair.expiresInSeconds,
    });
    if (!stored.stored) throw new ZaloOAuthError('ZALO_LEASE_LOST', 'The Zalo token refresh lease expired before the new pair was stored');
    return this.remember(pair.accessToken, stored.generation!, pair.expiresInSeconds);
  }

  private remember(accessToken: string, generation: number, expiresInSeconds: number | null): ZaloAccess {
    const expiresAt = expiresInSeconds === null ? null : this.clock() + expiresInSeconds * 1000;
    this.cached = { accessToken, generation: Number(generation), expiresAt };
    return { accessToken, generation: Number(generation) };
  }
}
