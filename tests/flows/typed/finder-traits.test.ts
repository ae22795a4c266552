/**
 * Team traits typed in words (tester's report, session 29, #8): "e là nữ ạ", "our CEO is a woman",
 * "environmental impact" at the finder's traits question got the hint again, and "có chương trình
 * nào cho sinh viên ko" still asked the traits. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

let chats = 0;
/** A finder at its traits question, in `locale`. */
async function atTraits(locale: 'vi' | 'en'): Promise<string> {
  const chat = `traits-${++chats}`;
  await bot.harness.consent('web', chat, locale);
  await say(chat, locale === 'vi' ? 'có chương trình nào cho startup giáo dục ở Lạng Sơn không' : 'which programmes fit an edtech startup in Lang Son?');
  await press(chat, 'flow:stage:idea');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'programme-finder', step: 'traits' });
  return chat;
}

describe('traits typed in words', () => {
  it.each([
    ['e là nữ ạ', 'vi', ['women_led']],
    ['sinh viên', 'vi', ['students']],
    ['bọn e là sinh viên, có tác động môi trường', 'vi', ['social_impact', 'students']],
    ['environmental impact, yes. also our CEO is a woman', 'en', ['women_led', 'social_impact']],
  ] as const)('"%s" is taken', async (text, locale, traits) => {
    const chat = await atTraits(locale);
    await say(chat, text);
    const state = await bot.store.query<{ state: { programmes?: { facts?: { traits?: string[] } } } }>(
      `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
    );
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect([...(state[0]?.state.programmes?.facts?.traits ?? [])].sort()).toEqual([...traits].sort());
  });

  it('"không phải sinh viên" names no trait', async () => {
    const chat = await atTraits('vi');
    await say(chat, 'không phải sinh viên');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'traits' });
  });
});

describe('a trait named in the request', () => {
  it('"có chương trình nào cho sinh viên ko" does not ask the traits', async () => {
    const chat = 'traits-request';
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'có chương trình nào cho sinh viên ngành giáo dục ở Lạng Sơn ko');
    await press(chat, 'flow:stage:idea');
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
  });
});

describe('a team size said in the search', () => {
  it('"…, 3 people, …" is not asked again by the application', async () => {
    const chat = 'team-said';
    await bot.harness.consent('web', chat, 'en');
    await say(chat, 'which programmes fit my edtech startup, 3 people, idea stage, in Lang Son?');
    for (let i = 0; i < 3 && (await flowStateOf(bot.store, chat))?.id === 'programme-finder'; i++) await press(chat, 'flow:_:skip');
    await press(chat, 'programme:apply:provincial-incubator');
    await say(chat, 'Lan');
    await say(chat, 'EduKid');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'apply-provincial-incubator', step: 'problem', answers: { team_size: 3 } });
  });
});
