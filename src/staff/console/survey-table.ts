/**
 * Survey results as people read them: one row per response with the labels the founder saw
 * (choice labels in the respondent's language), the question texts as headers, times in the
 * centre's zone; and the same table as CSV (UTF-8 with BOM) or XLSX (exceljs). The CLI's
 * `uom surveys export --format csv` uses it too.
 *
 * @example
 * const table = labelledSurveyTable(survey, rows, { locale: 'vi', fmt });
 * const xlsx = await surveyXlsx(survey, table);
 */
import type { Locale } from '../../content/messages.js';
import { pick } from '../../flows/programmes/schema.js';
import type { Question, Survey } from '../../flows/surveys/schema.js';
import { csvDocument } from './csv.js';
import type { TimeFormatter } from './time.js';

/** A response as console_survey_responses (or survey_export, without locale/channel) gives it. */
export interface LabelledSurveyRow {
  response_id: number;
  started_at: string;
  completed_at: string | null;
  locale?: string;
  channel?: string | null;
  answers: Record<string, unknown>;
}

export interface LabelledTable {
  header: string[];
  rows: (string | number)[][];
}

/** Fixed column headers per language (no catalogue needed: the CLI has none at hand). */
const FIXED: Record<Locale, string[]> = {
  vi: ['Mã phản hồi', 'Bắt đầu', 'Hoàn thành', 'Ngôn ngữ', 'Kênh'],
  en: ['Response', 'Started', 'Completed', 'Language', 'Channel'],
};

/**
 * The answer as the founder saw it: choice labels in `locale`, numbers as numbers.
 *
 * @example
 * answerLabel(question, ['funding', 'ip'], 'vi'); // 'Vốn, tài trợ; Đăng ký sở hữu trí tuệ, nhãn hiệu'
 */
export function answerLabel(question: Question, value: unknown, locale: Locale): string | number {
  if (value === null || value === undefined) return '';
  const label = (v: unknown) => {
    const choice = question.choices?.find((c) => c.value === String(v));
    return choice ? pick(choice.label, locale) : String(v);
  };
  if (Array.isArray(value)) return value.map(label).join('; ');
  if (question.type === 'number' || question.type === 'rating') {
    const n = Number(value);
    return Number.isFinite(n) ? n : String(value);
  }
  return label(value);
}

/**
 * The table: headers in `locale`, answers in each respondent's language, times in the zone.
 *
 * @example
 * labelledSurveyTable(survey, rows, { locale: 'vi', fmt }).header[5]; // 'Bạn trả lời với vai trò nào?'
 */
export function labelledSurveyTable(survey: Survey, responses: readonly LabelledSurveyRow[], options: { locale: Locale; fmt: TimeFormatter }): LabelledTable {
  const { locale, fmt } = options;
  return {
    header: [...FIXED[locale].slice(0, 1), `${FIXED[locale][1]} (${fmt.zone})`, `${FIXED[locale][2]} (${fmt.zone})`, ...FIXED[locale].slice(3),
      ...survey.questions.map((q) => pick(q.prompt, locale))],
    rows: responses.map((r) => {
      const seen: Locale = r.locale === 'en' ? 'en' : 'vi';
      return [r.response_id, fmt.iso(r.started_at), fmt.iso(r.completed_at), seen, r.channel ?? '',
        ...survey.questions.map((q) => answerLabel(q, r.answers[q.id], seen))];
    }),
  };
}

/**
 * CSV for Excel: UTF-8 with BOM.
 *
 * @example
 * surveyCsv(table).startsWith('\uFEFF'); // true
 */
export function surveyCsv(table: LabelledTable): string {
  return csvDocument(table.header, table.rows);
}

/**
 * An XLSX workbook with one sheet of responses (header row bold and frozen).
 *
 * @example
 * const buffer = await surveyXlsx(survey, table, 'vi');
 */
export async function surveyXlsx(survey: Survey, table: LabelledTable, locale: Locale): Promise<Buffer> {
  // Loaded when a workbook is asked for: the library is a fifth of the command line's start-up.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ươm';
  const sheet = workbook.addWorksheet(survey.id.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(12, (table.header[i] ?? '').length * 0.9));
  });
  const about = workbook.addWorksheet(locale === 'vi' ? 'Thông tin' : 'About');
  about.addRow([pick(survey.title, locale)]).font = { bold: true };
  about.addRow([survey.id]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
