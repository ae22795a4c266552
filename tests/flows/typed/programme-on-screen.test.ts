/**
 * The programme on screen is what "chương trình này" and "đăng ký luôn" mean (tester's report,
 * session 29, #13): after its card, "chương trình này hỗ trợ những gì" got the centre's generic
 * description and "e đăng ký luôn" the whole list again. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

let chats = 0;
async function viewing(id: string, locale: 'vi' | 'en' = 'vi'): Promise<string> {
  const chat = `on-screen-${++chats}`;
  await bot.harness.consent('web', chat, locale);
  expect(payloads(await press(chat, `programme:view:${id}`))).toContain(`programme:apply:${id}`);
  return chat;
}

describe('applying to the programme on screen', () => {
  it.each([['e đăng ký luôn', 'vi'], ['cho mình đăng ký nhé', 'vi'], ['dang ky luon', 'vi'], ['I want to apply', 'en'], ['apply now', 'en']] as const)('"%s" starts its application', async (text, locale) => {
    const chat = await viewing('craft-village-incubation', locale);
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'apply-craft-village-incubation' });
  });
});

describe('a question about "this programme"', () => {
  it.each([['chương trình này hỗ trợ những gì', 'vi'], ['ct nay co loi ich gi', 'vi'], ['what does this programme offer?', 'en']] as const)('"%s" gets its benefits with its Apply button', async (text, locale) => {
    const chat = await viewing('craft-village-incubation', locale);
    const replies = await say(chat, text);
    expect(payloads(replies)).toContain('programme:apply:craft-village-incubation');
    // Cited by the programme document's title (its first heading), never by its file name.
    expect(replies.map((r) => r.text ?? '').join('\n')).toContain('Ươm tạo khởi nghiệp đổi mới sáng tạo cho làng nghề');
    expect(replies.map((r) => r.text ?? '').join('\n')).not.toContain('.md');
    expect(payloads(replies).some((p) => p.startsWith('kb:'))).toBe(false);
  });

  it('without a card on screen, the same words are not taken as an application', async () => {
    const chat = `on-screen-none`;
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'e đăng ký luôn');
    expect((await flowStateOf(bot.store, chat))?.id).not.toBe('apply-craft-village-incubation');
  });
});
