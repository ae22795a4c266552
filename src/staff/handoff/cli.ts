/**
 * Working tickets from the command line (when no staff group is configured, or besides it):
 * `uom tickets list [--all]`, `uom tickets show <n>`, `uom tickets reply <n> "<text>"`,
 * `uom tickets resolve <n>`. Replies and the closing question reach the founder on their own
 * channel through the outbox, exactly as from the staff group.
 *
 * @example
 * uom tickets list
 * uom tickets reply 12 "Chào bạn, mình là Lan ở trung tâm."
 * uom tickets resolve 12
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { csatQuestion } from './csat.js';
import { topicNotice } from './notices.js';
import { loadStaffSettings } from './settings.js';
import { bodyText, listTickets, ticketByNumber, type Ticket } from './tickets.js';
import type { Config } from '../../config.js';
import { loadMessages, translator } from '../../content/messages.js';
import type { Store } from '../../store/store.js';
import { CommandError, runCommand } from '../../command/context.js';
import { centreTimeZone, formatInstant } from '../../clock/time-zone.js';

function parseNumber(value: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0) throw new CommandError(`not a ticket number: ${value}`, 2);
  return n;
}

async function requireTicket(store: Store, number: number): Promise<Ticket> {
  const ticket = await ticketByNumber(store, number);
  if (!ticket) throw new CommandError(`no ticket #${number}`);
  return ticket;
}

function founderItem(ticket: Ticket, text: string, key: string) {
  return {
    channel: ticket.channel, recipient: ticket.recipient, conversation_id: ticket.conversation_id, contact_id: ticket.contact_id,
    payload: { text }, kind: 'relay', priority: 5, dedupe_key: key,
  };
}

/**
 * Open tickets by SLA (all with `all`), as table rows.
 *
 * @example
 * console.table(await ticketsList(config, store));
 */
export async function ticketsList(config: Config, store: Store, all = false): Promise<Record<string, string | number>[]> {
  return (await listTickets(store, all)).map((t) => ({
    number: t.number,
    status: t.status,
    category: t.category,
    priority: t.priority,
    channel: t.channel,
    founder: t.founder_name ?? '—',
    due: t.sla_due_at ? formatInstant(t.sla_due_at) : '',
    answered: t.first_response_at ? 'yes' : 'no',
  }));
}

/**
 * Rows as a plain aligned table (a header, then one line per row): what a person reads at the
 * terminal, and what `grep`/`cut` can take, unlike `console.table`'s index column and quotes.
 *
 * @example
 * textTable([{ number: 1, status: 'open' }]); // ['number  status', '1       open']
 */
export function textTable(rows: Record<string, string | number>[]): string[] {
  const columns = Object.keys(rows[0] ?? {});
  const cell = (value: string | number | undefined) => String(value ?? '').replace(/\s+/g, ' ');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => [...cell(r[c])].length)));
  const line = (values: string[]) => values.map((v, i) => v + ' '.repeat(widths[i]! - [...v].length)).join('  ').trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
}

/** What a ticket's system entry means, in words (`[opened]` told staff little). */
function eventText(body: Record<string, unknown>): string {
  switch (body.event) {
    case 'opened': return `— ticket opened${typeof body.reason === 'string' ? ` (${body.reason})` : ''}`;
    case 'claimed': return '— claimed';
    case 'resolved': return `— resolved by ${typeof body.by === 'string' ? body.by : 'staff'}`;
    case 'reopened': return '— reopened (the founder wrote again)';
    default: return `— ${String(body.event)}`;
  }
}

/** The founder's profile as "key: value" pairs (a raw `{}` or JSON told staff nothing). */
function profileText(profile: Record<string, unknown>): string {
  return Object.entries(profile ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/**
 * A ticket with its thread, as lines of text.
 *
 * @example
 * console.log((await ticketsShow(config, store, 12)).join('\n'));
 */
export async function ticketsShow(config: Config, store: Store, number: number): Promise<string[]> {
  const ticket = await ticketByNumber(store, number);
  if (!ticket) throw new CommandError(`no ticket #${number}`);
  const lines = [
    `#${ticket.number} · ${ticket.status} · ${ticket.category} · priority ${ticket.priority} · ${ticket.channel}`,
    `founder: ${[ticket.founder_name ?? '(no name)', profileText(ticket.profile)].filter(Boolean).join(' · ')} (${ticket.locale})`,
    `reason: ${ticket.reason}${ticket.summary ? ` — ${ticket.summary}` : ''}`,
    `due: ${formatInstant(ticket.sla_due_at)} · first response: ${formatInstant(ticket.first_response_at)}`,
  ];
  if (ticket.csat_score) lines.push(`rating: ${ticket.csat_score}/5${ticket.csat_comment ? ` — ${ticket.csat_comment}` : ''}`);
  lines.push('');
  if (ticket.last_messages.length > 0) lines.push('earlier, with the bot:');
  for (const m of ticket.last_messages) lines.push(`  (before) ${formatInstant(m.at)} ${m.direction === 'in' ? 'founder' : 'bot'}: ${bodyText(m.body)}`);
  lines.push(`ticket (times in ${centreTimeZone()}):`);
  for (const m of ticket.messages) {
    const event = typeof m.body.event === 'string' ? eventText(m.body) : bodyText(m.body);
    lines.push(`  ${formatInstant(m.at)} ${m.author}${m.staff_user_id ? ` ${m.staff_user_id}` : ''}: ${event}`);
  }
  return lines;
}

/**
 * Sends a staff reply to the ticket's founder (and records it as the first response).
 *
 * @example
 * await ticketsReply(config, store, 12, 'Chào bạn!');
 */
export async function ticketsReply(config: Config, store: Store, number: number, text: string): Promise<void> {
  if (text.trim() === '') throw new CommandError('the reply is empty', 2);
  const ticket = await requireTicket(store, number);
  if (ticket.status === 'resolved') throw new CommandError(`ticket #${number} is resolved; it reopens when the founder writes again`);
  const t = translator(loadMessages(config.CONTENT_DIR), ticket.locale);
  const key = `cli:${randomUUID()}`;
  const payload = { text: t('handoff.from_staff', { text: text.trim() }) };
  await store.call('fx_ticket_staff_message', {
    args: {
      ticket_id: ticket.id, staff_user_id: null, author: 'staff', body: payload, event_key: key,
      outbox: [founderItem(ticket, payload.text, `handoff:s2f:${key}`),
        ...topicNotice(ticket, payload, `handoff:s2f-topic:${key}`)],
    },
  });
}

/**
 * Resolves a ticket and asks the founder for a rating.
 *
 * @example
 * await ticketsResolve(config, store, 12);
 */
export async function ticketsResolve(config: Config, store: Store, number: number): Promise<boolean> {
  const ticket = await requireTicket(store, number);
  const messages = loadMessages(config.CONTENT_DIR);
  const ft = translator(messages, ticket.locale);
  const st = translator(messages, loadStaffSettings(config.CONTENT_DIR).staff_locale);
  const key = `cli:${randomUUID()}`;
  const question = csatQuestion(ft, ticket.id, ft('handoff.resolved_by_staff'));
  const result = await store.call<{ ok: boolean }>('fx_ticket_resolve', {
    args: {
      ticket_id: ticket.id, by: 'staff',
      outbox: [
        { ...founderItem(ticket, question.text, `handoff:csatq:${key}`), payload: question },
        ...topicNotice(ticket, { text: st('handoff.staff.resolved', { number: ticket.number, by: st('handoff.staff.by_staff', { staff: 'CLI' }) }) }, `handoff:resolved:${key}`),
      ],
    },
  });
  return result.ok;
}

/**
 * Registers `uom tickets list|show|reply|resolve`.
 *
 * @example
 * registerTicketCommands(program);
 */
export function registerTicketCommands(program: Command): void {
  const tickets = program.command('tickets').description('human handoff tickets (staff work without a Telegram group)');
  tickets
    .command('list')
    .description('open tickets by SLA due time')
    .option('--all', 'include resolved tickets')
    .action((options: { all?: boolean }) =>
      runCommand(async ({ config, store }) => {
        const rows = await ticketsList(config, store, Boolean(options.all));
        if (rows.length === 0) console.log(options.all ? 'no tickets' : 'no open tickets');
        else console.log([...textTable(rows), `(times in ${centreTimeZone()}; uom tickets show <number> for the conversation)`].join('\n'));
      }),
    );
  tickets
    .command('show <number>')
    .description('a ticket with the founder profile and its conversation')
    .action((number: string) =>
      runCommand(async ({ config, store }) => {
        console.log((await ticketsShow(config, store, parseNumber(number))).join('\n'));
      }),
    );
  tickets
    // Variadic: staff type `uom tickets reply 3 Chào bạn, …` without quotes as often as with them.
    .command('reply <number> <text...>')
    .description('send a reply to the founder on their channel (quotes around the text are optional)')
    .action((number: string, words: string[]) =>
      runCommand(async ({ config, store }) => {
        await ticketsReply(config, store, parseNumber(number), words.join(' '));
        console.log(`reply to #${number} queued; the running bot delivers it`);
      }),
    );
  tickets
    .command('resolve <number>')
    .description('close the ticket and ask the founder for a rating')
    .action((number: string) =>
      runCommand(async ({ config, store }) => {
        const ok = await ticketsResolve(config, store, parseNumber(number));
        console.log(ok ? `#${number} resolved` : `#${number} was already resolved`);
      }),
    );
}
