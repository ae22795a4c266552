/**
 * The inbox in a real browser: a staff member signs in with the link the bot sent to their
 * Telegram chat; a founder in the web chat asks for a person and the ticket appears in the open
 * inbox without a reload (server-sent events); the staff reply reaches the web chat; resolving
 * asks the founder for a rating, whose score is stored and shows up on the ticket live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, DESKTOP, PHONE, launchChromium, screenshot, staffContext } from './browser.js';
import { consoleServer, requestLink, type ConsoleServer } from './support.js';

const FOUNDER_SESSION = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe.skipIf(!CHROMIUM)('staff inbox in a browser', () => {
  let c: ConsoleServer;
  let browser: Browser;
  beforeAll(async () => {
    c = await consoleServer({ startWorkers: true });
    browser = await launchChromium();
    await c.store.call('staff_add', { telegram_user_id: '5001', role: 'admin', display_name: 'Chị Lan' });
    // A founder who already agreed to the privacy notice in the web chat.
    const ids = await c.store.call<{ contact_id: number }>('conversation_ensure', { channel: 'web', chat_id: FOUNDER_SESSION, user_id: FOUNDER_SESSION, locale: 'vi' });
    await c.store.call('fx_contact_profile', { args: { contact_id: ids.contact_id, name: 'Nguyễn Văn Hùng' } }).catch(() => undefined);
    await c.store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel: 'web', locale: 'vi' } });
    await c.store.call('fx_contact_profile', { args: { contact_id: ids.contact_id, name: 'Nguyễn Văn Hùng', profile: { startup: 'Miền Đông Xanh', province: 'lang-son' } } });
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  async function founderPage(): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, locale: 'vi-VN' });
    await context.addInitScript((session) => {
      if (!localStorage.getItem('uom.webchat.v1')) localStorage.setItem('uom.webchat.v1', JSON.stringify({ session, cursor: 0, transcript: [], locale: 'vi' }));
    }, FOUNDER_SESSION);
    const page = await context.newPage();
    await page.goto(c.url);
    return page;
  }

  it('sign in by link → live ticket → reply reaches the web chat → resolve → rating stored', async () => {
    // Sign in with the link from the bot's message to the staff member's Telegram chat.
    const staffBrowser = await browser.newContext({ ...DESKTOP, locale: 'vi-VN' });
    const staff = await staffBrowser.newPage();
    await staff.goto(`${c.url}/staff/inbox`);
    expect(new URL(staff.url()).pathname).toBe('/staff/sign-in');
    await screenshot(staff, 'sign-in', 'desktop');
    await staff.fill('#link-form input[name=telegram]', '5001');
    await staff.click('#link-form button');
    await staff.locator('[data-code=link_sent]').waitFor();
    const rows = await c.store.query<{ recipient: string; payload: { text: string } }>(
      "select recipient, payload from public.outbox where channel = 'telegram' and dedupe_key like 'console:link:%' order by id desc limit 1");
    expect(rows[0]!.recipient).toBe('5001');
    const link = /(http\S+\/staff\/link\?token=\S+)/.exec(rows[0]!.payload.text)![1]!;
    await staff.goto(link);
    await staff.click('#use-link');
    await staff.waitForURL(/\/staff\/inbox$/);
    await staff.locator('.live-dot.on').waitFor({ timeout: 10_000 });
    expect(await staff.locator('.ticket').count()).toBe(0);

    // The founder asks for a person in the web chat; the ticket appears without a reload.
    const founder = await founderPage();
    await founder.fill('#text', 'gặp cán bộ');
    await founder.press('#text', 'Enter');
    const ticket = staff.locator('.ticket[data-number]');
    await ticket.first().waitFor({ timeout: 20_000 });
    expect(await ticket.count()).toBe(1);
    expect(await ticket.first().textContent()).toContain('Nguyễn Văn Hùng');
    await screenshot(staff, 'inbox', 'desktop');

    // Open it, reply; the reply reaches the web chat.
    await ticket.first().locator('a').click();
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    await staff.fill('#reply-text', 'Chào anh Hùng, em là Lan ở trung tâm ạ.');
    await staff.click('#send-reply');
    await staff.waitForURL(/\/staff\/tickets\/\d+$/);
    const founderBubble = founder.locator('.msg:not(.me)', { hasText: 'em là Lan ở trung tâm' });
    await founderBubble.waitFor({ timeout: 20_000 });
    await staff.locator('#thread .msg.staff').waitFor();

    // The founder answers: it shows in the ticket live.
    await founder.fill('#text', 'Dạ em cần hỏi về chương trình ươm tạo');
    await founder.press('#text', 'Enter');
    await staff.locator('#thread .msg.founder', { hasText: 'chương trình ươm tạo' }).waitFor({ timeout: 20_000 });
    await screenshot(staff, 'ticket', 'desktop');

    // Phone layout: no horizontal scrolling on the inbox and the ticket.
    const cookies = await staffBrowser.cookies();
    const phone = await staffContext(browser, c.url, `${cookies[0]!.name}=${cookies[0]!.value}`, PHONE);
    const phonePage = await phone.newPage();
    for (const [path, name] of [['/staff/inbox?view=all', 'inbox'], [new URL(staff.url()).pathname, 'ticket']] as const) {
      await phonePage.goto(`${c.url}${path}`);
      const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect([path, overflow]).toEqual([path, 0]);
      await screenshot(phonePage, name, 'phone');
    }
    await phone.close();

    // Resolve: the founder gets the rating question and rates 5.
    await staff.click('#resolve');
    const rating = founder.locator('.msg:not(.me)').last().locator('.buttons button');
    await expect.poll(() => rating.count(), { timeout: 20_000 }).toBe(5);
    const five = rating.nth(4);
    await five.click();
    await expect.poll(async () => (await c.store.query<{ csat_score: number | null }>('select csat_score from public.tickets'))[0]!.csat_score, { timeout: 20_000 }).toBe(5);
    await staff.locator('[data-csat="5"]').waitFor({ timeout: 20_000 });

    await staffBrowser.close();
    await founder.context().close();

    // The audit log has the staff actions.
    const actions = (await c.store.query<{ action: string }>('select action from public.staff_audit order by id')).map((r) => r.action);
    expect(actions).toEqual(['sign_in', 'ticket_reply', 'ticket_resolve']);
    expect(await requestLink(c, '5001')).not.toBeNull();
  });
});
