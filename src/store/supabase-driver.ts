/**
 * The Supabase driver: `@supabase/supabase-js` calling our SQL functions through PostgREST
 * (`POST /rest/v1/rpc/<fn>`) with the service-role key. Migrations are not run through it
 * (PostgREST cannot run DDL): use `supabase db push` or `uom db migrate` with `DATABASE_URL`.
 *
 * @example
 * const store = openSupabase({ url: 'https://abcd.supabase.co', serviceRoleKey: key });
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { toStoreError, UnavailableError } from './errors.js';
import { clockSetting, rpcArgs, systemClock, type Clock, type Store } from './store.js';

/**
 * The request header carrying the caller's clock. PostgREST exposes request headers to SQL as the
 * transaction-local setting `request.headers` (JSON, lower-case names), which `public.uom_now()`
 * reads when `uom.now` is not set.
 */
export const CLOCK_HEADER = 'x-uom-now';

export interface SupabaseOptions {
  url: string;
  serviceRoleKey: string;
  /** A fetch implementation (tests may pass one); the global fetch by default. */
  fetch?: typeof fetch;
  /** The clock calls run at (`public.uom_now()`); the machine's clock by default. */
  clock?: Clock;
}

export class SupabaseStore implements Store {
  readonly kind = 'supabase' as const;
  constructor(
    readonly client: SupabaseClient,
    readonly clock: Clock = systemClock,
  ) {}

  withClock(clock: Clock): SupabaseStore {
    return new SupabaseStore(this.client, clock);
  }

  async call<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T> {
    const now = clockSetting(this.clock);
    let response;
    try {
      response = await this.client.rpc(fn, rpcArgs(args)).setHeader(CLOCK_HEADER, now);
    } catch (error) {
      throw new UnavailableError('UNAVAILABLE', `Supabase unreachable: ${(error as Error).message}`);
    }
    if (response.error) {
      const { code, message } = response.error;
      // supabase-js reports network failures as an error without a SQLSTATE.
      if (!code) throw new UnavailableError('UNAVAILABLE', message || 'Supabase unreachable');
      throw toStoreError({ code, message });
    }
    return response.data as T;
  }

  async ping(): Promise<boolean> {
    try {
      await this.call('uom_ping');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.removeAllChannels();
  }
}

/** Creates the client; Node 20 has no global WebSocket, so `ws` is given to the realtime client. */
export function openSupabase(options: SupabaseOptions): SupabaseStore {
  const client = createClient(options.url, options.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    global: options.fetch ? { fetch: options.fetch } : {},
  });
  return new SupabaseStore(client, options.clock);
}
