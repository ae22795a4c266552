/**
 * `uom applications list|set-status`: programme applications, times in the centre's time zone;
 * a new status is told to the founder in their language by the running bot.
 *
 * @example
 * uom applications list --status submitted
 * uom applications set-status 12 in_review --note "Hẹn phỏng vấn 5/12"
 */
import type { Command } from 'commander';
import { CommandError, runCommand } from '../../command/context.js';
import { loadMessages } from '../../content/messages.js';
import { centreTimeZone, timeFormatter, type TimeFormatter } from '../../staff/console/time.js';
import { loadProgrammes } from './schema.js';
import { APPLICATION_STATUSES, setApplicationStatus } from './status.js';

const STATUSES: readonly string[] = APPLICATION_STATUSES;

interface ApplicationListRow {
  id: number; programme_id: string; status: string; status_note: string | null; name: string | null; created_at: string; updated_at: string;
}

/**
 * Applications as table rows, times in the centre's zone.
 *
 * @example
 * console.table(applicationRows(rows, timeFormatter('Asia/Ho_Chi_Minh', 'vi')));
 */
export function applicationRows(rows: readonly ApplicationListRow[], fmt: TimeFormatter): Record<string, string | number>[] {
  return rows.map((a) => ({
    id: a.id, programme: a.programme_id, status: a.status, founder: a.name ?? '', submitted: fmt.iso(a.created_at).slice(0, 16),
    updated: fmt.iso(a.updated_at).slice(0, 16), note: a.status_note ?? '',
  }));
}

/**
 * Registers `uom applications list|set-status`.
 *
 * @example
 * registerApplicationCommands(program);
 */
export function registerApplicationCommands(program: Command): void {
  const applications = program.command('applications').description('programme applications');
  applications
    .command('list')
    .description('applications as a table (times in the centre\'s time zone); --json for everything with answers')
    .option('--programme <id>', 'only this programme')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .option('--json', 'print JSON with the answers')
    .action((o: { programme?: string; status?: string; json?: boolean }) =>
      runCommand(async ({ config, store }) => {
        if (o.status && !STATUSES.includes(o.status)) throw new CommandError(`--status must be one of ${STATUSES.join(', ')}`);
        const rows = await store.call<ApplicationListRow[]>('application_list', { programme_id: o.programme ?? null, status: o.status ?? null });
        if (o.json) console.log(JSON.stringify(rows, null, 2));
        else if (rows.length === 0) console.log('no applications');
        else console.table(applicationRows(rows, timeFormatter(centreTimeZone(config), 'vi')));
      }),
    );
  applications
    .command('set-status <id> <status>')
    .description(`move an application on: ${STATUSES.join(' | ')}`)
    .option('--note <text>', 'a note the founder sees with the status')
    .action((id: string, status: string, o: { note?: string }) =>
      runCommand(async ({ config, store }) => {
        if (!/^\d+$/.test(id)) throw new CommandError('the application id is a number');
        if (!STATUSES.includes(status)) throw new CommandError(`status must be one of ${STATUSES.join(', ')}`);
        const result = await setApplicationStatus(store, loadMessages(config.CONTENT_DIR), loadProgrammes(config.CONTENT_DIR), Number(id), status, o.note);
        console.log(JSON.stringify(result));
      }),
    );
}
