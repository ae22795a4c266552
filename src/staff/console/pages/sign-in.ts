/**
 * Signing in: a one-time link sent by the bot to the staff member's own Telegram chat, or e-mail
 * and password set through an invitation (`uom staff invite`). A link opened in the browser shows
 * a button first (a POST uses it), because chat apps fetch links for previews and a GET that
 * signed in would burn the link. The answer to a link request is the same whether or not the id
 * is on the roster, so the form tells nobody who is staff.
 *
 * @example
 * // GET /staff/sign-in → forms; POST /staff/sign-in/link {telegram} → message to the staff chat
 */
import { randomUUID } from 'node:crypto';
import type { Outbound } from '../../../bot/outbound.js';
import type { HttpReply } from '../../../http/router.js';
import { clearSessionCookie, hashPassword, newToken, sessionCookie, tokenHash, verifyPassword } from '../auth.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { html, type Html } from '../html.js';
import { bareDocument } from '../layout.js';

const MIN_PASSWORD = 12;

function signInPage(ctx: ConsoleContext, notice?: Html, status = 200): HttpReply {
  const { t } = ctx;
  const body = html`<h1>${t('console.signin.heading')}</h1>${notice ?? ''}
<form method="post" action="/staff/sign-in/link" class="card" id="link-form">
<p>${t('console.signin.telegram_intro')}</p>
<label>${t('console.signin.telegram_id')} <input name="telegram" inputmode="numeric" pattern="[0-9]{1,20}" required autocomplete="username"></label>
<button type="submit">${t('console.signin.send_link')}</button></form>
<form method="post" action="/staff/sign-in/password" class="card" id="password-form">
<p>${t('console.signin.or_password')}</p>
<label>${t('console.signin.email')} <input name="email" type="email" required autocomplete="email"></label>
<label>${t('console.signin.password')} <input name="password" type="password" required autocomplete="current-password"></label>
<button type="submit">${t('console.signin.submit')}</button></form>`;
  return htmlReply(bareDocument(ctx.locale, t('console.signin.heading'), body, t), status);
}

function startSession(ctx: ConsoleContext, token: string): HttpReply {
  return redirect('/staff/inbox', {
    'set-cookie': sessionCookie(token, { secure: ctx.deps.secure(ctx.req), maxAgeSeconds: ctx.deps.options.sessionSeconds }),
  });
}

/** The sign-in, link, invitation and sign-out routes. */
export function signInRoutes(): ConsoleRoute[] {
  return [
    { method: 'GET', path: /^\/staff$/, role: 'public', handler: async () => redirect('/staff/inbox') },
    { method: 'GET', path: /^\/staff\/sign-in$/, role: 'public', handler: async (ctx) => signInPage(ctx) },
    {
      method: 'POST', path: /^\/staff\/sign-in\/link$/, role: 'public',
      handler: async (ctx) => {
        const telegram = field(ctx, 'telegram').trim();
        const minutes = Math.round(ctx.deps.options.linkSeconds / 60);
        if (/^\d{1,20}$/.test(telegram)) {
          const token = newToken();
          const url = `${ctx.deps.publicUrl(ctx.req)}/staff/link?token=${token}`;
          const st = ctx.t; // the staff member reads it in the language they use the console in
          const payload: Outbound = { text: st('console.signin.telegram_message', { minutes, url }), hints: { disableLinkPreview: true } };
          await ctx.deps.services.store.call('console_link_request', {
            telegram_user_id: telegram, token_hash: tokenHash(token), ttl_seconds: ctx.deps.options.linkSeconds, payload,
          });
          ctx.deps.services.wakeSender();
        }
        return signInPage(ctx, html`<p class="notice" data-code="link_sent">${ctx.t('console.signin.link_sent', { minutes })}</p>`);
      },
    },
    {
      method: 'GET', path: /^\/staff\/link$/, role: 'public',
      handler: async (ctx) => {
        const token = ctx.req.url.searchParams.get('token') ?? '';
        const { t } = ctx;
        const body = html`<h1>${t('console.signin.link_heading')}</h1><form method="post" action="/staff/link" class="card">
<p>${t('console.signin.link_confirm')}</p><input type="hidden" name="token" value="${token}">
<button type="submit" id="use-link">${t('console.signin.submit')}</button></form>`;
        return htmlReply(bareDocument(ctx.locale, t('console.signin.link_heading'), body, t), 200, { 'x-robots-tag': 'noindex' });
      },
    },
    {
      method: 'POST', path: /^\/staff\/link$/, role: 'public',
      handler: async (ctx) => {
        const token = field(ctx, 'token');
        const session = newToken();
        const result = await ctx.deps.services.store.call<{ ok: boolean }>('console_token_use', {
          token_hash: tokenHash(token), kind: 'login', session: tokenHash(session), csrf: newToken(),
          ttl_seconds: ctx.deps.options.sessionSeconds, user_agent: ctx.req.header('user-agent') ?? null,
        });
        if (!result.ok) return signInPage(ctx, html`<p class="error" data-code="invalid_link">${ctx.t('console.signin.link_invalid')}</p>`, 400);
        return startSession(ctx, session);
      },
    },
    {
      method: 'POST', path: /^\/staff\/sign-in\/password$/, role: 'public',
      handler: async (ctx) => {
        const email = field(ctx, 'email').trim();
        const password = field(ctx, 'password');
        const address = ctx.req.raw.socket.remoteAddress ?? '';
        const found = await ctx.deps.services.store.call<{ ok: boolean; code?: string; staff_id?: number; password_hash?: string }>(
          'console_password_lookup', { email, address });
        if (found.code === 'rate_limited') {
          return signInPage(ctx, html`<p class="error" data-code="rate_limited">${ctx.t('console.signin.rate_limited')}</p>`, 429);
        }
        // Without an account, hash anyway so timing does not tell which e-mails exist.
        const ok = await verifyPassword(password, found.password_hash ?? DUMMY_HASH);
        if (!found.ok || !ok) return signInPage(ctx, html`<p class="error" data-code="failed">${ctx.t('console.signin.failed')}</p>`, 401);
        const session = newToken();
        await ctx.deps.services.store.call('console_password_session', {
          staff_id: found.staff_id, session: tokenHash(session), csrf: newToken(), ttl_seconds: ctx.deps.options.sessionSeconds,
          user_agent: ctx.req.header('user-agent') ?? null,
        });
        return startSession(ctx, session);
      },
    },
    {
      method: 'GET', path: /^\/staff\/invite$/, role: 'public',
      handler: async (ctx) => invitePage(ctx, ctx.req.url.searchParams.get('token') ?? ''),
    },
    {
      method: 'POST', path: /^\/staff\/invite$/, role: 'public',
      handler: async (ctx) => {
        const token = field(ctx, 'token');
        const password = field(ctx, 'password');
        if ([...password].length < MIN_PASSWORD) {
          return invitePage(ctx, token, html`<p class="error" data-code="too_short">${ctx.t('console.invite.too_short')}</p>`, 400);
        }
        const session = newToken();
        const result = await ctx.deps.services.store.call<{ ok: boolean }>('console_token_use', {
          token_hash: tokenHash(token), kind: 'invite', session: tokenHash(session), csrf: newToken(),
          ttl_seconds: ctx.deps.options.sessionSeconds, user_agent: ctx.req.header('user-agent') ?? null,
          password_hash: await hashPassword(password),
        });
        if (!result.ok) return signInPage(ctx, html`<p class="error" data-code="invalid_link">${ctx.t('console.signin.link_invalid')}</p>`, 400);
        return startSession(ctx, session);
      },
    },
    {
      method: 'POST', path: /^\/staff\/sign-out$/, role: 'staff',
      handler: async (ctx) => {
        await ctx.call('console_sign_out');
        return redirect('/staff/sign-in', { 'set-cookie': clearSessionCookie(ctx.deps.secure(ctx.req)) });
      },
    },
  ];
}

function invitePage(ctx: ConsoleContext, token: string, notice?: Html, status = 200): HttpReply {
  const { t } = ctx;
  const body = html`<h1>${t('console.invite.heading')}</h1>${notice ?? ''}<form method="post" action="/staff/invite" class="card">
<p>${t('console.invite.intro', { email: '' })}</p><input type="hidden" name="token" value="${token}">
<label>${t('console.signin.password')} <input name="password" type="password" minlength="${MIN_PASSWORD}" required autocomplete="new-password"></label>
<button type="submit">${t('console.signin.submit')}</button></form>`;
  return htmlReply(bareDocument(ctx.locale, t('console.invite.heading'), body, t), status);
}

/** A well-formed hash of a random password, verified when the e-mail is unknown. */
const DUMMY_HASH = await hashPassword(randomUUID());
