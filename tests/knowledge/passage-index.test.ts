/**
 * The in-process index is updated per changed document, not rebuilt, and ranks exactly as an
 * index built afresh from the database: same passages, same BM25 scores, same ties.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPassageIndex, passageIndex, type PassageIndex } from '../../src/knowledge/passage-index.js';
import { queryTerms } from '../../src/knowledge/query.js';
import { searchKnowledge } from '../../src/knowledge/search.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const WORDS = 'khởi nghiệp|hội trường|phòng họp|cố vấn|tài trợ|hồ sơ|đăng ký|sở|số|sổ|chương trình|ươm tạo|hội thảo|quỹ|đầu tư|miễn phí'.split('|');

/** A document of `n` short passages, different per (doc, version). */
function chunks(doc: number, version: number, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 8 }, (_, w) => WORDS[(doc * 7 + version * 3 + i * 5 + w * 11) % WORDS.length]);
    const text = `${words.join(' ')} mã ${doc}x${i} năm ${2020 + ((doc + i) % 7)}.`;
    return { heading: null, text, folded: text, length: 12, hash: `${doc}-${version}-${i}` };
  });
}

async function put(store: PgliteStore, doc: number, version: number, n = 3): Promise<void> {
  await store.call('kb_document_put', { doc: { doc: `d${doc}.md`, title: `Tài liệu ${doc} v${version}`, kind: 'md', hash: `h${doc}-${version}` }, chunks: chunks(doc, version, n) });
}

const QUESTIONS = ['vườn ươm quang trung', 'hội trường miễn phí', 'hoi thao dau tu', 'mã 3x1', 'sở tài trợ hồ sơ', 'so', 'quy uom tao khoi nghiep'];

/** What a search sees of an index, by passage id (slots may differ). */
function snapshot(index: PassageIndex) {
  return {
    size: index.size,
    ranked: QUESTIONS.map((q) => index.bm25(queryTerms(q).terms, 10).map((t) => [index.passages[t.slot]!.id, t.score])),
    df: ['hoi_truong', 'so', '~sở', 'ma', '3x1', 'nam'].map((t) => index.df(t)),
    variants: index.accentVariants('so'),
    typo: index.similarWords('truog'),
  };
}

describe('the in-process index', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
  });
  afterAll(() => store.close());

  it('replaces a changed document in place and ranks exactly as a fresh build', async () => {
    for (let d = 0; d < 8; d++) await put(store, d, 0);
    const index = await passageIndex(store);
    await put(store, 2, 1, 5); // replaced
    await put(store, 9, 0); // added
    await store.call('kb_document_remove', { doc: 'd4.md' }); // removed
    await store.exec(`update public.kb_documents set title = 'Vườn ươm Quang Trung' where doc = 'd5.md'`); // renamed
    const updated = await passageIndex(store);
    expect(updated).toBe(index); // the same index, updated
    expect(updated.version).toBe(Number(await store.call('kb_index_version')));
    const answers = await Promise.all(QUESTIONS.map((q) => searchKnowledge(store, q)));

    dropPassageIndex(store);
    const fresh = await passageIndex(store);
    expect(fresh).not.toBe(index);
    expect(snapshot(updated)).toEqual(snapshot(fresh));
    expect(await Promise.all(QUESTIONS.map((q) => searchKnowledge(store, q)))).toEqual(answers);
    expect(answers[0]![0]!.doc).toBe('d5.md'); // the new title counts
  });

  it('closes the empty slots once most passages were removed', async () => {
    for (let d = 100; d < 170; d++) await put(store, d, 0, 20);
    const index = await passageIndex(store);
    const slots = index.passages.length;
    for (let d = 100; d < 160; d++) await store.call('kb_document_remove', { doc: `d${d}.md` });
    await passageIndex(store);
    expect(index.passages.length).toBeLessThan(slots - 1000);
    expect(index.passages.every(Boolean)).toBe(true);
    dropPassageIndex(store);
    expect(snapshot(index)).toEqual(snapshot(await passageIndex(store)));
  });

  it('tells a process too far behind the log to rebuild', async () => {
    const changes = await store.call<{ complete: boolean; version: number }>('kb_index_changes', { since: -1 });
    expect(changes.complete).toBe(false);
    const none = await store.call<{ complete: boolean; documents: number[] }>('kb_index_changes', { since: Number(await store.call('kb_index_version')) });
    expect(none).toMatchObject({ complete: true, documents: [] });
  });

  it('asks the version once for a burst of questions, and again for a question asked later', async () => {
    await passageIndex(store);
    const calls: string[] = [];
    const call = store.call.bind(store);
    const counting = Object.assign(Object.create(store) as PgliteStore, {
      call: ((name, ...rest) => {
        calls.push(name);
        return call(name, ...rest);
      }) as PgliteStore['call'],
    });
    // The index is kept per store object: this one shares the database, not the index.
    await searchKnowledge(counting, 'hội trường');
    calls.length = 0;
    await Promise.all(QUESTIONS.map((q) => searchKnowledge(counting, q)));
    expect(calls.filter((c) => c === 'kb_index_version')).toHaveLength(1);
    // A document stored after the burst is seen by the next question (a new check).
    await put(store, 11, 0);
    await put(store, 12, 0);
    const [hits] = await Promise.all([searchKnowledge(counting, 'Tài liệu 12', { k: 20 }), searchKnowledge(counting, 'hồ sơ')]);
    expect(hits!.map((h) => h.doc)).toContain('d12.md');
    expect(calls.filter((c) => c === 'kb_index_version')).toHaveLength(2);
  });
});
