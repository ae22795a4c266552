/**
 * Admin pages: the audit log of every staff action (and its CSV export, UTF-8 with a BOM and local
 * times), and the live sessions with a revoke button.
 *
 * @example
 * // GET /staff/audit, GET /staff/audit.csv, GET /staff/sessions, POST /staff/sessions/3/revoke
 */
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import type { ConsoleContext } from '../context.js';
import { csvDocument } from '../csv.js';
import { html } from '../html.js';
import { page } from '../layout.js';

interface AuditRow { id: number; at: string; staff_name: string | null; action: string; target: string | null; detail: Record<string, unknown> }
interface SessionRow { id: number; staff: string; role: string; method: string; created_at: string; last_seen_at: string; expires_at: string; current: boolean }

function auditPage(ctx: ConsoleContext, rows: AuditRow[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('console.audit.heading')}</h1><p><a class="button" href="/staff/audit.csv" download>${t('console.audit.export')}</a></p>
<div class="scroll"><table class="data" id="audit"><thead><tr><th>${t('console.audit.at')}</th><th>${t('console.audit.who')}</th><th>${t('console.audit.action')}</th><th>${t('console.audit.target')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-action="${r.action}"><td>${ctx.fmt.dateTime(r.at)}</td><td>${r.staff_name ?? ''}</td><td>${r.action}</td><td>${r.target ?? ''} ${Object.keys(r.detail).length ? JSON.stringify(r.detail) : ''}</td></tr>`)}</tbody></table></div>`;
  return page(ctx, t('console.audit.heading'), 'audit', body);
}

function sessionsPage(ctx: ConsoleContext, rows: SessionRow[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('console.sessions.heading')}</h1><div class="scroll"><table class="data"><thead><tr><th>${t('console.audit.who')}</th><th>${t('console.sessions.method')}</th><th>${t('console.sessions.last_seen')}</th><th>${t('console.sessions.expires')}</th><th></th></tr></thead>
<tbody>${rows.map((s) => html`<tr data-session="${s.id}"><td>${s.staff} · ${s.role}</td><td>${s.method}</td><td>${ctx.fmt.dateTime(s.last_seen_at)}</td><td>${ctx.fmt.dateTime(s.expires_at)}</td>
<td>${s.current ? t('console.sessions.current') : html`<form method="post" action="/staff/sessions/${s.id}/revoke"><input type="hidden" name="csrf" value="${ctx.csrf}"><button type="submit" class="secondary">${t('console.sessions.revoke')}</button></form>`}</td></tr>`)}</tbody></table></div>`;
  return page(ctx, t('console.sessions.heading'), 'sessions', body);
}

/** Admin routes. */
export function adminRoutes(): ConsoleRoute[] {
  return [
    { method: 'GET', path: /^\/staff\/audit$/, role: 'admin', handler: async (ctx) => htmlReply(auditPage(ctx, await ctx.call<AuditRow[]>('console_audit', { limit: 500 }))) },
    {
      method: 'GET', path: /^\/staff\/audit\.csv$/, role: 'admin',
      handler: async (ctx) => {
        const rows = await ctx.call<AuditRow[]>('console_audit', { limit: 10000 });
        const { t } = ctx;
        const csv = csvDocument([t('console.audit.at'), t('console.audit.who'), t('console.audit.action'), t('console.audit.target'), 'detail'],
          rows.map((r) => [ctx.fmt.iso(r.at), r.staff_name ?? '', r.action, r.target ?? '', JSON.stringify(r.detail)]));
        return { status: 200, text: csv, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="uom-audit.csv"', 'cache-control': 'no-store' } };
      },
    },
    { method: 'GET', path: /^\/staff\/sessions$/, role: 'admin', handler: async (ctx) => htmlReply(sessionsPage(ctx, await ctx.call<SessionRow[]>('console_sessions'))) },
    {
      method: 'POST', path: /^\/staff\/sessions\/(\d{1,12})\/revoke$/, role: 'admin',
      handler: async (ctx, match) => {
        await ctx.call('console_session_revoke', { id: Number(match[1]) });
        return redirect('/staff/sessions');
      },
    },
  ];
}
