/**
 * A change of language typed in the middle of a flow: "switch to English please" at a booking's
 * question ended the booking (and at "Leave or stay?" was read as "leave", since it says
 * "switch"). Now the language changes and the same question is asked again in it; the flow, its
 * step and its answers stay. An act step's own message (the booking's days, free times, lengths,
 * summary) was sent again as kept, in the old language; now the step builds it again
 * (`ActStep.ask`), and it equals what a founder writing English from the start is sent.
 * Through the whole bot on PGlite.
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

describe('an act step asked again in the language just chosen', () => {
  /** The last message of the bot's replies (the step's question), with its step's buttons. */
  const question = (replies: Awaited<ReturnType<typeof say>>) => replies[replies.length - 1]!;

  it.each([
    ['the free times', 'đặt phòng họp mai', 'book the meeting room tomorrow', 'slot'],
    ['the days', 'đặt phòng họp', 'book the meeting room', 'day'],
    ['the lengths', 'đặt phòng họp mai 10h', 'book the meeting room tomorrow at 10am', 'length'],
    ['the summary', 'đặt phòng họp mai 10h 1 tiếng', 'book the meeting room tomorrow at 10am for 1 hour', 'confirm'],
  ])('%s: the step\'s own message is built again in English, as an English founder gets it', async (_, vi, en, step) => {
    const chat = `lang-act-${step}`;
    await bot.harness.consent('web', chat, 'vi');
    const asked = question(await say(chat, vi));
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', step });
    const replies = await say(chat, 'switch to English please');
    const again = question(replies);
    // The same step, the same buttons (payloads), and no longer the Vietnamese text.
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', step });
    expect(payloads([again])).toEqual(payloads([asked]));
    expect(again.text).not.toBe(asked.text);
    // What a founder who wrote English from the start is sent at that step, text and labels.
    const english = `lang-act-${step}-en`;
    await bot.harness.consent('web', english, 'en');
    const expected = question(await say(english, en));
    expect(await flowStateOf(bot.store, english)).toMatchObject({ id: 'booking', step });
    expect(again.text).toBe(expected.text);
    expect(again.buttons?.map((b) => b.label)).toEqual(expected.buttons?.map((b) => b.label));
  });
});
