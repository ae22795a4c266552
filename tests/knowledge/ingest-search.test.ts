/**
 * Ingestion and hybrid search on PGlite and, when TEST_DATABASE_URL is set, on the real
 * PostgreSQL server (no pgvector there: the lexical search must work alone).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocument, ingestPath } from '../../src/knowledge/ingest.js';
import { passageIndex } from '../../src/knowledge/passage-index.js';
import { searchKnowledge } from '../../src/knowledge/search.js';
import type { SqlStore } from '../../src/store/store.js';
import { pgliteTestStore, postgresTestStore, TEST_DATABASE_URL } from '../support/stores.js';

const corpus = join(import.meta.dirname, 'fixtures', 'corpus');

const drivers = [
  { name: 'pglite', available: true, open: async () => { const s = await pgliteTestStore(); return { store: s as SqlStore, close: () => s.close() }; } },
  { name: 'postgres', available: Boolean(TEST_DATABASE_URL), open: async () => { const s = (await postgresTestStore())!; return { store: s as SqlStore, close: () => s.destroy() }; } },
];

describe.each(drivers.filter((d) => d.available))('knowledge base on $name', (driver) => {
  let store: SqlStore;
  let close: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ store, close } = await driver.open());
    dir = mkdtempSync(join(tmpdir(), 'uom-kb-'));
    for (const f of ['coworking.md', 'grants.txt', 'mentoring.html', 'training.docx', 'policy.pdf']) copyFileSync(join(corpus, f), join(dir, f));
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests every format once; unchanged files are skipped, a changed file replaces its passages', async () => {
    const progress: string[] = [];
    const first = await ingestPath(store, dir, { onProgress: (_d, _t, doc) => progress.push(doc) });
    expect(first).toMatchObject({ added: 5, replaced: 0, unchanged: 0, failed: [] });
    expect(progress).toHaveLength(5);
    const again = await ingestPath(store, dir);
    expect(again).toMatchObject({ added: 0, replaced: 0, unchanged: 5, chunks: 0 });

    const before = await store.query<{ id: number }>(`select c.id from public.kb_chunks c join public.kb_documents d on d.id = c.document_id where d.doc = 'grants.txt'`);
    writeFileSync(join(dir, 'grants.txt'), 'Quỹ hỗ trợ khởi nghiệp\n\nTừ năm nay mức tài trợ tối đa là 500 triệu đồng cho mỗi dự án.\n');
    const changed = await ingestPath(store, dir);
    expect(changed).toMatchObject({ added: 0, replaced: 1, unchanged: 4 });
    const after = await store.query<{ id: number; text: string }>(`select c.id, c.text from public.kb_chunks c join public.kb_documents d on d.id = c.document_id where d.doc = 'grants.txt'`);
    expect(after.map((r) => r.text).join(' ')).toContain('500 triệu');
    expect(after.some((r) => before.some((b) => b.id === r.id))).toBe(false);
    // The in-process index follows: no passage of the old version is searched any more.
    const orphans = await store.query<{ n: number }>('select count(*)::int n from public.kb_chunks c where not exists (select 1 from public.kb_documents d where d.id = c.document_id)');
    expect(orphans[0]!.n).toBe(0);

    const hits = await searchKnowledge(store, 'mức tài trợ tối đa');
    expect(hits[0]!.text).toContain('500 triệu');
    expect(hits.map((h) => h.text).join(' ')).not.toContain('300 triệu');
  });

  it('finds passages with or without diacritics, with typos, in English, and prefers phrases', async () => {
    const accented = await searchKnowledge(store, 'Hội trường có bao nhiêu chỗ ngồi?', { k: 3 });
    expect(accented[0]).toMatchObject({ doc: 'coworking.md', heading: 'Hội trường và phòng họp', title: 'Khu làm việc chung Ươm Hub' });
    expect(accented[0]!.text).toContain('80 chỗ ngồi');
    const plain = await searchKnowledge(store, 'hoi truong co bao nhieu cho ngoi', { k: 3 });
    expect(plain[0]!.chunk_id).toBe(accented[0]!.chunk_id);

    const typo = await searchKnowledge(store, 'hoi truog co bao nhieu cho ngoy', { k: 3 });
    expect(typo.slice(0, 3).map((p) => p.chunk_id)).toContain(accented[0]!.chunk_id);
    // Unknown words are also read as the nearest indexed syllables (trigram similarity, as pg_trgm).
    const index = await passageIndex(store);
    expect(index.similarWords('truog')).toContain('truong');
    expect(index.df('hoi')).toBeGreaterThan(0); // known words are left alone by search

    const english = await searchKnowledge(store, 'How long does the mentoring programme last?', { k: 3 });
    expect(english[0]!.doc).toBe('mentoring.html');

    const pdf = await searchKnowledge(store, 'phòng lab có máy in 3D không', { k: 3 });
    expect(pdf[0]).toMatchObject({ doc: 'policy.pdf' });
    expect(pdf[0]!.text).toContain('may in 3D');
  });

  it('rewards the right diacritics when the folded forms tie', async () => {
    // "ca" folds "cá" (fish) and "cà" (eggplant) together: the typed accents decide.
    const extra = mkdtempSync(join(tmpdir(), 'uom-kb-accent-'));
    try {
      writeFileSync(join(extra, 'ca.md'), '# Ẩm thực\n\n## Món cá\n\nMón cá kho tộ của làng nghề.\n\n## Món cà\n\nMón cà kho tộ của làng nghề.\n');
      await ingestPath(store, extra);
      const fish = await searchKnowledge(store, 'món cá kho', { k: 2 });
      const eggplant = await searchKnowledge(store, 'món cà kho', { k: 2 });
      expect(fish[0]!.text).toContain('cá kho');
      expect(eggplant[0]!.text).toContain('cà kho');
    } finally {
      await store.call('kb_document_remove', { doc: 'ca.md' });
      rmSync(extra, { recursive: true, force: true });
    }
  });

  it('reports coverage: high for answerable questions, low for unrelated ones', async () => {
    const good = await searchKnowledge(store, 'học phí khóa đào tạo gọi vốn', { k: 1 });
    expect(good[0]!.coverage).toBeGreaterThan(0.8);
    const unrelated = await searchKnowledge(store, 'giá vé máy bay đi Đà Nẵng', { k: 3 });
    expect(Math.max(...unrelated.map((p) => p.coverage))).toBeLessThan(0.5);
  });

  it('lists and removes documents; a missing document removes nothing', async () => {
    const list = await store.call<{ doc: string; kind: string; chunks: number }[]>('kb_documents_list');
    expect(list.map((d) => [d.doc, d.kind])).toEqual([
      ['coworking.md', 'md'], ['grants.txt', 'txt'], ['mentoring.html', 'html'], ['policy.pdf', 'pdf'], ['training.docx', 'docx'],
    ]);
    expect(await store.call('kb_document_remove', { doc: 'policy.pdf' })).toEqual({ removed: 1 });
    expect(await store.call('kb_document_remove', { doc: 'policy.pdf' })).toEqual({ removed: 0 });
    const hits = await searchKnowledge(store, 'phong lab may in 3D', { k: 5 });
    expect(hits.every((h) => h.doc !== 'policy.pdf')).toBe(true);
    // A file that cannot be read is reported, not thrown, and the others still go in.
    writeFileSync(join(dir, 'broken.pdf'), 'not a pdf');
    const report = await ingestPath(store, dir);
    expect(report.failed.map((f) => f.doc)).toEqual(['broken.pdf']);
    expect(report.added).toBe(1); // policy.pdf again
  });

  it('ingests a document sent as bytes (staff upload): added, unchanged when resent, replaced when changed', async () => {
    const v1 = Buffer.from('# Nội quy phòng lab\n\nPhòng lab đóng cửa lúc 20 giờ.\n');
    expect(await ingestDocument(store, 'uploads/noi-quy.md', v1)).toMatchObject({ status: 'added', doc: 'noi-quy.md', title: 'Nội quy phòng lab', chunks: 1 });
    expect(await ingestDocument(store, 'noi-quy.md', v1)).toMatchObject({ status: 'unchanged' });
    const v2 = Buffer.from('# Nội quy phòng lab\n\nPhòng lab đóng cửa lúc 21 giờ.\n');
    expect(await ingestDocument(store, 'noi-quy.md', v2)).toMatchObject({ status: 'replaced' });
    expect((await searchKnowledge(store, 'phòng lab đóng cửa lúc mấy giờ', { k: 1 }))[0]!.text).toContain('21 giờ');
    await expect(ingestDocument(store, 'virus.exe', v1)).rejects.toMatchObject({ code: 'KB_UNSUPPORTED' });
    await store.call('kb_document_remove', { doc: 'noi-quy.md' });
  });

  it('always returns k passages when the base has them, best first', async () => {
    const hits = await searchKnowledge(store, 'zzzz qqqq', { k: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => h.coverage === 0)).toBe(true);
  });
});
