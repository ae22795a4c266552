/**
 * The outbox claim on PGlite and PostgreSQL: it never starves whatever the order of due rows
 * (issue 15 §1: every claim returned nothing once the first `4 × limit + 100` due rows all
 * waited behind an earlier row of their chat), one row per chat in flight, a hand-back
 * (`release`) keeps the row's place and attempt count, and a dead sender's rows come back with
 * the next heartbeat of a live one, counted as possible duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/store.js';
import { pgliteTestStore, postgresTestStore } from '../support/stores.js';

interface Row {
  id: number;
  recipient: string;
  payload: { text: string };
  attempts: number;
}

const stores: [string, () => Promise<(SqlStore & { destroy?: () => Promise<void> }) | undefined>][] = [
  ['PGlite', pgliteTestStore],
  ['PostgreSQL', () => postgresTestStore()],
];

describe.each(stores)('outbox claim on %s', (name, open) => {
  let store: (SqlStore & { destroy?: () => Promise<void> }) | undefined;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    if (store?.destroy) await store.destroy();
    else await store?.close();
  });

  const enqueue = async (chats: number, perChat: number) => {
    const items = [];
    for (let seq = 0; seq < perChat; seq++) {
      for (let c = 0; c < chats; c++) items.push({ channel: 'telegram', recipient: `c${c}`, payload: { text: `c${c} ${seq}` } });
    }
    await store!.call('outbox_enqueue', { items });
  };
  const claim = (worker: string, limit: number, maxPriority = 32767) =>
    store!.call<Row[]>('outbox_claim_upto', { worker, channels: ['telegram'], limit, lease_seconds: 60, max_priority: maxPriority });
  const complete = (worker: string, rows: Row[], outcome: string) =>
    store!.call('outbox_complete', { worker, results: rows.map((r) => ({ id: r.id, outcome })) });
  const reset = () => store!.exec('delete from public.outbox; delete from public.sender_presence;');

  it.skipIf(name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('claims heads even when every row of the claim window waits behind its chat', async () => {
    if (!store) return;
    await reset();
    await enqueue(300, 4);
    // The stall: each chat's first row became due after its chat's later rows (a hand-back).
    await store.exec(`update public.outbox set next_attempt_at = next_attempt_at - interval '1 minute', not_before = not_before - interval '1 minute'
                       where payload->>'text' not like '% 0'`);
    const first = await claim('s1', 1);
    expect(first.map((r) => r.payload.text.split(' ')[1])).toEqual(['0']);
    const rest = await claim('s1', 1000);
    expect(rest).toHaveLength(299); // every other chat's head, nothing behind a head
    expect(new Set(rest.map((r) => r.payload.text.split(' ')[1]))).toEqual(new Set(['0']));
    // Every chat has a row in flight: nothing more until one is recorded.
    expect(await claim('s2', 1000)).toEqual([]);
    await complete('s1', first, 'sent');
    const next = await claim('s2', 1000);
    expect(next.map((r) => r.payload.text)).toEqual([first[0]!.payload.text.replace(/ 0$/, ' 1')]);
  });

  it.skipIf(name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('a hand-back keeps the row first in its chat and does not count as an attempt', async () => {
    if (!store) return;
    await reset();
    await enqueue(2, 3);
    const [before] = await store.query<{ next_attempt_at: string }>(`select next_attempt_at::text from public.outbox order by id limit 1`);
    const heads = await claim('s1', 10);
    expect(heads.map((r) => r.payload.text).sort()).toEqual(['c0 0', 'c1 0']);
    await complete('s1', heads, 'release');
    const rows = await store.query<{ attempts: number; status: string; next_attempt_at: string }>(
      `select attempts, status, next_attempt_at::text from public.outbox order by id limit 1`);
    expect(rows).toEqual([{ attempts: 0, status: 'pending', next_attempt_at: before!.next_attempt_at }]);
    const again = await claim('s1', 10);
    expect(again.map((r) => r.payload.text).sort()).toEqual(['c0 0', 'c1 0']);
  });

  it.skipIf(name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)("releases a dead sender's rows at a live sender's heartbeat, as possible duplicates", async () => {
    if (!store) return;
    await reset();
    await enqueue(5, 1);
    await store.call('sender_presence', { worker: 'dead', channels: ['telegram'], ttl_seconds: 5 });
    const held = await claim('dead', 10);
    expect(held).toHaveLength(5);
    // Still alive: a live sender's heartbeat leaves its rows alone.
    const alive = await store.call<{ released: number }>('sender_presence', { worker: 'live', channels: ['telegram'], ttl_seconds: 5 });
    expect(alive.released).toBe(0);
    expect(await claim('live', 10)).toEqual([]);
    // Its heartbeat stops (the process died): older than the TTL, its rows go back at once,
    // long before their 60 s lease ends.
    await store.exec(`update public.sender_presence set seen_at = seen_at - interval '6 seconds' where worker = 'dead'`);
    const beat = await store.call<{ released: number; senders: Record<string, number> }>(
      'sender_presence', { worker: 'live', channels: ['telegram'], ttl_seconds: 5 });
    expect(beat).toMatchObject({ released: 5, senders: { telegram: 1 } });
    const taken = await claim('live', 10);
    expect(taken.map((r) => r.id).sort()).toEqual(held.map((r) => r.id).sort());
    // The dead sender's late outcome is ignored: the rows are the live sender's now.
    expect(await store.call('outbox_complete', { worker: 'dead', results: held.map((r) => ({ id: r.id, outcome: 'sent' })) }))
      .toEqual({ updated: 0 });
    await complete('live', taken, 'sent');
    const [counts] = await store.query<{ n: number }>(`select count(*)::int n from public.outbox where status = 'sent' and orphaned_attempts = 1`);
    expect(counts!.n).toBe(5);
    // The stalled sender learns it was taken for dead.
    const back = await store.call<{ alive_before: boolean }>('sender_presence', { worker: 'dead', channels: ['telegram'], ttl_seconds: 5 });
    expect(back.alive_before).toBe(false);
  });

  it.skipIf(name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('reports the backlog and the age of the oldest due row', async () => {
    if (!store) return;
    await reset();
    expect(await store.call('outbox_health', { channels: ['telegram'] })).toMatchObject({ due: 0, oldest_due_seconds: null });
    await enqueue(3, 2);
    await store.exec(`update public.outbox set next_attempt_at = next_attempt_at - interval '100 seconds', not_before = not_before - interval '100 seconds'`);
    const health = await store.call<{ due: number; due_live: number; oldest_due_seconds: number }>('outbox_health', { channels: ['telegram'] });
    expect(health.due).toBe(6);
    expect(health.due_live).toBe(6);
    expect(health.oldest_due_seconds).toBeGreaterThanOrEqual(100);
    expect(await store.call('outbox_health', { channels: ['web'] })).toMatchObject({ due: 0 });
  });
});
