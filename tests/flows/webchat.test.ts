/**
 * The founder flows through the real web chat (HTTP API of src/bot/channels/web, the server's own
 * dispatcher and sender loops): consent, the profile in Vietnamese without diacritics, /me, the
 * programme finder and a survey answer, read back by long polling as the page does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/bot/outbound.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testConfig } from '../support/config.js';
import { pgliteTestStore } from '../support/stores.js';

const SESSION = 'flows-webchat-session-0001';
let server: RunningServer;
let cursor = 0;
let seq = 0;

beforeAll(async () => {
  const store = await pgliteTestStore();
  // The bot's clock runs from a fixed morning, not today: the survey in content/ has its own dates.
  const start = Date.now();
  const clock = () => new Date(Date.parse('2026-12-01T02:00:00Z') + (Date.now() - start));
  server = await startServer(testConfig({ POLL_INTERVAL_MS: '20' }), { store, clock, log: createLogger({ level: 'silent' }) });
});
afterAll(async () => {
  await server?.close();
  await server?.store.close();
});

/** Posts a text (or a button payload) as the page does, then long-polls until `expected` shows up. */
async function send(input: { text?: string; payload?: string }, expected: string): Promise<Outbound[]> {
  const res = await fetch(`${server.url}/webchat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: SESSION, id: `m${++seq}`, locale: 'vi-VN', ...input }),
  });
  expect(res.status).toBe(202);
  const got: Outbound[] = [];
  for (let i = 0; i < 40 && !got.some((m) => m.text.includes(expected)); i++) {
    const poll = await fetch(`${server.url}/webchat/api/updates?session=${SESSION}&after=${cursor}`);
    const body = (await poll.json()) as { messages: { payload: Outbound }[]; cursor: number };
    cursor = body.cursor;
    got.push(...body.messages.map((m) => m.payload));
  }
  expect(got.map((m) => m.text).join('\n')).toContain(expected);
  return got;
}

describe('founder flows in the web chat', () => {
  it('consent, profile, /me, programme finder and a survey answer', async () => {
    const [notice] = await send({ text: 'xin chao' }, 'Nghị định 13/2023/NĐ-CP');
    expect(notice!.buttons?.[0]!.payload).toBe('consent:agree');
    await send({ payload: 'consent:agree' }, 'Bạn tên là gì?');
    await send({ text: 'Vi Van Hung' }, 'Dự án / startup');
    await send({ text: 'Mien Dong Xanh' }, 'giai đoạn');
    await send({ text: 'y tuong' }, 'lĩnh vực');
    await send({ text: '1' }, 'tỉnh/thành phố');
    await send({ text: 'lang son' }, 'Số điện thoại');
    const [hint] = await send({ text: '12345' }, 'Số điện thoại chưa đúng');
    expect(hint!.text).toContain('0912 345 678');
    await send({ text: '0987.654.321' }, 'Email');
    await send({ payload: 'flow:_:skip' }, 'Bạn kiểm tra lại');
    await send({ text: 'dung roi' }, 'Đã lưu hồ sơ');
    await send({ text: '/me' }, '0987 654 321');

    await send({ payload: 'menu:programmes' }, 'đặc điểm');
    const [list] = await send({ text: 'bo qua' }, '⭐');
    expect(list!.buttons?.map((b) => b.payload)).toContain('programme:view:lang-son-coworking');

    await send({ payload: 'menu:surveys' }, 'Các khảo sát đang mở');
    await send({ payload: 'survey:start:support-needs' }, '(1/12)');
    await send({ text: '1' }, '(2/');
    const rows = await server.store.call<{ answers: Record<string, unknown> }[]>('survey_export', { survey_id: 'support-needs' });
    expect(rows.map((r) => r.answers)).toEqual([{ role: 'founder' }]);
  });
});
