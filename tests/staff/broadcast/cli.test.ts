/**
 * `uom broadcast` as an admin runs it: the real CLI in a child process, the database on the
 * PostgreSQL server (TEST_DATABASE_URL) or an embedded data directory, and the loopback
 * Telegram fake as the platform. (Lives here with the other broadcast tests.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrate.js';
import { openPglite } from '../../../src/store/pglite-driver.js';
import type { SqlStore } from '../../../src/store/store.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api.js';
import { postgresTestStore, type PostgresTestStore } from '../../support/stores.js';

const TOKEN = '123456:cli-token';
let fake: FakeTelegram;
let pg: PostgresTestStore | undefined;
let dir: string;

function uom(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = {
    ...process.env, LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, STAFF_CHAT_ID: '',
    DATABASE_URL: pg?.url ?? '', DATA_DIR: join(dir, 'data'),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'broadcast', ...args], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
  dir = mkdtempSync(join(tmpdir(), 'uom-cli-'));
  pg = await postgresTestStore({ max: 2 });
  const store: SqlStore = pg ?? (await openPglite({ dataDir: join(dir, 'data') }));
  if (!pg) await migrate(store);
  for (const chat of ['31', '32', '33']) {
    const ids = await store.call<{ contact_id: number }>('conversation_ensure', { channel: 'telegram', chat_id: chat, user_id: chat });
    await store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel: 'telegram' } });
  }
  if (!pg) await store.close();
  writeFileSync(join(dir, 'announcement.md'), '# Lớp gọi vốn\n\nChào {name}! Lớp gọi vốn ngày 1/12, 9:00.\n');
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await pg?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses a bad filter, sends with --yes --follow, exports CSV, schedules and cancels', async () => {
  const bad = await uom(['create', '--file', join(dir, 'announcement.md'), '--audience', 'colour=red', '--yes']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--audience: unknown filter "colour"');
  expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

  const sent = await uom(['create', '--file', join(dir, 'announcement.md'), '--audience', 'kenh=telegram', '--yes', '--follow']);
  expect(sent.stderr).toBe('');
  expect(sent.code).toBe(0);
  expect(sent.stdout).toContain('“Lớp gọi vốn” → 3 founder(s) (telegram 3), now');
  expect(sent.stdout).toContain('Broadcast #1 created.');
  expect(sent.stdout).toContain('3/3');
  expect(fake.callsTo('sendMessage').map((c) => c.params.text)).toEqual(
    Array(3).fill('Lớp gọi vốn\n\nChào bạn! Lớp gọi vốn ngày 1/12, 9:00.'),
  );

  const csv = await uom(['export', '1']);
  const lines = csv.stdout.trim().split('\n');
  expect(lines[0]).toBe('delivery_id,contact_id,channel,status,reason,attempts,sent_at,rsvp');
  expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['sent', 'sent', 'sent']);

  const later = await uom(['create', '--file', join(dir, 'announcement.md'), '--audience', 'all', '--at', '2099-01-01 09:00', '--yes']);
  expect(later.stdout).toContain('at 2099-01-01 09:00'); // the centre's time zone (TIME_ZONE)
  const cancelled = await uom(['cancel', '2']);
  expect(cancelled.stdout).toContain('Broadcast #2 cancelled');
  expect((await uom(['cancel', '2'])).stderr).toContain('already cancelled');
}, 120_000);
