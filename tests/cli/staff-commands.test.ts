/**
 * `uom tickets` and `uom broadcast` as a help-desk staff member types them: the real CLI
 * (`src/cli.ts`) in a child process on an embedded data directory holding a ticket opened
 * through the bot's real message path. A reply typed without quotes, a readable ticket list and
 * thread, a preview of the announcement before it is confirmed, and a clear error (no stack
 * trace, no empty success) for an unknown broadcast.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/store/pglite-driver.js';
import { botHarness } from '../support/bot.js';
import { runScript } from '../support/spawn.js';
import { ensureTemplate, readTemplate } from '../support/template.js';

const dir = mkdtempSync(join(tmpdir(), 'uom-staff-cli-'));
const env = { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', TIME_ZONE: 'Asia/Ho_Chi_Minh' };
const uom = (...args: string[]) => runScript('src/cli.ts', args, env, 120_000);

beforeAll(async () => {
  await ensureTemplate();
  const store = await openPglite({ dataDir: env.DATA_DIR, loadDataDir: readTemplate() });
  // Monday 2026-11-23 10:00 in Hà Nội.
  const h = await botHarness({ store, clock: () => new Date('2026-11-23T03:00:00Z') });
  try {
    await h.consent('zalo', 'z-staff-cli');
    await h.say('zalo', 'z-staff-cli', 'gặp cán bộ');
    await h.settle();
  } finally {
    await h.close();
    await store.close();
  }
  writeFileSync(join(dir, 'announcement.md'), '# Lớp gọi vốn\n\nChào {name}! Lớp gọi vốn sáng thứ Bảy.\n');
}, 150_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uom tickets, typed as staff type it', () => {
  it('takes a reply typed without quotes, and shows it in a readable thread', async () => {
    const reply = await uom('tickets', 'reply', '1', 'Chào', 'bạn,', 'mình', 'là', 'Lan');
    expect(reply.stderr).toBe('');
    expect(reply.code).toBe(0);
    const shown = await uom('tickets', 'show', '1');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Chào bạn, mình là Lan');
    expect(shown.stdout).toContain('— ticket opened (requested)');
    expect(shown.stdout).not.toMatch(/\[opened\]|\{\}/);
    expect(shown.stdout).toContain('gặp cán bộ'); // the founder's own words (the summary)
  }, 150_000);

  it('lists tickets as a plain table with the time zone named', async () => {
    const list = await uom('tickets', 'list');
    expect(list.code).toBe(0);
    const [header, row] = list.stdout.split('\n');
    expect(header!.split(/\s+/)).toEqual(['number', 'status', 'category', 'priority', 'channel', 'founder', 'due', 'answered']);
    expect(row!.split(/\s+/).slice(0, 5)).toEqual(['1', 'waiting', 'other', '2', 'zalo']);
    expect(list.stdout).not.toMatch(/\(index\)|'/);
    expect(list.stdout).toContain('Asia/Ho_Chi_Minh');
  }, 150_000);
});

describe('uom broadcast, as an admin checks it', () => {
  it('previews the message, its buttons and the event time before asking to confirm', async () => {
    const created = await uom('broadcast', 'create', '--file', join(dir, 'announcement.md'), '--audience', 'all',
      '--rsvp', '--event-at', '2026-12-05 09:00', '--link', 'Chi tiết|https://example.vn/lop');
    expect(created.code).toBe(2); // no terminal and no --yes: nothing is created
    expect(created.stdout).toContain('Chào bạn! Lớp gọi vốn sáng thứ Bảy.');
    expect(created.stdout).toContain('https://example.vn/lop');
    expect(created.stdout).toContain('[✅ Đăng ký tham dự]');
    expect(created.stdout).toContain('event: 2026-12-05 09:00 (Asia/Ho_Chi_Minh)');
    expect(created.stdout).toMatch(/→ 1 founder\(s\) \(zalo 1\)/);
  }, 150_000);

  it('refuses a send time that has passed (a typo in the year) instead of sending at once', async () => {
    const run = (at: string) => runScript('src/cli.ts', ['broadcast', 'create', '--file', join(dir, 'announcement.md'), '--audience', 'all',
      '--at', at, '--yes'], { ...env, UOM_NOW: '2026-12-07T02:00:00Z' }, 120_000);
    const past = await run('2025-12-07 10:00');
    expect(past.code).toBe(2);
    expect(past.stderr.trim()).toBe('uom: --at: 2025-12-07 10:00 (Asia/Ho_Chi_Minh) has already passed; leave --at out to send now');
    const list = await uom('broadcast', 'list');
    expect(list.stdout).toContain('no broadcasts yet');
  }, 150_000);

  it('refuses an unknown broadcast for export with a one-line error, not an empty CSV', async () => {
    const exported = await uom('broadcast', 'export', '99');
    expect(exported.code).toBe(1);
    expect(exported.stdout).toBe('');
    expect(exported.stderr.trim()).toBe('uom: broadcast 99 not found');
  }, 150_000);
});

describe('uom run away from the bot\'s data folder', () => {
  it('says it makes a new, empty database there (once), instead of silently showing nothing', async () => {
    const elsewhere = { ...env, DATA_DIR: join(dir, 'elsewhere') };
    const first = await runScript('src/cli.ts', ['tickets', 'list'], elsewhere, 120_000);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(join(dir, 'elsewhere'));
    const second = await runScript('src/cli.ts', ['tickets', 'list'], elsewhere, 120_000);
    expect(second.stderr).toBe('');
    // The bot's own folder holds a database: nothing said.
    expect((await uom('tickets', 'list')).stderr).toBe('');
  }, 300_000);
});
