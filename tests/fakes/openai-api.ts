/**
 * A loopback fake of an OpenAI-compatible API, driven through the real `openai` package
 * (`baseURL: <fake>/v1`). Follows the OpenAI API reference (platform.openai.com/docs/api-reference):
 * - `POST /v1/embeddings` `{model, input: string | string[], encoding_format?: 'float' | 'base64'}`
 *   → `{object: 'list', data: [{object: 'embedding', index, embedding}], model, usage}`; with
 *   `base64` (the `openai` package's default) each embedding is the base64 of little-endian float32s;
 * - `POST /v1/chat/completions` `{model, messages, temperature?}` → `{id, object: 'chat.completion',
 *   created, model, choices: [{index: 0, message: {role: 'assistant', content, refusal: null},
 *   finish_reason: 'stop', logprobs: null}], usage}`;
 * - `Authorization: Bearer <key>` is required: a wrong key gets 401
 *   `{error: {message, type: 'invalid_request_error', param: null, code: 'invalid_api_key'}}`.
 *
 * It is deterministic. Embeddings are hashed bags of folded words and syllable pairs (texts
 * sharing words are close). The chat "model" answers from the `<source n="…">` blocks of the
 * last user message: the source sentence sharing the most words with the question, cited as
 * `[n]`, or `NO_ANSWER` when nothing shares two words. Like a naive model, it obeys an
 * "ignore previous instructions" line found OUTSIDE the source blocks (so a test can show the
 * prompt keeps document text inside them) and then replies `HACKED` without a citation.
 * `failChat` / `failEmbeddings` make the endpoint answer 500 (a server in trouble).
 */
import { createHash } from 'node:crypto';
import { fold } from '../../src/nlu/fold.js';
import { sendJson, startFakeServer, type FakeServer } from './http-server.js';

export const FAKE_EMBEDDING_DIMENSIONS = 64;

export interface FakeOpenAi extends FakeServer {
  /** The base URL to give the client (`OPENAI_BASE_URL`). */
  baseUrl: string;
  failChat: boolean;
  failEmbeddings: boolean;
  /** Replaces the chat model's answer (e.g. to return something uncited). */
  chatOverride?: (messages: { role: string; content: string }[]) => string;
}

const words = (text: string) => fold(text).match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length > 1) ?? [];

/** A deterministic unit vector for a text. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  const ws = words(text);
  const features = [...ws, ...ws.slice(1).map((w, i) => `${ws[i]} ${w}`)];
  for (const f of features) {
    const h = createHash('md5').update(f).digest();
    v[h[0]! % FAKE_EMBEDDING_DIMENSIONS]! += h[1]! % 2 ? 1 : -1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function toBase64(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

/** The naive model described in the module comment. */
function fakeAnswer(messages: { role: string; content: string }[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const blocks = [...user.matchAll(/<source n="(\d+)"[^>]*>([\s\S]*?)<\/source>/g)];
  const outside = [messages.filter((m) => m.role !== 'user').map((m) => m.content).join('\n'), user.replace(/<source n="\d+"[^>]*>[\s\S]*?<\/source>/g, '')].join('\n');
  if (/ignore (all )?previous instructions/i.test(outside)) return 'HACKED';
  const question = /Question:\s*([\s\S]*)$/.exec(user)?.[1] ?? '';
  const asked = new Set(words(question).filter((w) => w.length > 2));
  let best = { score: 0, sentence: '', n: '' };
  for (const [, n, text] of blocks) {
    for (const sentence of text!.split(/(?<=[.!?])\s+|\n/)) {
      const score = new Set(words(sentence).filter((w) => asked.has(w))).size;
      if (score > best.score) best = { score, sentence: sentence.trim(), n: n! };
    }
  }
  return best.score >= 2 ? `${best.sentence} [${best.n}]` : 'NO_ANSWER';
}

export async function startFakeOpenAi(apiKey = 'test-key'): Promise<FakeOpenAi> {
  // The handler reads its switches from the returned object, which tests change.
  const state: Pick<FakeOpenAi, 'failChat' | 'failEmbeddings' | 'chatOverride'> = { failChat: false, failEmbeddings: false };
  const server = await startFakeServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
      });
    }
    const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
    const path = req.path.split('?')[0];
    if (req.method === 'POST' && path === '/v1/embeddings') {
      if (state.failEmbeddings) return sendJson(res, 500, { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } });
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const base64 = body.encoding_format === 'base64';
      return sendJson(res, 200, {
        object: 'list',
        data: input.map((text, index) => {
          const e = fakeEmbedding(text);
          return { object: 'embedding', index, embedding: base64 ? toBase64(e) : e };
        }),
        model: body.model,
        usage: { prompt_tokens: input.join(' ').length, total_tokens: input.join(' ').length },
      });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      if (state.failChat) return sendJson(res, 500, { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } });
      const messages = body.messages as { role: string; content: string }[];
      const content = state.chatOverride ? state.chatOverride(messages) : fakeAnswer(messages);
      return sendJson(res, 200, {
        id: `chatcmpl-fake${server.requests.length}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    return sendJson(res, 404, { error: { message: `Unknown request URL: ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
  });
  const fake = server as FakeOpenAi;
  fake.baseUrl = `${server.url}/v1`;
  Object.defineProperties(fake, {
    failChat: { get: () => state.failChat, set: (v: boolean) => (state.failChat = v) },
    failEmbeddings: { get: () => state.failEmbeddings, set: (v: boolean) => (state.failEmbeddings = v) },
    chatOverride: { get: () => state.chatOverride, set: (f: FakeOpenAi['chatOverride']) => (state.chatOverride = f) },
  });
  return fake;
}
