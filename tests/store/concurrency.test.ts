/**
 * Invariants that only a real server with many connections can prove: a duplicate inbox event is
 * stored once when 50 clients insert it at once, and two dispatchers (separate pools, as two
 * processes would have) never process the same conversation at the same time, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/app.js';
import { createUomBot as createBot } from '../../src/app/create-bot.js';
import type { Feature } from '../../src/bot/router.js';
import { createLogger } from '../../src/logger.js';
import { openPostgres, type PostgresStore } from '../../src/store/postgres-driver.js';
import { RecordingChannel } from '../support/bot.js';
import { testConfig } from '../support/config.js';
import { postgresTestStore, type PostgresTestStore } from '../support/stores.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('concurrency on PostgreSQL', () => {
  let db: PostgresTestStore;
  const pools: PostgresStore[] = [];
  beforeAll(async () => {
    db = (await postgresTestStore({ max: 4 }))!;
  });
  afterAll(async () => {
    for (const p of pools) await p.close();
    await db?.destroy();
  });

  it('stores a duplicate inbox event once when 50 clients insert it at once', async () => {
    const clients = Array.from({ length: 50 }, () => openPostgres({ connectionString: db.url, max: 1 }));
    pools.push(...clients);
    await Promise.all(clients.map((c) => c.ping())); // connect first so the inserts really race
    const results = await Promise.all(
      clients.map((c) =>
        c.call<{ inbox_id: number; duplicate: boolean }>('inbox_put', {
          channel: 'telegram',
          event_id: 'update-777',
          chat_id: '4242',
          user_id: '4242',
          payload: { kind: 'text', text: 'hi' },
        }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.inbox_id)).size).toBe(1);
    const counts = await db.query<{ inbox: string; contacts: string; identities: string; conversations: string }>(
      `select (select count(*) from inbox where event_id = 'update-777')::text as inbox,
              (select count(*) from contacts)::text as contacts,
              (select count(*) from channel_identities where external_id = '4242')::text as identities,
              (select count(*) from conversations where chat_id = '4242')::text as conversations`,
    );
    expect(counts[0]).toEqual({ inbox: '1', contacts: '1', identities: '1', conversations: '1' });
  });

  it('never lets two dispatchers process one conversation at the same time, and keeps order', async () => {
    const active = new Map<number, string>();
    const overlaps: string[] = [];
    const order = new Map<number, string[]>();
    const workers = new Set<string>();
    const slow: (name: string) => Feature = (name) => ({
      name: 'slow',
      order: 1,
      async handle(turn) {
        const id = turn.conversation.id;
        if (active.has(id)) overlaps.push(`${active.get(id)} and ${name} on ${id}`);
        active.set(id, name);
        workers.add(name);
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
        const chat = turn.conversation.chatId;
        if (chat.startsWith('c')) order.set(id, [...(order.get(id) ?? []), turn.event.kind === 'text' ? turn.event.text : '?']);
        active.delete(id);
      },
    });
    const bots: Bot[] = [];
    for (const name of ['A', 'B']) {
      const store = openPostgres({ connectionString: db.url, max: 8 });
      pools.push(store);
      bots.push(
        await createBot(testConfig(), {
          store,
          log: createLogger({ level: 'silent' }),
          channels: [new RecordingChannel('telegram')],
          features: [slow(name)],
          dispatcher: { concurrency: 4, pollMs: 5, workerId: name },
        }),
      );
    }
    const conversations = 12;
    const perConversation = 8;
    for (let n = 0; n < perConversation; n++) {
      for (let c = 0; c < conversations; c++) {
        await bots[0]!.accept({ channel: 'telegram', eventId: `o-${c}-${n}`, chatId: `c${c}`, userId: `c${c}`, kind: 'text', text: String(n) });
      }
    }
    bots.forEach((b) => b.dispatcher.start());
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await db.query<{ open: string }>("select count(*)::text as open from inbox where status <> 'done'");
      if (row!.open === '0' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(bots.map((b) => b.dispatcher.stop()));
    expect(overlaps).toEqual([]);
    expect([...workers].sort()).toEqual(['A', 'B']); // both really took part
    expect(order.size).toBe(conversations);
    const expected = Array.from({ length: perConversation }, (_, n) => String(n));
    for (const seen of order.values()) expect(seen).toEqual(expected);
  });
});
