/**
 * Security of the staff console: every route refuses without a session (pages redirect to the
 * sign-in, everything else answers 401), admin routes refuse a staff session (403), every POST
 * refuses without the CSRF token (403); a used or expired sign-in link is refused; an unknown
 * Telegram id gets no link; sign-in attempts are rate limited; cookies carry HttpOnly,
 * SameSite=Strict and (over https) Secure; the SQL functions check the session themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../../src/staff/console/console.js';
import { hashPassword, verifyPassword } from '../../../src/staff/console/auth.js';
import { inviteStaff } from '../../../src/staff/console/invite.js';
import { testConfig } from '../../support/config.js';
import {
  consoleServer, cookiePair, csrfOf, openTicket, postForm, requestLink, signInByLink, useLink,
  type ConsoleServer, type Session,
} from './support.js';

let c: ConsoleServer;
let staff: Session;
let admin: Session;
let ticketNumber: number;

/** One concrete path per route (the test below fails if a route has none). */
const SAMPLES = ['/staff', '/staff/sign-in', '/staff/sign-in/link', '/staff/link', '/staff/sign-in/password', '/staff/invite', '/staff/sign-out',
  '/staff/inbox', '/staff/events', '/staff/tickets/1', '/staff/tickets/1/claim', '/staff/tickets/1/reply', '/staff/tickets/1/resolve',
  '/staff/applications', '/staff/applications/1/status', '/staff/audit', '/staff/audit.csv', '/staff/sessions', '/staff/sessions/1/revoke',
  '/staff/broadcasts', '/staff/broadcasts/audience', '/staff/broadcasts/1', '/staff/broadcasts/1/cancel', '/staff/broadcasts/1.csv',
  '/staff/surveys', '/staff/surveys/support-needs.csv', '/staff/dashboard', '/staff/dashboard/tickets.csv',
  '/staff/founders', '/staff/founders/1', '/staff/founders/1/erase',
  '/staff/bookings', '/staff/bookings.csv', '/staff/bookings/1/cancel', '/staff/knowledge', '/staff/knowledge/upload', '/staff/knowledge/remove'];

const guarded = () => consoleRoutes().filter((r) => r.role !== 'public').map((r) => ({ ...r, sample: SAMPLES.find((p) => r.path.test(p))! }));

beforeAll(async () => {
  c = await consoleServer();
  staff = await signInByLink(c, '2001', 'staff', 'Lan');
  admin = await signInByLink(c, '2002', 'admin', 'Minh');
  ticketNumber = (await openTicket(c, 'web', 'web-security-session-0001')).number;
});
afterAll(async () => c?.close());

describe('console routes', () => {
  it('has a sample path for every route', () => {
    for (const route of consoleRoutes()) expect(SAMPLES.some((p) => route.path.test(p)), String(route.path)).toBe(true);
  });

  it('refuses every guarded route without a session: pages redirect to sign-in, the rest 401', async () => {
    const routes = guarded();
    expect(routes.length).toBeGreaterThanOrEqual(11);
    for (const route of routes) {
      if (route.method === 'GET') {
        const page = await fetch(`${c.url}${route.sample}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
        expect([route.sample, page.status, page.headers.get('location')]).toEqual([route.sample, 303, '/staff/sign-in']);
        const api = await fetch(`${c.url}${route.sample}`, { redirect: 'manual' });
        expect([route.sample, api.status]).toEqual([route.sample, 401]);
      } else {
        const res = await postForm(c, route.sample, null, { csrf: 'x' });
        expect([route.sample, res.status]).toEqual([route.sample, 401]);
      }
    }
  });

  it('refuses a forged or revoked cookie like no cookie', async () => {
    const forged = await fetch(`${c.url}/staff/inbox`, { headers: { cookie: 'uom_staff=forged-value' }, redirect: 'manual' });
    expect(forged.status).toBe(401);
  });

  it('refuses admin routes to a staff session (403) and lets an admin in', async () => {
    const adminRoutes = guarded().filter((r) => r.role === 'admin');
    expect(adminRoutes.map((r) => r.sample)).toEqual(expect.arrayContaining(['/staff/audit', '/staff/audit.csv', '/staff/sessions', '/staff/broadcasts',
      '/staff/knowledge/upload', '/staff/knowledge/remove']));
    for (const route of adminRoutes) {
      const res = route.method === 'GET'
        ? await fetch(`${c.url}${route.sample}`, { headers: { cookie: staff.cookie }, redirect: 'manual' })
        : await postForm(c, route.sample, staff);
      expect([route.sample, res.status]).toEqual([route.sample, 403]);
    }
    const audit = await fetch(`${c.url}/staff/audit`, { headers: { cookie: admin.cookie } });
    expect(audit.status).toBe(200);
  });

  it('refuses every POST without the CSRF token (403) and with a wrong one', async () => {
    for (const route of guarded().filter((r) => r.method === 'POST')) {
      const session = route.role === 'admin' ? admin : staff;
      const without = await postForm(c, route.sample.replace('/1/', `/${ticketNumber}/`), session, {}, { csrf: false });
      expect([route.sample, without.status]).toEqual([route.sample, 403]);
      const wrong = await postForm(c, route.sample.replace('/1/', `/${ticketNumber}/`), session, { csrf: 'not-the-token' }, { csrf: false });
      expect([route.sample, wrong.status]).toEqual([route.sample, 403]);
    }
    // Nothing happened to the ticket.
    const rows = await c.store.query<{ n: number }>("select count(*)::int as n from public.ticket_messages where author <> 'system'");
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses the new pages\' actions without CSRF even as a raw upload, and serves reply files only by a valid link', async () => {
    const raw = await fetch(`${c.url}/staff/knowledge/upload`, {
      method: 'POST', redirect: 'manual', body: '# x', headers: { cookie: admin.cookie, 'content-type': 'application/octet-stream', 'x-file-name': 'x.md' },
    });
    expect(raw.status).toBe(403);
    const docs = await c.store.query<{ n: number }>('select count(*)::int as n from public.kb_documents');
    expect(docs[0]!.n).toBe(0);
    for (const path of ['/files/console/short', `/files/console/${'a'.repeat(43)}/x.pdf`, `/files/console/${'a'.repeat(43)}/../../etc/passwd`]) {
      expect([path, (await fetch(`${c.url}${path}`)).status]).toEqual([path, 404]);
    }
  });

  it('serves pages with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${c.url}/staff/inbox`, { headers: { cookie: staff.cookie } });
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('signing in', () => {
  it('sets a session cookie with HttpOnly, SameSite=Strict, an expiry, and no Secure over plain http', () => {
    const flags = staff.setCookie.split(';').map((p) => p.trim());
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(flags.some((f) => /^Max-Age=\d+$/.test(f) && Number(f.slice(8)) > 0)).toBe(true);
    expect(flags).not.toContain('Secure');
  });

  it('adds Secure and the __Host- prefix when served over https', async () => {
    const https = await consoleServer({ env: { PUBLIC_URL: 'https://uom.example.vn' } });
    try {
      await https.store.call('staff_add', { telegram_user_id: '3001', role: 'staff' });
      const token = await requestLink(https, '3001');
      const payload = await https.store.query<{ payload: { text: string } }>("select payload from public.outbox where dedupe_key like 'console:link:%'");
      expect(payload[0]!.payload.text).toContain('https://uom.example.vn/staff/link?token=');
      const res = await useLink(https, token!);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie.startsWith('__Host-uom_staff=')).toBe(true);
      expect(cookie.split(';').map((p) => p.trim())).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
    } finally {
      await https.close();
    }
  });

  it('sends no link to an unknown Telegram id, with the same answer', async () => {
    const before = await c.store.query<{ n: number }>('select count(*)::int as n from public.outbox');
    expect(await requestLink(c, '999999')).toBeNull();
    const after = await c.store.query<{ n: number }>('select count(*)::int as n from public.outbox');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('sends the link to the staff member\'s own Telegram chat and refuses it the second time', async () => {
    await c.store.call('staff_add', { telegram_user_id: '2003', role: 'staff' });
    const token = (await requestLink(c, '2003'))!;
    // Opening the link (GET, as a link preview would) does not use it.
    const preview = await fetch(`${c.url}/staff/link?token=${token}`);
    expect(preview.status).toBe(200);
    expect((await useLink(c, token)).status).toBe(303);
    const again = await useLink(c, token);
    expect(again.status).toBe(400);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('data-code="invalid_link"');
  });

  it('refuses an expired link', async () => {
    await c.store.call('staff_add', { telegram_user_id: '2004', role: 'staff' });
    const token = (await requestLink(c, '2004'))!;
    await c.store.exec("update public.staff_tokens set expires_at = created_at - interval '1 second' where kind = 'login' and used_at is null");
    const res = await useLink(c, token);
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('rate limits link requests per Telegram id', async () => {
    await c.store.call('staff_add', { telegram_user_id: '2005', role: 'staff' });
    const sent: (string | null)[] = [];
    for (let i = 0; i < 7; i++) sent.push(await requestLink(c, '2005'));
    expect(sent.filter(Boolean)).toHaveLength(5);
  });

  it('signs in with e-mail and the password chosen through an invitation; wrong passwords are rate limited', async () => {
    const invite = await inviteStaff(c.store, testConfig(), { email: 'thu@trungtam.vn', role: 'staff', name: 'Thu' });
    const token = new URL(invite.url).searchParams.get('token')!;
    const short = await postForm(c, '/staff/invite', null, { token, password: 'short' });
    expect(short.status).toBe(400);
    const set = await postForm(c, '/staff/invite', null, { token, password: 'một mật khẩu dài đủ' });
    expect(set.status).toBe(303);
    const stored = await c.store.query<{ password_hash: string }>("select password_hash from public.staff_members where email = 'thu@trungtam.vn'");
    expect(stored[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored[0]!.password_hash).not.toContain('một');

    const ok = await postForm(c, '/staff/sign-in/password', null, { email: 'THU@trungtam.vn', password: 'một mật khẩu dài đủ' });
    expect(ok.status).toBe(303);
    const cookie = cookiePair(ok.headers.get('set-cookie')!);
    expect(await csrfOf(c, cookie)).toMatch(/.{20,}/);

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await postForm(c, '/staff/sign-in/password', null, { email: 'thu@trungtam.vn', password: `wrong ${i}` })).status);
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429); // 10 per 15 minutes, the successful one included
    const even = await postForm(c, '/staff/sign-in/password', null, { email: 'thu@trungtam.vn', password: 'một mật khẩu dài đủ' });
    expect(even.status).toBe(429);
  });

  it('signs out: the cookie no longer works; an admin can revoke another session', async () => {
    const lan = await signInByLink(c, '2006', 'staff', 'Lan B');
    expect((await postForm(c, '/staff/sign-out', lan)).status).toBe(303);
    expect((await fetch(`${c.url}/staff/inbox`, { headers: { cookie: lan.cookie }, redirect: 'manual' })).status).toBe(401);

    const other = await signInByLink(c, '2007', 'staff', 'Hoa');
    const sessions = await fetch(`${c.url}/staff/sessions`, { headers: { cookie: admin.cookie } });
    const ids = [...(await sessions.text()).matchAll(/data-session="(\d+)"/g)].map((m) => Number(m[1]));
    const newest = Math.max(...ids);
    expect((await postForm(c, `/staff/sessions/${newest}/revoke`, admin)).status).toBe(303);
    expect((await fetch(`${c.url}/staff/inbox`, { headers: { cookie: other.cookie }, redirect: 'manual' })).status).toBe(401);
  });

  it('hashes passwords with scrypt and verifies them', async () => {
    const hash = await hashPassword('mật khẩu', { N: 1024, r: 8, p: 1, keyLength: 32 });
    expect(await verifyPassword('mật khẩu', hash)).toBe(true);
    expect(await verifyPassword('mat khau', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});

describe('the SQL functions check the session themselves', () => {
  it('refuses every console function that takes a session with a bogus one (PT401), and admin ones to staff (PT403)', async () => {
    const fns = await c.store.query<{ name: string; nargs: number }>(
      `select p.proname as name, p.pronargs::int as nargs from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname like 'console\\_%' and (p.proargnames)[1] = 'p_session'`);
    expect(fns.length).toBeGreaterThanOrEqual(12);
    for (const fn of fns) {
      const args = ["'bogus'", ...Array(fn.nargs - 1).fill('null')].join(', ');
      await expect(c.store.query(`select public.${fn.name}(${args})`), fn.name).rejects.toMatchObject({ sqlState: 'PT401' });
    }
    const staffHash = await c.store.query<{ token_hash: string }>(
      "select s.token_hash from public.staff_sessions s join public.staff_members m on m.id = s.staff_id where m.telegram_user_id = '2001' and s.revoked_at is null limit 1");
    for (const name of ['console_audit', 'console_sessions', 'console_session_revoke', 'console_broadcast_create', 'console_broadcast_cancel', 'console_founder_erase',
      'console_kb_document_put', 'console_kb_document_remove']) {
      const fn = fns.find((f) => f.name === name)!;
      const args = [`'${staffHash[0]!.token_hash}'`, ...Array(fn.nargs - 1).fill('null')].join(', ');
      await expect(c.store.query(`select public.${name}(${args})`), name).rejects.toMatchObject({ sqlState: 'PT403' });
    }
  });

  it('writes every staff action to the audit log, which admins export as CSV with a BOM', async () => {
    const csv = await fetch(`${c.url}/staff/audit.csv`, { headers: { cookie: admin.cookie } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('sign_in');
    expect(text).toContain('sign_out');
    expect(text).toContain('session_revoke');
  });
});
