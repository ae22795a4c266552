/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel otherwise reads Vietnamese as
 * mojibake), CRLF line ends, every field quoted when it needs it, and cells that start with
 * = + - @ prefixed with ' so a founder's text can never run as a formula.
 *
 * @example
 * csvDocument(['Tên'], [['Lan']]); // '\uFEFFTên\r\nLan\r\n'
 */

function cell(value: string | number | null | undefined): string {
  if (typeof value === 'number') return String(value);
  let text = value === null || value === undefined ? '' : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The whole file: BOM, header row, rows.
 *
 * @example
 * csvDocument(['a', 'b'], [[1, 'x,y']]); // '\uFEFFa,b\r\n1,"x,y"\r\n'
 */
export function csvDocument(header: string[], rows: (string | number | null | undefined)[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
