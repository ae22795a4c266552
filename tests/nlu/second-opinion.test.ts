/**
 * The LLM second opinion through the real `openai` client against a loopback OpenAI-compatible
 * fake that answers with a tool call (OpenAI API reference: `choices[0].message.tool_calls[]`
 * `{id, type: 'function', function: {name, arguments}}`, `finish_reason: 'tool_calls'`): used only
 * when the offline model is unsure, and the offline answer is kept on errors, timeouts and
 * answers outside the schema.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNlu, type ExplainableNlu } from '../../src/nlu/index.js';
import { createSecondOpinion, secondOpinionFromConfig, understandWithSecondOpinion } from '../../src/nlu/second-opinion.js';
import { sendJson, startFakeServer, type FakeServer } from '../fakes/http-server.js';

type Mode = 'ok' | 'fail' | 'slow' | 'outside-schema';
let mode: Mode = 'ok';
let toolArguments: Record<string, unknown> = {};
let fake: FakeServer;
let nlu: ExplainableNlu;
// Asks for a second opinion on every message: the fallback paths do not depend on which message
// the trained model happens to hesitate about.
let unsureNlu: ExplainableNlu;
const now = new Date('2026-12-01T02:00:00Z');

beforeAll(async () => {
  nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
  unsureNlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh', settings: { threshold: 1.01 } });
  fake = await startFakeServer(async (req, res) => {
    if (req.headers.authorization !== 'Bearer test-key') return sendJson(res, 401, { error: { message: 'bad key', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    if (mode === 'fail') return sendJson(res, 500, { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } });
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 1500));
    const body = JSON.parse(req.body) as { tools: { function: { name: string } }[] };
    const args = mode === 'outside-schema' ? { intent: 'order_pizza', slots: {} } : toolArguments;
    return sendJson(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'fake',
      choices: [{
        index: 0,
        message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: body.tools[0]!.function.name, arguments: JSON.stringify(args) } }] },
        finish_reason: 'tool_calls',
        logprobs: null,
      }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  mode = 'ok';
  toolArguments = { intent: 'booking_new', slots: { space: 'hall', code: 'AB12CD' } };
  fake.requests.length = 0;
});

const second = () => createSecondOpinion({ apiKey: 'test-key', baseUrl: `${fake.url}/v1`, model: 'fake', timeoutMs: 500 });
const noisy = 'ừm cái vụ hôm bữa á, phòng họp mã KN45TQ';

describe('LLM second opinion', () => {
  it('is off without a key', () => {
    expect(secondOpinionFromConfig({ OPENAI_CHAT_MODEL: 'gpt-4o-mini' })).toBeUndefined();
  });

  it('is not asked when the offline model is sure', async () => {
    const u = await understandWithSecondOpinion(nlu, second(), 'hủy lịch KN45TQ', { now });
    expect(u.source).toBe('offline');
    expect(u.intent).toBe('booking_cancel');
    expect(fake.requests).toHaveLength(0);
  });

  it('settles an unsure message with a tool call in the same schema, keeping offline slots first', async () => {
    expect(unsureNlu.understand(noisy, { now }).unsure).toBe(true);
    const u = await understandWithSecondOpinion(unsureNlu, second(), noisy, { now });
    expect(u.source).toBe('llm');
    expect(u.intent).toBe('booking_new');
    // The offline parsers found the space and the code; the LLM's disagreeing values do not win.
    expect(u.slots).toMatchObject({ space: 'meeting-room', code: 'KN45TQ' });
    expect(fake.requests).toHaveLength(1);
    const sent = JSON.parse(fake.requests[0]!.body) as { tools: { function: { parameters: { properties: { intent: { enum: string[] } } } } }[] };
    expect(sent.tools[0]!.function.parameters.properties.intent.enum).toContain('kb_question');
  });

  it.each(['fail', 'slow', 'outside-schema'] as const)('falls back to the offline answer when the LLM is %s', async (m) => {
    mode = m;
    const errors: Error[] = [];
    const offline = unsureNlu.understand(noisy, { now });
    const u = await understandWithSecondOpinion(unsureNlu, second(), noisy, { now, onError: (e) => errors.push(e) });
    expect(u.source).toBe('offline');
    expect(u.intent).toBe(offline.intent);
    expect(u.slots).toEqual(offline.slots);
    expect(errors[0]).toMatchObject({ code: 'NLU_LLM_FAILED' });
  });
});
