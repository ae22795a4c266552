/**
 * `turn_commit_many` commits plain turns together (set-wise) and every other turn alone: the
 * outcome must be exactly what committing each turn with `turn_commit` gives. Two identical
 * worlds are built (chats prefixed A and B); the same turns are committed in one call in A and
 * one by one in B, and the results and every row they touched are compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverFactories, type DriverUnderTest } from '../store/drivers.js';

interface Claimed {
  inbox_id: number;
  conversation: { id: number; version: number; chat_id: string };
}
type Result = { error: string; sqlstate: string } | { version: number; outbox_ids: number[]; effects: unknown[]; leased: { recipient: string; attempts: number; kind: string; payload: unknown }[] };

const WORKER = 'dispatcher-w';
const SENDER = 'sender-w';
const LEASE = { worker: SENDER, channels: ['telegram'], lease_seconds: 60 };

describe.each(driverFactories.filter((f) => f.available))('turn_commit_many on $name', (factory) => {
  let d: DriverUnderTest;
  beforeAll(async () => {
    d = await factory.open();
  });
  afterAll(async () => {
    await d?.close();
  });

  /** One event claimed in each chat of world `w`, the chats' earlier rows, and the turns to commit. */
  async function world(w: string) {
    const chat = (n: number) => `${w}-${n}`;
    const telegram = [1, 2, 3, 5, 6, 7, 8, 9];
    for (const n of telegram) {
      await d.store.call('inbox_put', { channel: 'telegram', event_id: `${chat(n)}-e`, chat_id: chat(n), user_id: chat(n), payload: { kind: 'text', text: chat(n) } });
    }
    await d.store.call('inbox_put', { channel: 'web', event_id: `${chat(4)}-e`, chat_id: chat(4), user_id: chat(4), payload: { kind: 'text', text: chat(4) } });
    const claimed = await d.store.call<Claimed[]>('dispatch_claim', { worker: WORKER, limit: 50 });
    const of = (n: number) => claimed.find((c) => c.conversation.chat_id === chat(n))!;
    // Chat 2 has an older reply waiting; chat 3 one in flight with this sender.
    await d.sql.query(
      `insert into outbox (channel, recipient, payload, status, locked_by, locked_until)
       values ('telegram', $1, '{"text":"older"}', 'pending', null, null),
              ('telegram', $2, '{"text":"in flight"}', 'sending', $3, '2999-01-01')`,
      [chat(2), chat(3), SENDER],
    );
    // Chat 6's lease passed to another dispatcher.
    await d.sql.query(`update conversations set lease_owner = 'someone-else' where chat_id = $1`, [chat(6)]);
    const turn = (n: number, extra: Record<string, unknown> = {}) => ({
      inbox_id: of(n).inbox_id, worker: WORKER, version: of(n).conversation.version, state: { step: `s${n}` },
      outbound: [{ payload: { text: `reply ${n}` } }], effects: [], log_inbound: true, lease: LEASE, ...extra,
    });
    return [
      turn(1, { outbound: [{ payload: { text: 'first' } }, { payload: { text: 'second' }, kind: 'reply' }] }),
      turn(2),
      turn(3),
      turn(4),
      turn(5, { version: of(5).conversation.version + 3 }),
      turn(6),
      turn(7, { effects: [{ fn: 'not_an_effect', args: {} }] }),
      turn(8, { outbound: [{ payload: { text: 'to staff' }, recipient: `${w}-staff`, kind: 'relay' }] }),
      turn(9, { outbound: [], log_inbound: false, lease: null }),
      turn(1), // a second turn of chat 1's conversation: it finds the conversation changed
      { ...turn(2), inbox_id: 999_999_999 }, // an event that does not exist
    ];
  }

  /** The results and rows of world `w`, with its ids and prefix taken out. */
  async function snapshot(w: string, results: Result[]) {
    const strip = (s: string) => s.replace(`${w}-`, '');
    const outbox = await d.sql.query<{ recipient: string; payload: unknown; kind: string; status: string; attempts: number; locked_by: string | null; priority: number }>(
      `select recipient, payload, kind, status, attempts, locked_by, priority from outbox where recipient like $1 order by id`, [`${w}-%`],
    );
    const conversations = await d.sql.query<{ chat_id: string; state: unknown; version: number; lease_owner: string | null; last_inbound_at: string | null }>(
      `select chat_id, state, version, lease_owner, last_inbound_at is not null as last_inbound_at from conversations where chat_id like $1 order by chat_id`, [`${w}-%`],
    );
    const messages = await d.sql.query<{ chat_id: string; direction: string; n: number }>(
      `select c.chat_id, m.direction, count(*)::int as n from messages m join conversations c on c.id = m.conversation_id
        where c.chat_id like $1 group by 1, 2 order by 1, 2`, [`${w}-%`],
    );
    const inbox = await d.sql.query<{ event_id: string; status: string }>(
      `select event_id, status from inbox where event_id like $1 order by event_id`, [`${w}-%`],
    );
    return {
      results: results.map((r) => ('error' in r ? { sqlstate: r.sqlstate } : {
        version: r.version, replies: r.outbox_ids.length, effects: r.effects,
        leased: r.leased.map((l) => ({ ...l, recipient: strip(l.recipient), id: undefined, conversation_id: undefined, contact_id: undefined })),
      })),
      outbox: outbox.map((o) => ({ ...o, recipient: strip(o.recipient) })),
      conversations: conversations.map((c) => ({ ...c, chat_id: strip(c.chat_id) })),
      messages: messages.map((m) => ({ ...m, chat_id: strip(m.chat_id) })),
      inbox: inbox.map((i) => ({ ...i, event_id: strip(i.event_id) })),
    };
  }

  it('commits plain turns together exactly as turn_commit commits them one by one', async () => {
    const together = await world('A');
    const alone = await world('B');
    const a = await d.store.call<Result[]>('turn_commit_many', { turns: together });
    const b: Result[] = [];
    for (const t of alone) {
      try {
        b.push(await d.store.call<Result>('turn_commit', t));
      } catch (error) {
        b.push({ error: String(error), sqlstate: (error as { sqlState?: string }).sqlState ?? 'unknown' });
      }
    }
    const [sa, sb] = [await snapshot('A', a), await snapshot('B', b)];
    expect(sa).toEqual(sb);
    // What the comparison covers, so an empty world cannot pass it.
    expect(sa.results.map((r) => ('sqlstate' in r ? r.sqlstate : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok', 'PT409', 'PT409', 'PT422', 'ok', 'ok', 'PT409', 'PT404']);
    expect(sa.results.map((r) => ('sqlstate' in r ? null : r.leased.length))).toEqual([2, 0, 1, 0, null, null, null, 1, 0, null, null]);
    expect(sa.outbox.filter((o) => o.status === 'sending').map((o) => o.recipient)).toEqual(['3', '1', '1', '3', 'staff']);
  });

  it('answers an empty call with an empty list', async () => {
    expect(await d.store.call('turn_commit_many', { turns: [] })).toEqual([]);
  });
});
