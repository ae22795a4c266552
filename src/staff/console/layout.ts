/**
 * The page frame: navigation (admin pages only for admins), language switch, sign-out form with
 * its CSRF token, the stylesheet and the one script. No inline script or style, so the
 * Content-Security-Policy can forbid them.
 *
 * @example
 * return page(ctx, ctx.t('console.nav.inbox'), 'inbox', html`<p>…</p>`);
 */
import type { Locale, Translator } from '../../content/messages.js';
import type { ConsoleContext } from './context.js';
import { html, type Html } from './html.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
  "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const NAV: { key: string; href: string; admin?: boolean }[] = [
  { key: 'inbox', href: '/staff/inbox' },
  { key: 'founders', href: '/staff/founders' },
  { key: 'applications', href: '/staff/applications' },
  { key: 'bookings', href: '/staff/bookings' },
  { key: 'broadcasts', href: '/staff/broadcasts' },
  { key: 'surveys', href: '/staff/surveys' },
  { key: 'knowledge', href: '/staff/knowledge' },
  { key: 'dashboard', href: '/staff/dashboard' },
  { key: 'audit', href: '/staff/audit', admin: true },
  { key: 'sessions', href: '/staff/sessions', admin: true },
];

/** Headers every console HTML answer carries. */
export function pageHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/**
 * A bare document (sign-in pages).
 *
 * @example
 * bareDocument('vi', 'Đăng nhập', html`<form>…</form>`);
 */
export function bareDocument(locale: Locale, title: string, body: Html, t: Translator): string {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('console.title')}</title><link rel="stylesheet" href="/staff/assets/console.css"></head>
<body class="bare"><main class="narrow">${body}</main><script src="/staff/assets/console.js"></script></body></html>`.value;
}

/**
 * A console page with navigation.
 *
 * @example
 * page(ctx, 'Inbox', 'inbox', body);
 */
export function page(ctx: ConsoleContext, title: string, active: string, body: Html): string {
  const { t, staff, locale } = ctx;
  const other = locale === 'vi' ? 'en' : 'vi';
  const here = new URL(ctx.req.url.toString());
  here.searchParams.set('lang', other);
  const links = NAV.filter((n) => !n.admin || staff.role === 'admin').map((n) =>
    html`<a href="${n.href}" class="${n.key === active ? 'active' : ''}">${t(`console.nav.${n.key}`)}</a>`);
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf}">
<title>${title} · ${t('console.title')}</title><link rel="stylesheet" href="/staff/assets/console.css"></head>
<body data-page="${active}">
<header class="top"><a class="brand" href="/staff/inbox">Ươm</a><nav>${links}</nav>
<div class="me"><span class="who">${staff.name} · ${staff.role}</span>
<a class="lang" href="${here.pathname + here.search}">${t('console.language')}</a>
<form method="post" action="/staff/sign-out"><input type="hidden" name="csrf" value="${ctx.csrf}"><button type="submit" class="link">${t('console.sign_out')}</button></form></div></header>
<main>${body}</main>
<footer class="zone">${t('console.times_in', { zone: ctx.fmt.zone })}</footer>
<script src="/staff/assets/console.js"></script></body></html>`.value;
}
