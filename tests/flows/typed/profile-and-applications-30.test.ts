/**
 * Founders typing at the profile and at applications (tester's report, session 30): "Tuấn mà,
 * mình nói rồi" saved as the name (F31); /profile restarting from scratch and "giữ nguyên" saved
 * as the name (F48); a name lost when a later question was skipped (F18); "thoi bo qua" at the
 * first question taken as the name (F17); "never mind, I'll apply later" stored as an answer and
 * "ok let's continue" as a yes (F22); no way to withdraw an application (F59). Through the whole
 * bot on PGlite; assertions on the flow state, stored data and payloads.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

let chats = 0;
async function onboarding(lang: 'vi' | 'en' = 'vi'): Promise<string> {
  const chat = `p30-${++chats}`;
  await say(chat, lang === 'en' ? 'hi' : 'xin chào');
  if (lang === 'en') await say(chat, 'I agree');
  else await press(chat, 'consent:agree');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
  return chat;
}

async function contactOf(chat: string): Promise<{ id: number; name: string | null; profile: Record<string, unknown> }> {
  const rows = await bot.store.query<{ id: number; name: string | null; profile: Record<string, unknown> }>(
    `select k.id, k.display_name as name, k.profile from public.conversations c join public.contacts k on k.id = c.contact_id
      where c.channel = 'web' and c.chat_id = $1`, [chat],
  );
  return rows[0]!;
}

describe('the name reader (F31)', () => {
  it.each(['Tuấn mà, mình nói rồi', 'Tuan ma, minh noi roi', 'như mình nói, Tuấn'])('"%s" is the name Tuấn/Tuan', async (text) => {
    const chat = await onboarding();
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.step).toBe('startup');
    expect(String(flow?.answers.name)).toMatch(/^Tu(ấ|a)n$/);
  });

  it('"Kate, I told you already" is Kate', async () => {
    const chat = await onboarding('en');
    await say(chat, 'Kate, I told you already');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup', answers: { name: 'Kate' } });
  });

  it.each(['giữ nguyên', 'giu nguyen', 'mình nói rồi mà'])('"%s" is nobody\'s name', async (text) => {
    const chat = await onboarding();
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.step).toBe('name');
    expect(flow?.answers).not.toHaveProperty('name');
  });
});

describe('skipping the onboarding (F18, F17)', () => {
  it('"bỏ qua" at the stage keeps the name typed before', async () => {
    const chat = await onboarding();
    await say(chat, 'Em tên Giang');
    await say(chat, 'Chưa có tên ạ');
    await say(chat, 'bỏ qua');
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect((await contactOf(chat)).name).toBe('Giang');
  });

  it.each(['thoi bo qua', 'thôi bỏ qua', 'skip all'])('"%s" at the first question skips the questionnaire, not the name', async (text) => {
    const chat = await onboarding();
    const replies = await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect((await contactOf(chat)).name ?? '').not.toMatch(/bo qua|bỏ qua|skip/i);
    expect(payloads(replies)).toContain('menu:programmes');
  });
});

describe('/profile shows what is saved (F48)', () => {
  async function saved(): Promise<string> {
    const chat = await onboarding();
    for (const text of ['Hằng', 'Cà phê Xanh', 'mới có MVP', 'nông nghiệp', 'Đắk Lắk', 'bỏ qua', 'bỏ qua']) await say(chat, text);
    await press(chat, 'flow:confirm:yes');
    expect((await contactOf(chat)).name).toBe('Hằng');
    return chat;
  }

  it('starts at the summary of the saved values', async () => {
    const chat = await saved();
    const replies = await say(chat, '/profile');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({
      id: 'profile', step: 'confirm', answers: { name: 'Hằng', startup: 'Cà phê Xanh', stage: 'prototype', sector: 'agriculture', province: 'dak-lak' },
    });
    expect(payloads(replies)).toEqual(expect.arrayContaining(['flow:confirm:yes', 'flow:confirm:edit']));
  });

  it.each(['giữ nguyên', 'giu nguyen', 'keep it'])('"%s" at the name picked for editing keeps it', async (text) => {
    const chat = await saved();
    await say(chat, '/profile');
    await press(chat, 'flow:confirm:edit');
    const asked = await press(chat, 'flow:_edit:name');
    expect(payloads(asked)).toContain('flow:_:keep');
    expect(asked.map((m) => m.text).join('\n')).toContain('Hằng');
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'confirm', answers: { name: 'Hằng' } });
  });

  it('a new value replaces one answer, the others stay', async () => {
    const chat = await saved();
    await say(chat, '/profile');
    await say(chat, 'sửa tỉnh');
    await press(chat, 'flow:_:keep');
    await say(chat, 'sửa tên');
    await say(chat, 'Thu Hằng');
    await press(chat, 'flow:confirm:yes');
    const contact = await contactOf(chat);
    expect(contact.name).toBe('Thu Hằng');
    expect(contact.profile).toMatchObject({ province: 'dak-lak', stage: 'prototype', startup: 'Cà phê Xanh' });
  });
});

describe('giving up or going on in an application (F22)', () => {
  async function applying(): Promise<string> {
    const chat = `p30-apply-${++chats}`;
    await bot.harness.consent('web', chat, 'en');
    await press(chat, 'programme:apply:provincial-incubator');
    await say(chat, 'Kate');
    await say(chat, 'EduKids');
    await say(chat, '2');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'apply-provincial-incubator', step: 'problem' });
    return chat;
  }

  it.each(["hmm never mind, I'll apply later", 'à thôi, để mình đăng ký sau'])('"%s" at a free-text question is no answer: the application stops', async (text) => {
    const chat = await applying();
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    const rows = await bot.store.query('select a.id from public.programme_applications a join public.conversations c on c.contact_id = a.contact_id where c.chat_id = $1', [chat]);
    expect(rows).toHaveLength(0);
  });

  it.each(["ok let's continue the application", 'ok tiếp tục nhé'])('"%s" at the yes/no question asks it again, it is no yes', async (text) => {
    const chat = await applying();
    await say(chat, 'English lessons for children in rural Lang Son');
    const replies = await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ step: 'full_time' });
    expect(flow?.answers).not.toHaveProperty('full_time');
    expect(payloads(replies)).toContain('flow:full_time:yes');
  });
});

describe('withdrawing an application (F59)', () => {
  async function withApplication(programme: string, status?: string): Promise<{ chat: string; id: number }> {
    const chat = `p30-withdraw-${++chats}`;
    await bot.harness.consent('web', chat, 'vi');
    const ids = await bot.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel: 'web', chat_id: chat, user_id: chat, locale: 'vi' });
    const submitted = await bot.store.call<{ application_id: number }>('fx_application_submit', {
      args: { contact_id: ids.contact_id, conversation_id: ids.conversation_id, programme_id: programme, answers: { name: 'An' }, locale: 'vi', summary: 'An' },
    });
    if (status) await bot.store.call('application_set_status', { id: submitted.application_id, status });
    return { chat, id: submitted.application_id };
  }
  const statusOf = async (id: number) =>
    (await bot.store.query<{ status: string }>('select status from public.programme_applications where id = $1', [id]))[0]!.status;

  it.each(['mình muốn rút đơn IPP2', 'hủy đơn đăng ký đó giúp mình, mình ko tham gia nữa', 'rut don ipp2', 'withdraw my application'])('"%s" asks to confirm, then withdraws', async (text) => {
    const { chat, id } = await withApplication('ipp2-asean-network');
    const asked = await say(chat, text);
    expect(payloads(asked)).toContain(`programme:withdraw:${id}`);
    expect(await statusOf(id)).toBe('submitted');
    await press(chat, `programme:withdraw:${id}`);
    expect(await statusOf(id)).toBe('withdrawn');
  });

  it('an application already decided is not withdrawn; staff are offered', async () => {
    const { chat, id } = await withApplication('ipp2-asean-network', 'accepted');
    const replies = await say(chat, 'rút đơn IPP2');
    expect(payloads(replies)).not.toContain(`programme:withdraw:${id}`);
    expect(payloads(replies)).toContain('handoff:request');
    await press(chat, `programme:withdraw:${id}`);
    expect(await statusOf(id)).toBe('accepted');
  });

  it('another founder\'s application cannot be withdrawn by its id', async () => {
    const { id } = await withApplication('ipp2-asean-network');
    const other = await withApplication('lang-son-coworking');
    await press(other.chat, `programme:withdraw:${id}`);
    expect(await statusOf(id)).toBe('submitted');
  });
});

describe('a description typed at the stage or sector question (F25, F55, F20)', () => {
  it('"just an idea for now, an edtech app … in Lang Son" at the stage takes stage, sector and province', async () => {
    const chat = await onboarding('en');
    await say(chat, 'Kate');
    await say(chat, 'skip');
    await say(chat, "just an idea for now, an edtech app teaching english to kids in Lang Son, we're 2 uni students");
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ step: 'phone', answers: { stage: 'idea', sector: 'education', province: 'lang-son' } });
  });

  it('"like I said, we already sell" at the stage is revenue', async () => {
    const chat = await onboarding('en');
    await say(chat, 'Lisa');
    await say(chat, 'skip');
    await say(chat, 'like I said, we already sell');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'sector', answers: { stage: 'revenue' } });
  });

  it.each(['làm nước mắm truyền thống ở Phú Quốc, Kiên Giang á', 'lam nuoc mam truyen thong o Phu Quoc, Kien Giang a'])('"%s" at the sector keeps sector and province', async (text) => {
    const chat = await onboarding();
    await say(chat, 'tui tên Hải nè');
    await say(chat, 'bỏ qua');
    await say(chat, 'có doanh thu rồi');
    await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers).toMatchObject({ name: 'Hải', stage: 'revenue', sector: 'agriculture' });
    expect(typeof flow?.answers.province).toBe('string');
    expect(flow?.step).toBe('phone');
  });
});
