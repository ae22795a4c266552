/**
 * Console pages in a real browser: a status change on the applications pipeline notifies the
 * founder in the web chat; a broadcast to "all" reaches a web-chat founder while its progress bar
 * moves on the open report page; a survey chart shows the right counts; the XLSX export opens
 * with the Vietnamese labels founders saw (read back with exceljs). The background workers are
 * driven by hand (materialise, then send a round at a time) so the progress is observable.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, PHONE, launchChromium, screenshot, staffContext } from './browser.js';
import { consoleServer, signInByLink, type ConsoleServer, type Session } from './support.js';

const WEB_FOUNDER = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

describe.skipIf(!CHROMIUM)('console pages in a browser', () => {
  let c: ConsoleServer;
  let browser: Browser;
  let admin: Session;
  let founderContact: number;
  let founderConversation: number;

  async function drainSender(rounds = 50): Promise<void> {
    for (let i = 0; i < rounds; i++) if ((await c.server.bot.sender.drain(1)) === 0) break;
  }

  async function founder(chatId: string, channel: 'web' | 'zalo' | 'telegram', locale: 'vi' | 'en' = 'vi'): Promise<{ contact_id: number; conversation_id: number }> {
    const ids = await c.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel, chat_id: chatId, user_id: chatId, locale });
    await c.store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel, locale } });
    return ids;
  }

  async function founderPage(): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, locale: 'vi-VN' });
    await context.addInitScript((session) => {
      if (!localStorage.getItem('uom.webchat.v1')) localStorage.setItem('uom.webchat.v1', JSON.stringify({ session, cursor: 0, transcript: [], locale: 'vi' }));
    }, WEB_FOUNDER);
    const page = await context.newPage();
    await page.goto(c.url);
    return page;
  }

  beforeAll(async () => {
    c = await consoleServer({ startWorkers: false, senderBatch: 10 });
    browser = await launchChromium();
    admin = await signInByLink(c, '6001', 'admin', 'Anh Minh');
    const ids = await founder(WEB_FOUNDER, 'web');
    founderContact = ids.contact_id;
    founderConversation = ids.conversation_id;
    await c.store.call('fx_contact_profile', { args: { contact_id: founderContact, name: 'Trần Thị Mai' } });
    await drainSender(); // the sign-in link messages
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('moves an application on the pipeline and the founder is told in the web chat', async () => {
    const submitted = await c.store.call<{ application_id: number }>('fx_application_submit', {
      args: { programme_id: 'mekong-innovation', contact_id: founderContact, conversation_id: founderConversation, inbox_id: 0, answers: { idea: 'Nông sản sạch' }, locale: 'vi', summary: 'Đơn Mekong' },
    });
    const staff = await staffContext(browser, c.url, admin.cookie, DESKTOP);
    const page = await staff.newPage();
    await page.goto(`${c.url}/staff/applications`);
    const card = page.locator(`[data-application="${submitted.application_id}"]`);
    expect(await card.getAttribute('data-status')).toBe('submitted');
    await card.locator('select[name=status]').selectOption('in_review');
    await card.locator('button').click();
    await page.locator('[data-code=changed]').waitFor();
    await page.locator(`[data-application="${submitted.application_id}"][data-status="in_review"]`).waitFor();
    await screenshot(page, 'applications', 'desktop');

    const chat = await founderPage();
    await drainSender();
    await chat.locator('.msg:not(.me)', { hasText: 'Đang xét duyệt' }).first().waitFor({ timeout: 15_000 });
    const row = await c.store.query<{ status: string }>('select status from public.programme_applications where id = $1', [submitted.application_id]);
    expect(row[0]!.status).toBe('in_review');
    await chat.context().close();
    await staff.close();
  });

  it('sends a broadcast to "all": the web-chat founder gets it and the progress bar moves', async () => {
    // 40 more founders in the web chat (the channel "all" used to leave out), plus one who
    // unsubscribed. (Every channel counting is covered in flows.test.ts; only the web channel
    // delivers in this server.)
    for (let i = 0; i < 40; i++) await founder(`bulk-${String(i).padStart(28, '0')}`, 'web');
    const out = await founder('web-unsubscribed-00000000000000001', 'web');
    await c.store.exec(`update public.contacts set subscribed = false where id = ${out.contact_id}`);

    const staff = await staffContext(browser, c.url, admin.cookie, DESKTOP);
    const page = await staff.newPage();
    await page.goto(`${c.url}/staff/broadcasts`);
    await page.fill('#bc-text', 'Chào {name}! Lớp gọi vốn sáng thứ Bảy tại trung tâm.');
    await page.fill('#bc-audience', 'all');
    await expect.poll(() => page.locator('#bc-size').getAttribute('data-total'), { timeout: 10_000 }).toBe('41');
    expect(await page.locator('#bc-preview').textContent()).toContain('Chào Hùng!');
    await page.fill('#bc-audience', 'kenh=zalo');
    await expect.poll(() => page.locator('#bc-size').getAttribute('data-total'), { timeout: 10_000 }).toBe('0');
    await page.fill('#bc-audience', 'tinh=');
    await expect.poll(() => page.locator('#bc-size').getAttribute('class'), { timeout: 10_000 }).toBe('error');
    await page.fill('#bc-audience', 'all');
    await screenshot(page, 'broadcasts', 'desktop');
    await page.click('#bc-send');
    await page.waitForURL(/\/staff\/broadcasts\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const bar = page.locator(`#progress-${id}`);
    expect(await bar.getAttribute('value')).toBe('0');

    // The worker materialises the recipients, then the sender works in rounds.
    await c.store.call('broadcast_materialize', { batch: 1000 });
    const seen = new Set<string>();
    for (let round = 0; round < 30; round++) {
      const sent = await c.server.bot.sender.drain(1);
      await expect.poll(async () => (await bar.getAttribute('data-sent')) === String((await c.store.call<{ sent: number }>('broadcast_report', { id })).sent), { timeout: 10_000 }).toBe(true);
      seen.add((await bar.getAttribute('value'))!);
      if (sent === 0) break;
    }
    expect(await bar.getAttribute('max')).toBe('41');
    expect(await bar.getAttribute('value')).toBe('41');
    const values = [...seen].map(Number);
    expect(values.some((v) => v > 0 && v < 41)).toBe(true); // it moved through the middle, live
    await page.locator('[data-status="done"]').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'broadcast-report', 'desktop');

    const chat = await founderPage();
    await chat.locator('.msg:not(.me)', { hasText: 'Chào Trần Thị Mai! Lớp gọi vốn' }).waitFor({ timeout: 15_000 });
    const unsubscribed = await c.store.query<{ n: number }>(`select count(*)::int as n from public.outbox where contact_id = ${out.contact_id} and kind = 'broadcast'`);
    expect(unsubscribed[0]!.n).toBe(0);

    const csv = await page.request.get(`${c.url}/staff/broadcasts/${id}.csv`);
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(42);
    await chat.context().close();
    await staff.close();
  });

  it('shows the right counts on a survey chart and exports XLSX with the Vietnamese labels founders saw', async () => {
    const answers: { needs: string[]; role: string; satisfaction?: number }[] = [
      { role: 'founder', needs: ['funding', 'mentoring'] },
      { role: 'founder', needs: ['funding'] },
      { role: 'support', needs: ['funding', 'ip'] },
    ];
    for (const [i, a] of answers.entries()) {
      const ids = await founder(`survey-founder-${String(i).padStart(20, '0')}`, 'zalo', i === 2 ? 'en' : 'vi');
      await c.store.call('fx_survey_answer', { args: { contact_id: ids.contact_id, survey_id: 'support-needs', question_id: 'role', kind: 'single', value: a.role } });
      await c.store.call('fx_survey_answer', { args: { contact_id: ids.contact_id, survey_id: 'support-needs', question_id: 'needs', kind: 'multiple', value: a.needs } });
      await c.store.call('fx_survey_complete', { args: { contact_id: ids.contact_id, survey_id: 'support-needs' } });
    }
    const staff = await staffContext(browser, c.url, admin.cookie, DESKTOP);
    const page = await staff.newPage();
    await page.goto(`${c.url}/staff/surveys?survey=support-needs`);
    expect(await page.locator('#response-count').getAttribute('data-count')).toBe('3');
    const bars = page.locator('#chart-needs .row');
    const counts = Object.fromEntries(await bars.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-label'), Number(r.getAttribute('data-value'))])));
    expect(counts['Vốn, tài trợ']).toBe(3);
    expect(counts['Cố vấn, chuyên gia']).toBe(1);
    expect(counts['Đăng ký sở hữu trí tuệ, nhãn hiệu']).toBe(1);
    expect(counts['Đào tạo, tập huấn']).toBe(0);
    const roles = Object.fromEntries(await page.locator('#chart-role .row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-label'), Number(r.getAttribute('data-value'))])));
    expect(roles).toEqual({ 'Người khởi nghiệp / nhóm dự án': 2, 'Cán bộ hỗ trợ, cố vấn, tổ chức hỗ trợ': 1 });
    await screenshot(page, 'surveys', 'desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('support-needs')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain('Bạn trả lời với vai trò nào?');
    const needsColumn = header.indexOf('Những hỗ trợ nào cần nhất? (chọn nhiều được; với cán bộ hỗ trợ: những gì người khởi nghiệp ở địa phương cần nhất)') + 1;
    const roleColumn = header.indexOf('Bạn trả lời với vai trò nào?') + 1;
    expect(sheet.rowCount).toBe(4);
    expect(String(sheet.getRow(2).getCell(roleColumn).value)).toBe('Người khởi nghiệp / nhóm dự án');
    expect(String(sheet.getRow(2).getCell(needsColumn).value)).toBe('Vốn, tài trợ; Cố vấn, chuyên gia');
    // The third founder answered in English: the labels they saw.
    expect(String(sheet.getRow(4).getCell(roleColumn).value)).toBe('Support staff, mentor, support organisation');

    const csv = await page.request.get(`${c.url}/staff/surveys/support-needs.csv`);
    const bytes = Buffer.from(await csv.body());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Vốn, tài trợ; Cố vấn, chuyên gia');
    await staff.close();
  });

  it('renders every page on a phone without horizontal scrolling, and the dashboard counts', async () => {
    const paths: [string, string][] = [['/staff/inbox', 'inbox-empty'], ['/staff/applications', 'applications'], ['/staff/broadcasts', 'broadcasts'],
      ['/staff/broadcasts/1', 'broadcast-report'], ['/staff/surveys', 'surveys'], ['/staff/dashboard', 'dashboard'], ['/staff/audit', 'audit'], ['/staff/sessions', 'sessions']];
    const phone = await staffContext(browser, c.url, admin.cookie, PHONE);
    const page = await phone.newPage();
    for (const [path, name] of paths) {
      const res = await page.goto(`${c.url}${path}`);
      expect([path, res!.status()]).toEqual([path, 200]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect([path, overflow]).toEqual([path, 0]);
      await screenshot(page, name, 'phone');
    }
    await phone.close();
    const desktop = await staffContext(browser, c.url, admin.cookie, DESKTOP);
    const d = await desktop.newPage();
    await d.goto(`${c.url}/staff/dashboard`);
    await screenshot(d, 'dashboard', 'desktop');
    await d.goto(`${c.url}/staff/audit`);
    await screenshot(d, 'audit', 'desktop');
    const csv = await d.request.get(`${c.url}/staff/dashboard/broadcasts.csv`);
    const lines = (await csv.text()).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2); // header + the one broadcast
    expect(lines[1]).toContain(',41,41,0,');
    const tickets = await d.request.get(`${c.url}/staff/dashboard/tickets.csv?days=7`);
    expect((await tickets.text()).split('\r\n').filter(Boolean)).toHaveLength(8);
    await desktop.close();
  });
});
