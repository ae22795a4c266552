/**
 * The message path's group calls (`inbox_put_many`, `dispatch_claim`, `outbox_complete`) work
 * set-wise where they can: what they return and write must be what the same work row by row
 * gives. Where the row-by-row function still exists, two identical worlds (chats prefixed A and
 * B) are compared; `dispatch_claim` is checked against what a claim must return, and
 * `inbox_put_claim` against `inbox_put_many` followed by that claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverFactories, type DriverUnderTest } from '../store/drivers.js';

type PutResult = { inbox_id?: number; duplicate?: boolean; conversation_id?: number; contact_id?: number; identity_id?: number; error?: string; sqlstate?: string };
interface Claimed {
  inbox_id: number;
  attempts: number;
  payload: { text: string };
  conversation: { id: number; chat_id: string; version: number; state: unknown };
  contact: { id: number; locale: string } | null;
}

describe.each(driverFactories.filter((f) => f.available))('message path SQL on $name', (factory) => {
  let d: DriverUnderTest;
  beforeAll(async () => {
    d = await factory.open();
  });
  afterAll(async () => {
    await d?.close();
  });

  const put = (w: string, chat: string, event: string, user = chat) => ({
    channel: 'telegram', event_id: `${w}-${event}`, chat_id: `${w}-${chat}`, user_id: `${w}-${user}`,
    payload: { kind: 'text', text: `${w}-${event}` }, chat_type: chat.startsWith('g') ? 'group' : 'private', locale: 'vi',
  });

  it('stores a group of events as inbox_put stores them one by one', async () => {
    const events = (w: string) => [
      put(w, 'k2', 'e10'), // a chat known, all its events new: stored together
      put(w, 'known', 'e2'),
      put(w, 'new', 'e3'),
      put(w, 'known', 'e1'), // already stored: a redelivery
      put(w, 'known', 'e4'),
      put(w, 'known', 'e4'), // twice in the group
      put(w, 'g1', 'e6', 'u-new'), // a group chat: a new member…
      put(w, 'g1', 'e5', 'u-known'), // …then a known one; their order must hold
      put(w, 'new', 'e7'),
      { ...put(w, 'known', 'e8'), channel: 'fax' }, // no such channel: fails alone
      put(w, 'k2', 'e11'),
      put(w, 'k2', 'e12'),
    ];
    const results: Record<string, PutResult[]> = {};
    for (const w of ['A', 'B']) {
      await d.store.call('inbox_put', put(w, 'known', 'e1'));
      await d.store.call('inbox_put', put(w, 'g1', 'e0', 'u-known'));
      await d.store.call('inbox_put', put(w, 'k2', 'e9'));
    }
    results.A = await d.store.call<PutResult[]>('inbox_put_many', { events: events('A') });
    results.B = [];
    for (const e of events('B')) {
      try {
        results.B.push(await d.store.call<PutResult>('inbox_put', e));
      } catch (error) {
        results.B.push({ error: String(error), sqlstate: (error as { sqlState?: string }).sqlState });
      }
    }
    const snapshot = async (w: string) => {
      const rows = await d.sql.query<{ event_id: string; chat_id: string; status: string }>(
        `select i.event_id, c.chat_id, i.status from inbox i join conversations c on c.id = i.conversation_id
          where i.event_id like $1 order by c.chat_id, i.id`, [`${w}-%`],
      );
      return {
        results: results[w]!.map((r) => (r.sqlstate ? { sqlstate: r.sqlstate } : { duplicate: r.duplicate, keys: Object.keys(r).sort() })),
        rows: rows.map((r) => ({ ...r, event_id: r.event_id.slice(2), chat_id: r.chat_id.slice(2) })),
      };
    };
    // Each chat's events in the order they came (the ids of different chats may interleave
    // differently: a dispatcher orders a chat's events only).
    const [a, b] = [await snapshot('A'), await snapshot('B')];
    expect(a).toEqual(b);
    expect(a.results.map((r) => ('sqlstate' in r ? r.sqlstate : r.duplicate))).toEqual([false, false, false, true, false, true, false, false, false, '23503', false, false]);
    expect(a.rows.map((r) => r.event_id)).toEqual(['e0', 'e6', 'e5', 'e9', 'e10', 'e11', 'e12', 'e1', 'e2', 'e4', 'e3', 'e7']);
  });

  it('claims the oldest open event of each free conversation, leased, with its contact', async () => {
    await d.store.call('dispatch_claim', { worker: 'earlier-tests', limit: 1000 });
    for (const e of [put('C', 'c1', 'x1'), put('C', 'c1', 'x2'), put('C', 'c2', 'x3'), put('C', 'c3', 'x4')]) await d.store.call('inbox_put', e);
    await d.sql.query(`update conversations set contact_id = null where chat_id = 'C-c3'`);
    const first = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'wc', limit: 2, lease_seconds: 60 });
    expect(first.map((c) => [c.payload.text, c.attempts, c.conversation.chat_id])).toEqual([['C-x1', 1, 'C-c1'], ['C-x3', 1, 'C-c2']]);
    expect(first[0]!.contact).toMatchObject({ locale: 'vi', id: expect.any(Number) });
    const rest = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'wc2', limit: 10, lease_seconds: 60 });
    // c1 and c2 are leased to wc: only c3 is free, and it has no contact.
    expect(rest.filter((c) => c.conversation.chat_id.startsWith('C-')).map((c) => [c.payload.text, c.contact])).toEqual([['C-x4', null]]);
    const leases = await d.sql.query<{ chat_id: string; lease_owner: string }>(`select chat_id, lease_owner from conversations where chat_id like 'C-%' order by chat_id`);
    expect(leases).toEqual([{ chat_id: 'C-c1', lease_owner: 'wc' }, { chat_id: 'C-c2', lease_owner: 'wc' }, { chat_id: 'C-c3', lease_owner: 'wc2' }]);
  });

  it('stores a group and claims the conversations it was stored for, in one call', async () => {
    await d.store.call('dispatch_claim', { worker: 'earlier-tests', limit: 1000 });
    // Before: a chat leased elsewhere, one with an older open event, one outside the group.
    await d.store.call('inbox_put', put('F', 'busy', 'f0'));
    await d.store.call('dispatch_claim', { worker: 'other', limit: 1000 });
    await d.store.call('inbox_put', put('F', 'older', 'f1'));
    await d.store.call('inbox_put', put('F', 'outside', 'f2'));
    await d.store.call('inbox_put', put('F', 'known', 'f3'));
    await d.sql.query(`update inbox set status = 'done' where event_id = 'F-f3'`);
    const events = [
      put('F', 'new', 'f4'), // a chat never seen: stored through inbox_put, claimed too
      put('F', 'known', 'f5'),
      put('F', 'busy', 'f6'),
      put('F', 'older', 'f7'),
      put('F', 'known', 'f8'), // the same chat again: one claim per conversation
      put('F', 'known', 'f3'), // a redelivery
    ];
    const answer = await d.store.call<{ results: PutResult[]; claimed: Claimed[] }>('inbox_put_claim', { events, worker: 'wf', limit: 10, lease_seconds: 60 });
    expect(answer.results.map((r) => r.duplicate)).toEqual([false, false, false, false, false, true]);
    // Each free conversation of the group, by its oldest open event; not the one leased
    // elsewhere, not the one outside the group.
    expect(answer.claimed.map((c) => [c.payload.text, c.conversation.chat_id, c.attempts]).sort()).toEqual([
      ['F-f1', 'F-older', 1], ['F-f4', 'F-new', 1], ['F-f5', 'F-known', 1],
    ]);
    expect(answer.claimed.find((c) => c.conversation.chat_id === 'F-new')!.contact).toMatchObject({ locale: 'vi' });
    const rows = await d.sql.query<{ chat_id: string; lease_owner: string | null; open: string[] }>(
      `select c.chat_id, c.lease_owner, array_agg(i.event_id || ':' || i.status order by i.id) as open
         from conversations c join inbox i on i.conversation_id = c.id
        where c.chat_id like 'F-%' and i.status in ('pending', 'processing') group by c.id order by c.chat_id`,
    );
    expect(rows).toEqual([
      { chat_id: 'F-busy', lease_owner: 'other', open: ['F-f0:processing', 'F-f6:pending'] },
      { chat_id: 'F-known', lease_owner: 'wf', open: ['F-f5:processing', 'F-f8:pending'] },
      { chat_id: 'F-new', lease_owner: 'wf', open: ['F-f4:processing'] },
      { chat_id: 'F-older', lease_owner: 'wf', open: ['F-f1:processing', 'F-f7:pending'] },
      { chat_id: 'F-outside', lease_owner: null, open: ['F-f2:pending'] },
    ]);
  });

  it('claims no more than the room it is given, the oldest events first', async () => {
    await d.store.call('dispatch_claim', { worker: 'earlier-tests', limit: 1000 });
    const one = await d.store.call<{ results: PutResult[]; claimed: Claimed[] }>('inbox_put_claim', {
      events: [put('G', 'a', 'g1'), put('G', 'b', 'g2'), put('G', 'c', 'g3')], worker: 'wg', limit: 1,
    });
    expect(one.results.map((r) => r.duplicate)).toEqual([false, false, false]);
    expect(one.claimed.map((c) => c.payload.text)).toEqual(['G-g1']);
    const none = await d.store.call<{ results: PutResult[]; claimed: Claimed[] }>('inbox_put_claim', {
      events: [put('G', 'a', 'g4')], worker: 'wg', limit: 0,
    });
    expect(none).toMatchObject({ results: [{ duplicate: false }], claimed: [] });
    // What was not claimed is the dispatchers' as before.
    const rest = await d.store.call<Claimed[]>('dispatch_claim', { worker: 'wg2', limit: 10 });
    expect(rest.map((c) => c.payload.text).filter((t) => t.startsWith('G-')).sort()).toEqual(['G-g2', 'G-g3']);
  });

  it('records a group of outcomes as one call per outcome records them', async () => {
    const ids: Record<string, number[]> = {};
    for (const w of ['D', 'E']) {
      const rows = await d.sql.query<{ id: number }>(
        `insert into outbox (channel, recipient, payload, status, locked_by, locked_until, attempts)
         select 'telegram', $1 || '-' || n, jsonb_build_object('text', n), 'sending', case when n = 6 then 'other' else 'me' end, '2999-01-01', 1
           from generate_series(1, 6) n order by n returning id`, [w],
      );
      ids[w] = rows.map((r) => Number(r.id));
    }
    const results = (w: string) => {
      const id = (n: number) => ids[w]![n - 1]!;
      return [
        { id: id(3), outcome: 'sent', platform_message_id: '30' },
        { id: id(1), outcome: 'sent', platform_message_id: '10' },
        { id: id(2), outcome: 'retry', error: 'busy', retry_in_ms: 5000 },
        { id: id(4), outcome: 'release' },
        { id: id(5), outcome: 'failed', error: 'blocked' },
        { id: id(6), outcome: 'sent' }, // locked by another sender: not this one's to record
        { id: id(1), outcome: 'sent', platform_message_id: '11' }, // recorded already
      ];
    };
    const together = await d.store.call<{ updated: number }>('outbox_complete', { worker: 'me', results: results('D') });
    let alone = 0;
    for (const r of results('E')) alone += (await d.store.call<{ updated: number }>('outbox_complete', { worker: 'me', results: [r] })).updated;
    expect(together.updated).toBe(alone);
    expect(together.updated).toBe(5);
    const snapshot = async (w: string) => {
      const rows = await d.sql.query<{ recipient: string; status: string; attempts: number; platform_message_id: string | null; sent_seq: string | null; locked_by: string | null }>(
        `select recipient, status, attempts, platform_message_id, sent_seq, locked_by from outbox where recipient like $1 order by id`, [`${w}-%`],
      );
      // The order replies were numbered in, not the numbers (the two worlds share the sequence).
      const bySeq = rows.filter((r) => r.sent_seq !== null).sort((x, y) => Number(x.sent_seq) - Number(y.sent_seq)).map((r) => r.recipient.slice(2));
      return { rows: rows.map((r) => ({ ...r, recipient: r.recipient.slice(2), sent_seq: r.sent_seq !== null })), bySeq };
    };
    const [a, b] = [await snapshot('D'), await snapshot('E')];
    expect(a).toEqual(b);
    expect(a.bySeq).toEqual(['3', '1']);
    expect(a.rows.map((r) => r.status)).toEqual(['sent', 'pending', 'sent', 'pending', 'failed', 'sending']);
  });

  it('runs the message path without the JIT compiler and with generic plans (a redefinition must keep its settings)', async () => {
    const rows = await d.sql.query<{ proname: string; config: string[] | null }>(
      `select proname, proconfig as config from pg_proc where pronamespace = 'public'::regnamespace
        and proname = any ($1::text[]) order by proname`,
      [['dispatch_claim', 'inbox_put', 'inbox_put_claim', 'inbox_put_many', 'outbox_claim_upto', 'outbox_complete', 'turn_commit', 'turn_commit_many']],
    );
    expect(rows).toHaveLength(8);
    for (const row of rows) expect({ fn: row.proname, config: row.config }).toEqual({ fn: row.proname, config: expect.arrayContaining(['jit=off', 'plan_cache_mode=force_generic_plan']) });
  });
});
