/**
 * Team traits and size typed during the profile (session-30 tester report): "team e 3 người,
 * founder nữ, đang có doanh thu" at a profile question answered the stage and lost the rest, so
 * the programme finder asked the traits again. They are kept on the contact's profile and the
 * finder reads them from there. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

async function profileOf(chat: string): Promise<Record<string, unknown>> {
  const rows = await bot.store.query<{ profile: Record<string, unknown> }>(
    `select c.profile from public.contacts c join public.conversations v on v.contact_id = c.id where v.channel = 'web' and v.chat_id = $1`, [chat],
  );
  return rows[0]?.profile ?? {};
}

describe('team facts typed at a profile question', () => {
  it.each([
    ['team e 3 người, founder nữ, đang có doanh thu', 'vi', 'stage'],
    ['team e 3 nguoi, founder nu, dang co doanh thu', 'vi', 'stage'],
    ['3 people, female founder, we have revenue', 'en', 'stage'],
  ] as const)('"%s" is kept on the profile and the finder does not ask the traits', async (text, locale, step) => {
    const chat = `team-${Buffer.from(text).toString('hex').slice(0, 40)}`;
    await bot.harness.consent('web', chat, locale);
    await say(chat, '/profile');
    await say(chat, 'Lan');
    await press(chat, 'flow:_:skip');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step });
    await say(chat, text);
    await press(chat, 'flow:sector:tech');
    await say(chat, 'Lạng Sơn');
    await press(chat, 'flow:_:skip');
    await press(chat, 'flow:_:skip');
    await press(chat, 'flow:confirm:yes');
    expect(await profileOf(chat)).toMatchObject({ stage: 'revenue', traits: ['women_led'], team_size: 3 });
    const list = payloads(await press(chat, 'menu:programmes'));
    expect(list.some((p) => p.startsWith('flow:traits:'))).toBe(false);
    expect(list.some((p) => p.startsWith('programme:view:'))).toBe(true);
  });
});
