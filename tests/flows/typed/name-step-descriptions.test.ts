/**
 * A description typed where the profile asks the startup's name: "startup ve nong nghiep cong
 * nghe cao o lang son" was stored as the project's name and the sector and province were asked
 * again. A description keeps the sector, province and stage it names for their questions (passed
 * over later) and the name is asked again once, with "skip" offered; a real name is still a name.
 * Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;

let chats = 0;
/** A new web chat at the profile's startup question, in `lang`. */
async function atStartupQuestion(lang: 'vi' | 'en' = 'vi'): Promise<string> {
  const chat = `described-${++chats}`;
  await say(chat, lang === 'en' ? 'hi' : 'xin chào');
  if (lang === 'en') await say(chat, 'I agree');
  else await press(chat, 'consent:agree');
  await say(chat, 'Lan');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'startup' });
  return chat;
}

describe('a description typed at the startup\'s name', () => {
  it.each([
    ['startup ve nong nghiep cong nghe cao o lang son', { sector: 'agriculture', province: 'lang-son' }],
    ['dự án bên em làm về du lịch ở Đà Nẵng', { sector: 'tourism', province: 'da-nang' }],
    ['bên mình làm giáo dục', { sector: 'education' }],
    ['mới có ý tưởng', { stage: 'idea' }],
    ['bên e làm app học tiếng anh cho trẻ em', { sector: 'education' }],
    ['bọn mình nuôi trồng thủy sản ở Cà Mau', { sector: 'agriculture', province: 'ca-mau' }],
  ])('"%s" keeps what it names and asks the name again', async (text, taken) => {
    const chat = await atStartupQuestion();
    const replies = await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'startup', misses: 0, answers: taken });
    expect(flow?.answers).not.toHaveProperty('startup');
    expect(payloads(replies)).toContain('flow:_:skip');
  });

  it('"we do agritech in Lang Son" in English too, and the questions it answered are passed over', async () => {
    const chat = await atStartupQuestion('en');
    await say(chat, 'we do agritech in Lang Son');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup', answers: { sector: 'agriculture', province: 'lang-son' } });
    const next = await say(chat, 'AgriViet');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage', answers: { startup: 'AgriViet' } });
    await press(chat, 'flow:stage:idea');
    // Sector and province were answered: the phone is next.
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'phone' });
    expect(payloads(next)).toContain('flow:stage:idea');
  });

  it('is asked again only once: a second description is the answer', async () => {
    const chat = await atStartupQuestion();
    await say(chat, 'startup về nông nghiệp ở Lạng Sơn');
    await say(chat, 'startup nông nghiệp sạch ở Lạng Sơn');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage', answers: { startup: 'startup nông nghiệp sạch ở Lạng Sơn' } });
  });

  it('skip after the hint leaves the name empty and keeps the facts', async () => {
    const chat = await atStartupQuestion();
    await say(chat, 'startup ve nong nghiep cong nghe cao o lang son');
    await press(chat, 'flow:_:skip');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage', answers: { startup: null, sector: 'agriculture', province: 'lang-son' } });
  });

  it.each(['AgriViet', 'Nông Sản Xanh', 'Hợp tác xã Nông nghiệp Lạng Sơn', 'Du Lịch Xanh Đà Nẵng', 'Made In Vietnam Crafts Co'])('"%s" is still a name', async (name) => {
    const chat = await atStartupQuestion();
    await say(chat, name);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage', answers: { startup: name } });
  });

  it('a name introduced before the description is the answer, and the facts are kept', async () => {
    const chat = await atStartupQuestion();
    await say(chat, 'tên là AgriViet, startup về nông nghiệp ở Lạng Sơn');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({
      step: 'stage', answers: { startup: 'AgriViet', sector: 'agriculture', province: 'lang-son' },
    });
  });

  it('a description at the founder\'s own name keeps its facts and asks the name again', async () => {
    const chat = `described-${++chats}`;
    await say(chat, 'xin chào');
    await press(chat, 'consent:agree');
    await say(chat, 'em làm startup về nông nghiệp ở Lạng Sơn');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'name', answers: { sector: 'agriculture', province: 'lang-son' } });
    await say(chat, 'Nguyễn Văn Đạt');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup', answers: { name: 'Nguyễn Văn Đạt' } });
  });

  it('"mình tên là Lan, làm startup về du lịch ở Đà Nẵng" at the founder\'s name: Lan, and the facts kept', async () => {
    const chat = `described-${++chats}`;
    await say(chat, 'xin chào');
    await press(chat, 'consent:agree');
    await say(chat, 'mình tên là Lan, làm startup về du lịch ở Đà Nẵng');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({
      step: 'startup', answers: { name: 'Lan', sector: 'tourism', province: 'da-nang' },
    });
  });
});
