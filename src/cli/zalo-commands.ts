/**
 * `uom zalo auth --code <code> [--code-verifier <v>]`: exchanges an OA authorization code (from
 * the OA permission page, https://oauth.zaloapp.com/v4/oa/permission) for the first access and
 * refresh token pair and stores it in the database; from then on the bot refreshes it by itself.
 * `uom zalo token-status`: when the stored token expires and whether a refresh is under way
 * (never the tokens themselves).
 *
 * @example
 * uom zalo auth --code 'Abc…' --code-verifier 'xyz…'
 * uom zalo token-status
 */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { zaloTokenRequest } from '../bot/channels/zalo/oauth.js';
import { ZaloTokens } from '../bot/channels/zalo/tokens.js';
import type { Store } from '../store/store.js';
import { CommandError, runCommand } from '../command/context.js';
import { formatInstant } from '../clock/time-zone.js';

export interface ZaloTokenStatus {
  stored: boolean;
  generation?: number;
  accessExpiresAt?: string | null;
  refreshedAt?: string | null;
  refreshing?: boolean;
  lastError?: string | null;
}

function requireZalo(config: Config): void {
  const missing = (['ZALO_APP_ID', 'ZALO_APP_SECRET'] as const).filter((k) => !config[k]);
  if (missing.length > 0) throw new CommandError(`set ${missing.join(' and ')} first (see .env.example)`, 2);
}

/**
 * Exchanges an authorization code for the first token pair and stores it (replacing any pair).
 *
 * @example
 * const { generation, expiresInSeconds } = await zaloAuth(config, store, 'code', 'verifier');
 */
export async function zaloAuth(config: Config, store: Store, code: string, codeVerifier?: string): Promise<{ generation: number; expiresInSeconds: number | null }> {
  requireZalo(config);
  let pair;
  try {
    pair = await zaloTokenRequest(config, {
      grant_type: 'authorization_code',
      code,
      ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
    });
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  const generation = await new ZaloTokens(config, store).storePair(pair);
  return { generation, expiresInSeconds: pair.expiresInSeconds };
}

/**
 * The stored token's state, without the tokens.
 *
 * @example
 * const status = await zaloTokenStatus(config, store); // { stored: true, generation: 3, … }
 */
export async function zaloTokenStatus(config: Config, store: Store): Promise<ZaloTokenStatus> {
  const row = await store.call<{
    found: boolean; generation?: number; access_expires_at?: string | null; refreshed_at?: string | null;
    refreshing?: boolean; last_error?: string | null;
  }>('zalo_token_get', { app_id: config.ZALO_APP_ID ?? '' });
  if (!row.found) return { stored: false };
  return {
    stored: true,
    generation: row.generation!,
    accessExpiresAt: row.access_expires_at ?? null,
    refreshedAt: row.refreshed_at ?? null,
    refreshing: row.refreshing ?? false,
    lastError: row.last_error ?? null,
  };
}

/**
 * Adds `uom zalo auth` and `uom zalo token-status`.
 *
 * @example
 * registerZaloCommands(program);
 */
export function registerZaloCommands(program: Command): void {
  const zalo = program.command('zalo').description('Zalo Official Account');
  zalo
    .command('auth')
    .description('exchange an OA authorization code for the first access/refresh token pair')
    .requiredOption('--code <code>', 'the authorization code Zalo put on the callback URL')
    .option('--code-verifier <verifier>', 'the PKCE code verifier used when requesting the code')
    .action((options: { code: string; codeVerifier?: string }) =>
      runCommand(async ({ config, store }) => {
        const result = await zaloAuth(config, store, options.code, options.codeVerifier);
        const expiry = result.expiresInSeconds ? ` (access token valid for ${Math.round(result.expiresInSeconds / 3600)} h)` : '';
        console.log(`Zalo tokens stored, generation ${result.generation}${expiry}. The bot refreshes them from now on.`);
      }),
    );
  zalo
    .command('token-status')
    .description('show when the stored Zalo access token expires (never the token)')
    .action(() =>
      runCommand(async ({ config, store }) => {
        requireZalo(config);
        const status = await zaloTokenStatus(config, store);
        if (!status.stored) {
          console.log('No Zalo tokens stored yet: run `uom zalo auth --code <code>` or set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN.');
          return;
        }
        console.log(JSON.stringify({
          ...status,
          accessExpiresAt: status.accessExpiresAt ? formatInstant(status.accessExpiresAt) : null,
          refreshedAt: status.refreshedAt ? formatInstant(status.refreshedAt) : null,
        }, null, 2));
      }),
    );
}
