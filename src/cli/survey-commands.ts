/**
 * `uom export survey <id> --format csv|json`, `uom survey list|stats <id>` and
 * `uom applications list|set-status` (programme applications).
 *
 * @example
 * uom export survey support-needs --format csv --output needs.csv
 * uom survey stats support-needs
 * uom applications set-status 12 in_review --note "Hẹn phỏng vấn 5/12"
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadSurveys, surveyJson, surveyStats, surveyTable, toCsv, type Survey, type SurveyRow } from '../flows/surveys/index.js';
import { loadMessages } from '../content/messages.js';
import { loadProgrammes, setProgrammes } from '../flows/programmes/index.js';
import { APPLICATION_STATUSES, setApplicationStatus } from '../flows/programmes/status.js';
import type { Store } from '../store/store.js';
import { CommandError, runCommand } from './context.js';

const STATUSES: readonly string[] = APPLICATION_STATUSES;

function findSurvey(contentDir: string, id: string): Survey {
  const survey = loadSurveys(contentDir).get(id);
  if (!survey) throw new CommandError(`no survey ${id} in ${contentDir}/surveys (try: uom survey list)`);
  return survey;
}

/**
 * The survey's responses as CSV or JSON text (one row per response, one column per question).
 *
 * @example
 * const csv = await exportSurvey(store, 'content', 'support-needs', 'csv');
 */
export async function exportSurvey(
  store: Store, contentDir: string, id: string, format: string, completedOnly = false,
): Promise<string> {
  if (format !== 'csv' && format !== 'json') throw new CommandError(`--format must be csv or json, not ${format}`);
  const survey = findSurvey(contentDir, id);
  const rows = await store.call<SurveyRow[]>('survey_export', { survey_id: id, completed_only: completedOnly });
  return format === 'csv' ? toCsv(surveyTable(survey, rows)) : `${JSON.stringify(surveyJson(survey, rows), null, 2)}\n`;
}

/**
 * Counts per answer, as printable text.
 *
 * @example
 * console.log(await surveyStatsText(store, 'content', 'support-needs', 'en'));
 */
export async function surveyStatsText(store: Store, contentDir: string, id: string, locale: 'vi' | 'en' = 'vi'): Promise<string> {
  const survey = findSurvey(contentDir, id);
  const rows = await store.call<SurveyRow[]>('survey_export', { survey_id: id, completed_only: false });
  const completed = rows.filter((r) => r.completed_at).length;
  const lines = [`${survey.title[locale]} (${id}): ${rows.length} responses, ${completed} completed`];
  for (const s of surveyStats(survey, rows, locale)) {
    lines.push('', `${s.question} [${s.type}] answered: ${s.answered}`);
    for (const c of s.counts ?? []) lines.push(`  ${c.answer}: ${c.count}`);
    if (s.mean !== undefined) lines.push(`  min ${s.min}, max ${s.max}, mean ${s.mean}`);
  }
  return `${lines.join('\n')}\n`;
}

function output(text: string, file?: string): void {
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}

/**
 * Registers `uom export survey`, `uom survey list|stats` and `uom applications list|set-status`.
 *
 * @example
 * registerSurveyCommands(program);
 */
export function registerSurveyCommands(program: Command): void {
  const exporter = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('export data');
  exporter
    .command('survey <id>')
    .description('survey responses, one row per response and one column per question')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--output <file>', 'write to a file instead of the terminal')
    .option('--completed', 'only completed responses')
    .action((id: string, o: { format: string; output?: string; completed?: boolean }) =>
      runCommand(async ({ config, store }) => {
        output(await exportSurvey(store, config.CONTENT_DIR, id, o.format, Boolean(o.completed)), o.output);
      }),
    );

  const survey = program.command('survey').description('surveys in content/surveys');
  survey
    .command('list')
    .description('surveys, their dates and question counts')
    .action(() =>
      runCommand(async ({ config }) => {
        for (const s of loadSurveys(config.CONTENT_DIR).values()) {
          console.log(`${s.id}\t${s.opens ?? '…'} → ${s.closes ?? '…'}\t${s.questions.length} questions\t${s.title.vi}`);
        }
      }, { migrate: false }),
    );
  survey
    .command('stats <id>')
    .description('counts per answer')
    .option('--lang <lang>', 'vi or en', 'vi')
    .action((id: string, o: { lang: string }) =>
      runCommand(async ({ config, store }) => {
        output(await surveyStatsText(store, config.CONTENT_DIR, id, o.lang === 'en' ? 'en' : 'vi'));
      }),
    );

  const applications = program.command('applications').description('programme applications');
  applications
    .command('list')
    .description('applications (with answers) as JSON')
    .option('--programme <id>', 'only this programme')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .action((o: { programme?: string; status?: string }) =>
      runCommand(async ({ store }) => {
        if (o.status && !STATUSES.includes(o.status)) throw new CommandError(`--status must be one of ${STATUSES.join(', ')}`);
        console.log(JSON.stringify(await store.call('application_list', { programme_id: o.programme ?? null, status: o.status ?? null }), null, 2));
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
        setProgrammes(loadProgrammes(config.CONTENT_DIR));
        const result = await setApplicationStatus(store, loadMessages(config.CONTENT_DIR), Number(id), status, o.note);
        console.log(JSON.stringify(result));
      }),
    );
}
