/**
 * Questions to the knowledge base in a conversation (tester report, session 29, #2, #3, #11,
 * #12): "the room" right after booking a room is that room; a short follow-up keeps the topic of
 * the answer before it; a greeting before a question is no part of it; the centre's own facts
 * (address, Wi-Fi, funding, how to apply, Saturday hours) are found; an English question gets
 * English words around the quoted passage, and an English "don't know".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { spacesDocument } from '../../../src/flows/booking/spaces-document.js';
import { loadSpaces } from '../../../src/flows/booking/spaces.js';
import { KB_HANDOFF_PAYLOAD, KB_HELPFUL_PAYLOAD } from '../../../src/knowledge/feature.js';
import { ingestDocument, ingestPath } from '../../../src/knowledge/ingest.js';
import { openTuesday } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;
// The documents the bot answers from at start-up: the centre's knowledge and its spaces.
beforeAll(async () => {
  await ingestPath(bot.store, 'content/knowledge');
  const spaces = spacesDocument(loadSpaces('content'));
  await ingestDocument(bot.store, spaces.name, Buffer.from(spaces.text, 'utf8'));
}, 60_000);

const text = (replies: Outbound[]) => replies.map((r) => r.text ?? '').join('\n');
const payloads = (replies: Outbound[]) => replies.flatMap((r) => r.buttons?.map((b) => b.payload) ?? []);
/** The quoted answer: the text before the sources. */
const quoted = (replies: Outbound[]) => text(replies).split('📚')[0]!;

describe('the room in context', () => {
  it('answers "phòng có máy chiếu ko" right after booking the meeting room about the meeting room, not the hall', async () => {
    await bot.harness.consent('web', 'kbc-room-vi', 'vi');
    expect(payloads(await say('kbc-room-vi', 'đặt phòng họp mai 9h 2 tiếng'))).toContain('flow:confirm:yes');
    await press('kbc-room-vi', 'flow:confirm:yes');
    const answer = await say('kbc-room-vi', 'cho e hỏi phòng có máy chiếu ko');
    expect(quoted(answer)).toMatch(/phòng họp nhỏ/i);
    expect(quoted(answer)).toContain('không có máy chiếu');
    expect(quoted(answer)).not.toContain('hội trường');
    expect(payloads(answer)).toEqual([KB_HELPFUL_PAYLOAD, KB_HANDOFF_PAYLOAD]);
  });

  it('answers an English "the room" about the room just booked, with an English lead-in', async () => {
    await bot.harness.consent('web', 'kbc-room-en', 'en');
    expect(payloads(await say('kbc-room-en', 'book a meeting room tomorrow 3pm for 2 hours'))).toContain('flow:confirm:yes');
    await press('kbc-room-en', 'flow:confirm:yes');
    const answer = await say('kbc-room-en', 'is there a projector in the room?');
    expect(quoted(answer)).toMatch(/^According to /);
    expect(quoted(answer)).toContain('55 inch');
    expect(text(answer)).toContain('Sources');
  });
});

describe('follow-ups keep the topic', () => {
  it('quotes the funding line, then answers "dc bao nhieu" and "còn hạn ko" about the same programme', async () => {
    await bot.harness.consent('web', 'kbc-money', 'vi');
    expect(quoted(await say('kbc-money', 'chương trình ươm tạo có hỗ trợ tiền không'))).toContain('30 triệu đồng');
    expect(quoted(await say('kbc-money', 'dc bao nhieu'))).toContain('30 triệu đồng');
    expect(quoted(await say('kbc-money', 'còn hạn ko'))).toContain('31/3/2027');
    // A short question that names its own topic is not read as a follow-up.
    expect(quoted(await say('kbc-money', 'trung tâm ở đâu'))).toContain('tầng 2');
  });

  it('answers the English funding question in English words around the quote', async () => {
    await bot.harness.consent('web', 'kbc-money-en', 'en');
    const answer = await say('kbc-money-en', 'how much funding does the incubator give?');
    expect(quoted(answer)).toMatch(/^According to /);
    expect(quoted(answer)).toContain('30 triệu đồng');
    // A follow-up asking a date is not answered with a sentence of the money question before it.
    const deadline = text(await say('kbc-money-en', 'when is the deadline?'));
    expect(deadline).not.toContain('không thu phí');
    expect(deadline).not.toContain('30 triệu');
  });
});

describe('the programme on screen', () => {
  it('answers "chương trình này hỗ trợ những gì" under a card from that programme\'s document', async () => {
    await bot.harness.consent('web', 'kbc-this', 'vi');
    expect(payloads(await press('kbc-this', 'programme:view:craft-village-incubation'))).toContain('programme:apply:craft-village-incubation');
    // Under the card the programme flow answers first (its benefits, cited by the document's
    // title, with its Apply button); programme-on-screen.test.ts covers the other phrasings.
    const answer = await say('kbc-this', 'chương trình này hỗ trợ những gì');
    expect(text(answer)).toContain('Ươm tạo khởi nghiệp đổi mới sáng tạo cho làng nghề');
    expect(payloads(answer)).toContain('programme:apply:craft-village-incubation');
  });
});

describe("the centre's own facts", () => {
  it('finds IPP2 behind a greeting, the Wi-Fi, the way to apply and the Saturday hours, each once', async () => {
    await bot.harness.consent('web', 'kbc-facts', 'vi');
    expect(quoted(await say('kbc-facts', 'hi ad, e muốn hỏi IPP2 là gì vậy'))).toContain('Phần Lan');
    expect(quoted(await say('kbc-facts', 'wifi mạnh ko'))).toContain('Wi-Fi tốc độ cao');
    expect(quoted(await say('kbc-facts', 'lam sao de dang ky chuong trinh uom tao'))).toContain('Đăng ký');
    const saturday = quoted(await say('kbc-facts', 'thứ 7 có mở ko'));
    // A yes/no question leads with the plain answer ("Có."), then the Saturday line itself.
    expect(saturday).toMatch(/^Có\. Thứ Bảy[^.]*11 giờ 30/);
    const hours = quoted(await say('kbc-facts', 'mở cửa mấy giờ'));
    expect(hours.match(/11 giờ 30/g)).toHaveLength(1);
  });

  it('says it does not know in English to an English question', async () => {
    await bot.harness.consent('web', 'kbc-unknown-en', 'en');
    const answer = await say('kbc-unknown-en', 'is there a ufo landing pad on the roof?');
    expect(text(answer)).toMatch(/^Sorry/);
    expect(payloads(answer)).toEqual([KB_HANDOFF_PAYLOAD]);
  });
});
