/**
 * A file in a staff reply from the console: it reaches the founder's outbox on their own channel
 * as the Telegram topic relay sends files (a link the platform can fetch; a notice when there is
 * none), the link serves the bytes until it expires and nothing else, the topic gets a copy,
 * notes cannot carry files, too large is 413, and /forget erases the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileType, prepareFile, safeFileName } from '../../../src/staff/console/files.js';
import { consoleServer, openTicket, signInByLink, type ConsoleServer, type Session } from './support.js';

const LIMIT = 256 * 1024;
const PDF = Buffer.from('%PDF-1.4\n% Mẫu đơn đăng ký\n%%EOF\n', 'utf8');

describe('console file names and types', () => {
  it('keeps names safe and types plain', () => {
    expect(safeFileName('../../Mẫu đơn "mới".pdf')).toBe('Mẫu đơn _mới_.pdf');
    expect(safeFileName('..')).toBe('file');
    expect(fileType({ name: 'a.PDF', type: '' })).toBe('application/pdf');
    expect(fileType({ name: 'x.html', type: 'text/html' })).toBe('application/octet-stream');
    expect(fileType({ name: 'p.png', type: 'image/png' })).toBe('image/png');
  });
});

describe('a file in a staff reply', () => {
  let c: ConsoleServer;
  let staff: Session;
  let current = new Date('2026-12-07T03:00:00Z');

  beforeAll(async () => {
    c = await consoleServer({ clock: () => current, console: { maxUploadBytes: LIMIT } });
    staff = await signInByLink(c, '9001', 'staff', 'Chị Lan');
  });
  afterAll(async () => {
    await c?.close();
  });

  const reply = (number: number, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) => {
    const form = new FormData();
    form.set('csrf', staff.csrf);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    return fetch(`${c.url}/staff/tickets/${number}/reply`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie: staff.cookie } });
  };

  it('reaches a web-chat founder as a file they can open, and shows in the thread', async () => {
    const t = await openTicket(c, 'web', 'web-file-founder');
    const res = await reply(t.number, { text: 'Mẫu đơn đây ạ', key: 'file-key-0001', as: 'reply' }, { name: 'Mẫu đơn.pdf', type: 'application/pdf', data: PDF });
    expect(res.status).toBe(303);
    const rows = await c.store.query<{ channel: string; kind: string; payload: { text: string; file: { url: string; name: string; mimeType: string } } }>(
      "select channel, kind, payload from public.outbox where conversation_id = $1 and kind = 'relay'", [t.conversationId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.channel).toBe('web');
    expect(rows[0]!.payload.text).toContain('Mẫu đơn đây ạ');
    expect(rows[0]!.payload.file).toMatchObject({ name: 'Mẫu đơn.pdf', mimeType: 'application/pdf' });
    expect(rows[0]!.payload.file.url).toMatch(/^\/files\/console\/[A-Za-z0-9_-]{43}\//);
    const got = await fetch(`${c.url}${rows[0]!.payload.file.url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${c.url}/files/console/${'A'.repeat(43)}/x.pdf`)).status).toBe(404);
    const thread = await (await fetch(`${c.url}/staff/tickets/${t.number}`, { headers: { cookie: staff.cookie, accept: 'text/html' } })).text();
    expect(thread).toContain('📎 Mẫu đơn.pdf');
    const again = await reply(t.number, { text: 'Mẫu đơn đây ạ', key: 'file-key-0001', as: 'reply' }, { name: 'Mẫu đơn.pdf', type: 'application/pdf', data: PDF });
    expect(again.status).toBe(303);
    const count = await c.store.query<{ n: number }>("select count(*)::int as n from public.outbox where conversation_id = $1 and kind = 'relay'", [t.conversationId]);
    expect(count[0]!.n).toBe(1); // a resubmitted form sends nothing twice
    const audit = await c.store.query<{ n: number }>("select count(*)::int as n from public.staff_audit where action = 'reply_file'");
    expect(audit[0]!.n).toBeGreaterThanOrEqual(1);

    current = new Date(current.getTime() + 31 * 24 * 3600 * 1000);
    expect((await fetch(`${c.url}${rows[0]!.payload.file.url}`)).status).toBe(404); // expired
    current = new Date('2026-12-07T03:00:00Z');
  });

  it('gives a Zalo founder the notice without a public URL, and a full link with one', async () => {
    const t = await openTicket(c, 'zalo', 'zalo-file-founder', { locale: 'en' });
    const res = await reply(t.number, { text: '', key: 'file-key-0002', as: 'reply' }, { name: 'plan.docx', type: '', data: Buffer.from('PK docx') });
    expect(res.status).toBe(303);
    const rows = await c.store.query<{ channel: string; payload: { text: string; file?: unknown } }>(
      "select channel, payload from public.outbox where conversation_id = $1 and kind = 'relay'", [t.conversationId]);
    expect(rows[0]!.channel).toBe('zalo');
    expect(rows[0]!.payload.file).toBeUndefined();
    expect(rows[0]!.payload.text).toContain('plan.docx');
    const services = c.server.bot.services;
    const prepared = prepareFile({ ...services, config: { ...services.config, PUBLIC_URL: 'https://uom.example.vn/' } }, 'zalo', { name: 'a.png', type: 'image/png', data: Buffer.from('png') }, { vi: '', en: '' });
    expect(prepared.payloads.en.image?.url).toMatch(/^https:\/\/uom\.example\.vn\/files\/console\/[A-Za-z0-9_-]{43}\/a\.png$/);
  });

  it('refuses a file on a note, a file too large, and erases files with the founder', async () => {
    const t = await openTicket(c, 'web', 'web-file-erased');
    const note = await reply(t.number, { text: 'nội bộ', key: 'file-key-0003', as: 'note' }, { name: 'a.pdf', type: 'application/pdf', data: PDF });
    expect(note.status).toBe(400);
    expect(await note.text()).toContain('data-code="file_note"');
    const big = await reply(t.number, { text: '', key: 'file-key-0004', as: 'reply' }, { name: 'big.pdf', type: 'application/pdf', data: Buffer.alloc(LIMIT + 1, 65) });
    expect(big.status).toBe(413);
    await reply(t.number, { text: '', key: 'file-key-0005', as: 'reply' }, { name: 'a.pdf', type: 'application/pdf', data: PDF });
    const before = await c.store.query<{ n: number }>('select count(*)::int as n from public.console_files where ticket_id = $1', [t.ticketId]);
    expect(before[0]!.n).toBe(1);
    await c.store.call('contact_forget', { contact_id: t.contactId });
    const after = await c.store.query<{ n: number }>('select count(*)::int as n from public.console_files where ticket_id = $1', [t.ticketId]);
    expect(after[0]!.n).toBe(0);
  });
});
