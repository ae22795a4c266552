/**
 * A founder who declined, asked for something, then agreed (tester's report, session 29, #18):
 * the profile questions replaced the search begun after declining, and the request was lost. Now
 * the search goes on where it was, and a request refused for want of consent is carried out.
 * Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say } = bot;

describe('agreeing after declining', () => {
  it('a programme search begun after declining goes on, not the profile', async () => {
    const chat = 'resume-finder';
    await say(chat, 'alo');
    await say(chat, 'ko');
    await say(chat, 'vậy có chương trình nào cho sinh viên ko');
    const before = await flowStateOf(bot.store, chat);
    expect(before).toMatchObject({ id: 'programme-finder' });
    const replies = await say(chat, 'thôi ok đồng ý');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'programme-finder', step: before!.step });
    expect(payloads(replies)).toContain(`flow:${before!.step}:idea`);
  });

  it('a booking refused for want of consent is carried out once agreed', async () => {
    const chat = 'resume-booking';
    await say(chat, 'hi');
    await say(chat, 'không đồng ý');
    await say(chat, 'đặt phòng họp mai 9h 2 tiếng');
    await say(chat, 'đồng ý');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking' });
  });

  it('with nothing begun, agreeing still offers the profile', async () => {
    const chat = 'resume-nothing';
    await say(chat, 'hi');
    await say(chat, 'không đồng ý');
    await say(chat, 'đồng ý');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
  });
});
