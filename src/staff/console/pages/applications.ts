/**
 * Applications: a pipeline per programme (a column per status) and moving an application on.
 * The founder's notice is the same text `uom applications`/setApplicationStatus sends, written
 * in both languages here and picked by the founder's language in the database, in the same
 * transaction as the status change (console_application_status).
 *
 * @example
 * // GET /staff/applications?programme=mekong-innovation, POST /staff/applications/12/status
 */
import { translator, type Locale } from '../../../content/messages.js';
import { allProgrammes, programme } from '../../../flows/programmes/catalogue.js';
import { programmePayloads } from '../../../flows/programmes/payloads.js';
import { APPLICATION_STATUSES } from '../../../flows/programmes/status.js';
import { pick } from '../../../flows/programmes/schema.js';
import type { Outbound } from '../../../bot/outbound.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';

interface ApplicationRow {
  id: number; programme_id: string; status: string; status_note: string | null; locale: string;
  created_at: string; updated_at: string; founder: string | null; channel: string | null;
}

function programmeName(ctx: ConsoleContext, id: string, locale: Locale): string {
  const found = programme(ctx.deps.services, id);
  return found ? pick(found.name, locale) : id;
}

/**
 * The founder's notice of a status change, in both languages.
 *
 * @example
 * statusNotice(ctx, 'mekong-innovation', 12, 'accepted', '');
 */
export function statusNotice(ctx: ConsoleContext, programmeId: string, id: number, status: string, note: string): Record<Locale, Outbound> {
  const make = (locale: Locale): Outbound => {
    const t = translator(ctx.deps.services.messages, locale);
    const text = t('programmes.status_changed', { programme: programmeName(ctx, programmeId, locale), status: t(`programmes.status.${status}`), id })
      + (note ? `\n${note}` : '');
    return { text, buttons: [{ label: t('programmes.mine'), payload: programmePayloads.encode('mine') }] };
  };
  return { vi: make('vi'), en: make('en') };
}

function pipeline(ctx: ConsoleContext, rows: ApplicationRow[], selected: string | null): string {
  const { t, locale } = ctx;
  const programmes = allProgrammes(ctx.deps.services);
  const options = programmes.map((p) => html`<option value="${p.id}" ${p.id === selected ? 'selected' : ''}>${pick(p.name, locale)}</option>`);
  const columns = APPLICATION_STATUSES.map((status) => {
    const cards = rows.filter((r) => r.status === status).map((r) => html`<li class="card app" data-application="${r.id}" data-status="${r.status}">
<b>#${r.id}</b> ${r.founder ?? t('console.inbox.no_name')}<br><span class="meta">${programmeName(ctx, r.programme_id, locale)} · ${r.channel ? t(`console.channel.${r.channel}`) : ''} · ${ctx.fmt.dateTime(r.created_at)}</span>
${r.status_note ? html`<p class="meta">${r.status_note}</p>` : ''}
${['accepted', 'rejected', 'withdrawn'].includes(r.status) ? '' : html`<form method="post" action="/staff/applications/${r.id}/status" class="move">
<input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="programme" value="${selected ?? ''}">
<select name="status" aria-label="${t('console.applications.move')}">${APPLICATION_STATUSES.filter((s) => s !== r.status && s !== 'withdrawn').map((s) => html`<option value="${s}">${t(`programmes.status.${s}`)}</option>`)}</select>
<input name="note" placeholder="${t('console.applications.note')}" maxlength="500">
<button type="submit">${t('console.applications.move')}</button></form>`}</li>`);
    return html`<section class="column" data-column="${status}"><h2>${t(`programmes.status.${status}`)} <b>${cards.length}</b></h2><ul>${cards}</ul></section>`;
  });
  const notice = ctx.req.url.searchParams.get('changed');
  const body = html`<h1>${t('console.applications.heading')}</h1>
${notice ? html`<p class="notice" data-code="changed">${notice}</p>` : ''}
<form method="get" action="/staff/applications" class="filters"><select name="programme"><option value="">${t('console.applications.all_programmes')}</option>${options}</select>
<button type="submit">${t('console.inbox.filter')}</button></form>
${rows.length ? html`<div class="pipeline">${columns}</div>` : html`<p class="empty">${t('console.applications.empty')}</p>`}`;
  return page(ctx, t('console.applications.heading'), 'applications', body);
}

/** Application routes. */
export function applicationRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'GET', path: /^\/staff\/applications$/, role: 'staff',
      handler: async (ctx) => {
        const selected = ctx.req.url.searchParams.get('programme') || null;
        const rows = await ctx.call<ApplicationRow[]>('console_applications', { programme_id: selected });
        return htmlReply(pipeline(ctx, rows, selected));
      },
    },
    {
      method: 'POST', path: /^\/staff\/applications\/(\d{1,12})\/status$/, role: 'staff',
      handler: async (ctx, match) => {
        const id = Number(match[1]);
        const status = field(ctx, 'status');
        const note = field(ctx, 'note').trim().slice(0, 500);
        const rows = await ctx.call<ApplicationRow[]>('console_applications', {});
        const app = rows.find((r) => r.id === id);
        if (!app) return htmlReply(page(ctx, '404', 'applications', html`<p class="error" data-code="404">${ctx.t('console.error.not_found')}</p>`), 404);
        const result = await ctx.call<{ status: string; notified: boolean }>('console_application_status', {
          id, status, note: note || null, notice: statusNotice(ctx, app.programme_id, id, status, note),
        });
        ctx.deps.services.wakeSender();
        const message = ctx.t('console.applications.changed', {
          id, status: ctx.t(`programmes.status.${result.status}`), notified: result.notified ? ctx.t('console.applications.notified') : '',
        });
        const q = new URLSearchParams({ changed: message, ...(field(ctx, 'programme') ? { programme: field(ctx, 'programme') } : {}) });
        return redirect(`/staff/applications?${q}`);
      },
    },
  ];
}
