/**
 * The language follows the founder who chose none: "hi" (read as Vietnamese) and then full
 * English sentences kept getting Vietnamese. A message plainly in the other language switches the
 * conversation (and the contact after consent) and is answered in it; "ok", "hi", "thanks", a
 * name or a code change nothing; a language chosen (`/lang`, "switch to English") always wins.
 * Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday, languagesOf } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;

let chats = 0;
const newChat = () => `lang-follow-${++chats}`;

/** The conversation's language and its contact's. */
const languages = (chat: string) => languagesOf(bot.store, chat);

/** Whether every reply is written without Vietnamese letters (an English reply). */
const unaccented = (texts: string[]) => texts.every((t) => !VIETNAMESE_LETTERS.test(t));
const VIETNAMESE_LETTERS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe('the language follows what a founder who chose none writes', () => {
  it('"hi", agreed, then an English sentence: switched to English and answered in it', async () => {
    const chat = newChat();
    await say(chat, 'hi');
    await press(chat, 'consent:agree');
    expect((await languages(chat)).contact).toBe('vi');
    const replies = await say(chat, 'need the meeting room tomorrow at 3pm, just half an hour');
    expect(await languages(chat)).toEqual({ conversation: 'en', contact: 'en' });
    // A request with its day, time and length, not the founder's name: the booking starts.
    expect((await flowStateOf(bot.store, chat))?.id).toBe('booking');
    expect(replies.length).toBeGreaterThan(0);
    expect(unaccented(replies.map((r) => r.text ?? ''))).toBe(true);
  });

  it('English before consent: the notice comes in English', async () => {
    const chat = newChat();
    await say(chat, 'hi');
    expect((await languages(chat)).conversation ?? 'vi').toBe('vi');
    await say(chat, 'what programmes do you have for a food startup?');
    expect((await languages(chat)).conversation).toBe('en');
  });

  it('an English founder writing a Vietnamese sentence gets Vietnamese', async () => {
    const chat = newChat();
    await say(chat, 'hi');
    await say(chat, 'I agree');
    expect((await languages(chat)).contact).toBe('en');
    await say(chat, 'mình muốn đặt phòng họp chiều mai');
    expect(await languages(chat)).toEqual({ conversation: 'vi', contact: 'vi' });
  });

  it.each(['ok', 'thanks', 'hi', 'cảm ơn nhé', 'UOM-1234'])('"%s" changes nothing', async (text) => {
    const chat = newChat();
    await say(chat, 'hi');
    await press(chat, 'consent:agree');
    await say(chat, 'bỏ qua');
    await say(chat, text);
    expect(await languages(chat)).toMatchObject({ contact: 'vi' });
    expect((await languages(chat)).conversation ?? 'vi').toBe('vi');
  });

  it('a Vietnamese name typed by an English founder is a name, not a language', async () => {
    const chat = newChat();
    await say(chat, 'hi');
    await say(chat, 'I agree');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
    await say(chat, 'Lê Thị Hồng Nhung');
    expect(await languages(chat)).toEqual({ conversation: 'en', contact: 'en' });
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup', answers: { name: 'Lê Thị Hồng Nhung' } });
  });
});

describe('a language chosen always wins', () => {
  it('"/lang vi", then English sentences: still Vietnamese', async () => {
    const chat = newChat();
    await say(chat, 'hi');
    await press(chat, 'consent:agree');
    await say(chat, '/lang vi');
    await say(chat, 'need the meeting room tomorrow at 3pm, just half an hour');
    expect(await languages(chat)).toEqual({ conversation: 'vi', contact: 'vi' });
  });

  it('"switch to English please", then a Vietnamese sentence: still English', async () => {
    const chat = newChat();
    await say(chat, 'hi');
    await press(chat, 'consent:agree');
    await say(chat, 'switch to English please');
    expect((await languages(chat)).conversation).toBe('en');
    await say(chat, 'mình muốn đặt phòng họp chiều mai');
    expect(await languages(chat)).toEqual({ conversation: 'en', contact: 'en' });
  });
});
