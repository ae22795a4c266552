/**
 * Superlatives over a table: "dự án nào đạt điểm cao nhất", "which package has the highest
 * cap". A table is read one sentence per row ("Nấm rơm sạch — Chủ dự án: Hiền; Điểm: 84,0.",
 * extract-table.ts), and every row covers such a question equally, so the ranking quotes any
 * row. The answer is the row whose value, in the column the question names, is the highest (or
 * lowest) of the rows at hand of that table.
 *
 * @example
 * superlativeOf('du an nao dat diem cao nhat') // 'max'
 * rowCells('Nấm — Chủ dự án: Hiền; Điểm: 84,0.') // { name: 'Nấm', cells: [['Chủ dự án', 'Hiền'], ['Điểm', '84,0']] }
 */
import { fold } from '../nlu/fold.js';

const MAX = /\b(?:(?:cao|nhieu|lon|dong|dat|manh|dai|lau) nhat|highest|largest|biggest|greatest)\b/;
const MIN = /\b(?:(?:thap|it|nho|re|ngan) nhat|lowest|smallest|fewest|cheapest)\b/;

/** Whether a folded question asks for the highest or lowest of something (null: neither). */
export function superlativeOf(folded: string): 'max' | 'min' | null {
  if (MAX.test(folded)) return 'max';
  if (MIN.test(folded)) return 'min';
  return null;
}

/** A table row's name and its labelled cells, or null for a sentence that is no row. */
export function rowCells(sentence: string): { name: string; cells: [string, string][] } | null {
  const m = /^(.+?) — (.+?)\.?$/u.exec(sentence.trim());
  if (!m) return null;
  const cells = m[2]!.split('; ').map((c) => /^([^:]{1,40}): (.+)$/u.exec(c)).filter((c): c is RegExpExecArray => c !== null).map((c) => [c[1]!, c[2]!] as [string, string]);
  return cells.length ? { name: m[1]!, cells } : null;
}

/** The number a cell states ("84,0", "1.200.000 đồng", "USD 800", "12%"), or null. */
export function cellNumber(value: string): number | null {
  const m = /\d[\d.,]*/.exec(value);
  if (!m) return null;
  const raw = m[0].replace(/[.,]$/, '');
  // Vietnamese: "." groups thousands, "," is the decimal mark; "1,200" in English text groups too.
  const vi = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(raw) || /^\d+,\d{1,2}$/.test(raw);
  const n = vi ? Number(raw.replace(/\./g, '').replace(',', '.')) : Number(raw.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/**
 * Of the rows given (sentences of one table), the one with the highest or lowest value in the
 * column the question names (a label sharing a word with the question), or in the table's only
 * numeric column. Null when no column is named and several are numeric, or fewer than two rows
 * have a value.
 */
export function extremeRow(rows: readonly string[], folded: string, direction: 'max' | 'min'): string | null {
  const parsed = rows.map((r) => ({ row: r, cells: rowCells(r) })).filter((r) => r.cells !== null);
  if (parsed.length < 2) return null;
  const labels = [...new Set(parsed.flatMap((r) => r.cells!.cells.filter(([, v]) => cellNumber(v) !== null).map(([l]) => l)))];
  const asked = new Set(folded.split(/\s+/));
  const named = labels.filter((l) => fold(l).split(/[^a-z0-9]+/).some((w) => w.length > 1 && asked.has(w)));
  const label = named.length === 1 ? named[0] : labels.length === 1 ? labels[0] : undefined;
  if (label === undefined) return null;
  const valued = parsed
    .map((r) => ({ row: r.row, value: cellNumber(r.cells!.cells.find(([l]) => l === label)?.[1] ?? '') }))
    .filter((r): r is { row: string; value: number } => r.value !== null);
  if (valued.length < 2) return null;
  return valued.reduce((b, r) => (direction === 'max' ? r.value > b.value : r.value < b.value) ? r : b).row;
}
