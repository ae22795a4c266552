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

/**
 * Splits text into sentences (Vietnamese and English punctuation; numbers like "5.000" and
 * abbreviations like "TT." followed by a capital are not ends of sentences).
 *
 * @example
 * splitSentences('Một. Hai! Ba?') // ['Một.', 'Hai!', 'Ba?']
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const pieces = text.match(/[^.!?…]+(?:[.!?…]+["”’)]*|$)/gu) ?? [];
  let pending = '';
  pieces.forEach((piece, i) => {
    pending += piece;
    const trimmed = pending.trim();
    const next = pieces[i + 1] ?? '';
    // "5.000", "TT. ĐMST", "GĐ.Trung tâm": a number or a short abbreviation before a period.
    if (/\d\.$/.test(trimmed) && /^\d/.test(next)) return;
    if (/(?:^|[\s(])[\p{Lu}]{1,3}\.$/u.test(trimmed) && next) return;
    if (!/\s$/.test(piece) && /^\S/.test(next) && next) return; // "GĐ.Trung": no space, same sentence
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
