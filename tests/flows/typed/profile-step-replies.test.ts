/**
 * Replies at the profile's name questions that are no name (tester's report, session 29, #4): a
 * question typed at the startup's name was stored as that name; "chưa có tên", "ko có tên",
 * "chưa đặt tên", "no name yet" were stored as names; "ko" was stored as the founder's name.
 * Through the whole bot on PGlite; assertions on the flow's state and payloads.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

let chats = 0;
async function atNameQuestion(lang: 'vi' | 'en' = 'vi'): Promise<string> {
  const chat = `profile-replies-${++chats}`;
  await say(chat, lang === 'en' ? 'hi' : 'xin chào');
  if (lang === 'en') await say(chat, 'I agree');
  else await press(chat, 'consent:agree');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
  return chat;
}

describe('no name at the startup\'s name question', () => {
  it.each(['chưa có tên', 'chua co ten', 'ko có tên', 'chưa đặt tên', 'dự án chưa có tên ạ'])('"%s" skips it (vi)', async (text) => {
    const chat = await atNameQuestion();
    await say(chat, 'Nam');
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'stage', answers: { name: 'Nam', startup: null } });
  });

  it.each(['no name yet', "we don't have a name yet"])('"%s" skips it (en)', async (text) => {
    const chat = await atNameQuestion('en');
    await say(chat, 'Sarah');
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage', answers: { name: 'Sarah', startup: null } });
  });

  it('a name is still a name', async () => {
    const chat = await atNameQuestion();
    await say(chat, 'Nam');
    await say(chat, 'Mầm Xanh');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage', answers: { startup: 'Mầm Xanh' } });
  });
});

describe('a question typed at the startup\'s name', () => {
  it.each(['chương trình ươm tạo có những lợi ích gì vậy', 'chuong trinh uom tao co nhung loi ich gi vay'])('"%s" is answered and the name asked again', async (text) => {
    const chat = await atNameQuestion();
    await say(chat, 'Nam');
    const replies = await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'startup' });
    expect(flow?.answers).not.toHaveProperty('startup');
    // The question asked again comes last, with its Skip button.
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(payloads(replies.slice(-1))).toContain('flow:_:skip');
  });
});

describe('"ko" at the founder\'s name', () => {
  it.each(['ko', 'không', 'no'])('"%s" is not stored as the name', async (text) => {
    const chat = await atNameQuestion();
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'name' });
    expect(flow?.answers).not.toHaveProperty('name');
  });

  it('then "bỏ qua" leaves the offered profile', async () => {
    const chat = await atNameQuestion();
    await say(chat, 'ko');
    await say(chat, 'bỏ qua');
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
  });
});
