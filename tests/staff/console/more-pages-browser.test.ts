/**
 * The bookings and knowledge pages and a reply with a file, in a real browser at a fixed clock:
 * the calendar shows a booking, cancelling it with a reason puts the founder's notice in their
 * outbox; a document uploaded with the progress-bar script is listed and the test box answers
 * with its passage; a reply with a file reaches the founder's outbox. No page scrolls sideways
 * on a phone. Screenshots for docs/screenshots when CONSOLE_SCREENSHOTS is set.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, PHONE, launchChromium, screenshot, staffContext } from './browser.js';
import { consoleServer, openTicket, signInByLink, type ConsoleServer, type Session } from './support.js';

const NOW = new Date('2026-12-07T01:00:00Z'); // Monday 08:00 in Hà Nội
const DOC = '# Giờ mở cửa khu làm việc chung\n\nKhu làm việc chung mở cửa từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu. Thứ Bảy mở buổi sáng.\n';

describe.skipIf(!CHROMIUM)('bookings, knowledge and reply files in a browser', () => {
  let c: ConsoleServer;
  let browser: Browser;
  let admin: Session;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let bookingCode: string;
  let conversationId: number;

  async function noSidewaysScroll(page: Page): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(391);
  }

  beforeAll(async () => {
    c = await consoleServer({ clock: () => NOW });
    browser = await launchChromium();
    admin = await signInByLink(c, '9501', 'admin', 'Anh Minh');
    const ids = await c.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel: 'web', chat_id: 'cafe0123456789abcdef0123456789ab', user_id: 'cafe0123456789abcdef0123456789ab', locale: 'vi' });
    conversationId = ids.conversation_id;
    await c.store.query('update public.contacts set display_name = $2 where id = $1', [ids.contact_id, 'Trần Thị Mai']);
    const other = await c.store.call<{ contact_id: number }>('conversation_ensure', { channel: 'zalo', chat_id: 'z-other', user_id: 'z-other', locale: 'vi' });
    await c.store.query('update public.contacts set display_name = $2 where id = $1', [other.contact_id, 'Lê Văn Nam']);
    const booked = await c.store.call<{ ok: boolean; booking: { code: string } }>('booking_book', {
      space_id: 'meeting-room', contact_id: ids.contact_id, conversation_id: ids.conversation_id, start: '2026-12-08T02:00:00Z', minutes: 120, now: NOW,
    });
    bookingCode = booked.booking.code;
    await c.store.call('booking_book', { space_id: 'hot-desk', contact_id: other.contact_id, start: '2026-12-08T01:00:00Z', minutes: 240, now: NOW });
    desktop = await staffContext(browser, c.url, admin.cookie, DESKTOP);
    phone = await staffContext(browser, c.url, admin.cookie, PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows the booking on the calendar; cancelling with a reason tells the founder', async () => {
    const small = await phone.newPage();
    await small.goto(`${c.url}/staff/bookings?view=week&date=2026-12-08`);
    await small.locator(`#week [data-booking="${bookingCode}"]`).waitFor();
    await noSidewaysScroll(small);
    await screenshot(small, 'bookings-week', 'phone');
    await small.goto(`${c.url}/staff/bookings?view=day&date=2026-12-08`);
    await noSidewaysScroll(small);
    await screenshot(small, 'bookings', 'phone');
    await small.close();

    const page = await desktop.newPage();
    await page.goto(`${c.url}/staff/bookings?view=week&date=2026-12-08`);
    await screenshot(page, 'bookings-week', 'desktop');
    await page.goto(`${c.url}/staff/bookings?view=day&date=2026-12-08`);
    expect(await page.locator(`svg [data-booking="${bookingCode}"] rect`).count()).toBe(1);
    expect(await page.locator('#occupancy tr[data-space="meeting-room"]').getAttribute('data-occupancy')).not.toBe('0.000');
    await screenshot(page, 'bookings', 'desktop');
    const item = page.locator(`li[data-booking="${bookingCode}"]`);
    await item.locator('summary').click();
    await item.locator('textarea[name=reason]').fill('Phòng họp bảo trì điện');
    await item.locator('button[type=submit]').click();
    await page.locator('[data-code=cancelled]').waitFor();
    expect(await page.locator(`li[data-booking="${bookingCode}"]`).getAttribute('data-status')).toBe('cancelled');
    const outbox = await c.store.query<{ channel: string; payload: { text: string } }>(
      "select channel, payload from public.outbox where conversation_id = $1 and kind = 'notice'", [conversationId]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.channel).toBe('web');
    expect(outbox[0]!.payload.text).toContain('Phòng họp bảo trì điện');
    expect(outbox[0]!.payload.text).toContain(bookingCode);
    await page.close();
  });

  it('uploads a document with the progress bar, lists it, and the test box answers with its passage', async () => {
    const page = await desktop.newPage();
    await page.goto(`${c.url}/staff/knowledge`);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/staff/knowledge/upload')) sent.push(r.headers()['content-type'] ?? '');
    });
    await page.setInputFiles('#kb-file', { name: 'gio-mo-cua.md', mimeType: 'text/markdown', buffer: Buffer.from(DOC) });
    await page.click('#kb-send');
    await page.waitForURL(/uploaded=gio-mo-cua\.md/);
    expect(sent).toEqual(['application/octet-stream']); // the script's raw upload, not the plain form
    await page.locator('#kb-docs tr[data-doc="gio-mo-cua.md"]').waitFor();
    await page.fill('#kb-question', 'Khu làm việc chung mở cửa mấy giờ?');
    await page.click('#kb-test button');
    await page.locator('#kb-answer[data-outcome="answered"]').waitFor();
    expect(await page.locator('#kb-answer .passage.cited[data-doc="gio-mo-cua.md"]').count()).toBe(1);
    expect(await page.locator('#kb-answer-text').textContent()).toContain('7 giờ 30');
    await c.store.call('fx_kb_question', { args: { contact_id: (await openTicket(c, 'web', 'kb-gap-founder')).contactId, question: 'Trung tâm có cho mượn máy in 3D không?', outcome: 'abstained', confidence: 0.1 } });
    await page.reload();
    await screenshot(page, 'knowledge', 'desktop');
    const small = await phone.newPage();
    await small.goto(page.url());
    await small.locator('#kb-answer').waitFor();
    await noSidewaysScroll(small);
    await screenshot(small, 'knowledge', 'phone');
    await small.close();
    await page.close();
  });

  it('sends a reply with a file that reaches the founder\'s outbox', async () => {
    const t = await openTicket(c, 'web', 'beef0123456789abcdef0123456789ab', { summary: 'Xin mẫu đơn' });
    const page = await desktop.newPage();
    await page.goto(`${c.url}/staff/tickets/${t.number}`);
    await page.fill('#reply-text', 'Mẫu đơn đây ạ');
    await page.setInputFiles('#reply-file', { name: 'mau-don.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.click('#send-reply');
    await page.locator('#thread .msg.staff', { hasText: 'mau-don.pdf' }).waitFor();
    await screenshot(page, 'ticket-file', 'desktop');
    const rows = await c.store.query<{ channel: string; payload: { text: string; file: { url: string; name: string } } }>(
      "select channel, payload from public.outbox where conversation_id = $1 and kind = 'relay'", [t.conversationId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload.text).toContain('Mẫu đơn đây ạ');
    expect(rows[0]!.payload.file.name).toBe('mau-don.pdf');
    const file = await fetch(`${c.url}${rows[0]!.payload.file.url}`);
    expect(file.status).toBe(200);
    const small = await phone.newPage();
    await small.goto(`${c.url}/staff/tickets/${t.number}`);
    await noSidewaysScroll(small);
    await screenshot(small, 'ticket-file', 'phone');
    await small.close();
    await page.close();
  });
});
