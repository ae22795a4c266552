/**
 * The handoff schema on the real database engines: opening is idempotent per founder, relays
 * wait for the topic and are queued once, forget erases personal data and keeps counts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.js';
import { pgliteTestStore, postgresTestStore, type PostgresTestStore } from '../../support/stores.js';

interface Row { [key: string]: unknown }
type SqlStore = Store & { query<R>(sql: string, params?: unknown[]): Promise<R[]> };

const pg = await postgresTestStore();
afterAll(async () => {
  await (pg as PostgresTestStore | undefined)?.destroy();
});

const engines: [string, () => Promise<Store>][] = [['pglite', () => pgliteTestStore()]];
if (pg) engines.push(['postgres', async () => pg]);

describe.each(engines)('handoff schema on %s', (_name, open) => {
  it('opens one ticket per founder, relays founder messages once the topic exists, erases on forget', async () => {
    const store = (await open()) as SqlStore;
    const chat = `z-${Math.random().toString(36).slice(2)}`;
    const ids = await store.call<{ conversation_id: number; contact_id: number }>('conversation_ensure', {
      channel: 'zalo', chat_id: chat, user_id: chat,
    });
    const base = { conversation_id: ids.conversation_id, contact_id: ids.contact_id, inbox_id: 0 };
    const first = await store.call<Row>('fx_ticket_open', { args: { ...base, category: 'funding', reason: 'requested', summary: 'Vốn' } });
    const again = await store.call<Row>('fx_ticket_open', { args: { ...base, category: 'other', reason: 'kb_unanswered' } });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ ticket_id: first.ticket_id, number: first.number, created: false });

    // A founder message before the topic exists waits; the topic brings the card and the message, in order.
    const relay = { text: 'Xin chào cán bộ' };
    await store.call('fx_ticket_founder_message', { args: { ticket_id: first.ticket_id, body: relay, relay, event_key: `k-${chat}` } });
    const dup = await store.call<Row>('fx_ticket_founder_message', { args: { ticket_id: first.ticket_id, body: relay, relay, event_key: `k-${chat}` } });
    expect(dup.duplicate).toBe(true);
    await store.call('ticket_topic_set', { ticket_id: first.ticket_id, staff_chat_id: '-100', topic_id: '77', card: { text: 'card' } });
    const rows = await store.call<{ payload: { text: string; threadId: string } }[]>('outbox_claim', {
      worker: 'w', channels: ['telegram'], limit: 10,
    });
    // One in flight per recipient: the card goes first.
    expect(rows.map((r) => r.payload)).toEqual([{ text: 'card', threadId: '77' }]);
    await store.call('outbox_complete', { worker: 'w', results: [{ id: (rows[0] as unknown as { id: number }).id, outcome: 'sent' }] });
    const next = await store.call<{ payload: { text: string } }[]>('outbox_claim', { worker: 'w', channels: ['telegram'], limit: 10 });
    expect(next.map((r) => r.payload.text)).toEqual(['Xin chào cán bộ']);

    const byTopic = await store.call<Row>('ticket_by_topic', { staff_chat_id: '-100', topic_id: '77' });
    expect(byTopic.number).toBe(first.number);

    const forgotten = await store.call<Row>('forget_handoff', { contact_id: ids.contact_id });
    expect(forgotten.tickets).toBe(1);
    const shown = await store.call<{ summary: string | null; status: string; category: string; messages: { body: Row }[] }>(
      'ticket_get', { number: first.number },
    );
    expect(shown.summary).toBeNull();
    expect(shown.category).toBe('funding');
    expect(JSON.stringify(shown.messages)).not.toContain('Xin chào');
    if (_name === 'pglite') await store.close();
  });

  it('is part of /forget (contact_forget calls every forget_* function)', async () => {
    const store = await open();
    const chat = `f-${Math.random().toString(36).slice(2)}`;
    const ids = await store.call<{ conversation_id: number; contact_id: number }>('conversation_ensure', { channel: 'web', chat_id: chat, user_id: chat });
    await store.call('fx_ticket_open', { args: { conversation_id: ids.conversation_id, contact_id: ids.contact_id, inbox_id: 0, category: 'other', reason: 'requested', summary: 'số 0901234567' } });
    const result = await store.call<{ areas: Record<string, unknown> }>('contact_forget', { contact_id: ids.contact_id });
    expect(result.areas.forget_handoff).toEqual({ tickets: 1, messages: 0 });
    if (_name === 'pglite') await store.close();
  });

  it('sends staff replies to the channel the founder wrote from last', async () => {
    const store = (await open()) as SqlStore;
    const chat = `x${Math.random().toString(36).slice(2)}`;
    const zaloConv = await store.call<{ conversation_id: number; contact_id: number }>('conversation_ensure', { channel: 'zalo', chat_id: chat, user_id: chat });
    // The same founder linked a Telegram account.
    await store.query('insert into public.channel_identities (contact_id, channel, external_id) values ($1, $2, $3)', [zaloConv.contact_id, 'telegram', chat]);
    const tgConv = await store.call<{ conversation_id: number; contact_id: number }>('conversation_ensure', { channel: 'telegram', chat_id: chat, user_id: chat });
    expect(tgConv.contact_id).toBe(zaloConv.contact_id);
    const opened = await store.call<Row>('fx_ticket_open', { args: { ...zaloConv, inbox_id: 0, category: 'other', reason: 'requested' } });
    await store.call('fx_ticket_founder_message', { args: { ...tgConv, inbox_id: 0, ticket_id: opened.ticket_id, body: { text: 'hi' } } });
    expect(await store.call('ticket_get', { number: opened.number })).toMatchObject({ channel: 'telegram', recipient: chat, conversation_id: tgConv.conversation_id });
    if (_name === 'pglite') await store.close();
  });

  it('keeps a roster with roles', async () => {
    const store = await open();
    const id = String(1000 + Math.floor(Math.random() * 1e6));
    await store.call('staff_add', { telegram_user_id: id, role: 'admin', display_name: null });
    expect(await store.call('staff_role', { telegram_user_id: id })).toEqual({ role: 'admin' });
    await store.call('staff_remove', { telegram_user_id: id });
    expect(await store.call('staff_role', { telegram_user_id: id })).toEqual({ role: null });
    if (_name === 'pglite') await store.close();
  });
});
