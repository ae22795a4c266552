/**
 * A short request typed where the profile asks a name: "đặt phòng họp" at "Bạn tên là gì?" was
 * saved as the founder's name, "lam khao sat" at the startup's name as its name. Two or three
 * words in lower case that can only be a request set the profile aside and are served; a name
 * ("Huy", "Nguyễn Văn Đạt", "nguyen van dat") is still a name. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;

async function atNameQuestion(chat: string): Promise<void> {
  await say(chat, 'xin chào');
  await press(chat, 'consent:agree');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
}

async function displayName(chat: string): Promise<string | null | undefined> {
  const rows = await bot.store.query<{ display_name: string | null }>(
    `select k.display_name from public.conversations c join public.contacts k on k.id = c.contact_id
      where c.channel = 'web' and c.chat_id = $1`, [chat]);
  return rows[0]?.display_name;
}

describe('a short request typed at the profile\'s name question', () => {
  it.each([
    ['đặt phòng họp', 'booking'],
    ['dat phong hop', 'booking'],
    ['lam khao sat', 'survey'],
  ])('"%s" is served (%s), not saved as a name', async (text, flow) => {
    const chat = `name-req-${Buffer.from(text).toString('hex').slice(0, 24)}`;
    await atNameQuestion(chat);
    await say(chat, text);
    expect((await flowStateOf(bot.store, chat))?.id).toMatch(new RegExp(`^${flow}`));
    expect(await displayName(chat)).toBeNull();
  });

  it.each(['Huy', 'Nguyễn Văn Đạt', 'nguyen van dat', 'Đặt Phòng'])('"%s" is still a name', async (name) => {
    const chat = `name-ok-${Buffer.from(name).toString('hex').slice(0, 24)}`;
    await atNameQuestion(chat);
    await say(chat, name);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'startup' });
  });
});
