/**
 * The store contract: the same cases against every driver (PGlite, PostgreSQL, supabase-js
 * through PostgREST). The drivers must be indistinguishable to the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../src/store/errors.js';
import { driverFactories, type DriverUnderTest } from './drivers.js';
import type { SqlFunctionName } from '../../src/store/store.js';

interface Claimed {
  inbox_id: number;
  payload: { text?: string };
  conversation: { id: number; version: number; state: Record<string, unknown> };
}
interface ClaimedRow {
  id: number;
  recipient: string;
  priority: number;
  payload: { text: string };
}

const put = (d: DriverUnderTest, chat: string, eventId: string, text = 'xin chào') =>
  d.store.call<{ inbox_id: number; duplicate: boolean; conversation_id: number }>('inbox_put', {
    channel: 'telegram',
    event_id: eventId,
    chat_id: chat,
    user_id: chat,
    payload: { kind: 'text', text },
  });

describe.each(driverFactories.filter((f) => f.available))('store contract on $name', (factory) => {
  let d: DriverUnderTest;
  beforeAll(async () => {
    d = await factory.open();
  });
  afterAll(async () => {
    await d?.close();
  });

  it('answers a ping', async () => {
    expect(await d.store.ping()).toBe(true);
  });

  it('stores an inbox event once and reports the redelivery as a duplicate', async () => {
    const first = await put(d, '1001', 'u-1');
    const again = await put(d, '1001', 'u-1');
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, inbox_id: first.inbox_id });
    const rows = await d.sql.query<{ n: string }>("select count(*)::text as n from inbox where event_id = 'u-1'");
    expect(rows[0]!.n).toBe('1');
  });

  it('keeps 64-bit platform ids as exact strings', async () => {
    const big = '9007199254740993123'; // beyond 2^53
    await put(d, big, 'big-1');
    const rows = await d.sql.query<{ chat_id: string }>('select chat_id from conversations where chat_id = $1', [big]);
    expect(rows[0]!.chat_id).toBe(big);
  });

  it('claims one event per conversation, oldest first, and commits a turn atomically', async () => {
    await put(d, '2001', 'c-1', 'first');
    await put(d, '2001', 'c-2', 'second');
    const claimed = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'w1', limit: 50 });
    const mine = claimed.filter((c) => c.payload.text === 'first' || c.payload.text === 'second');
    expect(mine.map((c) => c.payload.text)).toEqual(['first']);
    // The conversation is leased: a second dispatcher gets nothing of it.
    const other = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'w2', limit: 50 });
    expect(other.filter((c) => c.conversation.id === mine[0]!.conversation.id)).toEqual([]);

    const c = mine[0]!;
    await expect(
      d.store.call('turn_commit', { inbox_id: c.inbox_id, worker: 'w1', version: c.conversation.version + 7, state: {} }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      d.store.call('turn_commit', { inbox_id: c.inbox_id, worker: 'w2', version: c.conversation.version, state: {} }),
    ).rejects.toBeInstanceOf(ConflictError);
    const committed = await d.store.call<{ version: number; outbox_ids: number[] }>('turn_commit', {
      inbox_id: c.inbox_id,
      worker: 'w1',
      version: c.conversation.version,
      state: { step: 'asked' },
      outbound: [{ payload: { text: 'reply one' } }, { payload: { text: 'reply two' } }],
    });
    expect(committed.version).toBe(c.conversation.version + 1);
    expect(committed.outbox_ids).toHaveLength(2);

    const next = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'w2', limit: 50 });
    const second = next.find((e) => e.conversation.id === c.conversation.id)!;
    expect(second.payload.text).toBe('second');
    expect(second.conversation.state).toEqual({ step: 'asked' });
    await d.store.call('turn_commit', { inbox_id: second.inbox_id, worker: 'w2', version: second.conversation.version, state: {} });
  });

  it('rolls back the whole turn when an effect fails', async () => {
    await put(d, '3001', 'e-1');
    const [c] = (await d.store.call<Claimed[]>('dispatch_claim', { worker: 'w3', limit: 50 })).filter(
      (x) => x.conversation.id > 0,
    );
    await expect(
      d.store.call('turn_commit', {
        inbox_id: c!.inbox_id,
        worker: 'w3',
        version: c!.conversation.version,
        state: { lost: true },
        outbound: [{ payload: { text: 'never sent' } }],
        effects: [{ fn: 'not_an_effect', args: {} }],
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    const out = await d.sql.query("select 1 from outbox where payload->>'text' = 'never sent'");
    expect(out).toEqual([]);
    const state = await d.sql.query<{ state: unknown }>('select state from conversations where id = $1', [c!.conversation.id]);
    expect(state[0]!.state).toEqual({});
    await d.store.call('turn_fail', { inbox_id: c!.inbox_id, worker: 'w3', error: 'test', retry_in_seconds: 0, park: true });
  });

  it('parks a failed event with its error and lets the conversation go on', async () => {
    const a = await put(d, '4001', 'p-1', 'breaks');
    await put(d, '4001', 'p-2', 'after');
    let claimed = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'w4', limit: 50 });
    expect(claimed.find((c) => c.inbox_id === a.inbox_id)).toBeDefined();
    await d.store.call('turn_fail', { inbox_id: a.inbox_id, worker: 'w4', error: 'Error: boom', park: true });
    claimed = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'w4', limit: 50 });
    expect(claimed.map((c) => c.payload.text)).toContain('after');
    const parked = await d.sql.query<{ status: string; last_error: string }>('select status, last_error from inbox where id = $1', [a.inbox_id]);
    expect(parked[0]).toEqual({ status: 'parked', last_error: 'Error: boom' });
    for (const c of claimed) await d.store.call('turn_fail', { inbox_id: c.inbox_id, worker: 'w4', error: 'x', park: true });
  });

  it('claims outbox rows by priority, one per recipient, and records outcomes', async () => {
    await d.store.call('outbox_enqueue', {
      items: [
        { channel: 'zalo', recipient: 'z1', payload: { text: 'broadcast' }, kind: 'broadcast', priority: 100 },
        { channel: 'zalo', recipient: 'z2', payload: { text: 'live' }, priority: 0 },
        { channel: 'zalo', recipient: 'z2', payload: { text: 'live 2' }, priority: 0 },
        { channel: 'zalo', recipient: 'z3', payload: { text: 'later' }, not_before: '2999-01-01T00:00:00Z' },
        { channel: 'zalo', recipient: 'z4', payload: { text: 'dedupe' }, dedupe_key: 'k1' },
        { channel: 'zalo', recipient: 'z4', payload: { text: 'dedupe' }, dedupe_key: 'k1' },
      ],
    });
    const rows = await d.store.call<ClaimedRow[]>('outbox_claim', { worker: 's1', channels: ['zalo'], limit: 10 });
    expect(rows.map((r) => r.payload.text)).toEqual(['live', 'dedupe', 'broadcast']);
    const [live, dedupe, broadcast] = rows;
    await d.store.call('outbox_complete', {
      worker: 's1',
      results: [
        { id: live!.id, outcome: 'sent', platform_message_id: 'm1' },
        { id: dedupe!.id, outcome: 'retry', error: 'rate limited', retry_in_ms: 0 },
        { id: broadcast!.id, outcome: 'failed', error: 'blocked', unreachable_reason: 'blocked' },
      ],
    });
    const again = await d.store.call<ClaimedRow[]>('outbox_claim', { worker: 's2', channels: ['zalo'], limit: 10 });
    expect(again.map((r) => r.payload.text).sort()).toEqual(['dedupe', 'live 2']);
    const statuses = await d.sql.query<{ text: string; status: string }>(
      "select payload->>'text' as text, status from outbox where channel = 'zalo' order by id",
    );
    expect(statuses.find((s) => s.text === 'broadcast')!.status).toBe('failed');
    expect(statuses.find((s) => s.text === 'later')!.status).toBe('pending');
  });

  it('maps a missing function to NotFoundError', async () => {
    // Undeclared names are refused before the database (checkCall), with the same error class.
    await expect(d.store.call('no_such_function' as SqlFunctionName, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
