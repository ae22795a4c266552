/**
 * Broadcasts: the list with progress, the composer (text, image, link, RSVP with the event time;
 * the audience in the filter language with its live size by channel; a preview; send now or at
 * a time in the centre's zone), one broadcast's live progress bar and final report by outcome,
 * cancel, and the per-recipient CSV. Creating and cancelling are for admins, as in the staff
 * group; the database checks that too.
 *
 * @example
 * // GET /staff/broadcasts, POST /staff/broadcasts, GET /staff/broadcasts/3, GET /staff/broadcasts/3.csv
 */
import { AudienceError, audienceErrorText, parseAudience } from '../../broadcast/audience.js';
import { broadcastRecord } from '../../broadcast/compose.js';
import type { BroadcastReport } from '../../broadcast/report.js';
import type { Outbound } from '../../../bot/outbound.js';
import type { HttpReply } from '../../../http/router.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { csvDocument } from '../csv.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import { zonedInstant } from '../time.js';
import { isPastSendTime } from '../../broadcast/when.js';

type Report = BroadcastReport & { payloads?: Record<string, Outbound> };

/**
 * What changes while a broadcast goes out (the live stream sends it when it changes).
 *
 * @example
 * broadcastStamp(report); // 'sending:12:0:30'
 */
export function broadcastStamp(report: unknown): string {
  const r = (report ?? {}) as Partial<Report>;
  return [r.status, r.sent, r.failed, r.pending, r.cancelled, r.rsvps].join(':');
}

function progress(ctx: ConsoleContext, r: Report): Html {
  const done = r.sent + r.failed;
  return html`<progress id="progress-${r.id}" class="bar" value="${done}" max="${Math.max(r.total, 1)}" data-sent="${r.sent}" data-total="${r.total}"></progress>
<span class="meta">${ctx.t('console.broadcasts.progress', { sent: r.sent, failed: r.failed, pending: r.pending, total: r.total })}</span>`;
}

function listPage(ctx: ConsoleContext, rows: Report[], notice?: Html, draft: Record<string, string> = {}): string {
  const { t } = ctx;
  const admin = ctx.staff.role === 'admin';
  const list = rows.map((r) => html`<li class="card" data-broadcast="${r.id}" data-status="${r.status}"><a href="/staff/broadcasts/${r.id}"><b>#${r.id}</b> ${r.title}</a>
<span class="meta">${t(`console.broadcasts.status.${r.status}`)} · ${r.audience} · ${ctx.fmt.dateTime(r.send_at)}</span>${progress(ctx, r)}</li>`);
  const composer = admin ? html`<form method="post" action="/staff/broadcasts" class="card" id="compose"><h2>${t('console.broadcasts.compose')}</h2>
<input type="hidden" name="csrf" value="${ctx.csrf}">
<label>${t('console.broadcasts.text')} <textarea name="text" id="bc-text" rows="4" required maxlength="3500">${draft.text ?? ''}</textarea></label>
<label>${t('console.broadcasts.image')} <input name="image" type="url" placeholder="https://…" value="${draft.image ?? ''}"></label>
<div class="row"><label>${t('console.broadcasts.link_label')} <input name="link_label" value="${draft.link_label ?? ''}"></label>
<label>${t('console.broadcasts.link_url')} <input name="link_url" type="url" placeholder="https://…" value="${draft.link_url ?? ''}"></label></div>
<label class="check"><input type="checkbox" name="rsvp" value="1" ${draft.rsvp ? 'checked' : ''}> ${t('console.broadcasts.rsvp')}</label>
<label>${t('console.broadcasts.event_at')} <input name="event_at" type="datetime-local" value="${draft.event_at ?? ''}"></label>
<label>${t('console.broadcasts.audience')} <input name="audience" id="bc-audience" value="${draft.audience ?? 'all'}" autocomplete="off"></label>
<p class="meta">${t('console.broadcasts.audience_help')}</p>
<p id="bc-size" class="notice" aria-live="polite" data-template="${t('console.broadcasts.size')}">${t('console.broadcasts.size_unknown')}</p>
<div class="preview card"><h3>${t('console.broadcasts.preview')}</h3><div id="bc-preview" class="msg text" data-name="${ctx.locale === 'vi' ? 'Hùng' : 'Hung'}"></div></div>
<label>${t('console.broadcasts.send_at')} <input name="send_at" type="datetime-local" value="${draft.send_at ?? ''}"></label>
<p class="meta">${t('console.times_in', { zone: ctx.fmt.zone })}</p>
<button type="submit" id="bc-send">${t('console.broadcasts.send')}</button></form>` : '';
  const body = html`<h1>${t('console.nav.broadcasts')}</h1>${notice ?? ''}<div class="split"><div class="main"><ul class="plain">${list.length ? list : html`<li class="empty">${t('console.broadcasts.none')}</li>`}</ul></div><div>${composer}</div></div>`;
  return page(ctx, t('console.nav.broadcasts'), 'broadcasts', body);
}

function reportFragment(ctx: ConsoleContext, r: Report): Html {
  const { t } = ctx;
  const failures = Object.entries(r.failures ?? {});
  return html`<section id="live" data-stamp="${broadcastStamp(r)}" data-broadcast="${r.id}">
<p><span class="badge" data-status="${r.status}">${t(`console.broadcasts.status.${r.status}`)}</span> ${r.audience} · ${ctx.fmt.dateTime(r.send_at)}</p>
${progress(ctx, r)}
<table class="data" id="report"><tbody>
<tr><th>${t('console.broadcasts.total')}</th><td data-k="total">${r.total}</td></tr>
<tr><th>${t('console.broadcasts.sent')}</th><td data-k="sent">${r.sent}</td></tr>
<tr><th>${t('console.broadcasts.failed')}</th><td data-k="failed">${r.failed}</td></tr>
<tr><th>${t('console.broadcasts.pending')}</th><td data-k="pending">${r.pending}</td></tr>
<tr><th>${t('console.broadcasts.cancelled')}</th><td data-k="cancelled">${r.cancelled}</td></tr>
<tr><th>RSVP</th><td data-k="rsvps">${r.rsvps}</td></tr>
${failures.map(([reason, n]) => html`<tr><th>${reason}</th><td>${n}</td></tr>`)}</tbody></table></section>`;
}

function reportPage(ctx: ConsoleContext, r: Report): string {
  const { t } = ctx;
  const payload = r.payloads?.[ctx.locale] ?? r.payloads?.vi;
  const cancel = ctx.staff.role === 'admin' && ['scheduled', 'sending'].includes(r.status)
    ? html`<form method="post" action="/staff/broadcasts/${r.id}/cancel"><input type="hidden" name="csrf" value="${ctx.csrf}"><button type="submit" class="secondary" id="bc-cancel">${t('console.broadcasts.cancel')}</button></form>` : '';
  const body = html`<h1>#${r.id} ${r.title}</h1>${reportFragment(ctx, r)}
<div class="actions">${cancel}<a class="button" href="/staff/broadcasts/${r.id}.csv" download>${t('console.audit.export')}</a></div>
${payload ? html`<div class="card"><h3>${t('console.broadcasts.preview')}</h3><div class="msg">${payload.text}</div>${payload.image ? html`<p class="meta">🖼 ${payload.image.url}</p>` : ''}${(payload.links ?? []).map((l) => html`<p class="meta">🔗 ${l.label}: ${l.url}</p>`)}</div>` : ''}`;
  return page(ctx, `#${r.id}`, 'broadcasts', body);
}

function draftOf(ctx: ConsoleContext): Record<string, string> {
  return Object.fromEntries(['text', 'image', 'link_label', 'link_url', 'rsvp', 'event_at', 'audience', 'send_at'].map((k) => [k, field(ctx, k)]));
}

async function create(ctx: ConsoleContext): Promise<HttpReply> {
  const draft = draftOf(ctx);
  const problem = (detail: string) => ctx.call<Report[]>('console_broadcasts', {}).then((rows) =>
    htmlReply(listPage(ctx, rows, html`<p class="error" data-code="invalid">${ctx.t('console.error.bad_input', { detail })}</p>`, draft), 400));
  const text = draft.text!.trim();
  if (!text) return problem(ctx.t('console.broadcasts.text'));
  const url = (value: string) => (value && /^https:\/\/\S+$/i.test(value) ? value : undefined);
  if (draft.image && !url(draft.image)) return problem(ctx.t('console.broadcasts.image'));
  if ((draft.link_url || draft.link_label) && !(url(draft.link_url!) && draft.link_label)) return problem(ctx.t('console.broadcasts.link_url'));
  const sendAt = draft.send_at ? zonedInstant(draft.send_at, ctx.deps.zone) : ctx.deps.services.clock();
  const eventAt = draft.event_at ? zonedInstant(draft.event_at, ctx.deps.zone) : undefined;
  if (!sendAt || (draft.event_at && !eventAt)) return problem(ctx.t('console.broadcasts.send_at'));
  if (isPastSendTime(sendAt, ctx.deps.services.clock())) {
    return problem(ctx.t('broadcast.time_past', { time: ctx.fmt.dateTime(sendAt.toISOString()), zone: ctx.deps.zone }));
  }
  let record: Record<string, unknown>;
  try {
    record = broadcastRecord(ctx.deps.services.messages, {
      createdBy: 'console', text, audience: draft.audience || 'all', rsvp: Boolean(draft.rsvp), sendAt,
      ...(eventAt ? { eventAt } : {}), ...(url(draft.image!) ? { imageUrl: draft.image } : {}),
      ...(draft.link_url ? { link: { label: draft.link_label!, url: draft.link_url } } : {}),
    });
  } catch (error) {
    if (error instanceof AudienceError) return problem(audienceErrorText(ctx.t, error));
    throw error;
  }
  const created = await ctx.call<{ id: number }>('console_broadcast_create', { broadcast: record });
  ctx.deps.services.wakeSender();
  return redirect(`/staff/broadcasts/${created.id}`);
}

/** Broadcast routes. */
export function broadcastRoutes(): ConsoleRoute[] {
  return [
    { method: 'GET', path: /^\/staff\/broadcasts$/, role: 'staff', handler: async (ctx) => htmlReply(listPage(ctx, await ctx.call<Report[]>('console_broadcasts', {}))) },
    { method: 'POST', path: /^\/staff\/broadcasts$/, role: 'admin', handler: create },
    {
      method: 'GET', path: /^\/staff\/broadcasts\/audience$/, role: 'staff',
      handler: async (ctx) => {
        try {
          const spec = parseAudience(ctx.req.url.searchParams.get('filter') ?? '');
          return { status: 200, json: await ctx.call('console_broadcast_count', { spec }), headers: { 'cache-control': 'no-store' } };
        } catch (error) {
          if (error instanceof AudienceError) return { status: 200, json: { error: audienceErrorText(ctx.t, error), code: error.reason } };
          throw error;
        }
      },
    },
    {
      method: 'GET', path: /^\/staff\/broadcasts\/(\d{1,12})$/, role: 'staff',
      handler: async (ctx, match) => {
        const r = await ctx.call<Report | null>('console_broadcast', { id: Number(match[1]) });
        if (!r) return htmlReply(page(ctx, '404', 'broadcasts', html`<p class="error" data-code="404">${ctx.t('console.error.not_found')}</p>`), 404);
        if (ctx.req.url.searchParams.get('partial') === '1') return htmlReply(reportFragment(ctx, r).value);
        return htmlReply(reportPage(ctx, r));
      },
    },
    {
      method: 'POST', path: /^\/staff\/broadcasts\/(\d{1,12})\/cancel$/, role: 'admin',
      handler: async (ctx, match) => {
        await ctx.call('console_broadcast_cancel', { id: Number(match[1]) });
        return redirect(`/staff/broadcasts/${match[1]}`);
      },
    },
    {
      method: 'GET', path: /^\/staff\/broadcasts\/(\d{1,12})\.csv$/, role: 'staff',
      handler: async (ctx, match) => {
        const rows = await ctx.call<{ delivery_id: number; contact_id: number | null; channel: string; status: string; reason: string | null; attempts: number; sent_at: string | null; rsvp: boolean }[]>(
          'console_broadcast_export', { id: Number(match[1]) });
        const csv = csvDocument(['delivery_id', 'contact_id', 'channel', 'status', 'reason', 'attempts', `sent_at (${ctx.fmt.zone})`, 'rsvp'],
          rows.map((r) => [r.delivery_id, r.contact_id, r.channel, r.status, r.reason, r.attempts, ctx.fmt.iso(r.sent_at), r.rsvp ? 'yes' : 'no']));
        return { status: 200, text: csv, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="uom-broadcast-${match[1]}.csv"`, 'cache-control': 'no-store' } };
      },
    },
  ];
}
