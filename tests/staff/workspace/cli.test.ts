/**
 * `uom tickets …` and `uom staff …`: staff without a Telegram group reach founders through the
 * outbox; the roster decides who acts in the group.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handoffFeature } from '../../../src/staff/handoff/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import { addStaff, listStaff, removeStaff, staffRole } from '../../../src/staff/workspace/roster.js';
import { registerStaffCommands } from '../../../src/staff/workspace/cli.js';
import { ticketsList, ticketsReply, ticketsResolve, ticketsShow } from '../../../src/staff/handoff/cli.js';
import { openPglite } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { ensureTemplate, readTemplate } from '../../support/template.js';

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  vi.restoreAllMocks();
});

describe('uom tickets', () => {
  it('lists, shows, replies to and resolves a ticket from the command line', async () => {
    harness = await botHarness({ features: [handoffFeature(), menuFeature, fallbackFeature] });
    const { config } = harness.bot.services;
    await harness.consent('zalo', 'z-cli');
    await harness.say('zalo', 'z-cli', 'gặp cán bộ');
    await harness.say('zalo', 'z-cli', 'Em cần tư vấn hồ sơ');
    await harness.settle();

    const rows = await ticketsList(config, harness.store);
    expect(rows).toMatchObject([{ number: 1, status: 'open', channel: 'zalo', answered: 'no' }]);
    const shown = (await ticketsShow(config, harness.store, 1)).join('\n');
    expect(shown).toContain('Em cần tư vấn hồ sơ');

    await ticketsReply(config, harness.store, 1, 'Chào bạn, gửi hồ sơ cho mình nhé');
    const reply = await harness.settle();
    expect(reply.map((s) => [s.to.channel, s.to.chatId, s.message.text])).toEqual([['zalo', 'z-cli', '💬 Cán bộ: Chào bạn, gửi hồ sơ cho mình nhé']]);
    expect((await ticketsList(config, harness.store))[0]).toMatchObject({ status: 'waiting', answered: 'yes' });

    expect(await ticketsResolve(config, harness.store, 1)).toBe(true);
    expect(await ticketsResolve(config, harness.store, 1)).toBe(false);
    const closing = await harness.settle();
    expect(closing).toHaveLength(1);
    expect(closing[0]!.message.buttons).toHaveLength(5);
    await expect(ticketsReply(config, harness.store, 1, 'còn nữa')).rejects.toThrow(/resolved/);
    await expect(ticketsShow(config, harness.store, 99)).rejects.toThrow(/no ticket #99/);
    expect(await ticketsList(config, harness.store)).toEqual([]);
  });
});

describe('uom staff', () => {
  it('adds a staff member through the command and refuses to remove an unknown one', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-staff-'));
    // Seed the embedded database from the migrated template so the command does not migrate from scratch.
    await ensureTemplate();
    await (await openPglite({ dataDir, loadDataDir: readTemplate() })).close();
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env.DATABASE_URL;
    delete process.env.SUPABASE_URL;
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
    vi.spyOn(console, 'table').mockImplementation((rows) => void out.push(JSON.stringify(rows)));
    vi.spyOn(console, 'error').mockImplementation((...args) => void out.push(args.join(' ')));
    const run = async (...args: string[]) => {
      const program = new Command('uom').exitOverride();
      registerStaffCommands(program);
      await program.parseAsync(['node', 'uom', ...args]);
    };
    try {
      await run('staff', 'add', '--telegram', '123456789', '--role', 'admin', '--name', 'Lan');
      // Each run opens the file-backed database (seconds on a busy machine): two runs.
      await run('staff', 'remove', '--telegram', '987654321');
      expect(out).toEqual(['123456789 is admin', 'uom: 987654321 is not on the roster']);
      expect(process.exitCode).toBe(1);
      process.exitCode = undefined;
    } finally {
      process.env = saved;
      process.exitCode = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers the role of a Telegram user for other features, and removes staff', async () => {
    harness = await botHarness({ features: [menuFeature] });
    await addStaff(harness.store, '42', 'staff');
    await addStaff(harness.store, '42', 'admin'); // a second add changes the role
    expect(await staffRole(harness.store, 42)).toBe('admin');
    expect(await staffRole(harness.store, '43')).toBeNull();
    expect(await removeStaff(harness.store, '42')).toBe(true);
    expect(await removeStaff(harness.store, '42')).toBe(false);
    expect(await listStaff(harness.store)).toEqual([]);
    await expect(addStaff(harness.store, 'lan', 'staff')).rejects.toThrow(/number/);
  });
});
