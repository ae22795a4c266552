/**
 * A small HTTP router on `node:http`. Webhooks need the raw request bytes (Zalo signs them), a
 * hard size limit (413 before parsing), and answers that never leak a stack trace; a framework
 * would add little beyond that.
 *
 * @example
 * const http = new HttpRouter();
 * http.get('/healthz', async () => ({ status: 200, json: { ok: true } }));
 * createServer((req, res) => http.handle(req, res));
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { BASE_SECURITY_HEADERS, htmlContentSecurityPolicy } from './security-headers.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MB: no platform sends more in one webhook.

export interface HttpRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (empty for GET). */
  body: Buffer;
  raw: IncomingMessage;
  /** Parses the body as JSON or throws `HttpError(400)`. */
  json<T = unknown>(): T;
  header(name: string): string | undefined;
}

export interface HttpReply {
  status: number;
  json?: unknown;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

/** A handler returns a reply, or `undefined` when it wrote to `res` itself (SSE, botbuilder). */
export type HttpHandler = (req: HttpRequest, res: ServerResponse) => Promise<HttpReply | undefined | void>;

/** An error with an HTTP status and a stable code, safe to show to the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. `retry-after` on 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

interface Route {
  method: string;
  path: string;
  prefix: boolean;
  handler: HttpHandler;
  bodyLimit: number;
}

export interface RouteOptions {
  /** Largest accepted body in bytes; larger requests get 413. */
  bodyLimit?: number;
  /** Match every path that starts with `path`. */
  prefix?: boolean;
}

export class HttpRouter {
  private readonly routes: Route[] = [];
  constructor(private readonly log?: Logger) {}

  get(path: string, handler: HttpHandler, options: RouteOptions = {}): this {
    return this.add('GET', path, handler, options);
  }

  post(path: string, handler: HttpHandler, options: RouteOptions = {}): this {
    return this.add('POST', path, handler, options);
  }

  add(method: string, path: string, handler: HttpHandler, options: RouteOptions = {}): this {
    this.routes.push({
      method,
      path,
      prefix: options.prefix ?? false,
      handler,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    });
    return this;
  }

  /** The `node:http` request listener. */
  async handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    // On every response, also those a handler writes itself (files, SSE, botbuilder).
    for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
    let url: URL;
    try {
      url = new URL(raw.url ?? '/', 'http://localhost');
    } catch {
      send(res, { status: 400, json: { error: 'bad_url', message: 'The request URL cannot be read' } });
      return;
    }
    const method = raw.method === 'HEAD' ? 'GET' : (raw.method ?? 'GET');
    const matches = this.routes.filter((r) => (r.prefix ? url.pathname.startsWith(r.path) : url.pathname === r.path));
    const route = matches.find((r) => r.method === method);
    try {
      if (!route) {
        throw matches.length > 0
          ? new HttpError(405, 'method_not_allowed', 'Method not allowed')
          : new HttpError(404, 'not_found', 'Not found');
      }
      const body = method === 'GET' ? Buffer.alloc(0) : await readBody(raw, route.bodyLimit);
      const request: HttpRequest = {
        method,
        url,
        headers: raw.headers,
        body,
        raw,
        header: (name) => {
          const v = raw.headers[name.toLowerCase()];
          return Array.isArray(v) ? v[0] : v;
        },
        json: <T>() => {
          try {
            return JSON.parse(body.toString('utf8')) as T;
          } catch {
            throw new HttpError(400, 'malformed_json', 'The request body is not valid JSON');
          }
        },
      };
      const reply = await route.handler(request, res);
      if (reply) send(res, reply);
    } catch (error) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof HttpError) {
        if (error.status === 413) res.setHeader('connection', 'close');
        send(res, { status: error.status, json: { error: error.code, message: error.message }, headers: error.headers });
      } else {
        this.log?.error({ err: error, path: url.pathname }, 'request failed');
        send(res, { status: 500, json: { error: 'internal', message: 'Internal error' } });
      }
    }
  }
}

/** Reads the whole body, rejecting with 413 as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new HttpError(413, 'payload_too_large', `Request body over ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'payload_too_large', `Request body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: HttpReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | undefined;
  if (reply.json !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    body = JSON.stringify(reply.json);
  } else if (reply.html !== undefined) {
    headers['content-type'] ??= 'text/html; charset=utf-8';
    headers['content-security-policy'] ??= htmlContentSecurityPolicy(reply.html);
    body = reply.html;
  } else if (reply.text !== undefined) {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    body = reply.text;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}
