/**
 * Turns that finish together are committed in one call, each on its own: a failing turn fails
 * alone with the same typed error as when committed alone, and the others commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnCommitter, type TurnCommitArgs } from '../../src/bot/turn-committer.js';
import { ConflictError, InvalidArgumentError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/store.js';
import { driverFactories, type DriverUnderTest } from '../store/drivers.js';

interface Claimed {
  inbox_id: number;
  payload: { text?: string };
  conversation: { id: number; version: number; chat_id: string };
}

/** Counts the database calls by function, passing them on. */
function countingStore(store: Store, calls: string[]): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'call') {
        return (fn: string, args?: Record<string, unknown>) => {
          calls.push(fn);
          return target.call(fn as never, args);
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe.each(driverFactories.filter((f) => f.available))('turn committer on $name', (factory) => {
  let d: DriverUnderTest;
  beforeAll(async () => {
    d = await factory.open();
  });
  afterAll(async () => {
    await d?.close();
  });

  /** Puts one event in each of `chats` and claims them for `worker`. */
  async function claimOnePerChat(worker: string, chats: string[]): Promise<Claimed[]> {
    for (const chat of chats) {
      await d.store.call('inbox_put', {
        channel: 'telegram', event_id: `${worker}-${chat}`, chat_id: chat, user_id: chat, payload: { kind: 'text', text: chat },
      });
    }
    const claimed = await d.store.call<Claimed[]>('dispatch_claim', { worker, limit: 50 });
    return chats.map((chat) => claimed.find((c) => c.conversation.chat_id === chat)!);
  }

  const args = (worker: string, c: Claimed, extra: Partial<TurnCommitArgs> = {}): TurnCommitArgs => ({
    inbox_id: c.inbox_id, worker, version: c.conversation.version, state: { seen: c.payload.text },
    outbound: [{ payload: { text: `echo ${c.payload.text}` } }], effects: [], log_inbound: false, lease: null, ...extra,
  });

  it('commits a burst in fewer calls, each turn with its own result or error', async () => {
    const worker = 'committer-1';
    const [a, b, c, e] = await claimOnePerChat(worker, ['7101', '7102', '7103', '7104']);
    const calls: string[] = [];
    const committer = new TurnCommitter(countingStore(d.store, calls));
    const results = await Promise.allSettled([
      committer.commit(args(worker, a!)),
      committer.commit(args(worker, b!)),
      committer.commit(args(worker, c!, { version: c!.conversation.version + 5 })),
      committer.commit(args(worker, e!, { effects: [{ fn: 'not_an_effect', args: {} }] })),
    ]);
    // The first went alone (nothing was running); the three that waited went together.
    expect(calls).toEqual(['turn_commit', 'turn_commit_chain']);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { version: a!.conversation.version + 1 } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { version: b!.conversation.version + 1 } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: expect.any(ConflictError) });
    expect(results[3]).toMatchObject({ status: 'rejected', reason: expect.any(InvalidArgumentError) });

    const inbox = await d.sql.query<{ id: number; status: string }>(
      'select id, status from inbox where id = any($1::bigint[]) order by id', [[a!, b!, c!, e!].map((x) => x.inbox_id)],
    );
    expect(Object.fromEntries(inbox.map((r) => [Number(r.id), r.status]))).toEqual({
      [a!.inbox_id]: 'done', [b!.inbox_id]: 'done', [c!.inbox_id]: 'processing', [e!.inbox_id]: 'processing',
    });
    // The failed turns left nothing behind; the committed ones queued their replies.
    const queued = await d.sql.query<{ text: string }>(
      `select payload->>'text' as text from outbox where payload->>'text' like 'echo 710%' order by 1`,
    );
    expect(queued.map((r) => r.text)).toEqual(['echo 7101', 'echo 7102']);
    const states = await d.sql.query<{ chat_id: string; state: Record<string, unknown> }>(
      `select chat_id, state from conversations where chat_id in ('7101', '7103') order by chat_id`,
    );
    expect(states.map((s) => s.state)).toEqual([{ seen: '7101' }, {}]);
  });

  it('leases each turn its own replies when asked', async () => {
    const worker = 'committer-2';
    const [a, b, c] = await claimOnePerChat(worker, ['7201', '7202', '7203']);
    const committer = new TurnCommitter(d.store);
    const lease = { worker: 'sender-x', channels: ['telegram'], lease_seconds: 60 };
    const results = await Promise.all([a, b, c].map((x) => committer.commit(args(worker, x!, { lease }))));
    expect(results.map((r) => r.leased?.map((row) => row.recipient))).toEqual([['7201'], ['7202'], ['7203']]);
  });
});
