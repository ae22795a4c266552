/**
 * Reads a document file into plain sections: Markdown, plain text, HTML, PDF (unpdf) and DOCX
 * (mammoth). Text is normalised to NFC and boilerplate is removed: navigation, headers and
 * footers of HTML pages, lines repeated on most PDF pages, and lines repeated within a document.
 *
 * @example
 * const doc = await extractDocument('content/knowledge/faq.md');
 * doc.title; doc.sections[0].paragraphs;
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { nfc } from '../nlu/fold.js';
import { mentionsNationalMotto, readAdministrativeHeader, typeOnlyMarkdownTitle } from './extract-title.js';
import { alignedTables, htmlTable, isDataTable, isMarkdownTableLine, isMarkdownTableRule, markdownTable, tableParagraphs } from './extract-table.js';

export type DocumentKind = 'md' | 'txt' | 'html' | 'pdf' | 'docx';

export interface Section {
  heading: string | null;
  paragraphs: string[];
}

export interface ExtractedDocument {
  title: string;
  kind: DocumentKind;
  sections: Section[];
}

/** Raised for a file the knowledge base cannot read (unknown type, damaged file). */
export class ExtractError extends Error {
  readonly code: 'KB_UNSUPPORTED' | 'KB_UNREADABLE';
  constructor(code: 'KB_UNSUPPORTED' | 'KB_UNREADABLE', message: string) {
    super(message);
    this.name = 'ExtractError';
    this.code = code;
  }
}

const KINDS: Record<string, DocumentKind> = {
  '.md': 'md', '.markdown': 'md', '.txt': 'txt', '.text': 'txt', '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.docx': 'docx',
};

/**
 * The kind of a file by its extension, or undefined when it is not a document we read.
 *
 * @example
 * documentKind('a/b.PDF') // 'pdf'
 */
export function documentKind(path: string): DocumentKind | undefined {
  return KINDS[extname(path).toLowerCase()];
}

/** A title from the file name: "programme-mekong_innovation.md" → "programme mekong innovation". */
function titleFromName(path: string): string {
  return basename(path, extname(path)).replace(/[-_]+/g, ' ').trim();
}

const clean = (s: string) => nfc(s).replace(/[ \t\u00a0]+/g, ' ').trim();

/**
 * A title without the website's boilerplate: the site name after " | ", " – ", " - ", " :: "
 * ("Demo Day 2025 | CIH", "Tin tức - Trung tâm …"), breadcrumbs and Markdown emphasis.
 *
 * @example
 * cleanTitle('Demo Day Cần Thơ 2025 | CIH – Trang chủ') // 'Demo Day Cần Thơ 2025'
 */
export function cleanTitle(title: string): string {
  let out = clean(title).replace(/^[*_#\s]+|[*_\s]+$/g, '');
  // Breadcrumbs before the title ("Tin tức › Hoạt động › …") and the site name after it.
  out = out.replace(/^(?:[^›»]{1,30}\s*[›»]\s*)+/u, '');
  for (;;) {
    // A separator inside brackets is the title's own ("Sáng kiến Mekong (Mekong Innovation
    // Initiative – MII)"), not the site name's.
    const hard = /^(.{12,}?)\s+(?:\||::|»)\s+[^|]{1,60}$/u.exec(out);
    const soft = /^(.{12,}?)\s+[–—-]\s+([^–—-]{1,30})$/u.exec(out);
    if (hard && bracketsClosed(hard[1]!)) out = hard[1]!.trim();
    else if (soft && bracketsClosed(soft[1]!) && /^(?:\p{Lu}|trang|website|cổng)/u.test(soft[2]!) && !/\d/.test(soft[2]!)) out = soft[1]!.trim();
    else break;
  }
  return out.replace(/^(?:trang chủ|home)\s*[›»>/]\s*/i, '').trim();
}

/** Whether every bracket opened in `text` is closed in it. */
function bracketsClosed(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
  }
  return depth === 0;
}

/** Drops lines that occur three times or more (menus, share bars, repeated footers). */
function dropRepeatedLines(sections: Section[]): Section[] {
  const counts = new Map<string, number>();
  for (const s of sections) for (const p of s.paragraphs) counts.set(p, (counts.get(p) ?? 0) + 1);
  return sections
    .map((s) => ({ ...s, paragraphs: s.paragraphs.filter((p) => (counts.get(p) ?? 0) < 3 || p.length > 200) }))
    .filter((s) => s.paragraphs.length > 0);
}

/**
 * Markdown: `#` headings start sections (an outline heading's text leads the headings under it,
 * see `pushHeading`); markup (links, emphasis, bullets) is stripped.
 */
export function fromMarkdown(source: string, fallbackTitle: string): ExtractedDocument {
  let title: string | null = null;
  const sections: Section[] = [{ heading: null, paragraphs: [] }];
  const parents: Parent[] = [];
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length) sections.at(-1)!.paragraphs.push(clean(buffer.join(' ')));
    buffer = [];
  };
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter is metadata
  const lines = body.split('\n').map((raw) =>
    raw
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__|`)/g, '')
      // Single-mark emphasis ("*Cập nhật ngày …*"), not a bullet ("* mục") or a snake_case name.
      .replace(/(^|[\s(])[*_](?=\S)([^*_\n]*?\S)[*_](?=$|[\s).,;:!?])/gu, '$1$2')
      .trimEnd(),
  );
  let table: string[] = [];
  const flushTable = () => {
    if (table.length) sections.at(-1)!.paragraphs.push(...tableParagraphs(markdownTable(table)));
    table = [];
  };
  for (const [n, line] of lines.entries()) {
    // A pipe table: each data row becomes a paragraph of its own (see extract-table.ts).
    const startsTable = isMarkdownTableLine(line) || (line.includes('|') && isMarkdownTableRule(lines[n + 1] ?? '') && (lines[n + 1] ?? '').includes('|'));
    if (startsTable || (table.length > 0 && (isMarkdownTableRule(line) || line.includes('|')))) {
      if (table.length === 0) flush();
      table.push(line);
      continue;
    }
    flushTable();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const text = clean(heading[2]!);
      if (heading[1] === '#' && title === null) title = text;
      else pushHeading(sections, parents, heading[1]!.length, text);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      buffer.push(item[1]!);
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(line)) continue; // a rule line
    buffer.push(line.replace(/^\s*>\s?/, ''));
  }
  flushTable();
  flush();
  const kept = keepEmptyHeadingsAsText(sections.filter((s) => s.paragraphs.length || s.heading));
  // Without a "# title", the first heading or the opening words name the document, not its file.
  const derived = title ?? kept.find((s) => s.heading)?.heading ?? firstWords(kept[0]?.paragraphs[0] ?? '');
  // "# QUYẾT ĐỊNH" over "## Về việc ban hành …": the type and its subject name the document.
  const typed = title === null ? null : typeOnlyMarkdownTitle(title, lines);
  if (typed) return { title: clean(typed), kind: 'md', sections: questionsAsHeadings(dropRepeatedLines(kept)) };
  return { title: cleanTitle(derived || fallbackTitle), kind: 'md', sections: questionsAsHeadings(dropRepeatedLines(kept)) };
}

/** An open heading of an outline: the sections under it (deeper headings) are about it too. */
interface Parent {
  level: number;
  text: string;
  /** The section it opened (removed when it has no text of its own before a deeper heading). */
  section: Section;
}

/**
 * Starts the section of a heading of a level (1-6). A heading with no text of its own right
 * before a deeper one ("## Thành viên và không gian làm việc" then "### 4. Tôi có thể dẫn
 * khách đến không?") is the parent of the sections under it: it becomes part of their headings,
 * not a line of text of the section before it (a byline is a heading with nothing after it).
 */
function pushHeading(sections: Section[], parents: Parent[], level: number, text: string): void {
  while (parents.length && parents.at(-1)!.level >= level) parents.pop();
  const last = sections.at(-1)!;
  const open = parents.at(-1);
  if (open && open.section === last && last.paragraphs.length === 0) sections.pop();
  const section: Section = { heading: [...parents.map((p) => p.text), text].join(': '), paragraphs: [] };
  sections.push(section);
  parents.push({ level, text, section });
}

/** A short line in capitals is a heading candidate (a byline is told apart by `keepAsText`). */
function looksLikeHeading(line: string): boolean {
  if (line.length > 90 || line.length < 3) return false;
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length > 2 && letters === letters.toUpperCase();
}

/**
 * Sections whose heading has no text under it (a byline or signature in capitals at the end,
 * "PHÒNG TRUYỀN THÔNG – CIH") keep that line as text of the section before, instead of losing it.
 */
function keepEmptyHeadingsAsText(sections: Section[]): Section[] {
  const out: Section[] = [];
  for (const section of sections) {
    if (section.paragraphs.length === 0 && section.heading) {
      const previous = out.at(-1);
      if (previous) previous.paragraphs.push(section.heading);
      else out.push({ heading: null, paragraphs: [section.heading] });
      continue;
    }
    out.push(section);
  }
  return out;
}

/** Longest paragraph read as a question of a questions-and-answers page. */
const QUESTION_PARAGRAPH = 200;

function isQuestionParagraph(text: string): boolean {
  return text.length <= QUESTION_PARAGRAPH && /\?\s*$/u.test(text);
}

/**
 * A question standing as a paragraph of its own with text after it ("H: SKI có lấy cổ phần
 * không?" then "Đ: Không. …") heads that text, as a "### question" heading would: the answer's
 * sentences ("Đ: Không.") are about the question's words, and the question is not an answer.
 * It nests under the section's heading.
 *
 * @example
 * questionsAsHeadings([{ heading: 'Phí', paragraphs: ['Có mất phí không?', 'Không.'] }])
 * // [{ heading: 'Phí: Có mất phí không?', paragraphs: ['Không.'] }]
 */
export function questionsAsHeadings(sections: readonly Section[]): Section[] {
  const out: Section[] = [];
  for (const section of sections) {
    const own: Section = { heading: section.heading, paragraphs: [] };
    const asked: Section[] = [];
    section.paragraphs.forEach((text, i) => {
      const next = section.paragraphs[i + 1];
      if (isQuestionParagraph(text) && next !== undefined && !isQuestionParagraph(next)) {
        asked.push({ heading: section.heading ? `${section.heading}: ${text}` : text, paragraphs: [] });
      } else {
        (asked.at(-1) ?? own).paragraphs.push(text);
      }
    });
    // The section's heading stays as a section only with text of its own before the questions.
    if (asked.length === 0 || own.paragraphs.length > 0) out.push(own);
    out.push(...asked);
  }
  return out;
}

/** The opening words of a text (up to about 12 words), for documents without a title. */
function firstWords(text: string): string {
  const words = text.split(' ');
  return words.length <= 12 ? text.replace(/[.!?]$/, '') : `${words.slice(0, 12).join(' ').replace(/[,;:]$/, '')}…`;
}

/**
 * A numbered section title on a line of its own ("5. Cơ cấu giải thưởng", "IV. Phí"): short,
 * numbered, not ending a sentence, after a blank line, with a blank line after it or text that
 * is no further numbered line ("1. Số lượng dự kiến" / "Khoảng 30 đơn vị …", as notices are
 * typed). A numbered list item has no blank line before it, or the next item after it.
 */
function looksLikeNumberedHeading(line: string, blankBefore: boolean, blankAfter: boolean, next = ''): boolean {
  const numbered = (l: string) => /^(?:\d{1,2}|[IVXLC]{1,5})[.)]\s+\p{L}/u.test(l);
  if (!blankBefore || line.length > 80 || !numbered(line) || /[.!?:;,]$/.test(line)) return false;
  return blankAfter || (line.length <= 60 && line.split(' ').length <= 9 && !numbered(next));
}

/** Longest line of an indented record (a directory entry's line, not a paragraph of prose). */
const RECORD_LINE = 160;

/**
 * Indented records of plain text, each joined into one line: a line with lines indented under
 * it until a blank or unindented line, as directories and contact lists are typed
 * ("Bộ phận Đào tạo – Phòng A7.302" / "    ĐT: 0235 …"). The indented lines are about the line
 * above them: read apart, "ĐT: 0235 …" names no one. Joined with "; " they are one sentence.
 *
 * @example
 * indentedRecords(['Kế toán', '    ĐT: 0235 3861 475', '']) // ['Kế toán; ĐT: 0235 3861 475', '']
 */
export function indentedRecords(lines: readonly string[]): string[] {
  const out: string[] = [];
  const indented = (line: string | undefined) => line !== undefined && /^(?: {2,}|\t)\S/.test(line) && line.trim().length <= RECORD_LINE;
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!;
    if (!head.trim() || indented(head) || head.trim().length > RECORD_LINE || !indented(lines[i + 1])) {
      out.push(head);
      continue;
    }
    const parts = [head.trim()];
    while (indented(lines[i + 1])) parts.push(lines[++i]!.trim());
    out.push(parts.map((p, k) => (k < parts.length - 1 ? p.replace(/[.;,]$/u, '') : p)).join('; '));
  }
  return out;
}

/** A line that starts an item of its own: a bullet, "a)", "1.", "IV.", "Điều 3", "Bước 2". */
const ITEM_START = /^(?:[-*•+–]\s|\(?[a-zđ]\)\s|\d{1,3}[.)]\s|[IVXLC]{1,5}[.)]\s|(?:điều|khoản|mục|chương|bước|phần)\s+\d)/iu;
/**
 * Words set apart by wide gaps or a dot leader: a layout line (columns, a directory's "ĐT:
 * 0235", a report's "Số thành viên ........ 684 người"), never prose. Dot leaders align their
 * figures at one width, so a report's list of them looked hard-wrapped and was joined into one
 * sentence of all its figures.
 */
const LAYOUT_GAP = /\S(?: {2,}|\t| ?(?:\.{4,}|…{2,}) ?)\S/u;
const ENDS_SENTENCE = /[.!?:;]["”’)]*$/u;

/**
 * The length from which a line of this text was wrapped by its author's editor, or Infinity when
 * the text is not hard-wrapped. Measured on the lines as typed (tables and layout lines, with
 * wide gaps, left out): a quarter or more of the prose lines stop near the longest ones without
 * ending a sentence. A text of one paragraph per line has few such lines (titles, labels).
 */
export function wrapWidth(lines: readonly string[]): number {
  const prose = lines.map((l) => l.trim()).filter((l) => l.length >= 30 && !LAYOUT_GAP.test(l));
  if (prose.length < 4) return Infinity;
  const lengths = prose.map((l) => l.length).sort((a, b) => a - b);
  const width = Math.max(40, lengths[Math.floor(lengths.length * 0.9)]! * 0.75);
  const open = prose.filter((l) => l.length >= width && !ENDS_SENTENCE.test(l) && !looksLikeHeading(l)).length;
  return open >= 3 && open >= prose.length * 0.25 ? width : Infinity;
}

/**
 * The lines of hard-wrapped plain text joined into the lines the author wrote. Notices and
 * minutes typed in a fixed width (about 80 characters) break sentences across lines: read line
 * by line, "Vào 8h30 … tại Hội trường B, Trung tâm Ứng dụng tiến bộ khoa học" and "và công nghệ
 * Kim Điền, số 5 đường Bờ Đê" are two sentences, neither answering where the workshop is, and a
 * passage may end between them. A line continues on the next when it reaches the document's
 * wrap width (`wrapWidth`) without ending a sentence, and the next line starts no item or
 * heading of its own, or, at any length, when it breaks mid-sentence (a comma, a word in lower
 * case) before a line in lower case. An indented next line continues only a wrapped list item or in lower case
 * (an indented line under a short one is a directory's record: `indentedRecords`).
 *
 * @example
 * unwrapLines(['Hội thảo tổ chức tại Hội trường B, Trung tâm Ứng dụng tiến bộ khoa học', 'và công nghệ, số 5 đường Bờ Đê.'], 60)
 * // ['Hội thảo tổ chức tại Hội trường B, Trung tâm Ứng dụng tiến bộ khoa học và công nghệ, số 5 đường Bờ Đê.']
 */
export function unwrapLines(lines: readonly string[], width = wrapWidth(lines)): string[] {
  const wraps = (line: string) => line.length >= width && !ENDS_SENTENCE.test(line) && !LAYOUT_GAP.test(line) && !looksLikeHeading(line);
  // Whatever the width: a line ending mid-sentence (a comma, a word in lower case) before a line
  // in lower case ("… ngày 27/02/2027," / "tại Hội trường …") is one sentence; no line of its own
  // starts in lower case.
  const breaksMidSentence = (line: string, next: string) => /[,\p{Ll}]$/u.test(line) && /^\p{Ll}/u.test(next) && !LAYOUT_GAP.test(line) && !looksLikeHeading(line);
  const out: string[] = [];
  let last = ''; // the physical line the output's last line ends with
  let item = false; // the output's last line is a list item
  for (const line of lines) {
    const text = line.trim();
    const indented = /^\s/.test(line);
    const continues =
      out.length > 0 &&
      text !== '' &&
      (wraps(last) || breaksMidSentence(last, text)) &&
      !ITEM_START.test(text) &&
      !looksLikeHeading(text) &&
      !LAYOUT_GAP.test(text) &&
      (!indented || item || /^[\p{Ll}\d(]/u.test(text));
    if (continues) out[out.length - 1] = `${out.at(-1)!.trimEnd()} ${text}`;
    else {
      out.push(line);
      item = ITEM_START.test(text);
    }
    last = text;
  }
  return out;
}

/** The mark of a signature: "(đã ký)", "(ký tên, đóng dấu)", "(signed)". */
const SIGNED = /\((?:đã ký|ký[^)]{0,30}|signed)\)/iu;

/**
 * The signature block that ends an administrative text ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" /
 * "(đã ký)" / "Lò Thị Hạnh", indented to the right, or two side by side: "THƯ KÝ … CHỦ TỊCH HỘI
 * ĐỒNG"), one line per signer: read line by line, the role became a heading and the name a
 * line of its own, so "who signed" found neither with the other. Other texts are unchanged.
 *
 * @example
 * signatureBlocks(['Nội dung.', '', '   GIÁM ĐỐC', '   (đã ký)', '   Lê Văn A'])
 * // ['Nội dung.', '', 'GIÁM ĐỐC (đã ký) Lê Văn A']
 */
export function signatureBlocks(lines: readonly string[]): string[] {
  let end = lines.length;
  while (end > 0 && !lines[end - 1]!.trim()) end--;
  let start = end;
  while (start > 0 && lines[start - 1]!.trim() && end - start < RECIPIENTS_BLOCK) start--;
  const block = lines.slice(start, end);
  if (block.length < 2 || !block.some((l) => SIGNED.test(l)) || (start > 0 && lines[start - 1]!.trim())) return [...lines];
  const rows = block.map((l) => l.trim().split(/ {2,}|\t+/));
  const columns = Math.max(...rows.map((r) => r.length));
  if (columns === 2 && rows.some((r) => r.length === 1)) return besideRecipients(lines, start, end) ?? [...lines];
  if (block.length > 6 || columns > 2 || rows.some((r) => r.length !== columns)) return [...lines];
  const signers = Array.from({ length: columns }, (_, c) => rows.map((r) => r[c]!.trim()).join(' '));
  return [...lines.slice(0, start), ...signers, ...lines.slice(end)];
}

/** The most lines of a closing block with the recipients' list ("Nơi nhận:") beside the signature. */
const RECIPIENTS_BLOCK = 12;

/**
 * The closing block of an administrative text with the recipients' list on the left ("Nơi
 * nhận:", "- Sở …;", "- Lưu: VT.") and the signature on the right ("KT. GIÁM ĐỐC" … "(đã ký)" …
 * the name), where the list runs longer than the signature: its lines, then the signature as one
 * line ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (đã ký) Hà Thị Mộng Tuyền"). Read line by line, the signer's name
 * closed the last recipient's line ("- Lưu: VT, QBM. Hà Thị Mộng Tuyền") and "who signed" found
 * no line with both. Null when the lines do not fall into those two columns.
 */
function besideRecipients(lines: readonly string[], start: number, end: number): string[] | null {
  const cells = lines.slice(start, end).map((line) => [...line.matchAll(/\S+(?: \S+)*/gu)].map((m) => ({ text: m[0], at: m.index })));
  // Where the right column starts: the second cell of the lines that have two.
  const right = Math.min(...cells.filter((c) => c.length === 2).map((c) => c[1]!.at));
  const left: string[] = [];
  const signer: string[] = [];
  for (const row of cells) {
    if (row.length > 2) return null;
    for (const cell of row) (cell.at >= right - 8 ? signer : left).push(cell.text);
  }
  if (!signer.some((l) => SIGNED.test(l)) || left.length === 0) return null;
  return [...lines.slice(0, start), ...left, signer.join(' '), ...lines.slice(end)];
}

/** A part of an outline: "III. NỘI DUNG", "II. Thành phần". */
const ROMAN_PART = /^[IVXLC]{1,5}[.)]\s+\p{L}/u;

/** Plain text: lines are paragraphs; lines in capitals and numbered section titles are headings. */
export function fromText(source: string, fallbackTitle: string, kind: DocumentKind = 'txt'): ExtractedDocument {
  const typed = signatureBlocks(nfc(source).split(/\r?\n/));
  const raw = indentedRecords(unwrapLines(alignedTables(typed), wrapWidth(typed))).map(clean);
  const all = raw.map((line, n) => ({ line, blankBefore: n === 0 || !raw[n - 1], blankAfter: n === raw.length - 1 || !raw[n + 1] })).filter((l) => l.line);
  // An administrative document's header block (agency, motto, number, date) is not its title.
  const header = readAdministrativeHeader(all.map((l) => l.line));
  const lines = header ? all.slice(header.consumed) : all;
  const sections: Section[] = [{ heading: null, paragraphs: [...(header?.facts ?? [])] }];
  let title: string | null = header?.title ?? null;
  let part: { heading: string; section: Section } | null = null; // the last roman-numbered part ("II. …")
  lines.forEach(({ line, blankBefore, blankAfter }, i) => {
    // A first line that is short and does not end a sentence is the title.
    if (i === 0 && title === null && line.length <= 160 && !/[.!?]$/.test(line)) {
      title = line;
      return;
    }
    if (looksLikeHeading(line) || looksLikeNumberedHeading(line, blankBefore, blankAfter, lines[i + 1]?.line)) {
      // An outline: "1. Mục đích" under "I. MỤC ĐÍCH, YÊU CẦU" is headed by both, and the part's
      // title, with no text of its own, is not kept as a line of text.
      const child = part !== null && /^\d{1,2}[.)]\s/.test(line);
      if (child && part!.section === sections.at(-1) && part!.section.paragraphs.length === 0) sections.pop();
      const section: Section = { heading: child ? `${part!.heading}: ${line}` : line, paragraphs: [] };
      sections.push(section);
      if (ROMAN_PART.test(line)) part = { heading: line, section };
      else if (!child) part = null;
    } else sections.at(-1)!.paragraphs.push(line);
  });
  title ??= firstWords(lines[0]?.line ?? '') || fallbackTitle;
  // A title read from the header is the document's own: no site name to cut ("… – Đợt Xuân").
  return { title: header?.title ? clean(header.title) : cleanTitle(title), kind, sections: questionsAsHeadings(dropRepeatedLines(keepEmptyHeadingsAsText(sections))) };
}

const BOILERPLATE = 'script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, template, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .nav, .menu, .breadcrumb, .footer, .header, .sidebar, .share, .social, .related, .comments, .advertisement, .ads';

/** Blocks that make a table cell a layout cell, read through its blocks. */
const CELL_BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, dd, dt';

/** A block of an HTML page in reading order: a heading (level 1-6) or a paragraph (level 0). */
interface HtmlBlock {
  text: string;
  level: number;
}

/**
 * The blocks of a page's main element in reading order. Data tables give one paragraph per row
 * (extract-table.ts); a table holding the national motto is an administrative header laid out
 * in two columns, read line by line (agency, motto, number, date) for `readAdministrativeHeader`.
 */
function htmlBlocks(main: HTMLElement): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  // Data tables are read row by row (see extract-table.ts); layout tables as ordinary blocks.
  const dataTables = new Set(main.querySelectorAll('table').filter(isDataTable));
  for (const el of main.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, td, th, blockquote, pre, dd, dt, table') as HTMLElement[]) {
    if (el.tagName === 'TABLE') {
      if (!dataTables.has(el)) continue;
      if (mentionsNationalMotto(el.text)) blocks.push(...el.querySelectorAll('td, th').flatMap((cell) => cell.structuredText.split('\n').map(clean).filter(Boolean)).map((text) => ({ text, level: 0 })));
      else blocks.push(...tableParagraphs(htmlTable(el)).map((text) => ({ text, level: 0 })));
      continue;
    }
    const table = el.closest('table');
    if (table && dataTables.has(table)) continue;
    // A layout cell holding headings or paragraphs is read through them, not as one line.
    if (/^T[DH]$/.test(el.tagName) && el.querySelector(CELL_BLOCKS)) continue;
    // A list item or cell inside another block is read with that block.
    const container = el.parentNode ? (el.parentNode as HTMLElement).closest?.('p, li, td, th, blockquote, pre') : null;
    if (container && !(/^T[DH]$/.test(container.tagName) && container.querySelector(CELL_BLOCKS))) continue;
    // A line break in the page's source is a space (the page is wrapped at 120 columns, the
    // sentence goes on): only <br> and blocks break lines, as a browser shows them, so a
    // paragraph's sentence is not cut at "… trong khuôn⏎ khổ …". Preformatted text keeps its lines.
    const text = el.tagName === 'PRE' ? clean(el.text) : el.structuredText.split('\n').map(clean).filter(Boolean).join('\n');
    if (text) blocks.push({ text, level: /^H[1-6]$/.test(el.tagName) ? Number(el.tagName[1]) : 0 });
  }
  return blocks;
}

/** HTML: navigation, headers, footers, scripts and menus removed; h1-h6 start sections. */
export function fromHtml(source: string, fallbackTitle: string, kind: DocumentKind = 'html'): ExtractedDocument {
  // Word documents converted by mammoth: "Heading 1" paragraphs are sections, and the title is
  // the opening short paragraph (the "Title" style comes out as a plain paragraph).
  const wordDocument = kind === 'docx';
  const root = parseHtml(source, { blockTextElements: { script: false, style: false, noscript: false } });
  const pageTitle = clean(root.querySelector('title')?.text ?? '');
  for (const el of root.querySelectorAll(BOILERPLATE)) el.remove();
  const main = root.querySelector('main, article, [role=main]') ?? root.querySelector('body') ?? root;
  let blocks = htmlBlocks(main);
  let title: string | null = null;
  if (wordDocument) {
    // An administrative document typed in Word: its header block is not its title (extract-title.ts).
    const header = readAdministrativeHeader(blocks.slice(0, 16).map((b) => b.text));
    if (header) {
      blocks = [...header.facts.map((text) => ({ text, level: 0 })), ...blocks.slice(header.consumed)];
      title = header.title;
    }
  }
  const fromHeader = title !== null;
  const sections: Section[] = [{ heading: null, paragraphs: [] }];
  const parents: Parent[] = [];
  for (const { text, level } of blocks) {
    if (level > 0) {
      if (level === 1 && title === null && !wordDocument) title = text;
      else pushHeading(sections, parents, level, text);
    } else if (wordDocument && title === null && sections.length === 1 && sections[0]!.paragraphs.length === 0 && text.length <= 160 && !/[.!?]$/.test(text)) {
      title = text;
    } else {
      sections.at(-1)!.paragraphs.push(text);
    }
  }
  if (sections.every((s) => s.paragraphs.length === 0)) {
    const text = clean(main.text);
    if (text) sections[0]!.paragraphs.push(text);
  }
  const kept = keepEmptyHeadingsAsText(sections.filter((s) => s.paragraphs.length || s.heading));
  const derived = title ?? (pageTitle || kept.find((s) => s.heading)?.heading || firstWords(kept[0]?.paragraphs[0] ?? ''));
  return { title: fromHeader && title ? clean(title) : cleanTitle(derived || fallbackTitle), kind, sections: questionsAsHeadings(dropRepeatedLines(kept)) };
}

/** PDF pages as text; lines repeated at the top or bottom of most pages (headers, footers, page numbers) go. */
export function fromPdfPages(pages: string[], fallbackTitle: string): ExtractedDocument {
  const pageLines = pages.map((p) => nfc(p).split(/\r?\n/).map(clean).filter(Boolean));
  const edgeCounts = new Map<string, number>();
  for (const lines of pageLines) {
    const edges = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => l.replace(/\d+/g, '#')));
    for (const e of edges) edgeCounts.set(e, (edgeCounts.get(e) ?? 0) + 1);
  }
  const repeated = (line: string) => pages.length >= 3 && (edgeCounts.get(line.replace(/\d+/g, '#')) ?? 0) >= Math.ceil(pages.length * 0.6);
  const kept = pageLines.map((lines) => lines.filter((l, i) => !((i < 2 || i >= lines.length - 2) && repeated(l))));
  // PDF lines are visual lines: join them into paragraphs until a line ends a sentence.
  const text = kept
    .flat()
    .reduce<string[]>((paras, line) => {
      const last = paras.at(-1);
      if (paras.length > 1 && last !== undefined && !/[.!?:;]$/.test(last) && !looksLikeHeading(line) && !looksLikeHeading(last)) paras[paras.length - 1] = `${last} ${line}`;
      else paras.push(line);
      return paras;
    }, [])
    .join('\n');
  const doc = fromText(text, fallbackTitle, 'pdf');
  return doc;
}

/**
 * Reads one file into an `ExtractedDocument`.
 *
 * @example
 * const doc = await extractDocument('docs/guide.pdf');
 */
export async function extractDocument(path: string): Promise<ExtractedDocument> {
  if (!documentKind(path)) throw new ExtractError('KB_UNSUPPORTED', `${basename(path)}: not a Markdown, text, HTML, PDF or DOCX file`);
  return extractBuffer(path, await readFile(path));
}

/**
 * Reads a document from memory (a file staff sent to the bot); `name` gives its type.
 *
 * @example
 * const doc = await extractBuffer('quy-che.pdf', bytes);
 */
export async function extractBuffer(name: string, data: Buffer): Promise<ExtractedDocument> {
  const kind = documentKind(name);
  if (!kind) throw new ExtractError('KB_UNSUPPORTED', `${basename(name)}: not a Markdown, text, HTML, PDF or DOCX file`);
  const fallbackTitle = titleFromName(name);
  try {
    switch (kind) {
      case 'md':
        return fromMarkdown(data.toString('utf8'), fallbackTitle);
      case 'txt':
        return fromText(data.toString('utf8'), fallbackTitle);
      case 'html':
        return fromHtml(data.toString('utf8'), fallbackTitle);
      case 'pdf': {
        const { extractText, getDocumentProxy } = await import('unpdf');
        const pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
        const { text } = await extractText(pdf, { mergePages: false });
        return fromPdfPages(text, fallbackTitle);
      }
      case 'docx': {
        const mammoth = (await import('mammoth')).default;
        const { value } = await mammoth.convertToHtml({ buffer: data });
        return fromHtml(`<body>${value}</body>`, fallbackTitle, 'docx');
      }
    }
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError('KB_UNREADABLE', `${basename(name)}: cannot be read (${(error as Error).message})`);
  }
}
