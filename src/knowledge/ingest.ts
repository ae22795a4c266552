/**
 * Ingestion: files → extracted sections → passages → `kb_document_put` (one call per document,
 * which skips unchanged documents and replaces changed ones), then embeddings for passages
 * that have none yet (when an LLM endpoint is configured and pgvector exists).
 *
 * @example
 * const report = await ingestPath(store, 'content/knowledge', { llm });
 * // { added: 7, replaced: 0, unchanged: 0, failed: [], chunks: 42, embedded: 42 }
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Store } from '../store/store.js';
import { chunkDocument } from './chunk.js';
import { documentKind, extractBuffer, extractDocument, type ExtractedDocument } from './extract.js';
import type { Llm } from './llm.js';

export interface IngestReport {
  added: number;
  replaced: number;
  unchanged: number;
  chunks: number;
  embedded: number;
  failed: { doc: string; error: string }[];
  /** Why embeddings could not be computed (the endpoint failed); undefined when fine. */
  embeddingError?: string;
}

export interface IngestOptions {
  llm?: Llm;
  /** Called after each file with (done, total, doc). */
  onProgress?: (done: number, total: number, doc: string) => void;
  /** Embedding batch size (texts per request). */
  batchSize?: number;
}

interface SourceFile {
  doc: string;
  path: string;
  hash: string;
}

/** The document files under a path (a file or a folder, recursively), keyed by relative path. */
export function listDocumentFiles(path: string): { doc: string; path: string }[] {
  const stat = statSync(path);
  if (stat.isFile()) return [{ doc: basename(path), path }];
  const out: { doc: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (documentKind(entry.name)) out.push({ doc: relative(path, full).split(sep).join('/'), path: full });
    }
  };
  walk(path);
  return out;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The passages of one file as `kb_document_put` takes them. */
export async function preparePassages(path: string) {
  return passagesOf(await extractDocument(path));
}

function passagesOf(doc: ExtractedDocument) {
  const chunks = chunkDocument(doc).map((c) => {
    const context = [doc.title, c.heading].filter(Boolean).join('. ');
    // The search terms and lengths are computed when the in-process index loads the passage
    // (passage-index.ts): nothing reads the `folded` and `length` columns any more, so they are
    // not sent (stored as '' and 0) and ingestion does not tokenise.
    return { heading: c.heading, text: c.text, hash: sha256(`${context}\n${c.text}`) };
  });
  return { doc, chunks };
}

/** Which files differ from what the database holds (cheap: hashes only). */
export async function changedFiles(store: Store, path: string): Promise<SourceFile[]> {
  const files = listDocumentFiles(path).map((f) => ({ ...f, hash: sha256(readFileSync(f.path)) }));
  if (files.length === 0) return [];
  const changed = new Set(await store.call<string[]>('kb_changed', { docs: files.map(({ doc, hash }) => ({ doc, hash })) }));
  return files.filter((f) => changed.has(f.doc));
}

/** Ingests a file or folder (see the module comment); failures are reported per file, never thrown. */
export async function ingestPath(store: Store, path: string, options: IngestOptions = {}): Promise<IngestReport> {
  const all = listDocumentFiles(path);
  const todo = await changedFiles(store, path);
  const report: IngestReport = { added: 0, replaced: 0, unchanged: all.length - todo.length, chunks: 0, embedded: 0, failed: [] };
  let done = 0;
  for (const file of todo) {
    try {
      const { doc, chunks } = await preparePassages(file.path);
      const result = await store.call<{ status: 'added' | 'replaced' | 'unchanged'; chunks?: number }>('kb_document_put', {
        doc: { doc: file.doc, title: doc.title, source_path: file.path, kind: doc.kind, hash: file.hash },
        chunks,
      });
      report[result.status] += 1;
      report.chunks += result.chunks ?? 0;
    } catch (error) {
      report.failed.push({ doc: file.doc, error: (error as Error).message });
    }
    options.onProgress?.(++done, todo.length, file.doc);
  }
  if (options.llm) {
    try {
      report.embedded = await embedMissing(store, options.llm, options.batchSize);
    } catch (error) {
      // The documents are stored and searchable without embeddings; the next run fills them in.
      report.embeddingError = (error as Error).message;
    }
  }
  return report;
}

/**
 * Computes embeddings for passages that have none for the configured model (cached by passage
 * hash, so unchanged passages are never embedded twice). Returns how many were stored.
 *
 * @example
 * await embedMissing(store, llm); // 0 without pgvector
 */
export async function embedMissing(store: Store, llm: Llm, batchSize = 64): Promise<number> {
  if (!(await store.call<boolean>('kb_vector_enabled'))) return 0;
  let stored = 0;
  for (;;) {
    const missing = await store.call<{ hash: string; text: string }[]>('kb_embedding_missing', { model: llm.embeddingModel, limit: batchSize });
    if (missing.length === 0) return stored;
    const vectors = await llm.embed(missing.map((m) => m.text));
    await store.call('kb_embedding_put', {
      model: llm.embeddingModel,
      items: missing.map((m, i) => ({ hash: m.hash, embedding: vectors[i] })),
    });
    stored += missing.length;
  }
}

/**
 * Ingests one document held in memory, e.g. a file staff sent to the bot in the staff
 * workspace. The key is the file name: sending a new version replaces the old one, sending the
 * same bytes again does nothing. Throws `ExtractError` (code KB_UNSUPPORTED / KB_UNREADABLE)
 * for a file it cannot read.
 *
 * @example
 * const r = await ingestDocument(store, 'quy-che-khu-lam-viec.pdf', bytes, { llm });
 * // { status: 'added', doc: 'quy-che-khu-lam-viec.pdf', title: '…', chunks: 12 }
 */
export async function ingestDocument(
  store: Store,
  name: string,
  data: Buffer,
  options: { llm?: Llm } = {},
): Promise<{ status: 'added' | 'replaced' | 'unchanged'; doc: string; title: string; chunks: number }> {
  const doc = basename(name);
  const { doc: extracted, chunks } = passagesOf(await extractBuffer(doc, data));
  const result = await store.call<{ status: 'added' | 'replaced' | 'unchanged'; chunks?: number }>('kb_document_put', {
    doc: { doc, title: extracted.title, source_path: null, kind: extracted.kind, hash: sha256(data) },
    chunks,
  });
  if (options.llm && result.status !== 'unchanged') await embedMissing(store, options.llm);
  return { status: result.status, doc, title: extracted.title, chunks: result.chunks ?? 0 };
}
