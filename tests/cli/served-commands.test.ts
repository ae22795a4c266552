/**
 * `uom` while the bot runs on the embedded database: the real server (`src/main.ts`, as
 * `npm start` runs it) holds DATA_DIR's lock, and the real CLI (`src/cli.ts`) works through it.
 * A founder in the web chat asks for a person, staff list and answer the ticket from the
 * terminal, and the reply reaches the founder's web chat through the running bot's sender.
 * Once the server is gone (even killed, leaving its lock and socket), the same commands open the
 * database directly again. (A clean stop removes the socket: tests/store/local-server.test.ts.)
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLocalStore, type LocalClientStore } from '../../src/store/local-client.js';
import { localSocketPath } from '../../src/store/local-server.js';
import { readMigrations } from '../../src/store/migrate.js';
import { runScript, startScript, stopScript } from '../support/spawn.js';

const dataDir = mkdtempSync(join(tmpdir(), 'uom-served-'));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' };
const session = 'served-cli-session-0001';
let server: ChildProcess | undefined;
let url = '';
let client: LocalClientStore;

interface Update {
  seq: number;
  payload: { text?: string; buttons?: { payload: string }[] };
}

const uom = (...args: string[]) => runScript('src/cli.ts', args, env, 120_000);

async function post(body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${url}/webchat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session, ...body }),
  });
  return res.status;
}

/** Long-polls the web chat like the page does until a message satisfies `match`. */
async function waitForMessage(after: number, match: (u: Update) => boolean): Promise<{ found: Update; cursor: number }> {
  let cursor = after;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${url}/webchat/api/updates?session=${session}&after=${cursor}`);
    const body = (await res.json()) as { messages: Update[]; cursor: number };
    const found = body.messages.find(match);
    cursor = body.cursor;
    if (found) return { found, cursor };
  }
  throw new Error('no matching message reached the web chat');
}

beforeAll(async () => {
  const started = await startScript('src/main.ts', env, /Ươm is running: open (\S+) /, 120_000);
  server = started.child;
  url = /open (\S+) to chat/.exec(started.stdout())![1]!;
  client = (await connectLocalStore(dataDir))!;
}, 150_000);

afterAll(async () => {
  await client?.close();
  if (server) await stopScript(server);
});

describe('uom while the server holds the embedded database', () => {
  it('shows the queues through the running server', async () => {
    expect(client).toBeTruthy();
    const status = await uom('status');
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(Object.keys(JSON.parse(status.stdout) as object).sort()).toEqual(['inbox', 'outbox', 'outbox_health', 'senders']);
  }, 150_000);

  it('lists the founder\'s ticket and delivers the staff reply to the web chat', async () => {
    const { contact_id } = await client.call<{ contact_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: session, user_id: session,
    });
    await client.call('fx_contact_consent', { args: { contact_id, version: 'test', channel: 'web' } });
    expect(await post({ id: 'ask-person', payload: 'menu:staff', label: 'Gặp cán bộ' })).toBe(202);
    const opened = await waitForMessage(0, (u) => (u.payload.buttons ?? []).some((b) => b.payload === 'handoff:end'));

    const list = await uom('tickets', 'list');
    expect(list.code).toBe(0);
    const row = list.stdout.split('\n').find((line) => /\bweb\b/.test(line) && /\bopen\b/.test(line));
    expect(row).toBeDefined();
    const [ticket] = await client.query<{ number: number }>(
      'select t.number from public.tickets t join public.contacts c on c.id = t.contact_id where c.id = $1', [contact_id],
    );
    expect(row).toContain(String(ticket!.number));

    const reply = await uom('tickets', 'reply', String(ticket!.number), 'Chào bạn, mình là Lan ở trung tâm (CLI-7731).');
    expect(reply.stderr).toBe('');
    expect(reply.code).toBe(0);
    const delivered = await waitForMessage(opened.cursor, (u) => (u.payload.text ?? '').includes('CLI-7731'));
    expect(delivered.found.seq).toBeGreaterThan(opened.cursor);
    const rows = await client.query<{ status: string }>(
      `select status from public.outbox where payload->>'text' like '%CLI-7731%' and channel = 'web'`,
    );
    expect(rows).toEqual([{ status: 'sent' }]);
  }, 240_000);

  it('reports migrations and refuses nothing when none are pending', async () => {
    const status = await uom('db', 'status');
    expect(status.code).toBe(0);
    const lines = status.stdout.trim().split('\n');
    expect(lines).toHaveLength(readMigrations().length);
    expect(lines.every((l) => l.startsWith('applied'))).toBe(true);
    const migrate = await uom('db', 'migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout.trim()).toBe('Database is up to date.');
  }, 240_000);

  it('opens the database directly again once the server is gone, even killed mid-run', async () => {
    // Kill the real server process (not tsx's wrapper): it leaves its lock and socket behind.
    const pid = client.server.pid;
    await client.close();
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(pid, 'SIGKILL');
    await exited;
    server = undefined;
    expect(existsSync(localSocketPath(dataDir))).toBe(true);
    const list = await uom('tickets', 'list', '--all');
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\bweb\b/);
  }, 240_000);
});
