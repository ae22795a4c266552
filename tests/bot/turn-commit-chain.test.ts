/**
 * `turn_commit_chain` commits turns as `turn_commit_many` does and, for each turn that asks
 * (`next`), claims its conversation's next due event for the same worker in the same call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverFactories, type DriverUnderTest } from '../store/drivers.js';

interface Claimed {
  inbox_id: number;
  attempts: number;
  payload: { text: string };
  conversation: { id: number; version: number; chat_id: string; state: { step?: string } };
}
type Result = { error: string; sqlstate: string } | { version: number; next?: Claimed };

const WORKER = 'dispatcher-chain';

describe.each(driverFactories.filter((f) => f.available))('turn_commit_chain on $name', (factory) => {
  let d: DriverUnderTest;
  beforeAll(async () => {
    d = await factory.open();
  });
  afterAll(async () => {
    await d?.close();
  });

  /** Stores `texts` in chat `chat` and claims the first; returns that claim. */
  async function conversation(chat: string, texts: string[]): Promise<Claimed> {
    for (const [i, text] of texts.entries()) {
      await d.store.call('inbox_put', { channel: 'web', event_id: `${chat}-${i}`, chat_id: chat, user_id: chat, payload: { kind: 'text', text } });
    }
    const claimed = await d.store.call<Claimed[]>('dispatch_claim', { worker: WORKER, limit: 1, conversations: null });
    const mine = (await d.store.call<Claimed[]>('dispatch_claim', { worker: WORKER, limit: 50 })).concat(claimed);
    return mine.find((c) => c.conversation.chat_id === chat)!;
  }

  const turn = (c: Claimed, extra: Record<string, unknown> = {}) => ({
    inbox_id: c.inbox_id, worker: WORKER, version: c.conversation.version, state: { step: c.payload.text },
    outbound: [{ payload: { text: `echo ${c.payload.text}` } }], effects: [], log_inbound: false, lease: null, ...extra,
  });

  async function leaseOf(chat: string) {
    const [row] = await d.sql.query<{ lease_owner: string | null; leased: boolean }>(
      `select lease_owner, lease_until > now() as leased from conversations where chat_id = $1`, [chat]);
    return row!;
  }

  it("claims the conversation's next event with the commit and keeps the lease", async () => {
    const first = await conversation('chain-a', ['one', 'two']);
    const [result] = await d.store.call<Result[]>('turn_commit_chain', { turns: [turn(first, { next: 120 })] });
    expect(result).not.toHaveProperty('error');
    const next = (result as { next?: Claimed }).next!;
    expect(next.payload.text).toBe('two');
    expect(next.attempts).toBe(1);
    // It carries the state and version the commit just wrote.
    expect(next.conversation.state.step).toBe('one');
    expect(next.conversation.version).toBe(first.conversation.version + 1);
    expect(await leaseOf('chain-a')).toMatchObject({ lease_owner: WORKER, leased: true });
    const [again] = await d.store.call<Result[]>('turn_commit_chain', { turns: [turn(next, { next: 120 })] });
    expect(again).not.toHaveProperty('next');
    expect(await leaseOf('chain-a')).toMatchObject({ lease_owner: null });
  });

  it('claims nothing for a turn that does not ask, or whose commit failed, or whose next event is not due', async () => {
    const a = await conversation('chain-b', ['one', 'two']);
    const b = await conversation('chain-c', ['one', 'two']);
    const c = await conversation('chain-d', ['one', 'two']);
    await d.sql.query(
      `update inbox set next_attempt_at = now() + interval '1 hour'
        where id = (select max(i.id) from inbox i join conversations k on k.id = i.conversation_id where k.chat_id = 'chain-d')`);
    const results = await d.store.call<Result[]>('turn_commit_chain', {
      turns: [turn(a), turn(b, { next: 120, version: b.conversation.version + 5 }), turn(c, { next: 120 })],
    });
    expect(results[0]).not.toHaveProperty('next');
    expect(results[1]).toMatchObject({ sqlstate: 'PT409' });
    expect(results[1]).not.toHaveProperty('next');
    expect(results[2]).not.toHaveProperty('error');
    expect(results[2]).not.toHaveProperty('next');
    const open = await d.sql.query<{ chat_id: string; status: string }>(
      `select k.chat_id, i.status from inbox i join conversations k on k.id = i.conversation_id
        where k.chat_id in ('chain-b', 'chain-d') and i.status <> 'done' order by k.chat_id`);
    expect(open).toEqual([{ chat_id: 'chain-b', status: 'pending' }, { chat_id: 'chain-d', status: 'pending' }]);
  });

  it('claims the next event of each committed conversation in a group', async () => {
    const a = await conversation('chain-e', ['one', 'two']);
    const b = await conversation('chain-f', ['one', 'two', 'three']);
    const results = await d.store.call<Result[]>('turn_commit_chain', { turns: [turn(a, { next: 60 }), turn(b, { next: 60 })] });
    expect(results.map((r) => ('next' in r ? r.next?.conversation.chat_id : undefined))).toEqual(['chain-e', 'chain-f']);
    expect(results.map((r) => ('next' in r ? r.next?.payload.text : undefined))).toEqual(['two', 'two']);
  });
});
