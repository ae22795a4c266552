/**
 * The sender's delivery policy on a real (PGlite) database: live replies before broadcasts even
 * when the sender is full of broadcast sends, a platform-wide pause shared through the
 * database, rate shares between sender processes, and rows of a dead sender reclaimed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Recipient } from '../../src/bot/channels/channel.js';
import type { Outbound, SendResult } from '../../src/bot/outbound.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import { Sender } from '../../src/bot/sender.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';

let h: BotHarness;
const sql = () => h.store as unknown as SqlStore;

async function enqueue(n: number, kind: 'broadcast' | 'reply', channel = 'telegram', from = 0) {
  await h.store.call('outbox_enqueue', {
    items: Array.from({ length: n }, (_, i) => ({
      channel, recipient: `${kind}-${from + i}`, kind, priority: kind === 'broadcast' ? 100 : 0, payload: { text: `${kind} ${from + i}` },
    })),
  });
}

beforeEach(async () => {
  h = await botHarness({ features: [] });
});
afterEach(async () => {
  await h.close();
});

describe('Sender', () => {
  it('claims live replies before broadcast rows', async () => {
    await enqueue(40, 'broadcast');
    await enqueue(1, 'reply');
    const sender = new Sender(h.bot.services, { batchSize: 10, concurrency: 1 });
    await sender.runOnce();
    const sent = h.channels.get('telegram')!.sent.map((s) => s.message.text);
    expect(sent[0]).toBe('reply 0');
    expect(sent).toHaveLength(10);
  });

  it('still answers a founder while every bulk send hangs on the platform', async () => {
    const telegram = h.channels.get('telegram')!;
    const hung: (() => void)[] = [];
    const live: string[] = [];
    telegram.send = async (to: Recipient, message: Outbound): Promise<SendResult> => {
      if (message.text.startsWith('broadcast')) await new Promise<void>((resolve) => hung.push(resolve));
      else live.push(message.text);
      return { status: 'sent' };
    };
    await enqueue(50, 'broadcast');
    const sender = new Sender(h.bot.services, {
      batchSize: 10, concurrency: 4, pollMs: 10, presenceMs: 200, limiter: new RateLimiter({ telegram: { perSecond: 1000 } }),
    });
    sender.start();
    await vi.waitFor(() => expect(hung.length).toBe(3), { timeout: 20_000, interval: 20 }); // bulk may use 3 of 4 slots
    await enqueue(1, 'reply');
    sender.wake();
    await vi.waitFor(() => expect(live).toEqual(['reply 0']), { timeout: 20_000, interval: 20 });
    expect(hung.length).toBe(3);
    telegram.send = async () => ({ status: 'sent' });
    hung.forEach((release) => release());
    await sender.stop();
  });

  it('pauses the whole channel after a platform-wide 429, in this process and for other senders', async () => {
    const telegram = h.channels.get('telegram')!;
    let calls = 0;
    telegram.send = async () => {
      calls++;
      return { status: 'retry', retryInMs: 30_000, error: 'telegram 429: Too Many Requests: retry after 30', pauseChannel: true };
    };
    await enqueue(5, 'broadcast');
    const first = new Sender(h.bot.services, { batchSize: 1, concurrency: 1 });
    expect(await first.runOnce()).toBe(1);
    expect(first.limiter.pausedFor('telegram')).toBeGreaterThan(25_000);
    await vi.waitFor(async () => {
      const rows = await sql().query('select channel from public.channel_pauses where paused_until > now()');
      expect(rows).toEqual([{ channel: 'telegram' }]);
    });
    // Another process: nothing on Telegram is claimed while the pause lasts; other channels go on.
    const other = new Sender(h.bot.services, { batchSize: 10, workerId: 'other' });
    await enqueue(1, 'reply', 'web');
    expect(await other.runOnce()).toBe(1);
    expect(await other.runOnce()).toBe(0);
    expect(calls).toBe(1);
    expect(other.limiter.pausedFor('telegram')).toBeGreaterThan(0); // learnt from the database
    await sql().query(`update public.channel_pauses set paused_until = now() - interval '1 second'`);
    await sql().query(`update public.outbox set next_attempt_at = now() where status = 'pending'`);
    telegram.send = async () => ({ status: 'sent' });
    expect(await new Sender(h.bot.services, { workerId: 'third' }).runOnce()).toBe(5);
  });

  it('shares a capped channel\'s rate between live sender processes', async () => {
    const make = (workerId: string) =>
      // Heartbeat on every round, but never taken for dead between rounds on a slow machine.
      new Sender(h.bot.services, { workerId, presenceMs: 0, presenceTtlSeconds: 120, limiter: new RateLimiter({ telegram: { perSecond: 30 } }) });
    const a = make('a');
    const b = make('b');
    await a.runOnce();
    await b.runOnce();
    await a.runOnce();
    expect(a.limiter.perSecond('telegram')).toBe(15);
    expect(b.limiter.perSecond('telegram')).toBe(15);
    await b.stop(); // leaves the presence table
    await a.runOnce();
    expect(a.limiter.perSecond('telegram')).toBe(30);
  });

  it('gives up a transient failure after the last attempt, but never because of a platform-wide 429', async () => {
    const telegram = h.channels.get('telegram')!;
    telegram.send = async (to) =>
      to.chatId === 'broadcast-0'
        ? { status: 'retry', retryInMs: 0, error: 'telegram 502: Bad Gateway' }
        : { status: 'retry', retryInMs: 0, error: 'telegram 429: Too Many Requests', pauseChannel: true };
    await enqueue(2, 'broadcast');
    const sender = new Sender(h.bot.services, { maxAttempts: 2, limiter: new RateLimiter({}) });
    for (let i = 0; i < 3; i++) {
      await sender.runOnce();
      await sql().query(`update public.channel_pauses set paused_until = now() - interval '1 second'`);
    }
    const rows = await sql().query<{ recipient: string; status: string; attempts: number }>(
      'select recipient, status, attempts from public.outbox order by id');
    expect(rows).toEqual([
      { recipient: 'broadcast-0', status: 'failed', attempts: 2 },
      { recipient: 'broadcast-1', status: 'pending', attempts: 3 },
    ]);
  });

  it('stops promptly during a long pause and hands unsent rows back', async () => {
    await enqueue(20, 'broadcast');
    const sender = new Sender(h.bot.services, { pollMs: 10, presenceMs: 200, limiter: new RateLimiter({ telegram: { perSecond: 30 } }) });
    sender.limiter.pause('telegram', 600_000);
    sender.start();
    await vi.waitFor(async () => {
      const [row] = await sql().query<{ n: number }>(`select count(*)::int n from public.outbox where status = 'sending'`);
      expect(row!.n).toBe(20);
    }, { timeout: 20_000, interval: 20 });
    await sender.stop(); // would wait ten minutes if the queued sends waited out the pause
    const rows = await sql().query<{ status: string; n: number }>('select status, count(*)::int n from public.outbox group by status');
    expect(rows).toEqual([{ status: 'pending', n: 20 }]);
    expect(h.channels.get('telegram')!.sent).toEqual([]);
  });

  it('a sender that just started sends live replies at once but bulk rows only after two heartbeats', async () => {
    await enqueue(5, 'broadcast');
    await enqueue(1, 'reply');
    const sender = new Sender(h.bot.services, { pollMs: 10, presenceMs: 60_000, limiter: new RateLimiter({ telegram: { perSecond: 30 } }) });
    sender.start();
    await vi.waitFor(() => expect(h.channels.get('telegram')!.sent.map((s) => s.message.text)).toEqual(['reply 0']), { timeout: 20_000, interval: 20 });
    await sender.stop();
    const [row] = await sql().query<{ n: number }>(`select count(*)::int n from public.outbox where kind = 'broadcast' and status = 'pending'`);
    expect(row!.n).toBe(5);
  });

  it('delivers rows a crashed sender left locked once their lease expires', async () => {
    await enqueue(3, 'broadcast');
    const claimed = await h.store.call<unknown[]>('outbox_claim', { worker: 'crashed', channels: ['telegram'], limit: 10, lease_seconds: 60 });
    expect(claimed).toHaveLength(3);
    const sender = new Sender(h.bot.services);
    expect(await sender.drain()).toBe(0); // still locked by the dead sender
    await sql().query(`update public.outbox set locked_until = now() - interval '1 second' where locked_by = 'crashed'`);
    expect(await sender.drain()).toBe(3);
    const rows = await sql().query<{ status: string; attempts: number }>('select status, attempts from public.outbox');
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
  });
});
