/**
 * The running server's embedded database, served to local `uom` commands over a Unix socket:
 * typed errors come back as the direct driver's, raw SQL is read only, the socket is private,
 * and a client's call never runs inside the bot's own transaction (the reason we do not serve
 * the Postgres wire protocol with pglite-socket; see src/store/local-server.ts).
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidArgumentError, NotFoundError, StoreError } from '../../src/store/errors.js';
import { connectLocalStore, type LocalClientStore } from '../../src/store/local-client.js';
import { localSocketPath, serveStoreLocally, type LocalStoreServer } from '../../src/store/local-server.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

let store: PgliteStore;
let served: LocalStoreServer;
let client: LocalClientStore;
const dataDir = mkdtempSync(join(tmpdir(), 'uom-local-'));
const calls: string[] = [];

beforeAll(async () => {
  store = await pgliteTestStore();
  served = await serveStoreLocally({ store, dataDir, onCall: (fn) => calls.push(fn) });
  client = (await connectLocalStore(dataDir))!;
});

afterAll(async () => {
  await client?.close();
  await served?.close();
  await store?.close();
});

describe('local store server', () => {
  it('listens on a socket only its owner may open, and names the serving process', () => {
    expect(served.path).toBe(localSocketPath(dataDir));
    expect(statSync(served.path).mode & 0o777).toBe(0o600);
    expect(client.server.pid).toBe(process.pid);
  });

  it('runs function calls through the server and tells it (so it can wake its sender)', async () => {
    const { contact_id } = await client.call<{ contact_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: 'local-client-session-1', user_id: 'local-client-session-1',
    });
    expect(contact_id).toBeGreaterThan(0);
    const [row] = await store.query<{ chat_id: string }>('select chat_id from public.conversations where contact_id = $1', [contact_id]);
    expect(row!.chat_id).toBe('local-client-session-1');
    expect(calls).toContain('conversation_ensure');
    expect(await client.ping()).toBe(true);
  });

  it('returns the same typed errors as the direct driver', async () => {
    await expect(client.call('no_such_function')).rejects.toBeInstanceOf(NotFoundError);
    const direct = await store.call('fx_contact_consent', { args: { contact_id: 'x' } }).catch((e: unknown) => e);
    const remote = await client.call('fx_contact_consent', { args: { contact_id: 'x' } }).catch((e: unknown) => e);
    expect(remote).toBeInstanceOf(StoreError);
    expect((remote as StoreError).code).toBe((direct as StoreError).code);
    expect((remote as StoreError).sqlState).toBe((direct as StoreError).sqlState);
    await expect(client.call('Bad Name!')).rejects.toBeInstanceOf(StoreError);
  });

  it('answers raw SQL read only and refuses scripts', async () => {
    const rows = await client.query<{ n: number }>('select count(*)::int as n from public.conversations where chat_id = $1', ['local-client-session-1']);
    expect(rows).toEqual([{ n: 1 }]);
    await expect(client.query('delete from public.conversations')).rejects.toThrow(/read-only/);
    const [after] = await store.query<{ n: number }>('select count(*)::int as n from public.conversations');
    expect(after!.n).toBeGreaterThan(0);
    await expect(client.exec()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers malformed requests with 400 and stays up', async () => {
    await expect(client.send('POST', '/v1/call', { fn: 42 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.send('GET', '/v1/nothing')).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.ping()).toBe(true);
  });

  it("never runs a client's call inside the bot's open transaction", async () => {
    let pending: Promise<unknown> | undefined;
    let settled = false;
    await store.db
      .transaction(async (tx) => {
        await tx.query(`select public.conversation_ensure(p_channel => 'web', p_chat_id => 'bot-tx-session-00001', p_user_id => 'bot-tx-session-00001')`);
        pending = client
          .call('conversation_ensure', { channel: 'web', chat_id: 'client-during-tx-0001', user_id: 'client-during-tx-0001' })
          .finally(() => (settled = true));
        await new Promise((r) => setTimeout(r, 300));
        // Over pglite-socket the call would have run (and finished) inside this transaction.
        expect(settled).toBe(false);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    await pending;
    const rows = await store.query<{ chat_id: string }>(
      `select chat_id from public.conversations where chat_id in ('bot-tx-session-00001', 'client-during-tx-0001')`,
    );
    expect(rows.map((r) => r.chat_id)).toEqual(['client-during-tx-0001']);
  });

  it('is gone when the server closes, and a client then finds nothing to connect to', async () => {
    const other = mkdtempSync(join(tmpdir(), 'uom-local-'));
    const second = await serveStoreLocally({ store, dataDir: other });
    expect(await connectLocalStore(other)).not.toBeNull();
    await second.close();
    expect(existsSync(localSocketPath(other))).toBe(false);
    expect(await connectLocalStore(other)).toBeNull();
  });
});
