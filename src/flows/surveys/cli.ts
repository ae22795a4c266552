/**
 * `uom export survey <id> --format csv|csv-ids|json` and `uom survey list|stats <id>`. The CSV is
 * for people: UTF-8 with a BOM (Excel reads Vietnamese), the questions and labels founders saw,
 * times in the centre's time zone; `csv-ids` keeps the stable ids for scripts.
 *
 * @example
 * uom export survey support-needs --format csv --output needs.csv
 * uom survey stats support-needs
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadSurveys, surveyJson, surveyStats, surveyTable, toCsv, type Survey, type SurveyRow } from './index.js';
import type { Store } from '../../store/store.js';
import { loadStaffSettings } from '../../staff/handoff/settings.js';
import { labelledSurveyTable, surveyCsv } from '../../staff/console/survey-table.js';
import { centreTimeZone, timeFormatter } from '../../staff/console/time.js';
import { CommandError, runCommand } from '../../command/context.js';

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
  store: Store, contentDir: string, id: string, format: string, completedOnly = false, zone = loadStaffSettings(contentDir).timezone,
): Promise<string> {
  if (!['csv', 'csv-ids', 'json'].includes(format)) throw new CommandError(`--format must be csv, csv-ids or json, not ${format}`);
  const survey = findSurvey(contentDir, id);
  const rows = await store.call<SurveyRow[]>('survey_export', { survey_id: id, completed_only: completedOnly });
  // csv: for people (Excel): UTF-8 with BOM, the questions and labels founders saw, local times.
  if (format === 'csv') return surveyCsv(labelledSurveyTable(survey, rows, { locale: 'vi', fmt: timeFormatter(zone, 'vi') }));
  return format === 'csv-ids' ? toCsv(surveyTable(survey, rows)) : `${JSON.stringify(surveyJson(survey, rows), null, 2)}\n`;
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
 * Registers `uom export survey` and `uom survey list|stats`.
 *
 * @example
 * registerSurveyCommands(program);
 */
export function registerSurveyCommands(program: Command): void {
  const exporter = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('export data');
  exporter
    .command('survey <id>')
    .description('survey responses, one row per response and one column per question')
    .option('--format <format>', 'csv (labels, BOM, local times), csv-ids or json', 'csv')
    .option('--output <file>', 'write to a file instead of the terminal')
    .option('--completed', 'only completed responses')
    .action((id: string, o: { format: string; output?: string; completed?: boolean }) =>
      runCommand(async ({ config, store }) => {
        output(await exportSurvey(store, config.CONTENT_DIR, id, o.format, Boolean(o.completed), centreTimeZone(config)), o.output);
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
}
