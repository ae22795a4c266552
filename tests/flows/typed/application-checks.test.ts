/**
 * An application typed by a founder (tester's report, session 29, #7 and #14): the phone was
 * demanded although the profile calls it optional, each refusal looped, "sao phải cho sđt" got a
 * generic sentence; a team of 1 and a province outside the programme's area were sent without a
 * word; "có, e làm full" and "yes, me" at a yes/no question were not understood. Through the whole
 * bot on PGlite; assertions on flow state, payloads and stored answers.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

/** Starts the provincial incubator's application and answers up to its yes/no question. */
async function upToFullTime(chat: string, locale: 'vi' | 'en' = 'vi', size = '3'): Promise<void> {
  await bot.harness.consent('web', chat, locale);
  await press(chat, 'programme:apply:provincial-incubator');
  for (const answer of ['Lan', 'Rau Sạch Xanh', size, 'Kết nối nông dân với bếp ăn trường học']) await say(chat, answer);
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'full_time' });
}

describe('a yes with trailing words at a yes/no question', () => {
  it.each([
    ['có, e làm full', 'vi', true], ['co e lam full nha', 'vi', true], ['yes, me', 'en', true],
    ['không, chỉ có mình em part-time', 'vi', false], ['no, just me part time', 'en', false],
  ] as const)('"%s" answers it', async (text, locale, value) => {
    const chat = `yesno-${Buffer.from(text).toString('hex').slice(0, 30)}`;
    await upToFullTime(chat, locale);
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'phone', answers: { full_time: value } });
  });

  it('"có ai làm full không" is no answer', async () => {
    await upToFullTime('yesno-question');
    await say('yesno-question', 'có ai làm full không');
    expect(await flowStateOf(bot.store, 'yesno-question')).toMatchObject({ step: 'full_time' });
  });
});

describe('the phone of an application is optional', () => {
  it.each(['ko muốn cho sđt đâu', 'sao phải cho sđt, e chỉ có email thôi', "I'd rather not"])('"%s" passes it over, and the e-mail is asked', async (text) => {
    const chat = `nophone-${Buffer.from(text).toString('hex').slice(0, 30)}`;
    await upToFullTime(chat);
    await say(chat, 'có');
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'email', answers: { phone: null } });
  });

  it('an e-mail typed at the phone question answers the e-mail', async () => {
    await upToFullTime('phone-email');
    await say('phone-email', 'có');
    const replies = await say('phone-email', 'e chỉ có email thôi: tuan@example.vn');
    expect(await flowStateOf(bot.store, 'phone-email')).toMatchObject({ step: 'confirm', answers: { phone: null, email: 'tuan@example.vn' } });
    expect(payloads(replies)).toContain('flow:confirm:yes');
  });

  it('"sao phải cho sđt" gets the reason and the skip button, not a miss', async () => {
    await upToFullTime('phone-why');
    await say('phone-why', 'có');
    const replies = await say('phone-why', 'sao phải cho sđt');
    expect(await flowStateOf(bot.store, 'phone-why')).toMatchObject({ step: 'phone', misses: 0 });
    expect(payloads(replies)).toContain('flow:_:skip');
  });
});

/** The text of the replies, joined. */
const textOf = (replies: Awaited<ReturnType<typeof say>>) => replies.map((r) => r.text ?? '').join('\n');

describe('a hard condition failed is said before sending', () => {
  it('a team of 1 to a programme of at least 2 is warned at the summary, and can still be sent', async () => {
    await upToFullTime('team-one', 'vi', '1 mình e thôi');
    await say('team-one', 'có');
    await say('team-one', '0912 345 678');
    const summary = await say('team-one', 'bỏ qua');
    expect(await flowStateOf(bot.store, 'team-one')).toMatchObject({ step: 'confirm', answers: { team_size: 1 } });
    expect(textOf(summary)).toContain('⚠️');
    expect(payloads(summary)).toEqual(expect.arrayContaining(['flow:confirm:yes', 'flow:_:cancel']));
    await say('team-one', 'ok gửi');
    expect(await flowStateOf(bot.store, 'team-one')).toBeUndefined();
  });

  it('a team of 3 in the area gets no warning', async () => {
    await upToFullTime('team-three');
    await say('team-three', 'có');
    await say('team-three', '0912 345 678');
    expect(textOf(await say('team-three', 'bỏ qua'))).not.toContain('⚠️');
  });

  it('a province outside the programme\'s area, told in the search, is warned', async () => {
    const chat = 'outside-area';
    await bot.harness.consent('web', chat, 'en');
    await say(chat, 'which programmes fit an edtech startup in Ha Noi?');
    await press(chat, 'flow:stage:idea');
    await press(chat, 'flow:_:skip');
    await press(chat, 'programme:apply:provincial-incubator');
    for (const answer of ['Lan', 'EduKid', '3', 'Maths games for primary pupils', 'yes', '0912 345 678']) await say(chat, answer);
    const summary = await say(chat, 'skip');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'confirm' });
    expect(textOf(summary)).toContain('⚠️');
    expect(textOf(summary)).toContain('❌');
  });
});
