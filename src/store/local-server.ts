/**
 * Serves the embedded database of a running server to local `uom` commands, so staff never stop
 * the bot to answer a ticket. It is a small HTTP API on a Unix socket in `DATA_DIR` (mode 0600:
 * only the account that owns the database files may connect, the same people who could read
 * those files anyway; nothing listens on the network).
 *
 * Why not `@electric-sql/pglite-socket` (the Postgres wire protocol on a socket)? It runs each
 * protocol message under PGlite's query lock only, while the bot's own `db.query`/`db.transaction`
 * run under its transaction lock. So a client's Parse/Bind/Execute can be split by a bot query
 * (both use the unnamed statement), a client's `BEGIN … COMMIT` can swallow the bot's writes (and
 * roll them back), and the bot's transactions can swallow a client's statement (tried with
 * pglite-socket 0.2.17 and PGlite 0.5.14: a client's INSERT sent during the bot's transaction
 * returned success and vanished when the bot rolled back). Here every
 * request is ONE whole operation run through the server's own store: a function call (one
 * autocommit statement) or a read-only query in its own transaction. PGlite's lock serialises it
 * with the bot's work; no transaction or statement state ever crosses two requests.
 *
 * Routes (JSON bodies): `GET /v1/info` → `{ pid, kind }`; `POST /v1/call` `{ fn, args, now }` →
 * `{ result }`; `POST /v1/query` `{ sql, params }` → `{ rows }` (read only). Errors come back as
 * `{ error: { code, message, sqlState } }` with the `StoreError` code, so the client rethrows the
 * same typed error the direct driver would.
 *
 * @example
 * const local = await serveStoreLocally({ store, dataDir: config.DATA_DIR, onCall: () => bot.services.wakeSender() });
 * // … `uom tickets reply 12 "…"` now works while the server runs …
 * await local.close();
 */
import { chmodSync, existsSync, lstatSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { StoreError, toStoreError } from './errors.js';
import type { PgliteStore } from './pglite-driver.js';
import { isSqlFunctionName } from './store.js';

export const LOCAL_SOCKET_NAME = 'uom.sock';
/** Longest body a local client may send (a knowledge-base import sends whole documents). */
export const LOCAL_BODY_LIMIT = 64 * 1024 * 1024;
/** Linux limits a Unix socket path to 107 bytes. */
const MAX_SOCKET_PATH = 107;

/** Where the running server listens for local clients of the database in `dataDir`. */
export function localSocketPath(dataDir: string): string {
  return join(resolve(dataDir), LOCAL_SOCKET_NAME);
}

export interface LocalStoreServerOptions {
  store: PgliteStore;
  dataDir: string;
  /** Called after every successful call, e.g. to wake the sender so a queued reply goes out now. */
  onCall?: (fn: string) => void;
}

export interface LocalStoreServer {
  readonly path: string;
  close(): Promise<void>;
}

const callSchema = z.object({
  fn: z.string().min(1).max(63).refine(isSqlFunctionName, 'not a declared SQL function'),
  args: z.record(z.string(), z.unknown()).optional(),
  /** The command's clock (ISO 8601), so `UOM_NOW` and the CLI's time hold through the server too. */
  now: z.iso.datetime({ offset: true }).optional(),
});

const querySchema = z.object({
  sql: z.string().min(1).max(100_000),
  params: z.array(z.unknown()).max(1000).optional(),
});

class BadRequest extends Error {}

/** Listens on `<dataDir>/uom.sock`; the caller must hold the directory lock (the socket is its). */
export async function serveStoreLocally(options: LocalStoreServerOptions): Promise<LocalStoreServer> {
  const path = localSocketPath(options.dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new StoreError('INVALID', `DATA_DIR is too long for a local socket (${path}); choose a shorter path`);
  }
  // A socket left by a crashed server: we hold the lock now, so it is ours to replace.
  if (existsSync(path) && lstatSync(path).isSocket()) rmSync(path, { force: true });
  const server = createServer((req, res) => void handle(options, req, res));
  // Staff commands may run for minutes (a large import); never cut them off half-way.
  server.requestTimeout = 0;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      done();
    });
  });
  chmodSync(path, 0o600);
  let closed = false;
  return {
    path,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      rmSync(path, { force: true });
    },
  };
}

async function handle(options: LocalStoreServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method === 'GET' && req.url === '/v1/info') {
      return reply(res, 200, { pid: process.pid, kind: options.store.kind });
    }
    if (req.method === 'POST' && req.url === '/v1/call') {
      const { fn, args, now } = parse(callSchema, await readJson(req));
      const store = now ? options.store.withClock(() => new Date(now)) : options.store;
      const result = await store.call(fn, args);
      options.onCall?.(fn);
      return reply(res, 200, { result: result ?? null });
    }
    if (req.method === 'POST' && req.url === '/v1/query') {
      const { sql, params } = parse(querySchema, await readJson(req));
      // Its own read-only transaction: a client cannot change data behind the bot's back, and
      // the connection's queue keeps the bot's queries out of it.
      const rows = await options.store.readOnlyQuery(sql, params ?? []);
      return reply(res, 200, { rows });
    }
    return reply(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` } });
  } catch (error) {
    if (error instanceof BadRequest) return reply(res, 400, { error: { code: 'INVALID', message: error.message } });
    const e = toStoreError(error);
    return reply(res, e.code === 'UNKNOWN' ? 500 : 422, { error: { code: e.code, message: e.message, sqlState: e.sqlState } });
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BadRequest(parsed.error.issues[0]?.message ?? 'invalid request');
  return parsed.data;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LOCAL_BODY_LIMIT) throw new BadRequest('request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('request body is not JSON');
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
