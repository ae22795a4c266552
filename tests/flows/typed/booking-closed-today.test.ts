/**
 * Today asked for after the centre has closed, or on a day it does not open (session-30 tester
 * report): "chiều nay", "tối nay", "hôm nay" at 21:00 on a Monday were answered "fully booked (or
 * the remaining hours have passed)". The space is said to be closed for the rest of today, with
 * today's opening hours from content/spaces.yaml, and the next open day's times are offered, in
 * the founder's language.
 *
 * Clocks: a Monday 21:00 and a Sunday 10:00 in Hà Nội (rooms open 07:30–17:00, closed on
 * Sundays), fixed.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/content/messages.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const TUESDAY = openTuesday(new Date('2026-12-03T00:00:00Z')); // 09:00 local
const TUESDAY_DAY = TUESDAY.toISOString().slice(0, 10);
const MONDAY_NIGHT = new Date(TUESDAY.getTime() - 12 * 3_600_000); // Monday 21:00 local

const SUNDAY = new Date(TUESDAY.getTime() - 47 * 3_600_000); // Sunday 10:00 local
const MONDAY_AFTER = new Date(TUESDAY.getTime() - 24 * 3_600_000).toISOString().slice(0, 10);

const bot = typedBot(MONDAY_NIGHT);
const sundayBot = typedBot(SUNDAY);

describe('today asked for after closing time', () => {
  it.each([
    ['đặt phòng họp chiều nay', 'vi'],
    ['dat phong hop chieu nay', 'vi'],
    ['đặt phòng họp hôm nay', 'vi'],
    ['book a meeting room this afternoon', 'en'],
    ['book a meeting room today', 'en'],
  ] as const)('"%s" says closed for the rest of today and offers the next open day', async (text, locale) => {
    const chat = `closed-${Buffer.from(text).toString('hex').slice(0, 40)}`;
    await bot.harness.consent('web', chat, locale);
    const replies = await bot.say(chat, text);
    const t = translator(bot.harness.bot.services.messages, locale);
    const said = replies.map((r) => r.text).join('\n');
    expect(said).not.toContain(t('booking.day.full', { space: '', day: '' }).slice(-30));
    expect(said).toContain('07:30–17:00');
    const shown = payloads(replies);
    expect(shown.some((p) => p.startsWith('flow:slot:'))).toBe(true);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', answers: { day: TUESDAY_DAY } });
  });
});

describe('today asked for on a day the centre does not open', () => {
  it.each([
    ['đặt phòng họp hôm nay', 'vi'],
    ['dat phong hop hom nay', 'vi'],
    ['book a meeting room today', 'en'],
  ] as const)('"%s" on a Sunday says closed today and offers Monday', async (text, locale) => {
    const chat = `sunday-${Buffer.from(text).toString('hex').slice(0, 40)}`;
    await sundayBot.harness.consent('web', chat, locale);
    const replies = await sundayBot.say(chat, text);
    const t = translator(sundayBot.harness.bot.services.messages, locale);
    expect(replies.map((r) => r.text).join('\n')).not.toContain(t('booking.day.closed', { space: '', day: '' }).slice(-25));
    expect(payloads(replies).some((p) => p.startsWith('flow:slot:'))).toBe(true);
    expect(await flowStateOf(sundayBot.store, chat)).toMatchObject({ id: 'booking', answers: { day: MONDAY_AFTER } });
  });
});
