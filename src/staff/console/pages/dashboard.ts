/**
 * The dashboard: conversations per day by channel, questions answered vs not, tickets opened and
 * resolved per day with open/overdue now, median first-response and resolution times, CSAT,
 * booking occupancy and broadcast reach, over the last N days in the centre's zone. Every chart
 * has its table and a CSV (`/staff/dashboard/<chart>.csv`).
 *
 * @example
 * // GET /staff/dashboard?days=30, GET /staff/dashboard/tickets.csv?days=30
 */
import type { HttpReply } from '../../../http/router.js';
import { barChart, columnChart, type Bar } from '../charts.js';
import { htmlReply, type ConsoleRoute } from '../console.js';
import type { ConsoleContext } from '../context.js';
import { csvDocument } from '../csv.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import { zonedInstant } from '../time.js';

interface Dashboard {
  conversations: { day: string; channel: string; count: number }[];
  questions: { helpful: number; not_helpful: number; unanswered: number };
  tickets: { day: string; opened: number; resolved: number }[];
  ticket_totals: { opened: number; resolved: number; open_now: number; overdue_now: number; first_response_minutes_median: number | null; resolution_minutes_median: number | null; csat_average: number | null; csat_count: number };
  csat: { score: number; count: number }[];
  occupancy: { space: string; booked_hours: number; bookings: number }[];
  broadcasts: { id: number; title: string; total: number; sent: number; failed: number; rsvps: number }[];
}

type Table = { header: string[]; rows: (string | number)[][] };

function daysOf(ctx: ConsoleContext): number {
  const n = Number(ctx.req.url.searchParams.get('days') ?? 14);
  return Number.isInteger(n) && n >= 1 && n <= 366 ? n : 14;
}

async function load(ctx: ConsoleContext): Promise<{ data: Dashboard; days: string[] }> {
  const days = daysOf(ctx);
  const today = ctx.fmt.day(ctx.deps.services.clock());
  const end = new Date(zonedInstant(`${today}T00:00`, ctx.deps.zone)!.getTime() + 86_400_000);
  const start = new Date(end.getTime() - days * 86_400_000);
  const data = await ctx.call<Dashboard>('console_dashboard', { from: start.toISOString(), to: end.toISOString(), zone: ctx.deps.zone });
  const list = Array.from({ length: days }, (_, i) => ctx.fmt.day(new Date(start.getTime() + i * 86_400_000 + 12 * 3_600_000)));
  return { data, days: list };
}

/** Every chart's table, by name (also the CSV names). */
function tables(ctx: ConsoleContext, data: Dashboard, days: string[]): Record<string, Table> {
  const { t } = ctx;
  const channels = [...new Set(data.conversations.map((c) => c.channel))].sort();
  const count = (day: string, channel: string) => data.conversations.find((c) => c.day === day && c.channel === channel)?.count ?? 0;
  const tickets = (day: string) => data.tickets.find((x) => x.day === day);
  return {
    conversations: { header: [t('console.dashboard.day'), ...channels.map((c) => t(`console.channel.${c}`))], rows: days.map((d) => [d, ...channels.map((c) => count(d, c))]) },
    questions: { header: [t('console.surveys.answer'), t('console.surveys.count')], rows: [
      [t('console.dashboard.helpful'), data.questions.helpful], [t('console.dashboard.not_helpful'), data.questions.not_helpful], [t('console.dashboard.unanswered'), data.questions.unanswered]] },
    tickets: { header: [t('console.dashboard.day'), t('console.dashboard.opened'), t('console.dashboard.resolved')], rows: days.map((d) => [d, tickets(d)?.opened ?? 0, tickets(d)?.resolved ?? 0]) },
    csat: { header: ['CSAT', t('console.surveys.count')], rows: [1, 2, 3, 4, 5].map((s) => [s, data.csat.find((c) => c.score === s)?.count ?? 0]) },
    occupancy: { header: ['space', t('console.dashboard.occupancy'), 'bookings'], rows: data.occupancy.map((o) => [o.space, o.booked_hours, o.bookings]) },
    broadcasts: { header: ['#', 'title', t('console.broadcasts.total'), t('console.broadcasts.sent'), t('console.broadcasts.failed'), 'RSVP'], rows: data.broadcasts.map((b) => [b.id, b.title, b.total, b.sent, b.failed, b.rsvps]) },
  };
}

function tableHtml(table: Table): Html {
  return html`<div class="scroll"><table class="data"><thead><tr>${table.header.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${table.rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}

function block(ctx: ConsoleContext, name: string, title: string, chart: Html, table: Table): Html {
  return html`<section class="card" data-chart="${name}"><h2>${title}</h2>${chart}
<details><summary>table</summary>${tableHtml(table)}</details><a href="/staff/dashboard/${name}.csv?days=${daysOf(ctx)}" download>${ctx.t('console.dashboard.csv')}</a></section>`;
}

function dashboardPage(ctx: ConsoleContext, data: Dashboard, days: string[]): string {
  const { t } = ctx;
  const all = tables(ctx, data, days);
  const totals = data.ticket_totals;
  const sumRow = (r: (string | number)[]) => r.slice(1).reduce<number>((a, b) => a + Number(b), 0);
  const perDay: Bar[] = all.conversations!.rows.map((r) => ({ label: String(r[0]).slice(5), value: sumRow(r) }));
  const body = html`<h1>${t('console.dashboard.heading')}</h1>
<p>${[7, 14, 30, 90].map((d) => html`<a class="tab ${d === daysOf(ctx) ? 'active' : ''}" href="/staff/dashboard?days=${d}">${t('console.dashboard.days', { days: d })}</a> `)}</p>
<div class="kpis">
<div class="card kpi"><b data-kpi="open_now">${totals.open_now}</b><span>${t('console.dashboard.open_now')}</span></div>
<div class="card kpi"><b data-kpi="overdue_now">${totals.overdue_now}</b><span>${t('console.dashboard.overdue_now')}</span></div>
<div class="card kpi"><b>${totals.first_response_minutes_median ?? '—'}</b><span>${t('console.dashboard.first_response')}</span></div>
<div class="card kpi"><b>${totals.resolution_minutes_median ?? '—'}</b><span>${t('console.dashboard.resolution')}</span></div>
<div class="card kpi"><b data-kpi="csat">${totals.csat_average ?? '—'}</b><span>${t('console.dashboard.csat_average', { average: totals.csat_average ?? '—', count: totals.csat_count })}</span></div></div>
<div class="grid">
${block(ctx, 'conversations', t('console.dashboard.conversations'), columnChart(perDay, { title: t('console.dashboard.conversations') }), all.conversations!)}
${block(ctx, 'questions', t('console.dashboard.questions'), barChart(all.questions!.rows.map((r) => ({ label: String(r[0]), value: Number(r[1]) })), { title: t('console.dashboard.questions') }), all.questions!)}
${block(ctx, 'tickets', t('console.dashboard.tickets'), columnChart(all.tickets!.rows.map((r) => ({ label: String(r[0]).slice(5), value: Number(r[1]) })), { title: t('console.dashboard.tickets') }), all.tickets!)}
${block(ctx, 'csat', t('console.dashboard.csat'), columnChart(all.csat!.rows.map((r) => ({ label: String(r[0]), value: Number(r[1]) })), { title: 'CSAT' }), all.csat!)}
${block(ctx, 'occupancy', t('console.dashboard.occupancy'), barChart(all.occupancy!.rows.map((r) => ({ label: String(r[0]), value: Number(r[1]) })), { title: t('console.dashboard.occupancy') }), all.occupancy!)}
${block(ctx, 'broadcasts', t('console.dashboard.broadcasts'), barChart(all.broadcasts!.rows.map((r) => ({ label: `#${r[0]} ${r[1]}`, value: Number(r[3]) })), { title: t('console.dashboard.broadcasts') }), all.broadcasts!)}
</div>`;
  return page(ctx, t('console.dashboard.heading'), 'dashboard', body);
}

/** Dashboard routes. */
export function dashboardRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'GET', path: /^\/staff\/dashboard$/, role: 'staff',
      handler: async (ctx) => {
        const { data, days } = await load(ctx);
        return htmlReply(dashboardPage(ctx, data, days));
      },
    },
    {
      method: 'GET', path: /^\/staff\/dashboard\/([a-z]+)\.csv$/, role: 'staff',
      handler: async (ctx, match): Promise<HttpReply> => {
        const { data, days } = await load(ctx);
        const table = tables(ctx, data, days)[match[1]!];
        if (!table) return { status: 404, text: 'not found' };
        return { status: 200, text: csvDocument(table.header, table.rows), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="uom-${match[1]}.csv"`, 'cache-control': 'no-store' } };
      },
    },
  ];
}
