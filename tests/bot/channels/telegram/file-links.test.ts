/**
 * Signed links to Telegram files: a staff member's photo reaches founders on other platforms
 * through our server, never through a URL with the bot token in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFileLink, telegramFileUrl, verifyFileLink } from '../../../../src/bot/channels/telegram/file-links.js';
import { staffToFounder } from '../../../../src/staff/handoff/relay.js';
import type { Inbound } from '../../../../src/bot/inbound.js';
import { loadMessages, translator } from '../../../../src/content/messages.js';
import { createLogger } from '../../../../src/logger.js';
import { startServer, type RunningServer } from '../../../../src/server.js';
import { fakeFileBytes, startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram-bot-api.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';

const TOKEN = '7000009:file-token';
const NOW = new Date('2026-12-01T03:00:00Z');

describe('file links', () => {
  it('verify only untampered, unexpired links', () => {
    const url = new URL(signFileLink(TOKEN, 'AgAC-photo', NOW), 'http://x');
    const fileId = decodeURIComponent(url.pathname.split('/').pop()!);
    expect(verifyFileLink(TOKEN, fileId, url.searchParams, NOW)).toBe('ok');
    expect(verifyFileLink(TOKEN, 'another-file', url.searchParams, NOW)).toBe('forged');
    expect(verifyFileLink('other:token', fileId, url.searchParams, NOW)).toBe('forged');
    const later = new Date(NOW.getTime() + 8 * 24 * 3600 * 1000);
    expect(verifyFileLink(TOKEN, fileId, url.searchParams, later)).toBe('expired');
    expect(url.toString()).not.toContain(TOKEN);
  });

  it('give the web chat a path and other platforms an absolute URL only with PUBLIC_URL', () => {
    const config = testConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(telegramFileUrl(config, 'f1', 'web', NOW)).toMatch(/^\/files\/telegram\/f1\?exp=\d+&sig=[0-9a-f]{64}$/);
    expect(telegramFileUrl(config, 'f1', 'zalo', NOW)).toBeUndefined();
    const pub = testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.vn/', TELEGRAM_WEBHOOK_SECRET: 's' });
    expect(telegramFileUrl(pub, 'f1', 'zalo', NOW)).toMatch(/^https:\/\/bot\.example\.vn\/files\/telegram\/f1\?/);
  });

  it('let the staff relay send a staff photo to a founder on Zalo as a signed link', () => {
    const t = translator(loadMessages('content'), 'vi');
    const photo = {
      channel: 'telegram', eventId: '1', chatId: '-100', userId: '5', chatType: 'group',
      kind: 'image', file: { fileId: 'AgAC-photo' }, caption: 'Mẫu hồ sơ',
    } as Inbound;
    const pub = testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.vn', TELEGRAM_WEBHOOK_SECRET: 's' });
    const out = staffToFounder(photo, 'zalo', t, undefined, (id, to) => telegramFileUrl(pub, id, to, NOW));
    expect(out?.image?.url).toMatch(/^https:\/\/bot\.example\.vn\/files\/telegram\/AgAC-photo\?exp=/);
    expect(out?.text).toContain('Mẫu hồ sơ');
    // Without a way to link the file, the founder is told a file was sent instead.
    expect(staffToFounder(photo, 'zalo', t)?.image).toBeUndefined();
  });
});

describe('file route', () => {
  let fake: FakeTelegram;
  let server: RunningServer;
  beforeAll(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollWaitMs: 200 });
    server = await startServer(testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }), {
      store: await pgliteTestStore(),
      log: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await server?.store.close();
    await fake?.close();
  });

  it('serves the file behind a valid link and refuses forged or expired ones', async () => {
    const path = signFileLink(TOKEN, 'AgAC-photo', new Date());
    const ok = await fetch(`${server.url}${path}`);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(fakeFileBytes('documents/AgAC-photo'));
    expect(fake.callsTo('getFile').at(-1)!.params).toMatchObject({ file_id: 'AgAC-photo' });

    const forged = await fetch(`${server.url}${path.replace('AgAC-photo', 'AgAC-other')}`);
    expect(forged.status).toBe(403);
    const old = signFileLink(TOKEN, 'AgAC-photo', new Date(Date.now() - 30 * 24 * 3600 * 1000));
    expect((await fetch(`${server.url}${old}`)).status).toBe(410);
  });

  it('shows only images and PDFs inline; HTML, SVG and the rest download as octet-stream attachments', async () => {
    const get = (fileId: string) => fetch(`${server.url}${signFileLink(TOKEN, fileId, new Date())}`);
    const photo = await get('AgAC-photo.jpg');
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-disposition')).toMatch(/^inline; filename="AgAC-photo\.jpg"/);
    for (const fileId of ['evil.html', 'evil.svg', 'script.js']) {
      const res = await get(fileId);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
    }
  });

  it('answers 400, not 500, to a file link that is not valid percent-encoding', async () => {
    const res = await fetch(`${server.url}/files/telegram/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
