/**
 * Cuts a document into passages along paragraphs and, for long paragraphs, sentences. Every
 * passage keeps its document title and section heading, so a passage about "học bổng" under
 * "Sáng kiến Mekong" is still found for "Mekong".
 *
 * @example
 * chunkDocument({ title: 'FAQ', kind: 'md', sections: [{ heading: 'Giờ mở cửa', paragraphs: ['…'] }] })
 * // [{ heading: 'Giờ mở cửa', text: '…' }]
 */
import type { ExtractedDocument } from './extract.js';

export interface Chunk {
  heading: string | null;
  text: string;
}

/** Passages aim for this many characters and never exceed MAX (unless one sentence does). */
export const CHUNK_TARGET = 420;
export const CHUNK_MAX = 800;

/** Abbreviations written with a full stop that do not end a sentence ("TP. Cần Thơ", "ThS. Lan", "v.v."). */
const ABBREVIATION_BEFORE_STOP = /(?:^|[\s(])(?:[\p{Lu}]{1,3}|TP|Tp|ThS|TS|PGS|GS|BS|KS|CN|Th\.S|St|Mr|Mrs|Ms|Dr|No|Nr|tr|vd|VD|Q|P|Ph|đ|ng|số)\.$/u;

/**
 * Splits text into sentences (Vietnamese and English punctuation). Not ends of sentences:
 * numbers like "5.000" and "2.08", list numbers ("1.", "IV."), abbreviations like "TT.", "TP."
 * or "ThS." followed by a name, and an ellipsis "…" / "..." followed by more of the sentence
 * (a lower-case word, a digit or a comma).
 *
 * @example
 * splitSentences('Một. Hai! Ba?') // ['Một.', 'Hai!', 'Ba?']
 * splitSentences('Mang theo laptop, sạc… và thẻ.') // ['Mang theo laptop, sạc… và thẻ.']
 * splitSentences('Bước 1. Nộp đơn. Bước 2. Chờ.') // ['Bước 1. Nộp đơn.', 'Bước 2. Chờ.']
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const pieces = text.match(/[^.!?…]+(?:[.!?…]+["”’)]*|$)/gu) ?? [];
  let pending = '';
  pieces.forEach((piece, i) => {
    pending += piece;
    const trimmed = pending.trim();
    const next = pieces[i + 1] ?? '';
    if (!next) return;
    // "5.000", "2.08": a number on both sides of the stop.
    if (/\d[.,]$/.test(trimmed) && /^\d/.test(next)) return;
    // "1." or "IV." alone: a list or section number, part of what follows.
    if (/^(?:\d{1,3}|[IVXLC]{1,5}|[a-zđ])[.)]$/u.test(trimmed)) return;
    // "Bước 1." or "Điều 3." alone: a step's or article's label, part of what follows (quoted
    // alone, "Bước 2." answers nothing, and the step's sentence loses its number).
    if (/^(?:bước|mục|điều|khoản|phần|chương|giai đoạn|step|phase)\s+(?:\d{1,3}|[IVXLC]{1,5})[.)]$/iu.test(trimmed)) return;
    if (ABBREVIATION_BEFORE_STOP.test(trimmed)) return;
    // An ellipsis followed by more of the same sentence.
    if (/(?:…|\.\.\.)["”’)]*$/.test(trimmed) && /^\s*[\p{Ll}\d,;(]/u.test(next)) return;
    if (!/\s$/.test(piece) && /^\S/.test(next)) return; // "GĐ.Trung", "cih-cantho.vn": no space, same sentence
    if (trimmed) out.push(trimmed);
    pending = '';
  });
  if (pending.trim()) out.push(pending.trim());
  return out;
}

function splitLong(paragraph: string): string[] {
  if (paragraph.length <= CHUNK_MAX) return [paragraph];
  const parts: string[] = [];
  let current = '';
  for (const sentence of splitSentences(paragraph)) {
    if (current && current.length + sentence.length + 1 > CHUNK_TARGET) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current} ${sentence}` : sentence;
  }
  if (current) parts.push(current);
  return parts;
}

/** The passages of a document (see the module comment). */
export function chunkDocument(doc: ExtractedDocument): Chunk[] {
  const chunks: Chunk[] = [];
  for (const section of doc.sections) {
    let current = '';
    const flush = () => {
      if (current.trim()) chunks.push({ heading: section.heading, text: current.trim() });
      current = '';
    };
    for (const paragraph of section.paragraphs.flatMap(splitLong)) {
      if (current && current.length + paragraph.length + 1 > CHUNK_TARGET) flush();
      current = current ? `${current}\n${paragraph}` : paragraph;
    }
    flush();
  }
  return chunks;
}
