/**
 * `uom broadcast …`: compose, schedule, watch and report announcements from the terminal.
 *
 * `create` and `follow --send` also deliver: they run a sender and the broadcast runner in this
 * process until the broadcast is finished. That is what the embedded database needs (only one
 * process may open it); on PostgreSQL a running server shares the work (claims use SKIP LOCKED,
 * each sender takes its share of the rate).
 *
 * @example
 * uom broadcast create --file announcement.md --audience 'province="Lạng Sơn" stage=idea,prototype' --at 2026-12-01T09:00+07:00 --rsvp --event-at 2026-12-05T09:00+07:00
 * uom broadcast list
 * uom broadcast show 12
 * uom broadcast follow 12 --send
 * uom broadcast cancel 12
 * uom broadcast export 12 --out report.csv
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createBot } from '../../bot/app.js';
import { AudienceError, parseAudience } from './audience.js';
import { announcement, countAudience, createBroadcast, titleOf, type BroadcastDraft } from './compose.js';
import { broadcastReport, formatDuration, progressText, type BroadcastReport } from './report.js';
import { BroadcastRunner } from './runner.js';
import { isPastSendTime, parseVietnamTime } from './when.js';
import type { Config } from '../../config.js';
import { loadMessages, translator, type Locale, type MessageCatalog } from '../../content/messages.js';
import type { Store } from '../../store/store.js';
import { CommandError, runCommand } from '../../command/context.js';
import { centreTimeZone, formatInstant } from '../../clock/time-zone.js';

/**
 * A time given on the command line: ISO 8601; without an offset it is Vietnam time.
 *
 * @example
 * parseWhen('2026-12-01T09:00+07:00', '--at'); // 2026-12-01T02:00:00.000Z
 * parseWhen('2026-12-01 09:00', '--at');       // the same
 */
export function parseWhen(value: string, option: string): Date {
  const date = parseVietnamTime(value);
  if (!date) throw new CommandError(`${option}: expected a time such as 2026-12-01T09:00+07:00 (Vietnam time if no offset is given)`, 2);
  return date;
}

function broadcastId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new CommandError(`expected a broadcast id (a number), got "${value}"`, 2);
  return id;
}

function parseLink(value: string): { label: string; url: string } {
  const [label, url] = value.split('|').map((s) => s.trim());
  if (!label || !url || !URL.canParse(url)) throw new CommandError('--link: expected "Label|https://…"', 2);
  return { label, url };
}

function parseImage(value: string): string {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) throw new CommandError('--image: expected the address of an image, https://…', 2);
  return value;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new CommandError('not a terminal: pass --yes to confirm the broadcast in scripts', 2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|c|co|có)$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** One CSV field (RFC 4180 quoting). */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const EXPORT_COLUMNS = ['delivery_id', 'contact_id', 'channel', 'status', 'reason', 'attempts', 'sent_at', 'rsvp'] as const;

/**
 * Every recipient's outcome as CSV (contact ids, no names or chat ids).
 *
 * @example
 * const csv = await exportCsv(store, 12);
 */
export async function exportCsv(store: Store, id: number): Promise<string> {
  const lines = [EXPORT_COLUMNS.join(',')];
  let after = 0;
  for (;;) {
    const rows = await store.call<Record<string, unknown>[]>('broadcast_export', { id, after, limit: 5000 });
    if (rows.length === 0) break;
    for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','));
    after = Number(rows[rows.length - 1]!.delivery_id);
  }
  return `${lines.join('\n')}\n`;
}

/** Sends (optionally) and shows a progress bar until the broadcast is done or cancelled. */
async function follow(config: Config, store: Store, id: number, send: boolean): Promise<BroadcastReport> {
  const bot = send ? await createBot(config, { store, features: [] }) : undefined;
  const runner = bot ? new BroadcastRunner(bot.services, { pollMs: 500 }) : undefined;
  if (bot && bot.services.channels.size === 0) throw new CommandError('no channel is configured (TELEGRAM_BOT_TOKEN, ZALO_…): nothing can be sent');
  bot?.sender.start();
  runner?.start();
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} sent | {failed} failed | {rate}/s | {eta_text} left', hideCursor: true },
    Presets.shades_classic,
  );
  let report = await broadcastReport(store, id);
  bar.start(Math.max(report.total, 1), report.sent, { failed: report.failed, rate: '0.0', eta_text: '?' });
  try {
    while (report.status === 'scheduled' || report.status === 'sending') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      report = await broadcastReport(store, id);
      bar.setTotal(Math.max(report.total, 1));
      bar.update(report.sent, {
        failed: report.failed,
        rate: report.rate_per_second.toFixed(1),
        eta_text: report.eta_seconds === null ? '?' : formatDuration(report.eta_seconds),
      });
    }
  } finally {
    bar.stop();
    await runner?.stop();
    await bot?.stop();
  }
  return report;
}

/**
 * What a founder will get, as lines for the terminal: the text ({name} as it reads for a founder
 * whose name is unknown), the image, the link and the buttons, and the event time in the centre's
 * time zone, so the admin checks the message itself before confirming, not only its audience.
 *
 * @example
 * console.log(previewLines(messages, 'vi', { text: 'Chào {name}!' }, false).join('\n'));
 */
export function previewLines(
  messages: MessageCatalog, locale: Locale, draft: Pick<BroadcastDraft, 'text' | 'textEn' | 'imageUrl' | 'link'>, rsvp: boolean, eventAt?: Date,
): string[] {
  const name = translator(messages, locale)('broadcast.name_fallback');
  const shown = announcement(messages, locale, draft, rsvp);
  return [
    `──── preview (${locale}; {name} reads “${name}” when the founder's name is unknown) ────`,
    ...(shown.text ?? '').replaceAll('{name}', name).split('\n').map((l) => `│ ${l}`),
    ...(draft.imageUrl ? [`│ [image] ${draft.imageUrl}`] : []),
    ...(shown.links ?? []).map((l) => `│ 🔗 ${l.label} → ${l.url}`),
    `│ ${(shown.buttons ?? []).map((b) => `[${b.label}]`).join(' ')}`,
    ...(eventAt ? [`event: ${formatInstant(eventAt)} (${centreTimeZone()})${rsvp ? '; attendees get a reminder before it' : ''}`] : []),
    '─'.repeat(40),
  ];
}

function printReport(config: Config, report: BroadcastReport): void {
  const t = translator(loadMessages(config.CONTENT_DIR), config.DEFAULT_LOCALE);
  console.log(progressText(t, report));
  console.log(`audience: ${report.audience} · status: ${report.status} · send at: ${formatInstant(report.send_at)}` +
    (report.event_at ? ` · event at: ${formatInstant(report.event_at)}` : ''));
}

/** An announcement file's text; Markdown headings become plain lines (chat apps show "#" literally). */
function readText(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').normalize('NFC').replace(/^#{1,6}\s+/gm, '').trim();
  } catch {
    throw new CommandError(`cannot read ${file}`, 2);
  }
  if (text === '') throw new CommandError(`${file} is empty`, 2);
  return text;
}

export function registerBroadcastCommands(program: Command): void {
  const broadcast = program.command('broadcast').description('announcements to subscribed founders');

  broadcast
    .command('create')
    .description('compose a broadcast from a text/Markdown file; prints the audience size and asks to confirm')
    .requiredOption('--file <path>', 'the announcement text ({name} = recipient\'s name)')
    .option('--file-en <path>', 'the English text for founders who read English (without it they get --file with a note that it is in Vietnamese)')
    .requiredOption('--audience <filter>', 'e.g. \'channel=telegram province="Lạng Sơn" stage=idea,prototype\' or all')
    .option('--at <time>', 'send at this time (default now), e.g. 2026-12-01T09:00+07:00')
    .option('--rsvp', 'add the "Đăng ký tham dự" button')
    .option('--event-at <time>', 'the event time (attendees get a reminder before it)')
    .option('--image <url>', 'an image to send with the text')
    .option('--link <label|url>', 'a link button, e.g. "Chi tiết|https://…"')
    .option('--title <title>', 'title for lists and reports (default: the first line)')
    .option('--yes', 'do not ask for confirmation')
    .option('--follow', 'send from this process and show progress until finished')
    .action((options: {
      file: string; fileEn?: string; audience: string; at?: string; rsvp?: boolean; eventAt?: string; image?: string;
      link?: string; title?: string; yes?: boolean; follow?: boolean;
    }) =>
      runCommand(async ({ config, store, clock }) => {
        const text = readText(options.file);
        const textEn = options.fileEn ? readText(options.fileEn) : undefined;
        let spec;
        try {
          spec = parseAudience(options.audience);
        } catch (error) {
          if (error instanceof AudienceError) throw new CommandError(`--audience: ${error.message}`, 2);
          throw error;
        }
        const sendAt = options.at ? parseWhen(options.at, '--at') : undefined;
        if (sendAt && isPastSendTime(sendAt, clock())) {
          throw new CommandError(`--at: ${formatInstant(sendAt)} (${centreTimeZone()}) has already passed; leave --at out to send now`, 2);
        }
        const eventAt = options.eventAt ? parseWhen(options.eventAt, '--event-at') : undefined;
        if (eventAt && !options.rsvp) console.warn('note: --event-at without --rsvp: no RSVP button, no reminders');
        const image = options.image ? parseImage(options.image) : undefined;
        const link = options.link ? parseLink(options.link) : undefined;
        const count = await countAudience(store, spec);
        const channels = Object.entries(count.by_channel).map(([c, n]) => `${c} ${n}`).join(', ');
        const messages = loadMessages(config.CONTENT_DIR);
        const shown = { text, ...(textEn ? { textEn } : {}), ...(image ? { imageUrl: image } : {}), ...(link ? { link } : {}) };
        for (const locale of [config.DEFAULT_LOCALE, ...(textEn ? [config.DEFAULT_LOCALE === 'en' ? 'vi' as const : 'en' as const] : [])]) {
          console.log(previewLines(messages, locale, shown, Boolean(options.rsvp), eventAt).join('\n'));
        }
        if (!textEn) console.log('note: no --file-en: founders who read English get this text with a note that it is in Vietnamese');
        console.log(`“${options.title ?? titleOf(text)}” → ${count.total} founder(s)${channels ? ` (${channels})` : ''}, ` +
          `${sendAt ? `at ${formatInstant(sendAt)}` : `now (${formatInstant(new Date())})`} (${centreTimeZone()})`);
        if (count.total === 0) throw new CommandError('nobody matches this audience: nothing was created');
        if (!options.yes && !(await confirm('Send it?'))) {
          console.log('Not sent.');
          return;
        }
        const created = await createBroadcast(store, messages, {
          createdBy: 'cli',
          text,
          ...(textEn ? { textEn } : {}),
          audience: options.audience,
          ...(options.title ? { title: options.title } : {}),
          ...(image ? { imageUrl: image } : {}),
          ...(link ? { link } : {}),
          rsvp: Boolean(options.rsvp),
          ...(eventAt ? { eventAt } : {}),
          ...(sendAt ? { sendAt } : {}),
          ...(config.STAFF_CHAT_ID ? { progressChatId: config.STAFF_CHAT_ID } : {}),
        });
        console.log(`Broadcast #${created.id} created.`);
        if (options.follow) printReport(config, await follow(config, store, created.id, true));
      }),
    );

  broadcast
    .command('list')
    .description('the newest broadcasts')
    .option('--limit <n>', 'how many', '20')
    .action((options: { limit: string }) =>
      runCommand(async ({ store }) => {
        const rows = await store.call<{ id: number; title: string; status: string; send_at: string; audience: string }[]>(
          'broadcast_list', { limit: Math.max(1, Math.min(Number(options.limit) || 20, 500)) });
        if (rows.length === 0) console.log('no broadcasts yet: uom broadcast create --file … --audience …');
        else console.table(rows.map((r) => ({ id: r.id, status: r.status, send_at: formatInstant(r.send_at), title: r.title, audience: r.audience })));
      }),
    );

  broadcast
    .command('show <id>')
    .description('progress or final report, with failures by reason')
    .action((id: string) =>
      runCommand(async ({ config, store }) => {
        printReport(config, await broadcastReport(store, broadcastId(id)));
      }),
    );

  broadcast
    .command('follow <id>')
    .description('progress bar until the broadcast is finished')
    .option('--send', 'also deliver from this process (needed with the embedded database)')
    .action((id: string, options: { send?: boolean }) =>
      runCommand(async ({ config, store }) => {
        printReport(config, await follow(config, store, broadcastId(id), Boolean(options.send)));
      }),
    );

  broadcast
    .command('cancel <id>')
    .description('stop a broadcast: recipients not yet sent are not sent')
    .action((id: string) =>
      runCommand(async ({ store }) => {
        const result = await store.call<{ ok: boolean; cancelled?: number; code?: string }>('broadcast_cancel', { id: broadcastId(id) });
        if (!result.ok) throw new CommandError(`broadcast #${id} is ${result.code?.replace('already_', 'already ')}`);
        console.log(`Broadcast #${id} cancelled; ${result.cancelled} message(s) will not be sent.`);
      }),
    );

  broadcast
    .command('export <id>')
    .description('per-recipient outcomes as CSV (contact ids, no names)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((id: string, options: { out?: string }) =>
      runCommand(async ({ store }) => {
        // An unknown id would otherwise print a bare header and succeed (exit 0), like an empty report.
        await broadcastReport(store, broadcastId(id));
        const csv = await exportCsv(store, broadcastId(id));
        if (options.out) {
          writeFileSync(options.out, csv);
          console.error(`${csv.split('\n').length - 2} row(s) written to ${options.out}`);
        } else process.stdout.write(csv);
      }),
    );
}
