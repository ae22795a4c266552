/**
 * Founders: search, one founder's record (profile, consent, channels, applications, bookings,
 * survey answers, tickets) and, for admins, erasure on request through the same contact_forget
 * as /forget, confirmed by typing the founder's id, with an audit entry.
 *
 * @example
 * // GET /staff/founders?q=Hùng, GET /staff/founders/12, POST /staff/founders/12/erase {confirm: '12'}
 */
import type { HttpReply } from '../../../http/router.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';

interface FounderRow { id: number; name: string | null; locale: string; consented_at: string | null; startup: string | null; created_at: string; channels: string[] | null }
interface Founder {
  id: number; name: string | null; locale: string; phone: string | null; email: string | null; profile: Record<string, unknown>;
  consent_version: string | null; consented_at: string | null; consent_channel: string | null; subscribed: boolean; erased_at: string | null; created_at: string;
  channels: { channel: string; reachable: boolean; reason: string | null }[];
  applications: { id: number; programme_id: string; status: string; created_at: string }[];
  bookings: { code: string; space_id: string; start: string; end: string; status: string }[];
  surveys: { survey_id: string; completed_at: string | null; answers: Record<string, unknown> | null }[];
  tickets: { number: number; status: string; opened_at: string; csat_score: number | null }[];
}

function listPage(ctx: ConsoleContext, rows: FounderRow[]): string {
  const { t } = ctx;
  const q = ctx.req.url.searchParams.get('q') ?? '';
  const body = html`<h1>${t('console.founders.heading')}</h1>
<form method="get" action="/staff/founders" class="filters"><input name="q" value="${q}" placeholder="${t('console.founders.search')}" aria-label="${t('console.founders.search')}"><button type="submit">${t('console.inbox.filter')}</button></form>
<ul class="tickets">${rows.length ? rows.map((r) => html`<li class="ticket" data-founder="${r.id}"><a href="/staff/founders/${r.id}"><span class="num">#${r.id}</span> <span class="name">${r.name ?? t('console.inbox.no_name')}</span>
<span class="meta">${r.startup ?? ''} · ${(r.channels ?? []).map((c) => t(`console.channel.${c}`)).join(', ')} · ${r.consented_at ? ctx.fmt.dateTime(r.consented_at) : t('console.ticket.consent_none')}</span></a></li>`) : html`<li class="empty">${t('console.founders.none')}</li>`}</ul>`;
  return page(ctx, t('console.founders.heading'), 'founders', body);
}

function founderPage(ctx: ConsoleContext, f: Founder, notice?: Html): string {
  const { t } = ctx;
  const profile = Object.entries(f.profile).map(([k, v]) => html`<dt>${k}</dt><dd>${typeof v === 'string' ? v : JSON.stringify(v)}</dd>`);
  const erase = ctx.staff.role === 'admin' && !f.erased_at
    ? html`<form method="post" action="/staff/founders/${f.id}/erase" class="card" id="erase"><h2>${t('console.founders.erase')}</h2>
<input type="hidden" name="csrf" value="${ctx.csrf}"><p class="meta">${t('console.founders.erase_help', { id: f.id })}</p>
<input name="confirm" autocomplete="off" inputmode="numeric" required><button type="submit" class="secondary">${t('console.founders.erase')}</button></form>` : '';
  const body = html`<h1>#${f.id} ${f.name ?? t('console.inbox.no_name')}</h1>${notice ?? ''}
<div class="split"><div class="main">
<section class="card"><h2>${t('console.ticket.applications')}</h2><ul>${f.applications.map((a) => html`<li>#${a.id} ${a.programme_id} — ${t(`programmes.status.${a.status}`)} · ${ctx.fmt.dateTime(a.created_at)}</li>`)}</ul></section>
<section class="card"><h2>${t('console.founders.bookings')}</h2><ul>${f.bookings.map((b) => html`<li>${b.code} · ${b.space_id} · ${ctx.fmt.dateTime(b.start)}–${ctx.fmt.dateTime(b.end).slice(-5)} · ${b.status}</li>`)}</ul></section>
<section class="card"><h2>${t('console.founders.surveys')}</h2>${f.surveys.map((s) => html`<h3>${s.survey_id} ${s.completed_at ? `· ${ctx.fmt.dateTime(s.completed_at)}` : ''}</h3><dl>${Object.entries(s.answers ?? {}).map(([k, v]) => html`<dt>${k}</dt><dd>${Array.isArray(v) ? v.join(', ') : String(v)}</dd>`)}</dl>`)}</section>
<section class="card"><h2>${t('console.founders.tickets')}</h2><ul>${f.tickets.map((x) => html`<li><a href="/staff/tickets/${x.number}">#${x.number}</a> ${t(`console.status.${x.status}`)} · ${ctx.fmt.dateTime(x.opened_at)}${x.csat_score ? ` · ${x.csat_score}/5` : ''}</li>`)}</ul></section>
${erase}</div>
<aside class="founder card"><h2>${t('console.ticket.founder')}</h2>
<p>${f.channels.map((c) => html`<span class="badge ${c.reachable ? '' : 'overdue'}">${t(`console.channel.${c.channel}`)}</span> `)}</p>
<dl>${f.phone ? html`<dt>☎</dt><dd>${f.phone}</dd>` : ''}${f.email ? html`<dt>✉</dt><dd>${f.email}</dd>` : ''}${profile}</dl>
<h3>${t('console.ticket.consent')}</h3><p data-consent="${f.consented_at ? 'yes' : 'no'}">${f.consented_at ? `${f.consent_version ?? ''} · ${ctx.fmt.dateTime(f.consented_at)} · ${f.consent_channel ?? ''}` : t('console.ticket.consent_none')}</p>
<p>${t('console.founders.subscribed')}: ${f.subscribed ? '✓' : '✗'}</p></aside></div>`;
  return page(ctx, `#${f.id}`, 'founders', body);
}

async function founderOr404(ctx: ConsoleContext, id: number): Promise<Founder | HttpReply> {
  const f = await ctx.call<Founder | null>('console_founder', { contact_id: id });
  return f ?? htmlReply(page(ctx, '404', 'founders', html`<p class="error" data-code="404">${ctx.t('console.error.not_found')}</p>`), 404);
}

/** Founder routes. */
export function founderRoutes(): ConsoleRoute[] {
  return [
    { method: 'GET', path: /^\/staff\/founders$/, role: 'staff', handler: async (ctx) => htmlReply(listPage(ctx, await ctx.call<FounderRow[]>('console_founders', { query: ctx.req.url.searchParams.get('q') ?? null, limit: 100 }))) },
    {
      method: 'GET', path: /^\/staff\/founders\/(\d{1,12})$/, role: 'staff',
      handler: async (ctx, match) => {
        const f = await founderOr404(ctx, Number(match[1]));
        if ('status' in f && !('id' in f)) return f;
        const notice = ctx.req.url.searchParams.get('erased') === '1' ? html`<p class="notice" data-code="erased">${ctx.t('console.founders.erased')}</p>` : undefined;
        return htmlReply(founderPage(ctx, f as Founder, notice));
      },
    },
    {
      method: 'POST', path: /^\/staff\/founders\/(\d{1,12})\/erase$/, role: 'admin',
      handler: async (ctx, match) => {
        const id = Number(match[1]);
        const result = await ctx.call<{ ok: boolean }>('console_founder_erase', { contact_id: id, confirm: field(ctx, 'confirm').trim() });
        if (!result.ok) {
          const f = await founderOr404(ctx, id);
          if ('status' in f && !('id' in f)) return f;
          return htmlReply(founderPage(ctx, f as Founder, html`<p class="error" data-code="not_confirmed">${ctx.t('console.founders.not_confirmed')}</p>`), 400);
        }
        return redirect(`/staff/founders/${id}?erased=1`);
      },
    },
  ];
}
