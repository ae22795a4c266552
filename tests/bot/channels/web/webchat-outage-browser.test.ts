/**
 * The web chat never loses a message (Debian's Chromium driven by playwright-core, phone-sized):
 * the server stops mid-conversation for longer than the old page's 7.5 s of retries, the person
 * keeps typing and pressing, the page shows each message as not sent yet (with a retry), and
 * once the server is back every message reaches it exactly once, in order. Messages typed while
 * the server is down survive closing the tab (localStorage), and a POST whose answer is lost is
 * retried and still counted once. Checked in the server's inbox, not only in the DOM.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/logger.js';
import { startServer, type RunningServer } from '../../../../src/server.js';
import type { SqlStore } from '../../../../src/store/store.js';
import { testConfig } from '../../../support/config.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
);
if (!CHROMIUM && process.env.CI) throw new Error('CI must provide Chromium (see .ci/run)');

/** A free loopback port, so the restarted server answers at the page's origin. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.skipIf(!CHROMIUM)('web chat through a server outage', () => {
  let server: RunningServer | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let config: ReturnType<typeof testConfig>;
  const log = createLogger({ level: 'silent' });
  const start = async () => {
    server = await startServer(config, { log });
  };
  const stop = async () => {
    await server!.close();
    server = undefined;
  };

  beforeAll(async () => {
    const port = await freePort();
    config = testConfig({ PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'uom-webchat-')), POLL_INTERVAL_MS: '20' });
    await start();
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const say = async (page: Page, text: string) => {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  };
  const session = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('uom.webchat.v1') ?? '{}') as { session: string }).session);
  const waiting = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('uom.webchat.v1') ?? '{}') as { outbox?: unknown[] }).outbox?.length ?? 0);
  /** What the server received from this session, in arrival order (button payload, text, or kind). */
  const received = async (id: string) => {
    const rows = await (server!.store as SqlStore).query<{ text: string }>(
      `select coalesce(payload->>'payload', payload->>'text', 'kind:' || (payload->>'kind')) as text from public.inbox
        where channel = 'web' and event_id like $1 order by id`,
      [`${id}:%`],
    );
    return rows.map((r) => r.text);
  };

  it('keeps, marks and delivers every message typed while the server is down, once each', async () => {
    const page = await context.newPage();
    await page.goto(config.PORT ? `http://127.0.0.1:${config.PORT}` : '');
    const id = await session(page);

    await say(page, 'xin chào');
    const consent = page.locator('.msg:not(.me) button[data-payload="consent:agree"]');
    await consent.waitFor({ timeout: 30_000 });
    const botMessages = page.locator('.msg:not(.me)');
    const beforeConsent = await botMessages.count();
    await consent.click();
    await expect.poll(() => botMessages.count(), { timeout: 30_000 }).toBeGreaterThan(beforeConsent);
    await say(page, 'tin một');
    await expect.poll(() => received(id), { timeout: 30_000 }).toContain('tin một');

    // The server goes away mid-conversation.
    await stop();
    await say(page, 'tin hai');
    await page.locator('#banner').waitFor({ state: 'visible', timeout: 10_000 });
    const unsent = page.locator('.msg.me.unsent');
    await expect.poll(() => unsent.allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('tin hai')]);
    expect(await unsent.first().locator('button.retry').count()).toBe(1);
    await page.waitForTimeout(9_000); // longer than the 7.5 s after which the old page gave up
    await say(page, 'tin ba');
    const button = page.locator('.msg:not(.me) .buttons button').last();
    const pressedPayload = (await button.getAttribute('data-payload'))!;
    const pressed = (await button.textContent())!;
    await button.click(); // a press while down, too
    await unsent.nth(1).locator('button.retry').click(); // a retry press while down changes nothing
    await expect.poll(() => unsent.count(), { timeout: 15_000 }).toBe(3);
    expect(await waiting(page)).toBe(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0); // the not-sent notes still fit a phone

    await start();
    const back = Date.now();
    await page.locator('#banner').waitFor({ state: 'hidden', timeout: 10_000 });
    const recoveryMs = Date.now() - back;
    console.log(`web chat: banner cleared ${recoveryMs} ms after the server returned`);
    await expect.poll(() => unsent.count(), { timeout: 20_000 }).toBe(0);
    // A message queued behind the first is shown as sending once the connection is back, while it
    // is still on its way: the saved outbox empties a moment after the last mark goes.
    await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe(0);
    const afterOutage = await received(id);
    expect(afterOutage.slice(-4)).toEqual(['tin một', 'tin hai', 'tin ba', pressedPayload]);

    // Typed while down, then the tab is closed: the next visit sends it.
    await stop();
    await say(page, 'tin bốn');
    await expect.poll(() => unsent.count(), { timeout: 10_000 }).toBe(1);
    await page.close();
    await start();
    const second = await context.newPage();
    await second.goto(`http://127.0.0.1:${config.PORT}`);
    expect(await session(second)).toBe(id);
    await expect.poll(() => waiting(second), { timeout: 20_000 }).toBe(0);

    // A POST that reached the server but whose answer was lost is retried and counted once.
    let lost = 0;
    await second.route('**/webchat/api/messages', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await say(second, 'tin năm');
    await expect.poll(() => waiting(second), { timeout: 20_000 }).toBe(0);
    expect(lost).toBeGreaterThanOrEqual(2);

    // Before consent the inbox keeps no text (personal data), only the kind of message.
    expect(await received(id)).toEqual(
      ['kind:text', 'kind:button', 'tin một', 'tin hai', 'tin ba', pressedPayload, 'tin bốn', 'tin năm'],
    );
    const mine = await second.locator('.msg.me').allTextContents();
    for (const text of ['tin một', 'tin hai', 'tin ba', 'tin bốn', 'tin năm', pressed]) {
      expect(mine.filter((m) => m === text)).toHaveLength(1);
    }
    expect(await second.locator('.msg.me.unsent, .msg.me.rejected').count()).toBe(0);
  }, 300_000);
});
