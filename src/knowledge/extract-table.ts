/**
 * Tables read as one sentence per row. A table flattened into one paragraph ("Gói Giá Vé ngày
 * 80.000 đồng Gói tháng …") answers "vé ngày giá bao nhiêu" with the whole table, and no
 * sentence of it names both the row and its value. Each data row here becomes its own
 * paragraph that names the row (its first column) and carries every other cell with its
 * column's header: "Vé ngày — Giá: 80.000 đồng/ngày; Quyền lợi chính: chỗ ngồi tự do."
 *
 * @example
 * tableParagraphs({ header: ['Gói', 'Giá'], rows: [['Vé ngày', '80.000 đồng']] })
 * // ['Vé ngày — Giá: 80.000 đồng.']
 */
import type { HTMLElement } from 'node-html-parser';
import { splitSentences } from './chunk.js';
import { nfc } from '../nlu/fold.js';

/** A table as text: its header labels (null without a header row) and its data rows. */
export interface TableText {
  header: string[] | null;
  rows: string[][];
}

const cellClean = (s: string) => nfc(s).replace(/[ \t\u00a0]+/g, ' ').trim();

/**
 * A cell as one clause: its lines and sentences joined by "; ", without a final stop, so the
 * row stays one sentence for the sentence splitter (which would otherwise cut "… tự do. Wifi"
 * and leave "Wifi" without its row).
 */
function cellClause(cell: string): string {
  const parts = cell
    .split(/\n+/)
    .map(cellClean)
    .filter(Boolean)
    .flatMap((line) => splitSentences(line))
    .map((s) => s.replace(/[.;,]+$/u, '').trim())
    .filter(Boolean);
  return parts.join('; ');
}

/** A column of row numbers ("STT", "1", "2", …) names no row: the next column does. */
function isNumberColumn(table: TableText, column: number): boolean {
  const label = table.header?.[column] ?? '';
  const values = table.rows.map((r) => cellClause(r[column] ?? '')).filter(Boolean);
  const numbered = values.length > 0 && values.every((v) => /^[\dIVXLCivxlc]{1,4}[.)]?$/u.test(v));
  return numbered && (!table.header || /^(?:stt|tt|số|số thứ tự|#|no\.?)?$/iu.test(label));
}

/**
 * The paragraphs of a table, one per data row (see the module comment). Rows repeating the
 * header, and empty rows, are dropped; empty cells are skipped; a row whose only filled cell
 * is its name (a group label inside the table) stays as that label. Without a header, a
 * two-column row reads "Tên: giá trị" and a longer one "Tên — a; b".
 */
export function tableParagraphs(table: TableText): string[] {
  const first = isNumberColumn(table, 0) ? 1 : 0;
  const header = table.header?.map(cellClause) ?? null;
  const width = Math.max(header?.length ?? 0, ...table.rows.map((r) => r.length));
  const out: string[] = [];
  for (const row of table.rows) {
    const cells = row.map(cellClause);
    if (header && cells.every((c, i) => c === (header[i] ?? ''))) continue;
    const name = cells[first] ?? '';
    const rest: string[] = [];
    for (let i = first + 1; i < width; i++) {
      const value = cells[i];
      if (!value) continue;
      const label = header?.[i];
      rest.push(label && label !== value ? `${label}: ${value}` : value);
    }
    if (!name && rest.length === 0) continue;
    let text: string;
    if (!name) text = rest.join('; ');
    else if (rest.length === 0) text = name;
    else if (!header && width - first === 2) text = `${name.replace(/:$/u, '')}: ${rest[0]}`;
    else text = `${name} — ${rest.join('; ')}`;
    out.push(rest.length === 0 ? text : endSentence(text));
  }
  return out;
}

/** A row ends with a full stop unless it already ends a sentence. */
function endSentence(text: string): string {
  return /[.!?…]["”’)]*$/u.test(text) ? text : `${text}.`;
}

/** The cells of a Markdown table line: "| a | b |" → ['a', 'b'] (an escaped "\|" stays in its cell). */
function markdownCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').replace(/<br\s*\/?>/gi, '\n').trim());
}

/** A Markdown table's rule line ("|---|:---:|"). */
export function isMarkdownTableRule(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

/** A line of a Markdown pipe table (it starts with "|", or has a "|" and a rule follows it). */
export function isMarkdownTableLine(line: string): boolean {
  return /^\s*\|.*\|/.test(line);
}

/**
 * A Markdown pipe table from its lines. The row before the rule line is the header; a table
 * without a rule line has no header. A row whose first cell is empty continues the row above
 * (a merged cell): it keeps that row's name.
 */
export function markdownTable(lines: string[]): TableText {
  const ruleAt = lines.findIndex(isMarkdownTableRule);
  const header = ruleAt > 0 ? markdownCells(lines[ruleAt - 1]!) : null;
  const rows = lines.filter((l, i) => !isMarkdownTableRule(l) && !(ruleAt > 0 && i === ruleAt - 1)).map(markdownCells);
  return { header, rows: carryMergedNames(rows) };
}

/** Rows whose first cell is empty take the name of the row above (a cell merged downwards). */
function carryMergedNames(rows: string[][]): string[][] {
  let name = '';
  return rows.map((row) => {
    if (row[0]?.trim()) {
      name = row[0];
      return row;
    }
    return name && row.slice(1).some((c) => c.trim()) ? [name, ...row.slice(1)] : row;
  });
}

/** A cell's text with its line breaks (<br>, paragraphs) kept as "\n". */
function htmlCellText(cell: HTMLElement): string {
  return cell.structuredText;
}

/**
 * Whether an HTML table holds data rather than page layout: a layout table has headings,
 * nested tables or long articles in its cells, and is read as ordinary blocks.
 */
export function isDataTable(table: HTMLElement): boolean {
  if (table.querySelector('table, h1, h2, h3, h4, h5, h6, article, section, nav')) return false;
  const rows = table.querySelectorAll('tr').filter((tr) => tr.closest('table') === table);
  return rows.length > 0 && rows.every((tr) => cellsOf(tr).every((c) => c.text.length <= 1500));
}

function cellsOf(tr: HTMLElement): HTMLElement[] {
  return tr.childNodes.filter((n): n is HTMLElement => 'tagName' in n && /^T[DH]$/.test((n as HTMLElement).tagName));
}

const span = (cell: HTMLElement, name: string) => Math.max(1, Math.min(50, Number(cell.getAttribute(name) ?? 1) || 1));

/**
 * An HTML table (also a DOCX table through mammoth) as text. Merged cells are spread on the
 * grid: a cell spanning rows repeats in the rows below; a header spanning columns labels each
 * of them, a data cell spanning columns is read once. Header rows: those in <thead>, or
 * leading rows of <th> cells; a table with neither whose first row looks like labels (short,
 * no figures, all filled, or all bold) — mammoth writes no <th> for a Word table — has that
 * row as its header. Several header rows join their labels per column ("Giá Thành viên").
 */
export function htmlTable(table: HTMLElement): TableText {
  const trs = table.querySelectorAll('tr').filter((tr) => tr.closest('table') === table);
  const grid: { text: string; header: boolean; spread: boolean }[][] = [];
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of cellsOf(tr)) {
      while (grid[r]![c]) c++;
      const text = htmlCellText(cell);
      const header = cell.tagName === 'TH' || tr.closest('thead') !== null;
      const rows = span(cell, 'rowspan');
      const cols = span(cell, 'colspan');
      for (let dr = 0; dr < rows; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cols; dc++) grid[r + dr]![c + dc] = { text: dc === 0 || header ? text : '', header, spread: dc > 0 };
      }
      c += cols;
    }
  });
  const texts = grid.map((row) => Array.from(row, (cell) => cell?.text ?? ''));
  let headerRows = 0;
  while (headerRows < grid.length - 1 && grid[headerRows]!.length > 0 && grid[headerRows]!.every((cell) => cell?.header)) headerRows++;
  if (headerRows === 0 && grid.length >= 2 && looksLikeLabels(trs[0]!, texts[0]!)) headerRows = 1;
  if (headerRows === 0) return { header: null, rows: texts };
  const width = Math.max(...texts.map((r) => r.length));
  const header = Array.from({ length: width }, (_, c) => {
    const labels: string[] = [];
    for (const row of texts.slice(0, headerRows)) {
      const label = cellClean(row[c] ?? '');
      if (label && labels.at(-1) !== label) labels.push(label);
    }
    return labels.join(' ');
  });
  return { header, rows: texts.slice(headerRows) };
}

/** A first row of short labels without figures, links or colons, or all in bold. */
function looksLikeLabels(tr: HTMLElement, cells: string[]): boolean {
  if (cells.length < 2) return false;
  const all = cellsOf(tr);
  if (all.length > 0 && all.every((c) => c.text.trim() && c.querySelector('strong, b') && cellClean(c.querySelector('strong, b')!.text) === cellClean(c.text))) return true;
  return cells.every((c) => {
    const text = cellClean(c);
    return text.length > 0 && text.length <= 40 && !/[\d@]|:\/\/|:$/u.test(text);
  });
}

/** Columns of a plain-text table: cells apart by a tab or two spaces or more. */
const COLUMN_GAP = /\t+| {2,}/;

/** The cells of a line of a plain-text table, cut at the header's column starts when the gaps disagree. */
function alignedCells(line: string, starts: readonly number[]): string[] {
  const split = line.trim().split(COLUMN_GAP);
  if (split.length === starts.length) return split;
  const cells: string[] = [];
  let from = 0;
  for (let c = 1; c <= starts.length; c++) {
    let to = c < starts.length ? starts[c]! : line.length;
    // A cut inside a word moves to the nearer space: a cell wider than its column runs on, a
    // figure aligned to the right starts before its header.
    if (to > from && to < line.length && /\S/u.test(line[to - 1]!) && /\S/u.test(line[to]!)) {
      let back = to;
      let ahead = to;
      while (back > from && /\S/u.test(line[back - 1]!)) back--;
      while (ahead < line.length && /\S/u.test(line[ahead]!)) ahead++;
      to = to - back <= ahead - to ? back : ahead;
    }
    cells.push(line.slice(from, to).trim());
    from = to;
  }
  return cells;
}

/** A year (1900-2099) standing alone: a header's label may name one. */
const YEAR = /(?<![\p{N}.,/])(?:19|20)\d{2}(?![\p{N}.,/])/gu;

/**
 * Plain-text tables read as `tableParagraphs` reads the others: a line of three labels or more
 * apart by wide gaps (no figures: a header), then two lines or more cut the same way, are a
 * table whose first line is the header ("TT  Tên dự án   Chủ dự án   Điểm" over "1  Trà hoa
 * vàng   Lường Thị Hoa   86,5"). Read as lines, the header is the sentence that covers a
 * question best ("dự án", "điểm") and is quoted instead of a row. Other lines are kept.
 *
 * @example
 * alignedTables(['TT  Tên dự án  Chủ dự án  Điểm', '1   Trà  Hoa  86,5', '2   Nấm  Hiền  84,0'])
 * // ['Trà — Chủ dự án: Hoa; Điểm: 86,5.', 'Nấm — Chủ dự án: Hiền; Điểm: 84,0.']
 */
export function alignedTables(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const piped = pipedTable(lines, i);
    if (piped) {
      // The rule lines around the table are no text (the closing ones are read with the rows).
      while (out.length && RULE_LINE.test(out.at(-1)!)) out.pop();
      out.push(...tableParagraphs({ header: piped.header, rows: piped.rows }));
      i = piped.end - 1;
      continue;
    }
    const labels = line.trim().split(COLUMN_GAP);
    // A year names a column ("Doanh thu 2026 (triệu đ)"); any other figure makes the line a row.
    const isHeader = labels.length >= 3 && !/\d/.test(line.replace(YEAR, ' ')) && labels.every((l) => l.length <= 40);
    if (!isHeader) {
      out.push(line);
      continue;
    }
    const starts: number[] = [];
    let at = 0;
    for (const label of labels) {
      at = line.indexOf(label, at);
      starts.push(at);
      at += label.length;
    }
    const rows: string[][] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = lines[j]!;
      // The rule under the header ("--  ------  -----") is no row: read as one, it became a
      // sentence of dashes that every question about the table covered.
      if (row.trim() && /^[\s=_+|-]+$/u.test(row)) continue;
      if (!row.trim() || row.trim().split(COLUMN_GAP).length < 2) break;
      rows.push(alignedCells(row, starts));
    }
    if (rows.length < 2) {
      out.push(line);
      continue;
    }
    // A rule above the header ("-------") is no text either: kept, it joins the first row.
    while (out.length && RULE_LINE.test(out.at(-1)!)) out.pop();
    out.push(...tableParagraphs({ header: labels, rows }));
    i = j - 1;
  }
  return out;
}

/** A rule line of a plain-text table: dashes, equals signs, pluses and bars only. */
const RULE_LINE = /^\s*[=_+|-]{3,}[\s=_+|-]*$/u;

/** The cells of a line whose columns are set apart by bars ("NM-04 | Đèn Tre | 75"), or null. */
function pipedCells(line: string): string[] | null {
  const text = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  if (!text.includes('|') || RULE_LINE.test(line)) return null;
  return text.split('|').map((c) => c.trim());
}

/**
 * The labels of a line that continues a piped table's header (its first cell empty, no figures
 * but a unit's), cut at the bars as the header is, or null.
 */
function headerContinuation(line: string | undefined, header: string, width: number): string[] | null {
  if (line === undefined || !line.includes('|') || RULE_LINE.test(line)) return null;
  let cells = line.split('|');
  // The header's outer bars, if any, open and close its cells; a closing bar after the last label is nothing.
  if (header.trim().startsWith('|')) cells = cells.slice(1);
  if (cells.length === width + 1 && !cells.at(-1)!.trim()) cells = cells.slice(0, width);
  const labels = cells.map((c) => c.trim());
  if (labels.length !== width || labels[0] || labels.every((l) => !l) || labels.some((l) => l.length > 40)) return null;
  return labels;
}

/**
 * A plain-text table with bars between its columns, as a table copied into a text file or typed
 * by hand is ("Mã | Tên dự án | Hỗ trợ (tr.đ)" over "NM-04 | Đèn Tre Lam | 75"), rule lines of
 * dashes around it or not: a header of three labels or more without figures, then two rows or
 * more of as many cells. Read as lines, no row named its columns, so "190" was no amount.
 */
function pipedTable(lines: readonly string[], i: number): { header: string[]; rows: string[][]; end: number } | null {
  const header = pipedCells(lines[i]!);
  if (!header || header.length < 3 || /\d/.test(lines[i]!) || header.some((l) => !l || l.length > 40)) return null;
  // A header whose labels wrap onto the line under it, the first column empty there ("Hỗ trợ" over
  // "(tr. đ)", the unit of the column): one header, each label's lines joined.
  let next = i + 1;
  for (let more = headerContinuation(lines[next], lines[i]!, header.length); more; more = headerContinuation(lines[++next], lines[i]!, header.length)) {
    more.forEach((label, c) => {
      if (label) header[c] = `${header[c]} ${label}`;
    });
  }
  i = next - 1;
  // Lines between two rule lines; a grid table rules off each record, whose cells wrap onto
  // the lines under it ("| Bà Nguyễn Thu Hằng | Tiếp nhận hồ sơ, hướng dẫn biểu |" over "|
  // (Phòng Ươm tạo) | mẫu, tài khoản trên Cổng |"): one row, each cell's lines joined.
  const groups: string[][][] = [[]];
  let j = i + 1;
  for (; j < lines.length; j++) {
    if (RULE_LINE.test(lines[j]!)) {
      if (groups.at(-1)!.length) groups.push([]);
      continue;
    }
    const cells = pipedCells(lines[j]!);
    if (!cells || cells.length !== header.length) break;
    groups.at(-1)!.push(cells);
  }
  const filled = groups.filter((g) => g.length > 0);
  const ruledRecords = filled.length >= 2 && filled.some((g) => g.length > 1);
  const rows = ruledRecords ? filled.map((g) => header.map((_, c) => g.map((r) => r[c]!).filter(Boolean).join(' '))) : filled.flat();
  return rows.length >= 2 ? { header, rows, end: j } : null;
}
