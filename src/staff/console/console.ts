/**
 * The staff console at `/staff`, mounted on the bot's own HTTP server. One dispatcher checks
 * every request the same way before a page sees it: a database session from the HttpOnly cookie
 * (none → redirect to sign-in for pages, 401 otherwise), the route's role (staff or admin → 403),
 * and for every POST the session's CSRF token (→ 403). The SQL functions check the session and
 * role again (console_require), so a route that forgot would still be refused.
 *
 * @example
 * mountConsole(bot.http, bot.services);           // http://localhost:3000/staff
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Services } from '../../bot/services.js';
import type { HttpReply, HttpRequest, HttpRouter } from '../../http/router.js';
import { StoreError } from '../../store/errors.js';
import type { SqlFunctionName } from '../../store/store.js';
import { loadSurveys, type Survey } from '../../flows/surveys/schema.js';
import { loadCannedReplies, type CannedReplies } from '../workspace/canned.js';
import { readCookie, sameSecret, sessionCookieName, tokenHash } from './auth.js';
import {
  consoleLocale, consoleTranslator, DEFAULT_CONSOLE_OPTIONS,
  type ConsoleContext, type ConsoleDeps, type ConsoleOptions, type ConsoleRole, type StaffIdentity,
} from './context.js';
import { mountConsoleFiles } from './files.js';
import { html } from './html.js';
import { bareDocument, pageHeaders } from './layout.js';
import { applicationRoutes } from './pages/applications.js';
import { bookingRoutes } from './pages/bookings.js';
import { broadcastRoutes } from './pages/broadcasts.js';
import { dashboardRoutes } from './pages/dashboard.js';
import { founderRoutes } from './pages/founders.js';
import { surveyRoutes } from './pages/surveys.js';
import { adminRoutes } from './pages/admin.js';
import { inboxRoutes } from './pages/inbox.js';
import { knowledgeRoutes } from './pages/knowledge.js';
import { signInRoutes } from './pages/sign-in.js';
import { centreTimeZone, timeFormatter } from './time.js';

/** A page or action of the console. Public routes get a context without a staff member. */
export interface ConsoleRoute {
  method: 'GET' | 'POST';
  path: RegExp;
  /** 'public' (sign-in pages), 'staff' or 'admin'. */
  role: 'public' | ConsoleRole;
  handler(ctx: ConsoleContext, match: RegExpExecArray): Promise<HttpReply | undefined>;
}

const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const ASSET_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Every route of the console, in match order. */
export function consoleRoutes(): ConsoleRoute[] {
  return [...signInRoutes(), ...inboxRoutes(), ...founderRoutes(), ...applicationRoutes(), ...bookingRoutes(), ...broadcastRoutes(), ...surveyRoutes(), ...knowledgeRoutes(), ...dashboardRoutes(), ...adminRoutes()];
}

/** A reply that redirects (303: the browser follows with GET). */
export function redirect(location: string, headers: Record<string, string> = {}): HttpReply {
  return { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } };
}

/** An HTML page reply with the console's security headers. */
export function htmlReply(body: string, status = 200, headers: Record<string, string> = {}): HttpReply {
  return { status, html: body, headers: { ...pageHeaders(), ...headers } };
}

function wantsHtml(req: HttpRequest): boolean {
  return req.method === 'GET' && (req.header('accept') ?? '').includes('text/html');
}

function errorPage(ctx: Pick<ConsoleContext, 'locale' | 't'>, status: number, text: string): HttpReply {
  return htmlReply(bareDocument(ctx.locale, String(status), html`<h1>${status}</h1><p class="error" data-code="${status}">${text}</p><p><a href="/staff/inbox">Ươm</a></p>`, ctx.t), status);
}

async function readForm(req: HttpRequest): Promise<URLSearchParams | FormData> {
  const type = req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    return new Request('http://console.local/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
  }
  // A raw upload (one file per request, for a progress bar): the body is the file, not a form.
  if (type.startsWith('application/octet-stream')) return new URLSearchParams();
  return new URLSearchParams(req.body.toString('utf8'));
}

function sqlState(error: unknown): string | undefined {
  return error instanceof StoreError ? error.sqlState : undefined;
}

/**
 * Registers the console's routes and assets on the HTTP router.
 *
 * @example
 * mountConsole(http, services, { sessionSeconds: 3600 });
 */
export function mountConsole(http: HttpRouter, services: Services, overrides: Partial<ConsoleOptions> = {}): ConsoleDeps {
  const options = { ...DEFAULT_CONSOLE_OPTIONS, ...overrides };
  let canned: CannedReplies | undefined;
  let surveys: ReadonlyMap<string, Survey> | undefined;
  const deps: ConsoleDeps = {
    canned: () => (canned ??= loadCannedReplies(services.config.CONTENT_DIR)),
    surveys: () => (surveys ??= loadSurveys(services.config.CONTENT_DIR)),
    services,
    options,
    zone: centreTimeZone(services.config),
    publicUrl: (req) => services.config.PUBLIC_URL?.replace(/\/+$/, '') ?? `http://${req.header('host') ?? 'localhost'}`,
    secure: (req) => (services.config.PUBLIC_URL ?? '').startsWith('https://') || req.header('x-forwarded-proto') === 'https',
  };
  const routes = consoleRoutes();
  const assets = new Map<string, { body: string; type: string }>();
  for (const name of ['console.css', 'console.js']) {
    assets.set(name, { body: readFileSync(join(ASSETS_DIR, name), 'utf8'), type: ASSET_TYPES[name.slice(name.lastIndexOf('.'))]! });
  }

  http.get('/staff/assets/', async (req) => {
    const asset = assets.get(req.url.pathname.slice('/staff/assets/'.length));
    if (!asset) return { status: 404, text: 'not found' };
    return { status: 200, text: asset.body, headers: { 'content-type': asset.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } };
  }, { prefix: true });

  const handle = async (req: HttpRequest, res: ServerResponse): Promise<HttpReply | undefined> => {
    const locale = consoleLocale(req);
    const t = consoleTranslator(services, locale);
    const fmt = timeFormatter(deps.zone, locale);
    const path = req.url.pathname.replace(/\/+$/, '') || '/';
    const matching = routes.map((r) => ({ r, m: r.path.exec(path) })).filter((x): x is { r: ConsoleRoute; m: RegExpExecArray } => x.m !== null);
    const found = matching.find((x) => x.r.method === req.method);
    if (!found) return errorPage({ locale, t }, matching.length > 0 ? 405 : 404, t('console.error.not_found'));
    const { r: route, m: match } = found;
    const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams();
    const langCookie = req.url.searchParams.get('lang') === locale ? { 'set-cookie': `uom_lang=${locale}; Path=/staff; SameSite=Strict; Max-Age=31536000` } : undefined;

    const base = { req, res, deps, locale, t, fmt, form } as const;
    if (route.role === 'public') {
      const ctx = { ...base, staff: undefined as unknown as StaffIdentity, session: '', csrf: '', call: () => Promise.reject(new Error('no session')) };
      return withHeaders(await route.handler(ctx as ConsoleContext, match), langCookie);
    }

    const cookie = readCookie(req.header('cookie'), sessionCookieName(deps.secure(req)));
    const unauthorized = (): HttpReply =>
      wantsHtml(req) ? redirect('/staff/sign-in') : { status: 401, json: { error: 'unauthorized', message: 'Sign in first' } };
    if (!cookie) return unauthorized();
    const session = tokenHash(cookie);
    let who: { staff: StaffIdentity; csrf: string };
    try {
      who = await services.store.call('console_session', { session, role: route.role });
    } catch (error) {
      if (sqlState(error) === 'PT401') return unauthorized();
      if (sqlState(error) === 'PT403') return errorPage({ locale, t }, 403, t('console.error.forbidden'));
      throw error;
    }
    if (req.method === 'POST') {
      const given = req.header('x-csrf-token') ?? (typeof form.get('csrf') === 'string' ? (form.get('csrf') as string) : '');
      if (!sameSecret(given, who.csrf)) return errorPage({ locale, t }, 403, t('console.error.csrf'));
    }
    const ctx: ConsoleContext = {
      ...base,
      staff: who.staff,
      session,
      csrf: who.csrf,
      call: <T>(fn: SqlFunctionName, args: Record<string, unknown> = {}) => services.store.call<T>(fn, { session, ...args }),
    };
    try {
      return withHeaders(await route.handler(ctx, match), langCookie);
    } catch (error) {
      const state = sqlState(error);
      if (state === 'PT401') return unauthorized();
      if (state === 'PT403') return errorPage(ctx, 403, t('console.error.forbidden'));
      if (state === 'PT404') return errorPage(ctx, 404, t('console.error.not_found'));
      if (state === 'PT422' || state === 'PT409') return errorPage(ctx, state === 'PT409' ? 409 : 400, t('console.error.bad_input', { detail: (error as Error).message }));
      throw error;
    }
  };

  mountConsoleFiles(http, services);
  const bodyLimit = options.maxUploadBytes + 1024 * 1024;
  http.get('/staff', handle, { prefix: true });
  http.post('/staff', handle, { prefix: true, bodyLimit });
  return deps;
}

function withHeaders(reply: HttpReply | undefined, headers: Record<string, string> | undefined): HttpReply | undefined {
  if (!reply || !headers) return reply;
  const merged = { ...reply.headers };
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'set-cookie' && merged[k]) continue; // a sign-in cookie wins; the language is kept by ?lang
    merged[k] = v;
  }
  return { ...reply, headers: merged };
}
