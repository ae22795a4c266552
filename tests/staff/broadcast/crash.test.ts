/**
 * Crash and resume: a 2,000-recipient broadcast is sent by a child process through the real
 * Telegram adapter to the loopback Bot API fake; the child is killed with SIGKILL midway and
 * started again. Every recipient gets the announcement at least once, and duplicates are at
 * most the sends that were in flight (claimed, not yet recorded) when the process died.
 * Runs on the PostgreSQL server when TEST_DATABASE_URL is set, on an embedded data directory
 * otherwise (the killed process's lock is stale and taken over).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBroadcast } from '../../../src/staff/broadcast/compose.js';
import { loadMessages } from '../../../src/content/messages.js';
import { migrate } from '../../../src/store/migrate.js';
import { openPglite } from '../../../src/store/pglite-driver.js';
import type { SqlStore } from '../../../src/store/store.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api.js';
import { postgresTestStore, type PostgresTestStore } from '../../support/stores.js';

const RECIPIENTS = 2000;
const TOKEN = '123456:crash-test-token';
let fake: FakeTelegram;
let pg: PostgresTestStore | undefined;
let dataDir: string | undefined;

/** Opens the test database (embedded: only while no child holds it). */
async function open(): Promise<SqlStore> {
  if (pg) return pg;
  return openPglite({ dataDir: dataDir! });
}
async function release(store: SqlStore): Promise<void> {
  if (!pg) await store.close();
}

function startSender(broadcastId: number): { child: ChildProcess; finished: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sender-process.ts')], {
    env: {
      ...process.env,
      UOM_DB: pg ? pg.url : dataDir!,
      UOM_BROADCAST: String(broadcastId),
      UOM_TOKEN: TOKEN,
      UOM_API_ROOT: fake.apiRoot,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const finished = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, finished };
}

beforeAll(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
  pg = await postgresTestStore({ max: 4 });
  if (!pg) dataDir = mkdtempSync(join(tmpdir(), 'uom-crash-'));
  const store = await open();
  if (!pg) await migrate(store);
  await store.exec(`
    with c as (
      insert into public.contacts (display_name, consented_at, consent_version, locale)
      select 'Founder ' || g, now(), 'test', 'vi' from generate_series(1, ${RECIPIENTS}) g
      returning id
    )
    insert into public.channel_identities (contact_id, channel, external_id)
    select id, 'telegram', (1000000 + id)::text from c;`);
  await release(store);
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await pg?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('resumes after SIGKILL: every recipient at least once, duplicates only for sends in flight', async () => {
  let store = await open();
  const { id } = await createBroadcast(store, loadMessages('content'), {
    createdBy: 'test', text: 'Chào {name}! Lớp gọi vốn ngày 1/12.', audience: 'channel=telegram',
  });
  await release(store);

  const first = startSender(id);
  await fake.waitForCalls('sendMessage', 600, 120_000);
  first.child.kill('SIGKILL');
  await first.finished;
  const receivedAtKill = fake.callsTo('sendMessage').length;
  expect(receivedAtKill).toBeLessThan(RECIPIENTS); // really killed in the middle

  // What the dead process had claimed but not recorded: the only sends that may repeat.
  store = await open();
  const [inFlight] = await store.query<{ n: number }>(
    `select count(*)::int n from public.outbox where source_id = $1 and status = 'sending'`, [id]);
  await release(store);

  const second = startSender(id);
  expect(await second.finished).toBe(0);

  const perChat = new Map<string, number>();
  for (const call of fake.callsTo('sendMessage')) {
    const chat = String(call.params.chat_id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
  }
  const duplicates = [...perChat.values()].reduce((n, c) => n + c - 1, 0);
  expect(perChat.size).toBe(RECIPIENTS);
  expect(duplicates).toBeLessThanOrEqual(inFlight!.n);

  store = await open();
  const [outcome] = await store.query<{ sent: number; other: number }>(
    `select count(*) filter (where status = 'sent')::int sent, count(*) filter (where status <> 'sent')::int other
       from public.outbox where source_id = $1`, [id]);
  await release(store);
  expect(outcome).toEqual({ sent: RECIPIENTS, other: 0 });
  console.log(`crash test: ${receivedAtKill} received at the kill, ${inFlight!.n} in flight, ${duplicates} duplicate(s)`);
}, 300_000);
