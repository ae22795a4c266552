/**
 * What the console's actions do, checked in the database (no browser): a reply goes to the
 * founder's own channel and a copy to the ticket's Telegram topic (the two stay in step), in the
 * founder's language, once per form submission; a note stays internal; claim and the inbox
 * filters; a status change notifies an English-speaking founder in English; "all" reaches
 * founders on every channel, web chat included; the survey table carries the labels founders saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelledSurveyTable, surveyCsv } from '../../../src/staff/console/survey-table.js';
import { timeFormatter, zonedInstant } from '../../../src/staff/console/time.js';
import { loadSurveys } from '../../../src/flows/surveys/schema.js';
import { applicationRows } from '../../../src/flows/programmes/cli.js';
import { consoleServer, openTicket, postForm, signInByLink, type ConsoleServer, type Session } from './support.js';

let c: ConsoleServer;
let lan: Session;
let minh: Session;

interface OutboxRow { channel: string; recipient: string; kind: string; payload: { text: string; threadId?: string; buttons?: { payload: string }[] }; dedupe_key: string }

async function outbox(where = 'true'): Promise<OutboxRow[]> {
  return c.store.query<OutboxRow>(`select channel, recipient, kind, payload, dedupe_key from public.outbox where ${where} order by id`);
}

beforeAll(async () => {
  c = await consoleServer({ env: { STAFF_CHAT_ID: '-100777' } });
  lan = await signInByLink(c, '7001', 'staff', 'Lan');
  minh = await signInByLink(c, '7002', 'admin', 'Minh');
});
afterAll(async () => c?.close());

describe('ticket actions', () => {
  it('relays a reply to the founder\'s channel and the Telegram topic, once per submission', async () => {
    const t = await openTicket(c, 'zalo', 'zalo-founder-1', { locale: 'en' });
    await c.store.call('ticket_topic_set', { ticket_id: t.ticketId, staff_chat_id: '-100777', topic_id: '55', card: { text: 'card' } });
    const before = (await outbox()).length;
    const form = { text: 'We will call you tomorrow.', key: 'fixed-key-0001', as: 'reply' };
    expect((await postForm(c, `/staff/tickets/${t.number}/reply`, lan, form)).status).toBe(303);
    expect((await postForm(c, `/staff/tickets/${t.number}/reply`, lan, form)).status).toBe(303); // resubmitted
    const rows = (await outbox()).slice(before);
    expect(rows.map((r) => [r.channel, r.recipient, r.kind])).toEqual([['zalo', 'zalo-founder-1', 'relay'], ['telegram', '-100777', 'staff']]);
    expect(rows[0]!.payload.text).toContain('We will call you tomorrow.');
    expect(rows[0]!.payload.text).not.toBe('We will call you tomorrow.'); // framed as from staff, in English
    expect(rows[1]!.payload.threadId).toBe('55');
    expect(rows[1]!.payload.text).toContain('Lan');
    const ticket = await c.store.call<{ status: string; first_response_at: string | null; assignee_telegram_user_id: string }>('ticket_get', { number: t.number });
    expect(ticket).toMatchObject({ status: 'waiting', assignee_telegram_user_id: '7001' });
    expect(ticket.first_response_at).not.toBeNull();
    const staffMessages = await c.store.query<{ n: number }>(`select count(*)::int as n from public.ticket_messages where ticket_id = ${t.ticketId} and author = 'staff'`);
    expect(staffMessages[0]!.n).toBe(1);
    // A note goes to the topic only, never to the founder.
    const beforeNote = (await outbox()).length;
    await postForm(c, `/staff/tickets/${t.number}/reply`, lan, { text: 'Gọi lại lúc 3h', as: 'note', key: 'note-key-topic-1' });
    const note = (await outbox()).slice(beforeNote);
    expect(note.map((r) => [r.channel, r.recipient, r.payload.threadId])).toEqual([['telegram', '-100777', '55']]);
    expect(note[0]!.payload.text).toContain('Gọi lại lúc 3h');
    expect((await postForm(c, '/staff/tickets/99999/reply', lan, { text: 'x', as: 'reply' })).status).toBe(404);
  });

  it('keeps a note internal, sends a canned reply in the founder\'s language, resolves with the rating question', async () => {
    const t = await openTicket(c, 'web', 'web-founder-flows-0000000002', { locale: 'vi' });
    const before = (await outbox()).length;
    await postForm(c, `/staff/tickets/${t.number}/reply`, lan, { text: 'Founder seems to be in Lạng Sơn', as: 'note', key: 'note-key-00001' });
    expect((await outbox()).slice(before)).toEqual([]); // no topic: nothing to post; never to the founder
    await postForm(c, `/staff/tickets/${t.number}/reply`, lan, { canned: 'chao', text: '', as: 'reply', key: 'canned-key-0001' });
    const reply = (await outbox()).slice(before);
    expect(reply).toHaveLength(1);
    expect(reply[0]!.payload.text).toContain('Chào bạn, mình là cán bộ của trung tâm');
    await postForm(c, `/staff/tickets/${t.number}/resolve`, lan, { key: 'resolve-key-001' });
    const closing = (await outbox()).slice(before + 1);
    expect(closing[0]!.payload.buttons?.map((b) => b.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `handoff:csat:${t.ticketId}:${n}`));
    const empty = await postForm(c, `/staff/tickets/${t.number}/reply`, lan, { text: '   ', as: 'reply' });
    expect(empty.status).toBe(400);
    const late = await postForm(c, `/staff/tickets/${t.number}/reply`, lan, { text: 'one more thing', as: 'reply' });
    expect(late.status).toBe(409); // resolved now: it reopens when the founder writes
    expect((await outbox()).slice(before)).toHaveLength(2);
    const notes = await c.store.query<{ author: string }>(`select author from public.ticket_messages where ticket_id = ${t.ticketId} and author in ('note', 'staff') order by id`);
    expect(notes.map((n) => n.author)).toEqual(['note', 'staff']);
  });

  it('claims, and filters the inbox by mine, unassigned, overdue, channel and category', async () => {
    const a = await openTicket(c, 'telegram', '880001', { category: 'booking' });
    const b = await openTicket(c, 'web', 'web-founder-flows-0000000003', { category: 'funding' });
    await c.store.exec(`update public.tickets set sla_due_at = now() - interval '1 hour' where id = ${b.ticketId}`);
    expect((await postForm(c, `/staff/tickets/${a.number}/claim`, minh, { key: 'claim-key-0001' })).status).toBe(303);
    const numbers = async (query: string, who: Session) => {
      const html = await (await fetch(`${c.url}/staff/inbox?partial=1&${query}`, { headers: { cookie: who.cookie } })).text();
      return [...html.matchAll(/data-number="(\d+)"/g)].map((m) => Number(m[1]));
    };
    expect(await numbers('view=mine', minh)).toEqual([a.number]);
    expect(await numbers('view=unassigned', minh)).toContain(b.number);
    expect(await numbers('view=unassigned', minh)).not.toContain(a.number);
    expect(await numbers('view=overdue', lan)).toEqual([b.number]);
    expect(await numbers('view=all&channel=telegram', lan)).toEqual([a.number]);
    expect(await numbers('view=all&category=funding', lan)).toEqual([b.number]);
    const audit = await c.store.query<{ action: string; staff_name: string }>("select action, staff_name from public.staff_audit where action = 'ticket_claim'");
    expect(audit).toEqual([{ action: 'ticket_claim', staff_name: 'Minh' }]);
  });
});

describe('applications and broadcasts', () => {
  it('tells an English-speaking founder about a status change in English', async () => {
    const ids = await c.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel: 'telegram', chat_id: '990001', user_id: '990001', locale: 'en' });
    await c.store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel: 'telegram', locale: 'en' } });
    const app = await c.store.call<{ application_id: number }>('fx_application_submit', {
      args: { programme_id: 'mekong-innovation', contact_id: ids.contact_id, conversation_id: ids.conversation_id, inbox_id: 0, answers: {}, locale: 'en' },
    });
    expect((await postForm(c, `/staff/applications/${app.application_id}/status`, lan, { status: 'accepted', note: 'Welcome aboard' })).status).toBe(303);
    const notice = await outbox(`dedupe_key = 'application:${app.application_id}:accepted'`);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.recipient).toBe('990001');
    expect(notice[0]!.payload.text).toContain('Welcome aboard');
    expect(notice[0]!.payload.buttons?.[0]!.payload).toBe('programme:mine');
    // A decided application cannot move again: a clear 409, nothing queued.
    const again = await postForm(c, `/staff/applications/${app.application_id}/status`, lan, { status: 'rejected' });
    expect(again.status).toBe(409);
    expect(await outbox(`dedupe_key like 'application:${app.application_id}:%'`)).toHaveLength(1);
  });

  it('counts "all" on every channel, web chat included, and only admins create broadcasts', async () => {
    const count = async () => (await (await fetch(`${c.url}/staff/broadcasts/audience?filter=all`, { headers: { cookie: lan.cookie } })).json()) as { total: number; by_channel: Record<string, number> };
    const before = await count();
    for (const [channel, chat] of [['web', 'web-all-founder-00000000001'], ['zalo', 'zalo-all-1'], ['telegram', '123450']] as const) {
      await openTicket(c, channel, chat);
    }
    const after = await count();
    expect(after.total - before.total).toBe(3);
    for (const ch of ['web', 'zalo', 'telegram']) expect((after.by_channel[ch] ?? 0) - (before.by_channel[ch] ?? 0)).toBe(1);

    expect((await postForm(c, '/staff/broadcasts', lan, { text: 'x', audience: 'all' })).status).toBe(403);
    const bad = await postForm(c, '/staff/broadcasts', minh, { text: 'Chào {name}', audience: 'tinh=' });
    expect(bad.status).toBe(400);
    const made = await postForm(c, '/staff/broadcasts', minh, { text: 'Chào {name}', audience: 'all', send_at: '2099-01-02T09:00' });
    expect(made.status).toBe(303);
    const row = await c.store.query<{ send_at: Date; created_by: string }>('select send_at, created_by from public.broadcasts order by id desc limit 1');
    expect(new Date(row[0]!.send_at).toISOString()).toBe('2099-01-02T02:00:00.000Z'); // 09:00 in Hồ Chí Minh City
    expect(row[0]!.created_by).toBe('console:Minh');
  });
});

describe('founders', () => {
  it('finds a founder, shows their record, and erases it only for an admin who confirms', async () => {
    const t = await openTicket(c, 'zalo', 'zalo-erase-founder-1');
    await c.store.call('fx_contact_profile', { args: { contact_id: t.contactId, name: 'Lê Văn Tám', profile: { startup: 'Tre Xanh' } } });
    const search = await (await fetch(`${c.url}/staff/founders?q=tre%20xanh`, { headers: { cookie: lan.cookie } })).text();
    expect([...search.matchAll(/data-founder="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([t.contactId]);
    const record = await (await fetch(`${c.url}/staff/founders/${t.contactId}`, { headers: { cookie: lan.cookie } })).text();
    expect(record).toContain('Lê Văn Tám');
    expect(record).toContain('data-consent="yes"');
    expect(record).not.toContain('id="erase"'); // staff see no erase form
    expect((await postForm(c, `/staff/founders/${t.contactId}/erase`, lan, { confirm: String(t.contactId) })).status).toBe(403);
    expect((await postForm(c, `/staff/founders/${t.contactId}/erase`, minh, { confirm: 'yes' })).status).toBe(400);
    expect((await c.store.query<{ display_name: string | null }>(`select display_name from public.contacts where id = ${t.contactId}`))[0]!.display_name).toBe('Lê Văn Tám');
    expect((await postForm(c, `/staff/founders/${t.contactId}/erase`, minh, { confirm: String(t.contactId) })).status).toBe(303);
    const after = await c.store.query<{ display_name: string | null; erased_at: Date | null; consented_at: Date | null }>(`select display_name, erased_at, consented_at from public.contacts where id = ${t.contactId}`);
    expect(after[0]).toMatchObject({ display_name: null, consented_at: null });
    expect(after[0]!.erased_at).not.toBeNull();
    const audit = await c.store.query<{ action: string; target: string; detail: Record<string, unknown> }>("select action, target, detail from public.staff_audit where action = 'founder_erase'");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target).toBe(String(t.contactId));
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('Tám');
  });
});

describe('survey table', () => {
  it('uses the question texts and the choice labels each founder saw, times in the centre\'s zone', () => {
    const survey = loadSurveys('content').get('support-needs')!;
    const fmt = timeFormatter('Asia/Ho_Chi_Minh', 'vi');
    const table = labelledSurveyTable(survey, [
      { response_id: 1, started_at: '2026-12-01T17:30:00Z', completed_at: null, locale: 'vi', channel: 'zalo', answers: { role: 'founder', needs: ['funding', 'ip'], team_size: 4 } },
      { response_id: 2, started_at: '2026-12-01T01:00:00Z', completed_at: null, locale: 'en', channel: 'web', answers: { role: 'support' } },
    ], { locale: 'vi', fmt });
    const col = (prompt: string) => table.header.indexOf(prompt);
    expect(table.rows[0]![1]).toBe('2026-12-02 00:30:00');
    expect(table.rows[0]![col('Bạn trả lời với vai trò nào?')]).toBe('Người khởi nghiệp / nhóm dự án');
    expect(table.rows[0]![col('Nhóm của bạn có bao nhiêu người? (không bắt buộc)')]).toBe(4);
    expect(table.rows[1]![col('Bạn trả lời với vai trò nào?')]).toBe('Support staff, mentor, support organisation');
    expect(surveyCsv(table).startsWith('\uFEFFMã phản hồi,')).toBe(true);
  });

  it('lists applications for `uom applications list` with times in the centre\'s zone', () => {
    const rows = applicationRows([{ id: 3, programme_id: 'mekong-innovation', status: 'in_review', status_note: null, name: 'Mai', created_at: '2026-12-01T18:00:00Z', updated_at: '2026-12-01T18:00:00Z' }],
      timeFormatter('Asia/Ho_Chi_Minh', 'vi'));
    expect(rows).toEqual([{ id: 3, programme: 'mekong-innovation', status: 'in_review', founder: 'Mai', submitted: '2026-12-02 01:00', updated: '2026-12-02 01:00', note: '' }]);
  });

  it('reads a wall-clock time in the centre\'s zone', () => {
    expect(zonedInstant('2026-12-05T09:00', 'Asia/Ho_Chi_Minh')?.toISOString()).toBe('2026-12-05T02:00:00.000Z');
    expect(zonedInstant('2026-07-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedInstant('tomorrow', 'Asia/Ho_Chi_Minh')).toBeUndefined();
  });
});
