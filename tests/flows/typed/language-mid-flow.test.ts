/**
 * A change of language typed in the middle of a flow: "switch to English please" at a booking's
 * question ended the booking (and at "Leave or stay?" was read as "leave", since it says
 * "switch"). Now the language changes and the same question is asked again in it; the flow, its
 * step and its answers stay. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say } = bot;

async function localeOf(chat: string): Promise<string | undefined> {
  const rows = await bot.store.query<{ locale: string }>(
    `select k.locale from public.conversations c join public.contacts k on k.id = c.contact_id where c.channel = 'web' and c.chat_id = $1`, [chat]);
  return rows[0]?.locale;
}

describe('a language asked for in the middle of a flow', () => {
  it.each(['switch to English please', 'chuyển sang tiếng Anh giúp mình'])('"%s" at a booking question keeps the booking at that question', async (text) => {
    const chat = `lang-${Buffer.from(text).toString('hex').slice(0, 24)}`;
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'đặt chỗ');
    const before = await flowStateOf(bot.store, chat);
    expect(before?.id).toBe('booking');
    const replies = await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', step: before!.step, answers: before!.answers });
    expect(await localeOf(chat)).toBe('en');
    expect(payloads(replies)).toEqual(expect.arrayContaining([expect.stringMatching(/^flow:/)]));
  });

  it('at "Leave or stay?", asks that again in the new language instead of leaving', async () => {
    const chat = 'lang-pending-switch';
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'đặt phòng họp mai');
    await say(chat, 'làm khảo sát');
    expect((await flowStateOf(bot.store, chat))?.pendingSwitch).toBeDefined();
    const replies = await say(chat, 'switch to English please');
    expect(payloads(replies)).toEqual(['flow:_:switch', 'flow:_:continue']);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', pendingSwitch: 'làm khảo sát' });
    expect(await localeOf(chat)).toBe('en');
  });
});
