/**
 * A follow-up question without a topic takes the topic of what is under way (tester's report,
 * session 31, F10, F18, F20): "how much does it cost?" while booking the meeting room and "giá
 * bao nhiêu" after asking about renting an office were asked back "which programme, service or
 * event?"; "btw có projector ko" right after booking the meeting room found nothing. Through the
 * whole bot on PGlite, at a fixed clock; assertions on the catalogue's texts, payloads and the
 * cited documents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spacesDocument } from '../../../src/flows/booking/spaces-document.js';
import { loadSpaces } from '../../../src/flows/booking/spaces.js';
import { ingestDocument, ingestPath } from '../../../src/knowledge/ingest.js';
import { translator } from '../../../src/content/messages.js';
import type { Outbound } from '../../../src/bot/outbound.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
// The documents the bot answers from at start-up: the centre's knowledge and its spaces.
beforeAll(async () => {
  await ingestPath(bot.store, 'content/knowledge');
  const spaces = spacesDocument(loadSpaces('content'));
  await ingestDocument(bot.store, spaces.name, Buffer.from(spaces.text, 'utf8'));
}, 60_000);
const { say } = bot;

const texts = (replies: Outbound[]) => replies.map((r) => r.text ?? '').join('\n');

describe('a question without a topic', () => {
  it('"how much does it cost?" while booking the meeting room is about the meeting room (F10)', async () => {
    const chat = 'topic-booking';
    await bot.harness.consent('web', chat, 'en');
    await say(chat, "I'd like to book a meeting room tomorrow 3-5pm for 6 people");
    const replies = await say(chat, 'how much does it cost?');
    const t = translator(bot.harness.bot.services.messages, 'en');
    expect(texts(replies)).not.toContain(t('kb.no_topic'));
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking' });
  });

  it('"giá bao nhiêu" after asking about renting an office is about that (F18)', async () => {
    const chat = 'topic-previous';
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'có cho thuê văn phòng riêng theo tháng ko ạ');
    const replies = await say(chat, 'giá bao nhiêu');
    const t = translator(bot.harness.bot.services.messages, 'vi');
    expect(texts(replies)).not.toContain(t('kb.no_topic'));
  });

  it('"btw có projector ko" right after booking the meeting room is about that room (F20)', async () => {
    const chat = 'topic-booked';
    await bot.harness.consent('web', chat, 'vi');
    expect(payloads(await say(chat, 'mình cần book meeting room cho team meeting thứ 5 này from 2pm to 4pm'))).toContain('flow:confirm:yes');
    await say(chat, 'ok confirm đi');
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    const replies = await say(chat, 'btw có projector ko');
    expect(payloads(replies)).toContain('kb:helpful');
    expect(texts(replies)).toContain('HDMI');
  });
});
