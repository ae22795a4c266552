/**
 * Survey results for staff: a table with one row per response and one column per question
 * (CSV or JSON), and counts per answer.
 *
 * @example
 * const rows = await store.call<SurveyRow[]>('survey_export', { survey_id: 'support-needs' });
 * process.stdout.write(toCsv(surveyTable(survey, rows)));
 */
import { pick } from '../programmes/schema.js';
import type { Question, Survey } from './schema.js';

/** A response as `survey_export` returns it. */
export interface SurveyRow {
  response_id: number;
  started_at: string;
  completed_at: string | null;
  answers: Record<string, unknown>;
}

export interface Table {
  columns: string[];
  rows: string[][];
}

const FIXED = ['response_id', 'started_at', 'completed_at'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('; ');
  return String(value);
}

/**
 * One row per response, one column per question (multiple choices joined with "; ").
 *
 * @example
 * surveyTable(survey, rows).columns // ['response_id', 'started_at', 'completed_at', 'role', …]
 */
export function surveyTable(survey: Survey, responses: readonly SurveyRow[]): Table {
  return {
    columns: [...FIXED, ...survey.questions.map((q) => q.id)],
    rows: responses.map((r) => [
      String(r.response_id), r.started_at, r.completed_at ?? '',
      ...survey.questions.map((q) => cell(r.answers[q.id])),
    ]),
  };
}

/**
 * The table as JSON objects keyed by column (answers keep their types).
 *
 * @example
 * JSON.stringify(surveyJson(survey, rows), null, 2);
 */
export function surveyJson(survey: Survey, responses: readonly SurveyRow[]): Record<string, unknown>[] {
  return responses.map((r) => ({
    response_id: r.response_id, started_at: r.started_at, completed_at: r.completed_at,
    ...Object.fromEntries(survey.questions.map((q) => [q.id, r.answers[q.id] ?? null])),
  }));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV (CRLF line ends, fields quoted when needed). @example toCsv({ columns: ['a'], rows: [['x,y']] }) // 'a\r\n"x,y"\r\n' */
export function toCsv(table: Table): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export interface QuestionStats {
  question: string;
  type: Question['type'];
  answered: number;
  /** Counts per answer (labels in `locale`), for choices and ratings. */
  counts?: { answer: string; count: number }[];
  /** For numbers. */
  min?: number;
  max?: number;
  mean?: number;
}

/**
 * Counts per answer for every question.
 *
 * @example
 * surveyStats(survey, rows)[0]?.counts // [{ answer: 'Người khởi nghiệp / nhóm dự án', count: 3 }, …]
 */
export function surveyStats(survey: Survey, responses: readonly SurveyRow[], locale: 'vi' | 'en' = 'vi'): QuestionStats[] {
  return survey.questions.map((q) => {
    const given = responses.map((r) => r.answers[q.id]).filter((v) => v !== null && v !== undefined);
    const stats: QuestionStats = { question: q.id, type: q.type, answered: given.length };
    if (q.type === 'single' || q.type === 'multiple' || q.type === 'rating') {
      const counts = new Map<string, number>();
      const keys = q.type === 'rating' ? ['1', '2', '3', '4', '5'] : (q.choices ?? []).map((c) => c.value);
      for (const k of keys) counts.set(k, 0);
      for (const v of given.flatMap((g) => (Array.isArray(g) ? g : [g]))) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      const label = (k: string) => {
        const choice = q.choices?.find((c) => c.value === k);
        return choice ? pick(choice.label, locale) : k;
      };
      stats.counts = [...counts].map(([k, count]) => ({ answer: label(k), count }));
    }
    if (q.type === 'number') {
      const numbers = given.map(Number).filter(Number.isFinite);
      if (numbers.length > 0) {
        stats.min = Math.min(...numbers);
        stats.max = Math.max(...numbers);
        stats.mean = Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100;
      }
    }
    return stats;
  });
}
