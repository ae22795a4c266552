/**
 * The knowledge page over HTTP: an admin uploads a document (raw body as the progress-bar script
 * sends it, and a multipart form as without JavaScript); it is listed and the test box answers
 * with its passage through the bot's own code; unsupported files get 415, too large 413; staff
 * may test and read the gaps but not upload or remove; removal takes the document away; the
 * content gaps show a question the bot could not answer; uploads and removals are audited; the
 * test box searches in the bot's search thread and says so when that thread cannot search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botSearcher } from '../../../src/knowledge/search-thread-client.js';
import { consoleServer, openTicket, postForm, signInByLink, type ConsoleServer, type Session } from './support.js';

const NOW = new Date('2026-12-07T03:00:00Z');
const DOC = '# Giờ mở cửa khu làm việc chung\n\nKhu làm việc chung mở cửa từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu. Thứ Bảy mở buổi sáng.\n\n## Phí\n\nChỗ ngồi linh hoạt miễn phí cho doanh nghiệp khởi nghiệp đã đăng ký.\n';
const LIMIT = 64 * 1024;

describe('knowledge page', () => {
  let c: ConsoleServer;
  let admin: Session;
  let staff: Session;

  beforeAll(async () => {
    c = await consoleServer({ clock: () => NOW, console: { maxUploadBytes: LIMIT } });
    admin = await signInByLink(c, '8001', 'admin', 'Anh Quản trị');
    staff = await signInByLink(c, '8002', 'staff', 'Chị Lan');
  });
  afterAll(async () => {
    await c?.close();
  });

  const rawUpload = (session: Session, name: string, body: Uint8Array<ArrayBuffer> | string, csrf = session.csrf) => fetch(`${c.url}/staff/knowledge/upload`, {
    method: 'POST', redirect: 'manual', body,
    headers: { cookie: session.cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), accept: 'application/json' },
  });
  const page = async (session: Session, query = '') => (await fetch(`${c.url}/staff/knowledge${query}`, { headers: { cookie: session.cookie, accept: 'text/html' } })).text();

  it('uploads a document, lists it, and the test box answers from it with the passage', async () => {
    const res = await rawUpload(admin, 'giờ-mở-cửa.md', DOC);
    expect(res.status).toBe(200);
    const body = await res.json() as { ok: boolean; documents: { doc: string; status: string; chunks: number }[] };
    expect(body.documents[0]).toMatchObject({ doc: 'giờ-mở-cửa.md', status: 'added' });
    expect(body.documents[0]!.chunks).toBeGreaterThan(0);
    expect(await page(staff)).toContain('data-doc="giờ-mở-cửa.md"');
    const tested = await page(staff, `?q=${encodeURIComponent('Khu làm việc chung mở cửa mấy giờ?')}`);
    expect(tested).toMatch(/id="kb-answer" data-outcome="answered"/);
    expect(tested).toMatch(/<li class="passage cited" data-doc="giờ-mở-cửa\.md">/);
    expect(tested).toContain('7 giờ 30');
    // Searched as a founder's question is: in the bot's search thread.
    expect(botSearcher(c.server.bot.services).threadId).toEqual(expect.any(Number));
    const english = await page(admin, `?lang=en&q=${encodeURIComponent('When does the coworking space open?')}`);
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('id="kb-answer"');
    expect(english).not.toMatch(/console\.[a-z_]+\./);
    const audit = await c.store.query<{ action: string; target: string }>("select action, target from public.staff_audit where action = 'kb_upload'");
    expect(audit).toEqual([{ action: 'kb_upload', target: 'giờ-mở-cửa.md' }]);
  });

  it('takes a multipart form without JavaScript', async () => {
    const form = new FormData();
    form.set('csrf', admin.csrf);
    form.append('file', new Blob(['<h1>Quỹ hỗ trợ</h1><p>Quỹ hỗ trợ khởi nghiệp tỉnh cấp tối đa 200 triệu đồng.</p>'], { type: 'text/html' }), 'quy.html');
    const res = await fetch(`${c.url}/staff/knowledge/upload`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie: admin.cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/knowledge?uploaded=quy.html');
    expect(await page(admin, '?uploaded=quy.html')).toContain('data-doc="quy.html"');
  });

  it('refuses unsupported (415), unreadable (422), too large (413) and empty uploads with a clear code', async () => {
    const odd = await rawUpload(admin, 'bang-gia.xlsx', 'PK…');
    expect(odd.status).toBe(415);
    expect(await odd.json()).toMatchObject({ error: 'unsupported' });
    const broken = await rawUpload(admin, 'hong.pdf', 'not a pdf at all');
    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ error: 'unreadable' });
    const big = await rawUpload(admin, 'lon.txt', new Uint8Array(LIMIT + 10).fill(65));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'too_big' });
    const huge = await rawUpload(admin, 'rat-lon.txt', new Uint8Array(LIMIT + 1024 * 1024 + 10).fill(65));
    expect(huge.status).toBe(413);
    const none = await postForm(c, '/staff/knowledge/upload', admin, {});
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('data-code="no_file"');
  });

  it('lets staff test and read, not upload or remove', async () => {
    expect((await rawUpload(staff, 'x.md', '# X')).status).toBe(403);
    expect((await postForm(c, '/staff/knowledge/remove', staff, { doc: 'quy.html' })).status).toBe(403);
    const html = await page(staff);
    expect(html).not.toContain('id="kb-upload"');
    expect(html).not.toContain('data-remove=');
  });

  it('removes a document', async () => {
    const res = await postForm(c, '/staff/knowledge/remove', admin, { doc: 'quy.html' });
    expect(res.status).toBe(303);
    expect(await page(admin)).not.toContain('data-doc="quy.html"');
    expect((await postForm(c, '/staff/knowledge/remove', admin, { doc: 'quy.html' })).status).toBe(404);
    const audit = await c.store.query<{ n: number }>("select count(*)::int as n from public.staff_audit where action = 'kb_remove'");
    expect(audit[0]!.n).toBe(1);
  });

  it('shows the content gaps', async () => {
    const t = await openTicket(c, 'web', 'gap-founder');
    for (const question of ['Trung tâm có cho mượn máy in 3D không?', 'Trung tâm có cho mượn máy in 3D không ạ?']) {
      await c.store.call('fx_kb_question', { args: { contact_id: t.contactId, conversation_id: t.conversationId, question, outcome: 'abstained', confidence: 0.1 } });
    }
    const html = await page(staff, '?since=7');
    expect(html).toMatch(/<tr data-count="2">.*máy in 3D/s);
  });

  it('says so when the bot\'s search thread cannot search, instead of failing the page', async () => {
    const other = await consoleServer({ clock: () => NOW });
    try {
      const someone = await signInByLink(other, '8003', 'staff', 'Anh Minh');
      await botSearcher(other.server.bot.services).close();
      const res = await fetch(`${other.url}/staff/knowledge?q=${encodeURIComponent('Khu làm việc chung mở cửa mấy giờ?')}`, { headers: { cookie: someone.cookie, accept: 'text/html' } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-code="KB_SEARCH_CLOSED"');
      expect(html).not.toContain('id="kb-answer"');
    } finally {
      await other.close();
    }
  });
});
