/**
 * A running server with the staff console for tests, and helpers that sign in the way a staff
 * member does: ask for a link, read it from the message the bot queued for their Telegram chat,
 * and use it (a POST, as the page's button does).
 *
 * @example
 * const c = await consoleServer();
 * const admin = await signInByLink(c, '111', 'admin');
 */
import { createLogger } from '../../../src/logger.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { testConfig } from '../../support/config.js';
import { pgliteTestStore } from '../../support/stores.js';

export interface ConsoleServer {
  server: RunningServer;
  store: PgliteStore;
  url: string;
  close(): Promise<void>;
}

/** Starts the server on a fresh PGlite (workers on unless told otherwise). */
export async function consoleServer(options: { env?: Record<string, string>; startWorkers?: boolean; senderBatch?: number; clock?: () => Date; console?: Record<string, number> } = {}): Promise<ConsoleServer> {
  const store = await pgliteTestStore(options.clock ? { clock: options.clock } : {});
  const server = await startServer(testConfig({ POLL_INTERVAL_MS: '20', ...options.env }), {
    store, log: createLogger({ level: 'silent' }), startWorkers: options.startWorkers ?? false, console: { liveIntervalMs: 100, ...options.console },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.senderBatch ? { sender: { batchSize: options.senderBatch } } : {}),
  });
  return {
    server, store, url: server.url,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  setCookie: string;
}

/** Asks for a sign-in link for a Telegram id; returns the token the bot would have sent, or null. */
export async function requestLink(c: ConsoleServer, telegram: string): Promise<string | null> {
  const before = await c.store.query<{ n: number }>("select count(*)::int as n from public.outbox where dedupe_key like 'console:link:%'");
  const res = await fetch(`${c.url}/staff/sign-in/link`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ telegram }), redirect: 'manual',
  });
  if (res.status !== 200) throw new Error(`link request answered ${res.status}`);
  const rows = await c.store.query<{ recipient: string; payload: { text: string } }>(
    "select recipient, payload from public.outbox where dedupe_key like 'console:link:%' order by id desc limit 1");
  const after = await c.store.query<{ n: number }>("select count(*)::int as n from public.outbox where dedupe_key like 'console:link:%'");
  if (after[0]!.n === before[0]!.n) return null;
  if (rows[0]!.recipient !== telegram) throw new Error('the link went to another chat');
  return /token=([A-Za-z0-9_-]+)/.exec(rows[0]!.payload.text)![1]!;
}

/** Uses a link token as the page's button does; returns the response. */
export function useLink(c: ConsoleServer, token: string): Promise<Response> {
  return fetch(`${c.url}/staff/link`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }), redirect: 'manual',
  });
}

/** The cookie pair (`name=value`) of a Set-Cookie header. */
export function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

/** Reads the CSRF token a console page carries. */
export async function csrfOf(c: ConsoleServer, cookie: string): Promise<string> {
  const res = await fetch(`${c.url}/staff/inbox`, { headers: { cookie, accept: 'text/html' } });
  const text = await res.text();
  const m = /name="csrf-token" content="([^"]+)"/.exec(text);
  if (!m) throw new Error(`no CSRF token on the inbox page (${res.status})`);
  return m[1]!;
}

/** Adds a staff member and signs them in by link. */
export async function signInByLink(c: ConsoleServer, telegram: string, role: 'staff' | 'admin', name = `Staff ${telegram}`): Promise<Session> {
  await c.store.call('staff_add', { telegram_user_id: telegram, role, display_name: name });
  const token = await requestLink(c, telegram);
  if (!token) throw new Error('no link was sent');
  const res = await useLink(c, token);
  const setCookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !setCookie) throw new Error(`sign-in answered ${res.status}`);
  const cookie = cookiePair(setCookie);
  return { cookie, setCookie, csrf: await csrfOf(c, cookie) };
}

/** Posts a console form with the session (and its CSRF token unless `csrf: false`). */
export function postForm(c: ConsoleServer, path: string, session: Session | null, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}): Promise<Response> {
  const body = new URLSearchParams(fields);
  if (session && options.csrf !== false) body.set('csrf', session.csrf);
  return fetch(`${c.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(session ? { cookie: session.cookie } : {}) },
    body,
  });
}

/** A consented founder on `channel` with an open ticket (as the handoff opens one); returns the ids. */
export async function openTicket(
  c: Pick<ConsoleServer, 'store'>, channel: 'web' | 'telegram' | 'zalo', chatId: string, options: { category?: string; locale?: 'vi' | 'en'; summary?: string } = {},
): Promise<{ ticketId: number; number: number; contactId: number; conversationId: number }> {
  const locale = options.locale ?? 'vi';
  const ids = await c.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel, chat_id: chatId, user_id: chatId, locale });
  await c.store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel, locale } });
  const opened = await c.store.call<{ ticket_id: number; number: number }>('fx_ticket_open', {
    args: { conversation_id: ids.conversation_id, contact_id: ids.contact_id, inbox_id: 0, category: options.category ?? 'programme', reason: 'requested', summary: options.summary ?? 'Cần tư vấn', locale },
  });
  return { ticketId: opened.ticket_id, number: opened.number, contactId: ids.contact_id, conversationId: ids.conversation_id };
}
