/**
 * The client side of `local-server.ts`: a `Store` that runs every call through the server that
 * holds the embedded database, over its Unix socket. `uom` commands use it when the directory
 * lock is held by a running server; errors come back as the same typed `StoreError`s.
 *
 * @example
 * const store = await connectLocalStore('./data'); // null when no server answers
 * if (store) console.log(await store.call('queue_stats'));
 */
import { Agent, request } from 'node:http';
import {
  ConflictError,
  ForbiddenError,
  InvalidArgumentError,
  NotFoundError,
  StoreError,
  UnavailableError,
  type StoreErrorCode,
} from './errors.js';
import { localSocketPath } from './local-server.js';
import { clockSetting, systemClock, type Clock, type SqlStore } from './store.js';

export interface LocalServerInfo {
  pid: number;
  kind: string;
}

interface Reply {
  status: number;
  body: { result?: unknown; rows?: unknown[]; pid?: number; kind?: string; error?: { code?: string; message?: string; sqlState?: string } };
}

const ERROR_CLASSES: Record<string, new (code: StoreErrorCode, message: string, sqlState?: string) => StoreError> = {
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  INVALID: InvalidArgumentError,
  FORBIDDEN: ForbiddenError,
  UNAVAILABLE: UnavailableError,
};

/** A store whose calls the running server executes (see `local-server.ts`). */
export class LocalClientStore implements SqlStore {
  readonly kind = 'embedded' as const;

  constructor(
    readonly socketPath: string,
    /** The server process that holds the database. */
    readonly server: LocalServerInfo,
    /** The command's clock; sent with every call so the server runs it at this time. */
    readonly clock: Clock = systemClock,
    private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 }),
  ) {}

  withClock(clock: Clock): LocalClientStore {
    return new LocalClientStore(this.socketPath, this.server, clock, this.agent);
  }

  async call<T = unknown>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
    const reply = await this.send('POST', '/v1/call', { fn, args: withoutUndefined(args), now: clockSetting(this.clock) });
    return reply.body.result as T;
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const reply = await this.send('POST', '/v1/query', { sql, params });
    return (reply.body.rows ?? []) as R[];
  }

  /** Refused: raw writes would run behind the bot's back (migrations are applied at its start). */
  async exec(): Promise<void> {
    throw new ForbiddenError(
      'FORBIDDEN',
      `the database is served by the running server (process ${this.server.pid}); stop it to run SQL scripts`,
    );
  }

  async ping(): Promise<boolean> {
    try {
      await this.send('GET', '/v1/info');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  /** One HTTP exchange over the socket; a refused connection is `UnavailableError`. */
  send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
    return exchange(this.socketPath, method, path, body, this.agent).then((reply) => {
      if (reply.status >= 200 && reply.status < 300) return reply;
      const e = reply.body.error ?? {};
      const Class = ERROR_CLASSES[e.code ?? ''] ?? StoreError;
      const code = (Class === StoreError ? 'UNKNOWN' : e.code) as StoreErrorCode;
      throw new Class(code, e.message ?? `local server answered ${reply.status}`, e.sqlState);
    });
  }
}

/**
 * Connects to the server that holds the embedded database in `dataDir`; null when none answers
 * (no socket, or a socket left by a crashed process).
 */
export async function connectLocalStore(dataDir: string): Promise<LocalClientStore | null> {
  const path = localSocketPath(dataDir);
  try {
    const reply = await exchange(path, 'GET', '/v1/info');
    if (reply.status !== 200 || typeof reply.body.pid !== 'number') return null;
    return new LocalClientStore(path, { pid: reply.body.pid, kind: String(reply.body.kind) });
  } catch (error) {
    if (error instanceof UnavailableError) return null;
    throw error;
  }
}

function exchange(socketPath: string, method: string, path: string, body?: unknown, agent?: Agent): Promise<Reply> {
  const text = body === undefined ? undefined : JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method,
        path,
        ...(agent ? { agent } : {}),
        headers: text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new UnavailableError('UNAVAILABLE', `local server: ${e.message}`)));
        res.on('end', () => {
          let parsed: Reply['body'];
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['body'];
          } catch {
            return reject(new StoreError('UNKNOWN', `local server answered ${res.statusCode} without JSON`));
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(new UnavailableError('UNAVAILABLE', `cannot reach the running server at ${socketPath} (${e.code ?? e.message})`, e.code)),
    );
    req.end(text);
  });
}

function withoutUndefined(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) if (value !== undefined) out[key] = value;
  return out;
}
