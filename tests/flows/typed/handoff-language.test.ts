/**
 * The founder's language follows them while they talk to staff: a language chosen mid-handoff
 * ("switch to English please", "/lang en") or, when none was chosen, the language they plainly
 * write in, changes the handoff's own messages (the end offer, the rating question) and the
 * contact's language (which staff replies are relayed in). A chosen language still wins over what
 * is written. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { openTuesday, payloads, languagesOf } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;

let chats = 0;
const newChat = () => `handoff-lang-${++chats}`;

/** The conversation's language and its contact's. */
const languages = (chat: string) => languagesOf(bot.store, chat);

/** The language of the chat's open ticket. */
async function ticketLocale(chat: string): Promise<string | undefined> {
  const rows = await bot.store.query<{ locale: string }>(
    `select t.locale from public.tickets t join public.conversations c on c.contact_id = t.contact_id
      where c.channel = 'web' and c.chat_id = $1 and t.status <> 'resolved'`, [chat]);
  return rows[0]?.locale;
}

const VIETNAMESE_LETTERS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** Whether every text is written without Vietnamese letters (English). */
const english = (texts: (string | undefined)[]) => texts.length > 0 && texts.every((t) => !VIETNAMESE_LETTERS.test(t ?? ''));
/** Whether every text has Vietnamese letters. */
const vietnamese = (texts: (string | undefined)[]) => texts.length > 0 && texts.every((t) => VIETNAMESE_LETTERS.test(t ?? ''));

/** A consented Vietnamese founder talking to staff. */
async function inHandoff(chat: string): Promise<void> {
  await bot.harness.consent('web', chat, 'vi');
  expect(payloads(await say(chat, 'cho mình gặp cán bộ'))).toContain('handoff:end');
}

describe('the language follows a founder talking to staff', () => {
  it('"switch to English please" mid-handoff: chosen, and the end offer and rating come in English', async () => {
    const chat = newChat();
    await inHandoff(chat);
    const switched = await say(chat, 'switch to English please');
    expect(await languages(chat)).toEqual({ conversation: 'en', contact: 'en' });
    // The open ticket too: staff replies are prefixed, and the rating worded, in its language.
    expect(await ticketLocale(chat)).toBe('en');
    expect(english(switched.map((r) => r.text))).toBe(true);
    const offer = await say(chat, "thanks, that's all");
    expect(payloads(offer)).toContain('handoff:end');
    expect(english(offer.map((r) => r.text))).toBe(true);
    // Staff answered (a handoff nobody answered is closed without a rating question).
    await bot.store.query(
      `update public.tickets t set first_response_at = $2 from public.conversations c
        where c.contact_id = t.contact_id and c.channel = 'web' and c.chat_id = $1 and t.status <> 'resolved'`, [chat, NOW.toISOString()]);
    const ended = await press(chat, 'handoff:end');
    expect(payloads(ended).some((p) => p.startsWith('handoff:csat:'))).toBe(true);
    expect(english(ended.map((r) => r.text))).toBe(true);
  });

  it('a founder who chose none and writes English sentences to staff is answered in English', async () => {
    const chat = newChat();
    await inHandoff(chat);
    await say(chat, 'I could not find the invoice for last month, could you send it again?');
    expect(await languages(chat)).toEqual({ conversation: 'en', contact: 'en' });
    const offer = await say(chat, "ok, that's all");
    expect(english(offer.map((r) => r.text))).toBe(true);
  });

  it('a language chosen before the handoff wins over what is written to staff', async () => {
    const chat = newChat();
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, '/lang vi');
    expect(payloads(await say(chat, 'cho mình gặp cán bộ'))).toContain('handoff:end');
    await say(chat, 'I could not find the invoice for last month, could you send it again?');
    expect(await languages(chat)).toMatchObject({ contact: 'vi' });
    const offer = await say(chat, 'xong rồi');
    expect(vietnamese(offer.map((r) => r.text))).toBe(true);
  });

  it('"/lang en" mid-handoff is chosen and the handoff goes on in English', async () => {
    const chat = newChat();
    await inHandoff(chat);
    await say(chat, '/lang en');
    expect(await languages(chat)).toEqual({ conversation: 'en', contact: 'en' });
    const offer = await say(chat, "thanks, that's all");
    expect(payloads(offer)).toContain('handoff:end');
    expect(english(offer.map((r) => r.text))).toBe(true);
  });
});
