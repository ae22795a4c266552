/**
 * A loopback fake of PostgREST's RPC endpoint, backed by a real PGlite database, so the supabase
 * driver is tested through the real `@supabase/supabase-js` client.
 *
 * Follows PostgREST's documentation (docs.postgrest.org, "Functions as RPC" and "Errors"):
 * - `POST /rest/v1/rpc/<function>` with a JSON object of named arguments; the function's result
 *   is the response body (a jsonb result is returned as that JSON value);
 * - the `apikey` header and `Authorization: Bearer <jwt>` must carry the key (401 otherwise);
 * - request headers reach SQL as the transaction-local setting `request.headers`, a JSON object
 *   with lower-case names ("Transaction-Scoped Settings"), set before the function runs;
 * - errors are `{code, message, details, hint}` with the HTTP status PostgREST maps from the
 *   SQLSTATE: 23505/23503 → 409, 42501 → 403, P0001 → 400, `PTxxx` → xxx, 42883 → 404
 *   (PGRST202, function not found), otherwise 400.
 */
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { sendJson, startFakeServer, type FakeServer } from './http-server.js';

const FUNCTION = /^\/rest\/v1\/rpc\/([a-z_][a-z0-9_]*)$/;

function statusFor(code: string): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  if (code === '23505' || code === '23503') return 409;
  if (code === '42501') return 403;
  if (code === '42883') return 404;
  if (code.startsWith('08')) return 503;
  return 400;
}

export async function startFakePostgrest(store: PgliteStore, serviceRoleKey: string): Promise<FakeServer> {
  return startFakeServer(async (req, res) => {
    const match = FUNCTION.exec(req.path.split('?')[0] ?? '');
    if (req.method !== 'POST' || !match) {
      sendJson(res, 404, { code: 'PGRST125', message: 'Invalid path specified in request URL', details: null, hint: null });
      return;
    }
    if (req.headers.apikey !== serviceRoleKey || req.headers.authorization !== `Bearer ${serviceRoleKey}`) {
      sendJson(res, 401, { code: 'PGRST301', message: 'JWT invalid', details: null, hint: null });
      return;
    }
    let args: Record<string, unknown>;
    try {
      args = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    } catch {
      sendJson(res, 400, { code: 'PGRST102', message: 'Empty or invalid json', details: null, hint: null });
      return;
    }
    const names = Object.keys(args);
    if (names.some((n) => !/^[a-z_][a-z0-9_]*$/.test(n))) {
      sendJson(res, 400, { code: 'PGRST102', message: 'invalid argument name', details: null, hint: null });
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k.toLowerCase(), v]),
    );
    const params = [
      JSON.stringify(headers),
      ...names.map((n) => {
        const v = args[n];
        return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      }),
    ];
    const sql =
      `select public.${match[1]}(${names.map((n, i) => `${n} => $${i + 2}`).join(', ')}) as result` +
      ` from (select pg_catalog.set_config('request.headers', $1, true)) as request`;
    try {
      const rows = await store.db.query<{ result: unknown }>(sql, params);
      sendJson(res, 200, rows.rows[0]?.result ?? null);
    } catch (error) {
      const e = error as { code?: string; message?: string; detail?: string; hint?: string };
      const code = e.code ?? 'XX000';
      if (code === '42883') {
        sendJson(res, 404, {
          code: 'PGRST202',
          message: `Could not find the function public.${match[1]} in the schema cache`,
          details: null,
          hint: null,
        });
        return;
      }
      sendJson(res, statusFor(code), { code, message: e.message ?? 'error', details: e.detail ?? null, hint: e.hint ?? null });
    }
  });
}
