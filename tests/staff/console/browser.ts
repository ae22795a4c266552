/**
 * Chromium for console browser tests (Debian's chromium driven by playwright-core, as the web
 * chat test does), and screenshots for docs/screenshots when CONSOLE_SCREENSHOTS names a folder.
 *
 * @example
 * const browser = await launchChromium();
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
);
if (!CHROMIUM && process.env.CI) throw new Error('CI must provide Chromium (see .ci/run)');

/** Launches headless Chromium with no network beyond loopback needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM!,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 860 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A browser context for a staff member: the session cookie set, in `locale`. */
export async function staffContext(browser: Browser, url: string, cookie: string, device: typeof DESKTOP | typeof PHONE, locale = 'vi-VN'): Promise<BrowserContext> {
  const context = await browser.newContext({ ...device, locale });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url, httpOnly: true, sameSite: 'Strict' }]);
  return context;
}

/** Saves a full-page screenshot as `<name>-<device>.png` when CONSOLE_SCREENSHOTS is set. */
export async function screenshot(page: Page, name: string, device: 'desktop' | 'phone'): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}-${device}.png`), fullPage: true });
}
