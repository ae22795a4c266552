/**
 * The broadcast testbed shared by the broadcast test files: a bot with the broadcast feature
 * (runner driven by hand), consented founders with a profile, and "compose, materialise and
 * deliver" in one call.
 *
 * @example
 * let h: BotHarness;
 * useBroadcastTestbed((bed) => { h = bed.h; });
 * await founder('telegram', '101', { province: 'lang-son' }, 'Lan');
 * const { sent } = await send('Hello {name}', 'channel=telegram');
 */
import { afterEach, beforeEach } from 'vitest';
import { createBroadcast } from '../../../src/staff/broadcast/compose.js';
import { broadcastFeature } from '../../../src/staff/broadcast/feature.js';
import { BroadcastRunner } from '../../../src/staff/broadcast/runner.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';

export interface BroadcastTestbed {
  h: BotHarness;
  runner: BroadcastRunner;
}

let bed: BroadcastTestbed | undefined;

function current(): BroadcastTestbed {
  if (!bed) throw new Error('useBroadcastTestbed() must be called in the test file');
  return bed;
}

/** Creates a fresh testbed before each test (handed to `onReady`) and closes it after. */
export function useBroadcastTestbed(onReady: (testbed: BroadcastTestbed) => void): void {
  beforeEach(async () => {
    const h = await botHarness({ features: [broadcastFeature({ runner: false }), menuFeature, fallbackFeature] });
    bed = { h, runner: new BroadcastRunner(h.bot.services, { batchSize: 2 }) };
    onReady(bed);
  });
  afterEach(async () => {
    await bed?.h.close();
    bed = undefined;
  });
}

/** Raw SQL on the testbed's database. */
export const sql = (): SqlStore => current().h.store as unknown as SqlStore;

/** A consented founder with a profile (and a recent message, inside Zalo's window). */
export async function founder(
  channel: 'telegram' | 'zalo' | 'web',
  chatId: string,
  profile: Record<string, string>,
  name?: string,
  locale: 'vi' | 'en' = 'vi',
): Promise<number> {
  const id = await current().h.consent(channel, chatId, locale);
  await sql().query('update public.contacts set profile = $1::jsonb, display_name = $2 where id = $3', [JSON.stringify(profile), name ?? null, id]);
  await sql().query('update public.conversations set last_inbound_at = now() where chat_id = $1', [chatId]);
  return id;
}

/** Composes a broadcast, materialises its deliveries and delivers everything due. */
export async function send(text: string, audience: string, extra: Partial<Parameters<typeof createBroadcast>[2]> = {}) {
  const { h, runner } = current();
  const created = await createBroadcast(h.store, h.bot.services.messages, { createdBy: 'test', text, audience, ...extra });
  await runner.materializeDue();
  const sent = await h.settle();
  return { ...created, sent };
}
