/**
 * The web chat in a real browser (Debian's Chromium driven by playwright-core), on a phone-sized
 * screen: type a greeting, press a button, see the answer; a reload keeps the conversation.
 * CI installs Chromium (.ci/run); elsewhere the test is skipped when no Chromium is found.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/logger.js';
import { startServer, type RunningServer } from '../../../../src/server.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
);
if (!CHROMIUM && process.env.CI) throw new Error('CI must provide Chromium (see .ci/run)');

describe.skipIf(!CHROMIUM)('web chat in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    const store = await pgliteTestStore();
    server = await startServer(testConfig({ POLL_INTERVAL_MS: '20' }), { store, log: createLogger({ level: 'silent' }) });
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await server?.store.close();
  });

  it('talks with the bot: greeting, a button press, the answer, and a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true });
    const page = await context.newPage();
    await page.goto(server.url);

    await page.fill('#text', 'xin chào');
    await page.press('#text', 'Enter');
    const firstButtons = page.locator('.msg:not(.me) .buttons button');
    await firstButtons.first().waitFor({ timeout: 15_000 });
    const botMessages = page.locator('.msg:not(.me)');
    const before = await botMessages.count();
    expect(before).toBeGreaterThan(0);

    const label = (await firstButtons.first().textContent())!;
    await firstButtons.first().click();
    await expect.poll(() => botMessages.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await page.locator('.msg.me').last().textContent()).toBe(label);

    // The layout fits a phone: no horizontal scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    const transcript = await page.locator('.msg').allTextContents();
    await page.reload();
    await page.locator('.msg').first().waitFor();
    expect(await page.locator('.msg').allTextContents()).toEqual(transcript);
    await context.close();
  });

  it('follows the language the founder typed for: the page switches with the bot', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.fill('#text', 'switch to english please');
    await page.press('#text', 'Enter');
    await expect.poll(() => page.getAttribute('html', 'lang'), { timeout: 15_000 }).toBe('en');
    expect(await page.locator('#lang').textContent()).toBe('VI');
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });
});
