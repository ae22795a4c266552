/**
 * `uom bookings …`: staff tools for the coworking space (issue 5).
 * - `list --date 2026-12-01 [--to 2026-12-07] [--all]`: who comes when (cancelled too with --all);
 * - `export --from … --to … [--format csv|json] [--output file]`: every booking of the range;
 * - `cancel <code> [--reason …]`: cancels on the founder's behalf; the founder is told through
 *   the outbox in their language, with the reason;
 * - `stats [--from … --to …]`: occupancy per space and day (booked seat-hours / open seat-hours);
 * - `spaces`: checks content/spaces.yaml and copies it into the database.
 * Dates are local days (Asia/Ho_Chi_Minh); `--to` is included.
 *
 * @example
 * uom bookings list --date 2026-12-01
 * uom bookings export --from 2026-12-01 --to 2026-12-31 --format csv --output december.csv
 * uom bookings cancel K7QX2M --reason "Hội trường bảo trì điện"
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { loadMessages, translator } from '../../content/messages.js';
import { bookingStats, cancelBooking, getBooking, listBookings, type BookingRecord } from './bookings.js';
import { bookingVars } from './render.js';
import { loadSpaces, toSyncPayload } from './spaces.js';
import { localDay, localTime } from './time.js';
import { addDays } from '../parse/date.js';
import type { Store } from '../../store/store.js';
import { CommandError, runCommand } from '../../command/context.js';
import { formatInstant } from '../../clock/time-zone.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a `YYYY-MM-DD` option. @example day('2026-12-01', '--date') // '2026-12-01' */
export function day(value: string | undefined, option: string, fallback?: string): string {
  const v = value ?? fallback;
  if (!v || !ISO_DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
    throw new CommandError(`${option} expects a day such as 2026-12-01`, 2);
  }
  return v;
}

/** Checks a from/to pair (to included) and returns [from, dayAfterTo). @example range('2026-12-01', '2026-12-01') // ['2026-12-01', '2026-12-02'] */
function range(from: string, to: string): [string, string] {
  if (to < from) throw new CommandError('--to is before --from', 2);
  return [from, addDays(to, 1)];
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  return cells.map((row) => row.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd()).join('\n');
}

/**
 * The bookings of local days [from, to] as a table.
 *
 * @example
 * console.log(await bookingsList(store, { from: '2026-12-01' }));
 */
export async function bookingsList(store: Store, o: { from: string; to?: string; all?: boolean }): Promise<string> {
  const [from, to] = range(o.from, o.to ?? o.from);
  const rows = await listBookings(store, from, to, o.all ?? false);
  if (rows.length === 0) return `No bookings from ${o.from} to ${o.to ?? o.from}.`;
  return pad([
    ['day', 'time', 'space', 'code', 'status', 'founder', 'confirmed'],
    ...rows.map((b) => [
      localDay(b.start),
      `${localTime(b.start)}-${localTime(b.end)}`,
      b.space_id,
      b.code,
      b.status,
      b.founder ?? '-',
      b.confirmed_at ? 'yes' : '',
    ]),
  ]);
}

const CSV_COLUMNS = [
  'code', 'space_id', 'space', 'kind', 'day', 'start', 'end', 'minutes', 'seats', 'status', 'founder',
  'confirmed_at', 'cancelled_at', 'cancelled_by', 'cancel_reason', 'created_at',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote when needed (RFC 4180); a leading = + - @ is neutralised so spreadsheets never run it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function exportRow(b: BookingRecord): Record<(typeof CSV_COLUMNS)[number], unknown> {
  return {
    code: b.code,
    space_id: b.space_id,
    space: b.space_name.vi,
    kind: b.kind,
    day: localDay(b.start),
    start: localTime(b.start),
    end: localTime(b.end),
    minutes: Math.round((Date.parse(b.end) - Date.parse(b.start)) / 60_000),
    seats: b.seats,
    status: b.status,
    founder: b.founder ?? '',
    // Local times, like day/start/end: what staff read in a spreadsheet.
    confirmed_at: b.confirmed_at ? formatInstant(b.confirmed_at, 'seconds') : '',
    cancelled_at: b.cancelled_at ? formatInstant(b.cancelled_at, 'seconds') : '',
    cancelled_by: b.cancelled_by,
    cancel_reason: b.cancel_reason ?? '',
    created_at: formatInstant(b.created_at, 'seconds'),
  };
}

/**
 * Every booking (cancelled included) starting in local days [from, to], as CSV (UTF-8 with a
 * BOM so Excel reads Vietnamese correctly) or JSON.
 *
 * @example
 * writeFileSync('dec.csv', await bookingsExport(store, { from: '2026-12-01', to: '2026-12-31', format: 'csv' }));
 */
export async function bookingsExport(store: Store, o: { from: string; to: string; format: string }): Promise<string> {
  if (o.format !== 'csv' && o.format !== 'json') throw new CommandError('--format expects csv or json', 2);
  const [from, to] = range(o.from, o.to);
  const rows = (await listBookings(store, from, to, true)).map(exportRow);
  if (o.format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Cancels a booking on the founder's behalf and queues a notice to them (their language, the
 * reason if given). Returns a line for the terminal.
 *
 * @example
 * await bookingsCancel(config, store, 'K7QX2M', 'Mất điện');
 */
export async function bookingsCancel(config: Config, store: Store, code: string, reason?: string): Promise<string> {
  const booking = await getBooking(store, { code });
  if (!booking) throw new CommandError(`no booking with code ${code.toUpperCase()}`);
  const t = translator(loadMessages(config.CONTENT_DIR), booking.locale ?? config.DEFAULT_LOCALE);
  const vars = { ...bookingVars(loadSpaces(config.CONTENT_DIR), t, booking.locale ?? config.DEFAULT_LOCALE, booking), reason: reason ?? '' };
  const notice = {
    text: t(reason ? 'booking.staff_cancelled' : 'booking.staff_cancelled.no_reason', vars),
    buttons: [{ label: t('booking.mine.new_button'), payload: 'booking:new' }],
  };
  const result = await cancelBooking(store, { code, by: 'staff', reason, notice });
  if (!result.ok) throw new CommandError(`booking ${booking.code} is ${booking.status} or already over; nothing to cancel`);
  if (result.repeated) return `Booking ${booking.code} was already cancelled.`;
  const told = booking.conversation_id ? 'The founder will be told.' : 'The founder has no chat on record and cannot be told.';
  return `Cancelled ${booking.code} (${booking.space_id}, ${localDay(booking.start)} ${localTime(booking.start)}-${localTime(booking.end)}). ${told}`;
}

/**
 * Occupancy per space and local day in [from, to]: booked seat-hours over open seat-hours.
 *
 * @example
 * console.log(await bookingsStats(store, { from: '2026-12-01', to: '2026-12-07' }));
 */
export async function bookingsStats(store: Store, o: { from: string; to: string }): Promise<string> {
  const [from, to] = range(o.from, o.to);
  const rows = await bookingStats(store, from, to);
  if (rows.length === 0) return 'No spaces.';
  const hours = (m: number) => (m / 60).toFixed(1);
  const table = rows.map((r) => [
    r.date,
    r.space_id,
    r.occupancy === null ? 'closed' : `${(r.occupancy * 100).toFixed(1)}%`,
    hours(r.booked_minutes),
    hours(r.open_minutes),
    String(r.bookings),
    String(r.cancelled),
  ]);
  const totals = new Map<string, { booked: number; open: number; bookings: number; cancelled: number }>();
  for (const r of rows) {
    const t = totals.get(r.space_id) ?? { booked: 0, open: 0, bookings: 0, cancelled: 0 };
    t.booked += r.booked_minutes;
    t.open += r.open_minutes;
    t.bookings += r.bookings;
    t.cancelled += r.cancelled;
    totals.set(r.space_id, t);
  }
  for (const [space, t] of totals) {
    table.push([
      'total', space, t.open ? `${((t.booked / t.open) * 100).toFixed(1)}%` : 'closed', hours(t.booked), hours(t.open),
      String(t.bookings), String(t.cancelled),
    ]);
  }
  return pad([['day', 'space', 'occupancy', 'booked h', 'open h', 'bookings', 'cancelled'], ...table]);
}

/** Validates content/spaces.yaml and stores it. @example await bookingsSpaces(config, store) */
export async function bookingsSpaces(config: Config, store: Store): Promise<string> {
  const content = loadSpaces(config.CONTENT_DIR);
  await store.call('booking_spaces_sync', { spaces: toSyncPayload(content) });
  return pad([
    ['id', 'kind', 'capacity', 'name'],
    ...content.spaces.map((s) => [s.id, s.kind, String(s.capacity), s.name.vi]),
  ]);
}

function today(clock: () => Date): string {
  return localDay(clock());
}

/** Adds `uom bookings …` to the program. @example registerBookingCommands(program) */
export function registerBookingCommands(program: Command): void {
  const bookings = program.command('bookings').description('coworking space bookings');
  bookings
    .command('list')
    .description('bookings of a day (or --date … --to …)')
    .option('--date <day>', 'local day, e.g. 2026-12-01 (default today)')
    .option('--to <day>', 'last day included (default --date)')
    .option('--all', 'include cancelled bookings')
    .action((o: { date?: string; to?: string; all?: boolean }) =>
      runCommand(async ({ store, clock }) => {
        const from = day(o.date, '--date', today(clock));
        console.log(await bookingsList(store, { from, to: day(o.to, '--to', from), all: o.all }));
      }),
    );
  bookings
    .command('export')
    .description('every booking of a period as CSV or JSON')
    .requiredOption('--from <day>', 'first day, e.g. 2026-12-01')
    .requiredOption('--to <day>', 'last day included')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--output <file>', 'write to a file instead of the terminal')
    .action((o: { from: string; to: string; format: string; output?: string }) =>
      runCommand(async ({ store }) => {
        const text = await bookingsExport(store, { from: day(o.from, '--from'), to: day(o.to, '--to'), format: o.format });
        if (o.output) writeFileSync(o.output, text);
        else process.stdout.write(text);
      }),
    );
  bookings
    .command('cancel <code>')
    .description("cancel a booking on the founder's behalf (the founder is told)")
    .option('--reason <text>', 'told to the founder')
    .action((code: string, o: { reason?: string }) =>
      runCommand(async ({ config, store }) => {
        console.log(await bookingsCancel(config, store, code, o.reason));
      }),
    );
  bookings
    .command('stats')
    .description('occupancy per space and day (default: the last 7 days)')
    .option('--from <day>', 'first day')
    .option('--to <day>', 'last day included (default today)')
    .action((o: { from?: string; to?: string }) =>
      runCommand(async ({ store, clock }) => {
        const to = day(o.to, '--to', today(clock));
        console.log(await bookingsStats(store, { from: day(o.from, '--from', addDays(to, -6)), to }));
      }),
    );
  bookings
    .command('spaces')
    .description('check content/spaces.yaml and copy it into the database')
    .action(() =>
      runCommand(async ({ config, store }) => {
        console.log(await bookingsSpaces(config, store));
      }),
    );
}
