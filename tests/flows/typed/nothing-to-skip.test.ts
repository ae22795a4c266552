/**
 * "bỏ qua", "skip", "xong" typed when no question waits: there is nothing to skip, so the menu,
 * not a guess between unsubscribing and asking a question. Before consent the notice is still
 * what is asked. Through the whole bot on PGlite; assertions on payloads.
 */
import { describe, expect, it } from 'vitest';
import { MENU_PAYLOADS } from '../../../src/flows/menu.js';
import { openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say } = bot;

describe('a skip with no question asked', () => {
  it.each(['bo qua', 'bỏ qua', 'skip', 'xong'])('"%s" gets the menu', async (text) => {
    const chat = `noskip-${Buffer.from(text).toString('hex')}`;
    await bot.harness.consent('web', chat, 'vi');
    const shown = payloads(await say(chat, text));
    expect(shown).toContain(MENU_PAYLOADS.programmes);
    expect(shown.some((p) => p.startsWith('intent:'))).toBe(false);
  });

  it('before consent, the notice is still what is asked', async () => {
    const shown = payloads(await say('noskip-unconsented', 'bo qua'));
    expect(shown).toContain('consent:agree');
  });
});
