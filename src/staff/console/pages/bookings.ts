/**
 * Bookings: a day calendar (one timeline row per space, drawn as server-side SVG) and a week
 * calendar (spaces × days), filtered by space, with the occupancy of each space and day; the
 * bookings of the range as a list where staff cancel one with a reason (the founder is told on
 * their own channel, in their language, through booking_cancel's outbox row, as `uom bookings
 * cancel` does); export to CSV (UTF-8 with BOM) and XLSX, every time local to the centre.
 *
 * @example
 * // GET /staff/bookings?view=week&date=2026-12-09&space=meeting-room
 * // POST /staff/bookings/42/cancel (reason=…), GET /staff/bookings.csv?from=2026-12-01&to=2026-12-31
 */
import { translator, type Locale, type Translator } from '../../../content/messages.js';
import { spacesCatalog } from '../../../flows/booking/catalog.js';
import { bookingPayloads } from '../../../flows/booking/payloads.js';
import { bookingVars } from '../../../flows/booking/render.js';
import { loadSpaces, type SpacesContent } from '../../../flows/booking/spaces.js';
import { localInstant } from '../../../clock/time-zone.js';
import type { HttpReply } from '../../../http/router.js';
import {
  addLocalDays, isLocalDay, occupancy, openingHours, viewDays, type CalendarBooking, type CalendarSpace,
} from '../booking-calendar.js';
import { htmlReply, redirect, type ConsoleRoute } from '../console.js';
import { field, type ConsoleContext } from '../context.js';
import { csvDocument } from '../csv.js';
import { sendXlsx } from '../xlsx-reply.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';

interface BookingsResult { spaces: CalendarSpace[]; bookings: CalendarBooking[] }

interface CalendarQuery { view: 'day' | 'week'; date: string; space?: string }

function today(ctx: ConsoleContext): string {
  return ctx.fmt.day(ctx.deps.services.clock());
}

function calendarQuery(ctx: ConsoleContext): CalendarQuery {
  const q = ctx.req.url.searchParams;
  const date = q.get('date') ?? '';
  const space = q.get('space') ?? '';
  return {
    view: q.get('view') === 'week' ? 'week' : 'day',
    date: isLocalDay(date) ? date : today(ctx),
    ...(/^[a-z0-9][a-z0-9_-]{0,39}$/.test(space) ? { space } : {}),
  };
}

function queryString(q: CalendarQuery, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ view: q.view, date: q.date, ...(q.space ? { space: q.space } : {}), ...extra }).toString();
}

/** Instants bounding local days [first, last] in the centre's zone. */
function rangeOf(ctx: ConsoleContext, first: string, last: string): { from: string; to: string } {
  return { from: localInstant(first, 0, ctx.deps.zone).toISOString(), to: localInstant(addLocalDays(last, 1), 0, ctx.deps.zone).toISOString() };
}

function loadRange(ctx: ConsoleContext, first: string, last: string, space: string | undefined, exporting = false): Promise<BookingsResult> {
  return ctx.call<BookingsResult>('console_bookings', { ...rangeOf(ctx, first, last), space_id: space ?? null, export: exporting });
}

function clock(ctx: ConsoleContext, at: string): string {
  return ctx.fmt.iso(at).slice(11, 16);
}

function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

function dayTitle(ctx: ConsoleContext, day: string): string {
  const [y, m, d] = day.split('-');
  return ctx.locale === 'vi' ? `${ctx.t(`console.bookings.weekday.${weekdayKey(day)}`)} ${d}/${m}/${y}` : `${ctx.t(`console.bookings.weekday.${weekdayKey(day)}`)} ${day}`;
}

function weekdayKey(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return String(new Date(Date.UTC(y, m - 1, d)).getUTCDay());
}

/** One space's day as an SVG timeline between the earliest opening and the latest closing. */
function dayTimeline(ctx: ConsoleContext, spaces: readonly CalendarSpace[], bookings: readonly CalendarBooking[], day: string): Html {
  const zone = ctx.deps.zone;
  const hours = spaces.map((s) => openingHours(s, day, zone)).filter((h): h is { from: Date; to: Date } => h !== null);
  const start = hours.length ? Math.min(...hours.map((h) => h.from.getTime())) : localInstant(day, 7 * 60, zone).getTime();
  const end = hours.length ? Math.max(...hours.map((h) => h.to.getTime())) : localInstant(day, 18 * 60, zone).getTime();
  const first = Math.floor(start / 3_600_000) * 3_600_000;
  const last = Math.ceil(end / 3_600_000) * 3_600_000;
  const label = 170;
  const width = 1000;
  const row = 40;
  const x = (at: number) => label + ((Math.min(Math.max(at, first), last) - first) / (last - first)) * (width - label - 24);
  const ticks: Html[] = [];
  for (let at = first; at <= last; at += 3_600_000) {
    ticks.push(html`<line x1="${x(at)}" x2="${x(at)}" y1="18" y2="${22 + spaces.length * row}" class="tick"/><text x="${x(at)}" y="13" text-anchor="middle">${clock(ctx, new Date(at).toISOString())}</text>`);
  }
  const rows = spaces.map((s, i) => {
    const y = 22 + i * row;
    const open = openingHours(s, day, zone);
    const blocks = bookings.filter((b) => b.space_id === s.id && b.status === 'booked').map((b) => {
      const bx = x(new Date(b.start).getTime());
      const bw = Math.max(4, x(new Date(b.end).getTime()) - bx);
      const who = `${clock(ctx, b.start)}–${clock(ctx, b.end)} ${b.founder ?? ''} (${b.code})`;
      return html`<a href="#b${b.id}" data-booking="${b.code}"><rect x="${bx}" y="${y + 4}" width="${bw}" height="${row - 10}" rx="4" class="booking"><title>${who}</title></rect>
<text x="${bx + 4}" y="${y + row / 2 + 3}" class="on-bar">${bw > 60 ? `${clock(ctx, b.start)} ${b.founder ?? b.code}`.slice(0, Math.floor(bw / 7)) : ''}</text></a>`;
    });
    return html`<text x="4" y="${y + row / 2 + 3}">${s.name[ctx.locale].slice(0, 24)}</text>
${open ? html`<rect x="${x(open.from.getTime())}" y="${y + 2}" width="${x(open.to.getTime()) - x(open.from.getTime())}" height="${row - 6}" class="open"/>` : html`<text x="${label + 4}" y="${y + row / 2 + 3}" class="closed">${ctx.t('console.bookings.closed')}</text>`}
${blocks}`;
  });
  return html`<figure class="chart timeline"><svg viewBox="0 0 ${width} ${30 + spaces.length * row}" role="img" aria-label="${ctx.t('console.bookings.calendar')}">${ticks}${rows}</svg></figure>`;
}

function weekGrid(ctx: ConsoleContext, spaces: readonly CalendarSpace[], bookings: readonly CalendarBooking[], days: readonly string[], q: CalendarQuery): Html {
  const head = days.map((d) => html`<th><a href="/staff/bookings?${queryString({ ...q, view: 'day', date: d })}">${dayTitle(ctx, d)}</a></th>`);
  // Each booking's local day once (not once per cell).
  const byCell = new Map<string, CalendarBooking[]>();
  for (const b of bookings) {
    if (b.status !== 'booked') continue;
    const key = `${b.space_id} ${ctx.fmt.day(b.start)}`;
    byCell.set(key, [...(byCell.get(key) ?? []), b]);
  }
  const rows = spaces.map((s) => html`<tr data-space="${s.id}"><th>${s.name[ctx.locale]}</th>${days.map((d) => {
    const occ = occupancy(s, d, bookings, ctx.deps.zone);
    const items = byCell.get(`${s.id} ${d}`) ?? [];
    return html`<td data-day="${d}"><span class="meta">${percent(occ.share)}</span>${items.map((b) => html`<a class="chip" href="#b${b.id}" data-booking="${b.code}">${clock(ctx, b.start)}–${clock(ctx, b.end)} ${b.founder ?? b.code}</a>`)}</td>`;
  })}</tr>`);
  return html`<div class="scroll"><table class="data week" id="week"><thead><tr><th>${ctx.t('console.bookings.space')}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function occupancyTable(ctx: ConsoleContext, spaces: readonly CalendarSpace[], bookings: readonly CalendarBooking[], days: readonly string[]): Html {
  const rows = spaces.map((s) => {
    const per = days.map((d) => occupancy(s, d, bookings, ctx.deps.zone));
    const open = per.reduce((n, o) => n + o.open, 0);
    const booked = per.reduce((n, o) => n + o.booked, 0);
    const count = bookings.filter((b) => b.space_id === s.id && b.status === 'booked').length;
    return html`<tr data-space="${s.id}" data-occupancy="${open > 0 ? (booked / open).toFixed(3) : ''}"><td>${s.name[ctx.locale]}</td><td>${s.capacity}</td>
<td>${(booked / 60).toFixed(1)} / ${(open / 60).toFixed(1)}</td><td><b>${percent(open > 0 ? booked / open : null)}</b></td><td>${count}</td></tr>`;
  });
  return html`<div class="scroll"><table class="data" id="occupancy"><thead><tr><th>${ctx.t('console.bookings.space')}</th><th>${ctx.t('console.bookings.capacity')}</th>
<th>${ctx.t('console.bookings.hours')}</th><th>${ctx.t('console.bookings.occupancy')}</th><th>${ctx.t('console.bookings.count')}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function bookingItem(ctx: ConsoleContext, b: CalendarBooking, spaces: readonly CalendarSpace[], back: string): Html {
  const { t } = ctx;
  const space = spaces.find((s) => s.id === b.space_id);
  const active = b.status === 'booked' && new Date(b.end).getTime() > ctx.deps.services.clock().getTime();
  return html`<li class="card booking-item" id="b${b.id}" data-booking="${b.code}" data-status="${b.status}">
<p><b>${clock(ctx, b.start)}–${clock(ctx, b.end)}</b> ${ctx.fmt.dateTime(b.start).slice(0, 10)} · ${space?.name[ctx.locale] ?? b.space_id}${b.seats > 1 ? ` · ${b.seats}` : ''}
<span class="badge ${b.status === 'cancelled' ? 'overdue' : 'ok'}">${t(`console.bookings.status.${b.status}`)}</span></p>
<p class="meta">${b.code} · ${b.founder ?? t('console.inbox.no_name')}${b.channel ? ` · ${t(`console.channel.${b.channel}`)}` : ''}${b.confirmed_at ? ` · ${t('console.bookings.confirmed')}` : ''}</p>
${b.status === 'cancelled' ? html`<p class="meta">${t('console.bookings.cancelled_by', { by: t(`console.bookings.by.${b.cancelled_by ?? 'staff'}`), at: ctx.fmt.dateTime(b.cancelled_at) })}${b.cancel_reason ? html` — ${b.cancel_reason}` : ''}</p>` : ''}
${active ? html`<details><summary>${t('console.bookings.cancel')}</summary>
<form method="post" action="/staff/bookings/${b.id}/cancel" class="cancel"><input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="back" value="${back}">
<label>${t('console.bookings.reason')} <textarea name="reason" rows="2" required maxlength="500"></textarea></label>
<button type="submit" class="danger">${t('console.bookings.cancel_confirm')}</button></form></details>` : ''}</li>`;
}

function bookingsPage(ctx: ConsoleContext, q: CalendarQuery, result: BookingsResult, days: string[], notice?: Html): string {
  const { t } = ctx;
  const step = q.view === 'day' ? 1 : 7;
  const back = `/staff/bookings?${queryString(q)}`;
  const spaceOptions = result.spaces.map((s) => html`<option value="${s.id}" ${s.id === q.space ? 'selected' : ''}>${s.name[ctx.locale]}</option>`);
  const exportQuery = new URLSearchParams({ from: days[0]!, to: days[days.length - 1]!, ...(q.space ? { space: q.space } : {}) }).toString();
  const shown = q.space ? result.spaces.filter((s) => s.id === q.space) : result.spaces;
  const listed = [...result.bookings].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  const body = html`<h1>${t('console.bookings.heading')}</h1>${notice ?? ''}
<form method="get" action="/staff/bookings" class="filters">
<select name="view"><option value="day" ${q.view === 'day' ? 'selected' : ''}>${t('console.bookings.view.day')}</option><option value="week" ${q.view === 'week' ? 'selected' : ''}>${t('console.bookings.view.week')}</option></select>
<input type="date" name="date" value="${q.date}" aria-label="${t('console.bookings.date')}">
<select name="space"><option value="">${t('console.bookings.all_spaces')}</option>${spaceOptions}</select>
<button type="submit">${t('console.inbox.filter')}</button></form>
<nav class="tabs"><a class="tab" id="prev" href="/staff/bookings?${queryString({ ...q, date: addLocalDays(q.date, -step) })}">‹ ${t('console.bookings.previous')}</a>
<a class="tab" href="/staff/bookings?${queryString({ ...q, date: today(ctx) })}">${t('console.bookings.today')}</a>
<a class="tab" id="next" href="/staff/bookings?${queryString({ ...q, date: addLocalDays(q.date, step) })}">${t('console.bookings.next')} ›</a></nav>
<h2 id="range" data-from="${days[0]}" data-to="${days[days.length - 1]}">${q.view === 'day' ? dayTitle(ctx, days[0]!) : `${dayTitle(ctx, days[0]!)} – ${dayTitle(ctx, days[6]!)}`}</h2>
${q.view === 'day' ? dayTimeline(ctx, shown, result.bookings, days[0]!) : weekGrid(ctx, shown, result.bookings, days, q)}
<h2>${t('console.bookings.occupancy')}</h2>${occupancyTable(ctx, shown, result.bookings, days)}
<p class="row"><a class="button" id="export-csv" href="/staff/bookings.csv?${exportQuery}" download>${t('console.bookings.export_csv')}</a>
<a class="button" id="export-xlsx" href="/staff/bookings.xlsx?${exportQuery}" download>${t('console.bookings.export_xlsx')}</a></p>
<h2>${t('console.bookings.list')} (${listed.length})</h2>
<ul class="plain bookings">${listed.length ? listed.map((b) => bookingItem(ctx, b, result.spaces, back)) : html`<li class="empty meta">${t('console.bookings.empty')}</li>`}</ul>`;
  return page(ctx, t('console.bookings.heading'), 'bookings', body);
}

/** This bot's spaces, or the content folder's when the bot runs without the booking feature. */
function consoleSpaces(ctx: ConsoleContext): SpacesContent {
  try {
    return spacesCatalog(ctx.deps.services);
  } catch {
    return loadSpaces(ctx.deps.services.config.CONTENT_DIR);
  }
}

/** The founder's notice in both languages, as `uom bookings cancel` writes it. */
function cancelNotices(ctx: ConsoleContext, booking: CalendarBooking & { space_name: { vi: string; en: string } }, reason: string): Record<Locale, unknown> {
  const spaces = consoleSpaces(ctx);
  const notice = (locale: Locale) => {
    const ft: Translator = translator(ctx.deps.services.messages, locale);
    return {
      text: ft('booking.staff_cancelled', { ...bookingVars(spaces, ft, locale, booking), reason }),
      buttons: [{ label: ft('booking.mine.new_button'), payload: bookingPayloads.encode('new') }],
    };
  };
  return { vi: notice('vi'), en: notice('en') };
}

const EXPORT_COLUMNS = ['code', 'space', 'day', 'start', 'end', 'seats', 'status', 'founder', 'channel', 'confirmed_at', 'cancelled_at', 'cancelled_by', 'cancel_reason', 'created_at'] as const;

function exportRows(ctx: ConsoleContext, result: BookingsResult): (string | number)[][] {
  const name = (id: string) => result.spaces.find((s) => s.id === id)?.name[ctx.locale] ?? id;
  return result.bookings.map((b) => [
    b.code, name(b.space_id), ctx.fmt.day(b.start), clock(ctx, b.start), clock(ctx, b.end), b.seats,
    ctx.t(`console.bookings.status.${b.status}`), b.founder ?? '', b.channel ? ctx.t(`console.channel.${b.channel}`) : '',
    ctx.fmt.iso(b.confirmed_at), ctx.fmt.iso(b.cancelled_at), b.cancelled_by ? ctx.t(`console.bookings.by.${b.cancelled_by}`) : '',
    b.cancel_reason ?? '', ctx.fmt.iso(b.created_at),
  ]);
}

async function exportBookings(ctx: ConsoleContext, match: RegExpExecArray): Promise<HttpReply | undefined> {
  const q = ctx.req.url.searchParams;
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? from;
  if (!isLocalDay(from) || !isLocalDay(to) || to < from) {
    return htmlReply(page(ctx, '400', 'bookings', html`<p class="error" data-code="bad_range">${ctx.t('console.bookings.bad_range')}</p>`), 400);
  }
  const space = q.get('space') ?? '';
  const result = await loadRange(ctx, from, to, /^[a-z0-9][a-z0-9_-]{0,39}$/.test(space) ? space : undefined, true);
  const header = EXPORT_COLUMNS.map((c) => ctx.t(`console.bookings.col.${c}`));
  const rows = exportRows(ctx, result);
  const name = `uom-bookings-${from}_${to}`;
  if (match[1] === 'csv') {
    return { status: 200, text: csvDocument(header, rows), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' } };
  }
  // Loaded when a workbook is asked for: the library is a fifth of the command line's start-up.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ươm';
  const sheet = workbook.addWorksheet(ctx.t('console.bookings.heading').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, (header[i] ?? '').length + 2));
  });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return sendXlsx(ctx, name, buffer);
}

/** Booking routes. */
export function bookingRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'GET', path: /^\/staff\/bookings$/, role: 'staff',
      handler: async (ctx) => {
        const q = calendarQuery(ctx);
        const days = viewDays(q.view, q.date);
        const result = await loadRange(ctx, days[0]!, days[days.length - 1]!, q.space);
        const done = ctx.req.url.searchParams.get('cancelled');
        const untold = ctx.req.url.searchParams.get('untold') === '1';
        const notice = done && /^[A-Z0-9]{6}$/.test(done)
          ? html`<p class="notice" data-code="cancelled">${ctx.t(untold ? 'console.bookings.cancelled_untold' : 'console.bookings.cancelled_notice', { code: done })}</p>` : undefined;
        return htmlReply(bookingsPage(ctx, q, result, days, notice));
      },
    },
    { method: 'GET', path: /^\/staff\/bookings\.(csv|xlsx)$/, role: 'staff', handler: exportBookings },
    {
      method: 'POST', path: /^\/staff\/bookings\/(\d{1,12})\/cancel$/, role: 'staff',
      handler: async (ctx, match) => {
        const id = Number(match[1]);
        const reason = field(ctx, 'reason').trim().slice(0, 500);
        const backField = field(ctx, 'back');
        const back = backField.startsWith('/staff/bookings?') ? backField : '/staff/bookings';
        const refuse = async (code: string, status: number) => {
          const q = calendarQuery(ctx);
          const days = viewDays(q.view, q.date);
          const result = await loadRange(ctx, days[0]!, days[days.length - 1]!, q.space);
          return htmlReply(bookingsPage(ctx, q, result, days, html`<p class="error" data-code="${code}">${ctx.t(`console.bookings.error.${code}`)}</p>`), status);
        };
        if (!reason) return refuse('reason', 400);
        const booking = await ctx.call<(CalendarBooking & { space_name: { vi: string; en: string }; conversation_id: number | null }) | null>('console_booking', { id });
        if (!booking) return refuse('not_found', 404);
        const result = await ctx.call<{ ok: boolean; code?: string; booking?: { code: string } }>('console_booking_cancel', {
          id, reason, notices: cancelNotices(ctx, booking, reason),
        });
        if (!result.ok) return refuse('not_active', 409);
        ctx.deps.services.wakeSender();
        const url = new URL(back, 'http://console.local');
        url.searchParams.set('cancelled', booking.code);
        if (booking.conversation_id === null) url.searchParams.set('untold', '1'); // no chat on record to tell
        return redirect(`${url.pathname}${url.search}#b${id}`);
      },
    },
  ];
}
