/**
 * The in-process index follows the database (a document ingested through another connection,
 * as another process would, is found on the next search; a removed one is gone), and content
 * gaps: only consented founders' questions are logged, grouped for staff, erased by forget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupGaps, contentGaps, parseSince } from '../../src/knowledge/gaps.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { searchKnowledge } from '../../src/knowledge/search.js';
import { openPostgres } from '../../src/store/postgres-driver.js';
import type { SqlStore } from '../../src/store/store.js';
import { pgliteTestStore, postgresTestStore } from '../support/stores.js';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'uom-kb-index-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function followsTheDatabase(writer: SqlStore, reader: SqlStore): Promise<void> {
  await ingestPath(writer, folder({ 'a.md': '# Phòng họp\n\nPhòng họp nhỏ có 6 chỗ ngồi.' }));
  expect((await searchKnowledge(reader, 'phòng họp mấy chỗ'))[0]?.doc).toBe('a.md');
  // Another connection adds a document: the reader's index sees the new version.
  await ingestPath(writer, folder({ 'b.md': '# Vườn ươm\n\nVườn ươm cây giống mở cửa thứ Bảy.' }));
  expect((await searchKnowledge(reader, 'vườn ươm cây giống'))[0]?.doc).toBe('b.md');
  await writer.call('kb_document_remove', { doc: 'b.md' });
  expect((await searchKnowledge(reader, 'vườn ươm cây giống')).some((p) => p.doc === 'b.md')).toBe(false);
}

describe('the in-process index', () => {
  it('is rebuilt when the index version moves (PGlite)', async () => {
    const store = await pgliteTestStore();
    try {
      const before = await store.call<number>('kb_index_version');
      await followsTheDatabase(store, store);
      expect(Number(await store.call<number>('kb_index_version'))).toBeGreaterThan(Number(before));
    } finally {
      await store.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('sees another connection\'s ingestion (PostgreSQL)', async () => {
    const store = (await postgresTestStore())!;
    const other = openPostgres({ connectionString: store.url, max: 1 });
    try {
      await followsTheDatabase(other, store);
    } finally {
      await other.close();
      await store.close();
    }
  });
});

describe('uom kb gaps', () => {
  it('logs only consented founders, groups similar questions and counts escalations', async () => {
    const store = await pgliteTestStore();
    try {
      const [consented] = await store.query<{ id: number }>("insert into public.contacts (consent_version, consented_at) values ('v1', now()) returning id");
      const [anonymous] = await store.query<{ id: number }>('insert into public.contacts default values returning id');
      const log = (contact: number, question: string, outcome: string) =>
        store.call<{ logged: boolean }>('fx_kb_question', { args: { contact_id: contact, question, outcome, confidence: 0.2, closest_doc: 'faq.md' } });
      expect((await log(anonymous!.id, 'Phí gửi ô tô bao nhiêu?', 'abstained')).logged).toBe(false);
      expect((await log(consented!.id, 'Phí gửi ô tô bao nhiêu?', 'abstained')).logged).toBe(true);
      await log(consented!.id, 'phi gui o to la bao nhieu vay', 'missing_kind');
      await log(consented!.id, 'Thư viện mở cửa mấy giờ?', 'answered');
      await store.call('fx_kb_feedback', { args: { contact_id: consented!.id, helpful: false, question: 'Thư viện mở cửa mấy giờ?' } });
      const groups = await contentGaps(store, { sinceDays: 30 });
      expect(groups[0]).toMatchObject({ count: 2, closestDoc: 'faq.md', outcomes: { abstained: 1, missing_kind: 1, escalated: 0 } });
      expect(groups[1]).toMatchObject({ count: 1, outcomes: { escalated: 1 } });
      await store.call('forget_knowledge', { contact_id: consented!.id });
      expect(await contentGaps(store, { sinceDays: 30 })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('groups by shared words and parses --since', () => {
    const row = (question: string) => ({ question, outcome: 'abstained' as const, confidence: 0, closest_doc: null, escalated: false, at: '' });
    expect(groupGaps([row('giá thuê hội trường'), row('gia thue hoi truong bn'), row('wifi mật khẩu')]).map((g) => g.count)).toEqual([2, 1]);
    expect(parseSince('2w')).toBe(14);
    expect(parseSince('30d')).toBe(30);
    expect(parseSince('soon')).toBeNull();
  });
});
