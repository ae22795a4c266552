/**
 * Answers to an application typed as sentences: "sdt của mình là 0912 345 678" at the phone
 * question (re-asked forever before: only a bare number was read), "email mình là … nhé", and
 * "sửa email" / "đổi lại số thành viên" / "edit the phone" at the summary (before: "press Yes,
 * Edit or Cancel"). Through the whole bot on PGlite; assertions on flow state and payloads.
 */
import { describe, expect, it } from 'vitest';
import { findEmailIn, findPhoneIn } from '../../../src/flows/parse/index.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;

/** Starts the provincial incubator's application and answers up to its phone question. */
async function upToPhone(chat: string, locale: 'vi' | 'en' = 'vi'): Promise<void> {
  await bot.harness.consent('web', chat, locale);
  await press(chat, 'programme:apply:provincial-incubator');
  for (const answer of ['Lan', 'Rau Sạch Xanh', '3', 'Kết nối nông dân với bếp ăn trường học', 'có']) await say(chat, answer);
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'phone' });
}

describe('a phone number or e-mail said in a sentence', () => {
  it.each([
    ['sdt cua minh la 0912 345 678', 'vi'],
    ['số của mình là 0912345678 nhé', 'vi'],
    ['my number is +84 912 345 678', 'en'],
  ] as const)('"%s" answers the phone question', async (text, locale) => {
    const chat = `phone-${Buffer.from(text).toString('hex').slice(0, 30)}`;
    await upToPhone(chat, locale);
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'email', answers: { phone: '+84912345678' } });
  });

  it('"email mình là lan@example.vn nhé" answers the e-mail question', async () => {
    await upToPhone('email-1');
    await say('email-1', '0912 345 678');
    const replies = await say('email-1', 'email mình là lan@example.vn nhé');
    expect(payloads(replies)).toContain('flow:confirm:yes');
    expect(await flowStateOf(bot.store, 'email-1')).toMatchObject({ step: 'confirm', answers: { email: 'lan@example.vn' } });
  });

  it('reads none when a sentence holds two different numbers, or none', () => {
    expect(findPhoneIn('0912345678 hoặc 0987654321')).toBeUndefined();
    expect(findPhoneIn('nhóm mình 25 người')).toBeUndefined();
    expect(findEmailIn('không có email')).toBeUndefined();
  });
});

describe('an answer named to edit at the summary', () => {
  it.each([
    ['sửa email', 'email'],
    ['đổi lại số thành viên', 'team_size'],
    ['cho mình sửa điện thoại', 'phone'],
  ])('"%s" asks that question again', async (text, step) => {
    const chat = `edit-${Buffer.from(text).toString('hex').slice(0, 30)}`;
    await upToPhone(chat);
    await say(chat, '0912 345 678');
    await say(chat, 'bỏ qua');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'confirm' });
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step });
  });

  it('an edit naming no answer offers the list of answers', async () => {
    await upToPhone('edit-list');
    await say('edit-list', '0912 345 678');
    await say('edit-list', 'bỏ qua');
    const replies = await say('edit-list', 'sửa cái kia');
    expect(payloads(replies)).toContain('flow:_edit:team_size');
  });
});
