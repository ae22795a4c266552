/**
 * The profile's answers as founders type them (tester's report, session 31): a multi-fact answer
 * at the name stored whole as the name (F3); "pre-revenue" read as revenue and "Noted" said
 * twice (F4); answers lost when the profile was interrupted (F5); a question stored as the
 * project's name (F6); "ừa đúng rồi" refused at the confirmation and the finished profile thrown
 * away by the next request (F14); a long first message with every fact kept nowhere (F17);
 * "huy", "hủyy", "🙏" and "ok vậy đồng ý" stored as the name (F34, F26). Through the whole bot on
 * PGlite at a fixed clock; assertions on the flow state, the stored contact and the buttons.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

let chats = 0;
async function onboarding(lang: 'vi' | 'en' = 'vi'): Promise<string> {
  const chat = `p31-${++chats}`;
  await say(chat, lang === 'en' ? 'Hello' : 'chào');
  if (lang === 'en') await say(chat, 'I agree');
  else await press(chat, 'consent:agree');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
  return chat;
}

interface Stored { name: string | null; profile: Record<string, unknown> }

async function contactOf(chat: string): Promise<Stored> {
  const rows = await bot.store.query<Stored>(
    `select k.display_name as name, k.profile from public.conversations c join public.contacts k on k.id = c.contact_id
      where c.channel = 'web' and c.chat_id = $1`, [chat],
  );
  return rows[0]!;
}

const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '');

describe('several facts at the name (F3, F4)', () => {
  it('"mình là Lan, làm edtech, team 3 ng, chưa có doanh thu": the name Lan, the sector and team kept, no stage of revenue', async () => {
    const chat = await onboarding();
    await say(chat, 'mình là Lan, làm edtech, team 3 ng, chưa có doanh thu');
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers).toMatchObject({ name: 'Lan', sector: 'education', team_size: 3 });
    expect(flow?.answers.stage).toBeUndefined();
    expect(flow?.step).toBe('startup');
    // The stage question, when it comes, offers only the stages before revenue.
    const stage = await press(chat, 'flow:_:skip');
    expect(payloads(stage)).toEqual(['flow:stage:idea', 'flow:stage:prototype']);
    await press(chat, 'flow:stage:idea');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'province' }); // the sector is not asked again
  });

  it('"I\'m Minh, … 2 cofounders, pre-revenue, based in Lang Son": no revenue, one note', async () => {
    const chat = await onboarding('en');
    const replies = await say(chat, "I'm Minh, we build an agritech app, 2 cofounders, pre-revenue, based in Lang Son");
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers).toMatchObject({ name: 'Minh', sector: 'agriculture', province: 'lang-son', team_size: 2 });
    expect(flow?.answers.stage).toBeUndefined();
    expect(texts(replies).filter((t) => t.startsWith('Noted'))).toHaveLength(1);
  });

  it('a plain name with a province in it stays the name, no province taken from it', async () => {
    const chat = await onboarding();
    await say(chat, 'Nguyễn Thái Bình');
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers.name).toBe('Nguyễn Thái Bình');
    expect(flow?.answers).not.toHaveProperty('province');
  });
});

describe('answers kept as given (F5)', () => {
  it('the name survives "skip" and a request for staff: the ticket and /me show it', async () => {
    const chat = await onboarding();
    await say(chat, 'anh tên Tuấn');
    await say(chat, 'skip');
    await say(chat, 'Dạ anh muốn gặp nhân viên tư vấn');
    expect((await contactOf(chat)).name).toBe('Tuấn');
  });

  it('the sector and province noted at the name are saved before the profile is skipped', async () => {
    const chat = await onboarding('en');
    await say(chat, "I'm Minh, we build an agritech app, 2 cofounders, pre-revenue, based in Lang Son");
    await say(chat, 'skip');
    await say(chat, 'bỏ qua');
    expect(await contactOf(chat)).toMatchObject({ name: 'Minh', profile: { sector: 'agriculture', province: 'lang-son', team_size: 2 } });
  });
});

describe('a question at the project name (F6)', () => {
  it.each(['why is that a fit for us?', 'what does the incubator offer', 'tại sao phải có tên dự án?'])('"%s" is not the project name', async (text) => {
    const chat = await onboarding('en');
    await say(chat, 'Minh');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup' });
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers.startup ?? null).toBeNull();
    if (flow) expect(flow.step).toBe('startup');
  });
});

describe('the confirmation (F14)', () => {
  async function finished(): Promise<string> {
    const chat = await onboarding();
    for (const text of ['tui tên Phúc nè', 'bỏ qua', 'tụi tui mới có ý tưởng thôi à', 'du lịch', 'Cần Thơ', 'bỏ qua', 'bỏ qua']) await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'confirm' });
    return chat;
  }

  it.each(['ừa đúng rồi', 'ừ', 'chuẩn', 'đúng r', 'ua dung roi'])('"%s" confirms', async (text) => {
    const chat = await finished();
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect(await contactOf(chat)).toMatchObject({ name: 'Phúc', profile: { stage: 'idea', sector: 'tourism', province: 'can-tho' } });
  });

  it('a request at the summary keeps the profile, and the programme search does not ask the stage again', async () => {
    const chat = await finished();
    const replies = await say(chat, 'có chương trình gì cho tụi tui hông');
    expect(await contactOf(chat)).toMatchObject({ name: 'Phúc', profile: { stage: 'idea', sector: 'tourism' } });
    expect(payloads(replies)).not.toContain('flow:stage:idea');
  });
});

describe('a long first message with every fact (F17)', () => {
  it('the facts are saved after consent and only the question is left to answer', async () => {
    const chat = `p31-${++chats}`;
    await say(chat, 'Chào anh chị, em là Phạm Văn Đức, bọn em làm nông nghiệp công nghệ cao (agri-tech) ở Cao Lộc, Lạng Sơn. '
      + 'Nhóm em có 4 thành viên, đã có sản phẩm mẫu thử nghiệm nhưng chưa có doanh thu. Bọn em đang tìm nguồn vốn và chương trình ươm tạo. '
      + 'Cho em hỏi trung tâm có chỗ làm việc cho cả nhóm không, chi phí thế nào ạ?');
    await press(chat, 'consent:agree');
    expect(await contactOf(chat)).toMatchObject({
      name: 'Phạm Văn Đức', profile: { stage: 'prototype', sector: 'agriculture', province: 'lang-son', team_size: 4 },
    });
  });
});

describe('not a name (F34, F26)', () => {
  it.each(['huy', 'HUY'])('"%s" asks: the name Huy, or skip?', async (text) => {
    const chat = await onboarding();
    const replies = await say(chat, text);
    expect(payloads(replies)).toEqual(['flow:name:_name', 'flow:_:skip']);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'name' });
    await press(chat, 'flow:name:_name');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup', answers: { name: 'Huy' } });
  });

  it('"huy" then skip leaves the questions, no name stored', async () => {
    const chat = await onboarding();
    await say(chat, 'huy');
    await press(chat, 'flow:_:skip');
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect((await contactOf(chat)).name).toBeNull();
  });

  it('"Huy" typed again is the name', async () => {
    const chat = await onboarding();
    await say(chat, 'huy');
    await say(chat, 'Huy');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup', answers: { name: 'Huy' } });
  });

  it.each(['hủyy', '🙏', 'ok vậy đồng ý', '👍👍'])('"%s" is no name', async (text) => {
    const chat = await onboarding();
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers.name).toBeUndefined();
    expect((await contactOf(chat)).name).toBeNull();
  });
});
