/**
 * The inbox: open tickets with filters (mine, unassigned, overdue, channel, category), kept live
 * by server-sent events (a stamp that changes with any ticket or message; the page then fetches
 * its fragment again), and one ticket: the thread, the founder (channel, profile, consent,
 * applications, earlier messages with the bot), claim, reply (text or canned), internal note,
 * resolve, and the rating once the founder gives it.
 *
 * @example
 * // GET /staff/inbox?view=overdue&channel=web, GET /staff/tickets/12, POST /staff/tickets/12/reply
 */
import { randomUUID } from 'node:crypto';
import { loadStaffSettings } from '../../handoff/settings.js';
import { bodyText } from '../../handoff/tickets.js';
import { CHANNEL_IDS } from '../../../bot/channels/index.js';
import type { HttpReply } from '../../../http/router.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import { broadcastStamp } from './broadcasts.js';
import { businessMinutesLeft } from '../sla-left.js';
import { claimTicket, loadTicket, replyToTicket, replyWithFile, resolveTicket, type ConsoleTicket } from '../tickets.js';

const VIEWS = ['all', 'mine', 'unassigned', 'overdue'] as const;
const CATEGORIES = ['programme', 'booking', 'funding', 'other'] as const;
/** Tickets shown at once (the tabs count all of them; filters narrow the list). */
const INBOX_ROWS = 100;

interface InboxRow {
  id: number; number: number; status: string; channel: string; category: string; priority: number;
  founder_name: string | null; summary: string | null; assignee: string | null; opened_at: string;
  sla_due_at: string | null; first_response_at: string | null; overdue: boolean;
}

interface InboxResult {
  tickets: InboxRow[];
  counts: Record<(typeof VIEWS)[number], number>;
  stamp: string;
}

function inboxFilter(ctx: ConsoleContext): { view: string; channel?: string; category?: string } {
  const q = ctx.req.url.searchParams;
  const view = VIEWS.find((v) => v === q.get('view')) ?? 'all';
  const channel = CHANNEL_IDS.find((c) => c === q.get('channel'));
  const category = CATEGORIES.find((c) => c === q.get('category'));
  return { view, ...(channel ? { channel } : {}), ...(category ? { category } : {}) };
}

/**
 * The SLA state of a ticket: answered, overdue, or (on the ticket page, `exact`) the business
 * minutes left; the list shows the due time instead, which costs no calendar arithmetic.
 */
function slaBadge(ctx: ConsoleContext, row: { sla_due_at: string | null; first_response_at: string | null }, exact = false): Html {
  if (row.first_response_at) return html`<span class="badge ok">${ctx.t('console.inbox.answered')}</span>`;
  if (!row.sla_due_at) return html``;
  if (!exact) {
    const overdue = new Date(row.sla_due_at).getTime() < ctx.deps.services.clock().getTime();
    return overdue
      ? html`<span class="badge overdue" data-sla="overdue">${ctx.t('console.ticket.overdue')}</span>`
      : html`<span class="badge" data-sla="due">${ctx.t('console.inbox.due')}: ${ctx.fmt.dateTime(row.sla_due_at)}</span>`;
  }
  const settings = loadStaffSettings(ctx.deps.services.config.CONTENT_DIR);
  const left = businessMinutesLeft(ctx.deps.services.clock(), new Date(row.sla_due_at), settings);
  if (left < 0) return html`<span class="badge overdue" data-sla="overdue">${ctx.t('console.ticket.overdue')}</span>`;
  return html`<span class="badge" data-sla="${left}" title="${ctx.t('console.inbox.due')}: ${ctx.fmt.dateTime(row.sla_due_at)}">${ctx.t('console.ticket.sla_left', { minutes: left })}</span>`;
}

function inboxFragment(ctx: ConsoleContext, result: InboxResult, filter: ReturnType<typeof inboxFilter>): Html {
  const { t } = ctx;
  const query = (view: string) => {
    const q = new URLSearchParams({ view, ...(filter.channel ? { channel: filter.channel } : {}), ...(filter.category ? { category: filter.category } : {}) });
    return `/staff/inbox?${q}`;
  };
  const tabs = VIEWS.map((v) => html`<a href="${query(v)}" class="tab ${v === filter.view ? 'active' : ''}" data-view="${v}">${t(`console.inbox.view.${v}`)} <b>${result.counts[v]}</b></a>`);
  const rows = result.tickets.map((r) => html`<li class="ticket ${r.overdue ? 'is-overdue' : ''}" data-number="${r.number}" data-status="${r.status}">
<a href="/staff/tickets/${r.number}"><span class="num">#${r.number}</span> <span class="name">${r.founder_name ?? t('console.inbox.no_name')}</span>
<span class="meta">${t(`console.channel.${r.channel}`)} · ${t(`console.category.${r.category}`)} · ${t(`console.status.${r.status}`)} · ${r.assignee ?? t('console.inbox.unassigned')}</span>
<span class="meta">${ctx.fmt.dateTime(r.opened_at)} ${slaBadge(ctx, r)}</span>
${r.summary ? html`<span class="summary">${r.summary}</span>` : ''}</a></li>`);
  return html`<section id="live" data-stamp="${result.stamp}"><nav class="tabs">${tabs}</nav>
<ul class="tickets">${rows.length ? rows : html`<li class="empty">${t('console.inbox.empty')}</li>`}</ul></section>`;
}

function inboxPage(ctx: ConsoleContext, result: InboxResult, filter: ReturnType<typeof inboxFilter>): string {
  const { t } = ctx;
  const channelOptions = CHANNEL_IDS.map((c) => html`<option value="${c}" ${c === filter.channel ? 'selected' : ''}>${t(`console.channel.${c}`)}</option>`);
  const categoryOptions = CATEGORIES.map((c) => html`<option value="${c}" ${c === filter.category ? 'selected' : ''}>${t(`console.category.${c}`)}</option>`);
  const body = html`<h1>${t('console.inbox.heading')} <span class="live-dot" title="${t('console.inbox.live')}"></span></h1>
<form method="get" action="/staff/inbox" class="filters"><input type="hidden" name="view" value="${filter.view}">
<select name="channel"><option value="">${t('console.inbox.any_channel')}</option>${channelOptions}</select>
<select name="category"><option value="">${t('console.inbox.any_category')}</option>${categoryOptions}</select>
<button type="submit">${t('console.inbox.filter')}</button></form>
${inboxFragment(ctx, result, filter)}`;
  return page(ctx, t('console.inbox.heading'), 'inbox', body);
}

function messageItem(ctx: ConsoleContext, m: ConsoleTicket['messages'][number]): Html {
  const event = typeof m.body.event === 'string' ? m.body.event : null;
  const attachment = (m.body.file ?? m.body.image) as { url?: string; name?: string } | undefined;
  return html`<li class="msg ${m.author}" data-author="${m.author}"><span class="who">${ctx.t(`console.author.${m.author}`)}${m.staff ? ` · ${m.staff}` : ''}</span>
<time>${ctx.fmt.dateTime(m.at)}</time><div class="text">${event ? html`<em>[${event}]</em>` : bodyText(m.body)}${attachment?.url ? html` <a href="${attachment.url}" rel="noopener">📎 ${attachment.name ?? 'file'}</a>` : ''}</div></li>`;
}

function ticketFragment(ctx: ConsoleContext, ticket: ConsoleTicket, stamp: string): Html {
  const { t } = ctx;
  const history = ticket.history.map((h) => html`<li class="msg ${h.direction === 'in' ? 'founder' : 'bot'}"><span class="who">${t(`console.author.${h.direction}`)}</span><time>${ctx.fmt.dateTime(h.at)}</time><div class="text">${bodyText(h.body)}</div></li>`);
  return html`<section id="live" data-stamp="${stamp}">
<p class="status"><span class="badge" data-status="${ticket.status}">${t(`console.status.${ticket.status}`)}</span>
${t(`console.channel.${ticket.channel}`)} · ${t(`console.category.${ticket.category}`)} · ${ticket.assignee ?? t('console.inbox.unassigned')} ${ticket.status !== 'resolved' ? slaBadge(ctx, ticket, true) : ''}
${ticket.csat_score ? html`<span class="badge ok" data-csat="${ticket.csat_score}">${t('console.ticket.csat', { score: ticket.csat_score })}</span>` : ''}</p>
${ticket.csat_comment ? html`<blockquote>${ticket.csat_comment}</blockquote>` : ''}
${history.length ? html`<details class="history"><summary>${t('console.ticket.history')} (${history.length})</summary><ul class="thread">${history}</ul></details>` : ''}
<h2>${t('console.ticket.thread')}</h2><ul class="thread" id="thread">${ticket.messages.map((m) => messageItem(ctx, m))}</ul></section>`;
}

function founderPanel(ctx: ConsoleContext, ticket: ConsoleTicket): Html {
  const { t } = ctx;
  const f = ticket.founder;
  if (!f) return html`<aside class="founder card"><h2>${t('console.ticket.founder')}</h2><p>${ticket.founder_name ?? t('console.inbox.no_name')}</p></aside>`;
  const profile = Object.entries(f.profile).filter(([, v]) => v !== null && v !== '').map(([k, v]) => html`<dt>${k}</dt><dd>${typeof v === 'string' ? v : JSON.stringify(v)}</dd>`);
  return html`<aside class="founder card"><h2>${t('console.ticket.founder')}</h2>
<p class="name">${f.name ?? t('console.inbox.no_name')} <span class="meta">(${f.locale})</span></p>
<p>${f.channels.map((c) => html`<span class="badge ${c.reachable ? '' : 'overdue'}">${t(`console.channel.${c.channel}`)}</span> `)}</p>
<dl>${f.phone ? html`<dt>☎</dt><dd>${f.phone}</dd>` : ''}${f.email ? html`<dt>✉</dt><dd>${f.email}</dd>` : ''}${profile}</dl>
<h3>${t('console.ticket.consent')}</h3><p data-consent="${f.consented_at ? 'yes' : 'no'}">${f.consented_at ? `${f.consent_version ?? ''} · ${ctx.fmt.dateTime(f.consented_at)} · ${f.consent_channel ?? ''}` : t('console.ticket.consent_none')}</p>
<h3>${t('console.ticket.applications')}</h3><ul>${f.applications.map((a) => html`<li>#${a.id} ${a.programme_id} — ${a.status}</li>`)}</ul></aside>`;
}

function ticketPage(ctx: ConsoleContext, ticket: ConsoleTicket, stamp: string, notice?: Html): string {
  const { t } = ctx;
  const canned = [...ctx.deps.canned().keys()];
  const key = randomUUID();
  const hidden = html`<input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="key" value="${key}">`;
  const open = ticket.status !== 'resolved';
  const actions = open
    ? html`<div class="actions">
<form method="post" action="/staff/tickets/${ticket.number}/claim">${hidden}<button type="submit" id="claim">${t('console.ticket.claim')}</button></form>
<form method="post" action="/staff/tickets/${ticket.number}/resolve">${hidden}<button type="submit" id="resolve" class="secondary">${t('console.ticket.resolve')}</button></form></div>
<form method="post" action="/staff/tickets/${ticket.number}/reply" class="reply card" enctype="multipart/form-data">${hidden}
<textarea name="text" id="reply-text" rows="3" placeholder="${t('console.ticket.reply_placeholder')}"></textarea>
<label>${t('console.ticket.file', { mb: Math.round(ctx.deps.options.maxUploadBytes / (1024 * 1024)) })} <input type="file" name="file" id="reply-file"
data-max="${ctx.deps.options.maxUploadBytes}" data-too-big="${t('console.ticket.file_too_large', { mb: Math.round(ctx.deps.options.maxUploadBytes / (1024 * 1024)) })}"></label>
<label>${t('console.ticket.canned')} <select name="canned" id="canned"><option value="">${t('console.ticket.canned_none')}</option>${canned.map((c) => html`<option value="${c}">${c}</option>`)}</select></label>
<div class="row"><button type="submit" name="as" value="reply" id="send-reply">${t('console.ticket.reply')}</button>
<button type="submit" name="as" value="note" class="secondary" id="save-note">${t('console.ticket.note')}</button></div></form>`
    : html`<p class="notice">${t('console.ticket.closed')}</p>`;
  const body = html`<h1>${t('console.ticket.heading', { number: ticket.number })} — ${ticket.founder_name ?? t('console.inbox.no_name')}</h1>
${notice ?? ''}<div class="split"><div class="main">${ticketFragment(ctx, ticket, stamp)}${actions}</div>${founderPanel(ctx, ticket)}</div>`;
  return page(ctx, t('console.ticket.heading', { number: ticket.number }), 'inbox', body);
}

async function ticketOr404(ctx: ConsoleContext, match: RegExpExecArray, brief = false): Promise<ConsoleTicket | HttpReply> {
  const ticket = await loadTicket(ctx, Number(match[1]), brief);
  return ticket ?? htmlReply(page(ctx, '404', 'inbox', html`<p class="error" data-code="404">${ctx.t('console.error.not_found')}</p>`), 404);
}

function isReply(x: ConsoleTicket | HttpReply): x is HttpReply {
  return 'status' in x && typeof (x as HttpReply).status === 'number' && !('number' in x);
}

/**
 * Streams a stamp whenever `stampOf` changes (server-sent events; by default any ticket or
 * message), until the client leaves or the session ends.
 *
 * @example
 * return liveStream(ctx, () => ctx.call('console_stamp'));
 */
export function liveStream(ctx: ConsoleContext, stampOf: () => Promise<string> = () => ctx.call<string>('console_stamp')): undefined {
  const { res } = ctx;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write('retry: 2000\n\n');
  let last = '';
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const stamp = await stampOf();
      if (stamp !== last) {
        last = stamp;
        res.write(`event: stamp\ndata: ${stamp}\n\n`);
      }
    } catch {
      res.write('event: signed-out\ndata: 1\n\n');
      stop();
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), ctx.deps.options.liveIntervalMs);
  const stop = () => {
    clearInterval(timer);
    res.end();
  };
  ctx.req.raw.on('close', () => clearInterval(timer));
  void tick();
  return undefined;
}

/** Inbox and ticket routes. */
export function inboxRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'GET', path: /^\/staff\/inbox$/, role: 'staff',
      handler: async (ctx) => {
        const filter = inboxFilter(ctx);
        const result = await ctx.call<InboxResult>('console_inbox', { filter, limit: INBOX_ROWS });
        if (ctx.req.url.searchParams.get('partial') === '1') return htmlReply(inboxFragment(ctx, result, filter).value);
        return htmlReply(inboxPage(ctx, result, filter));
      },
    },
    {
      method: 'GET', path: /^\/staff\/events$/, role: 'staff',
      handler: async (ctx) => {
        const id = Number(ctx.req.url.searchParams.get('broadcast'));
        if (Number.isInteger(id) && id > 0) return liveStream(ctx, async () => broadcastStamp(await ctx.call('console_broadcast', { id })));
        return liveStream(ctx);
      },
    },
    {
      method: 'GET', path: /^\/staff\/tickets\/(\d{1,12})$/, role: 'staff',
      handler: async (ctx, match) => {
        const ticket = await ticketOr404(ctx, match);
        if (isReply(ticket)) return ticket;
        const stamp = await ctx.call<string>('console_stamp');
        if (ctx.req.url.searchParams.get('partial') === '1') return htmlReply(ticketFragment(ctx, ticket, stamp).value);
        return htmlReply(ticketPage(ctx, ticket, stamp));
      },
    },
    {
      method: 'POST', path: /^\/staff\/tickets\/(\d{1,12})\/(claim|reply|resolve)$/, role: 'staff',
      handler: async (ctx, match) => {
        const number = Number(match[1]);
        const key = /^[A-Za-z0-9-]{8,64}$/.test(field(ctx, 'key')) ? field(ctx, 'key') : randomUUID();
        const back = redirect(`/staff/tickets/${number}`);
        if (match[2] === 'reply') {
          // One database call: the ticket is looked up by number inside it.
          const canned = field(ctx, 'canned');
          const typed = field(ctx, 'text').trim();
          const reply = canned ? ctx.deps.canned().get(canned) : undefined;
          const texts = {
            vi: [reply?.vi ?? '', typed].filter(Boolean).join('\n'),
            en: [reply?.en ?? '', typed].filter(Boolean).join('\n'),
          };
          const refuse = async (code: string, text: string, status: number) => {
            const ticket = await ticketOr404(ctx, match);
            if (isReply(ticket)) return ticket;
            const stamp = await ctx.call<string>('console_stamp');
            return htmlReply(ticketPage(ctx, ticket, stamp, html`<p class="error" data-code="${code}">${text}</p>`), status);
          };
          const upload = ctx.form instanceof FormData ? ctx.form.get('file') : null;
          const file = upload && typeof upload !== 'string' && upload.size > 0 ? upload : null;
          if (file) {
            if (field(ctx, 'as') === 'note') return refuse('file_note', ctx.t('console.ticket.file_note'), 400);
            const limit = ctx.deps.options.maxUploadBytes;
            if (file.size > limit) return refuse('too_big', ctx.t('console.ticket.file_too_large', { mb: Math.round(limit / (1024 * 1024)) }), 413);
            const sent = await replyWithFile(ctx, number, { captions: texts, key, file: { name: file.name, type: file.type, data: Buffer.from(await file.arrayBuffer()) } });
            if (!sent.ok) return refuse(sent.code ?? 'failed', ctx.t('console.ticket.closed'), sent.code === 'not_found' ? 404 : 409);
            return back;
          }
          if (!texts.vi) return refuse('empty', ctx.t('console.ticket.empty_reply'), 400);
          const result = await replyToTicket(ctx, number, { texts, key, note: field(ctx, 'as') === 'note' });
          if (!result.ok) return refuse(result.code ?? 'failed', ctx.t('console.ticket.closed'), 409);
          return back;
        }
        const ticket = await ticketOr404(ctx, match, true);
        if (isReply(ticket)) return ticket;
        if (match[2] === 'claim') await claimTicket(ctx, ticket, key);
        else await resolveTicket(ctx, ticket, key);
        return back;
      },
    },
  ];
}
