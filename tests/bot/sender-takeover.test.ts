/**
 * After a crash, a dead sender's leases are taken over within seconds (issue 15 §1): a sender
 * process that stops heartbeating (killed mid-send: its rows stay 'sending' with a 60 s lease)
 * loses its rows at the next heartbeat of a live sender once its own heartbeat is older than the
 * TTL, and the live sender delivers them long before the lease would have ended. The rows are
 * counted as possible duplicates (they were in flight), and a broadcast report says so.
 * On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { broadcastReport, progressText } from '../../src/staff/broadcast/report.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import { translator } from '../../src/content/messages.js';
import { Sender } from '../../src/bot/sender.js';
import type { Store, SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { postgresTestStore, TEST_DATABASE_URL, type PostgresTestStore } from '../support/stores.js';

const targets: [string, () => Promise<PostgresTestStore | undefined>][] = [
  ['PGlite', async () => undefined],
  ['PostgreSQL', () => postgresTestStore()],
];

describe.each(targets)('sender takeover on %s', (name, openStore) => {
  let h: BotHarness | undefined;
  let pg: PostgresTestStore | undefined;
  afterEach(async () => {
    await h?.close();
    await pg?.destroy();
    h = undefined;
    pg = undefined;
  });

  it.skipIf(name === 'PostgreSQL' && !TEST_DATABASE_URL)("delivers a dead sender's in-flight rows within seconds, not after the 60 s lease", async () => {
    pg = await openStore();
    h = await botHarness({ features: [], ...(pg ? { store: pg as Store } : {}) });
    const sql = h.store as unknown as SqlStore;
    await h.store.call('outbox_enqueue', {
      items: Array.from({ length: 6 }, (_, i) => ({ channel: 'telegram', recipient: `chat-${i}`, payload: { text: `m${i}` } })),
    });
    // The process that is about to die: it heartbeats, claims everything with a 60 s lease…
    await h.store.call('sender_presence', { worker: 'dead', channels: ['telegram'], ttl_seconds: 60 });
    const held = await h.store.call<{ id: number }[]>('outbox_claim', { worker: 'dead', channels: ['telegram'], limit: 10, lease_seconds: 60 });
    expect(held).toHaveLength(6);
    const [lease] = await sql.query<{ until: string }>(`select max(locked_until)::text as until from public.outbox where locked_by = 'dead'`);
    // …and is killed: no heartbeat, no outcome, ever. A live sender runs (heartbeat every 250 ms,
    // so a sender silent for 3 s is dead).
    const live = new Sender(h.bot.services, {
      workerId: 'live', pollMs: 50, presenceMs: 250, limiter: new RateLimiter({ telegram: { perSecond: 30 } }),
    });
    live.start();
    try {
      await vi.waitFor(() => expect(h!.channels.get('telegram')!.sent).toHaveLength(6), { timeout: 30_000, interval: 100 });
    } finally {
      await live.stop();
    }
    // Sent while the dead sender's lease still ran: taken over by the heartbeat, not by expiry.
    const rows = await sql.query<{ status: string; orphaned_attempts: number; before_lease_end: boolean }>(
      'select status, orphaned_attempts, sent_at < $1::timestamptz as before_lease_end from public.outbox', [lease!.until]);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'sent' && r.orphaned_attempts === 1 && r.before_lease_end)).toBe(true);
    // A late outcome from the dead sender changes nothing.
    expect(await h.store.call('outbox_complete', { worker: 'dead', results: held.map((r) => ({ id: r.id, outcome: 'retry' })) }))
      .toEqual({ updated: 0 });
  }, 90_000);

  it.skipIf(name === 'PostgreSQL' && !TEST_DATABASE_URL)('a broadcast report counts the recipients who may have received it twice', async () => {
    pg = await openStore();
    h = await botHarness({ features: [], ...(pg ? { store: pg as Store } : {}) });
    for (const chat of ['41', '42', '43', '44']) await h.consent('telegram', chat);
    const { id } = await h.store.call<{ id: number }>('broadcast_create', {
      broadcast: { created_by: 'test', title: 'Demo day', payloads: { vi: { text: 'Chào {name}' }, en: { text: 'Hi {name}' } },
                   audience: 'all', audience_spec: { channel: ['telegram'] } },
    });
    await h.store.call('broadcast_materialize', { batch: 100 });
    // A sender dies with three of the four sends in flight.
    await h.store.call('sender_presence', { worker: 'dead', channels: ['telegram'], ttl_seconds: 60 });
    expect(await h.store.call<unknown[]>('outbox_claim', { worker: 'dead', channels: ['telegram'], limit: 3, lease_seconds: 60 })).toHaveLength(3);
    const live = new Sender(h.bot.services, {
      workerId: 'live', pollMs: 50, presenceMs: 250, limiter: new RateLimiter({ telegram: { perSecond: 30 } }),
    });
    live.start();
    try {
      await vi.waitFor(() => expect(h!.channels.get('telegram')!.sent).toHaveLength(4), { timeout: 30_000, interval: 100 });
    } finally {
      await live.stop();
    }
    const report = await broadcastReport(h.store, id);
    expect(report).toMatchObject({ status: 'done', sent: 4, total: 4, possible_duplicates: 3 });
    const t = translator(h.bot.services.messages, 'en');
    expect(progressText(t, report)).toContain(t('broadcast.report_duplicates', { duplicates: 3 }));
  }, 90_000);
});
