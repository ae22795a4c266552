/**
 * "It" is the programme just discussed (tester's report, session 31, F23, F8, F15, F25, F30):
 * after "why does the first one fit?" showed the first programme's fit card, "when is the
 * deadline for it" / "hạn nộp của nó khi nào" quoted another programme's deadline from the
 * documents, "how do I apply?" / "đăng ký cái đó" showed another programme's text or the whole
 * list again, and "chương trình số 1 có yêu cầu gì" found nothing. Before any list, "why does
 * the first one fit?" got an unrelated quote. Through the whole bot on PGlite; assertions on
 * payloads and flow state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spacesDocument } from '../../../src/flows/booking/spaces-document.js';
import { loadSpaces } from '../../../src/flows/booking/spaces.js';
import { ingestDocument, ingestPath } from '../../../src/knowledge/ingest.js';
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
const { say, press } = bot;

const texts = (replies: Outbound[]) => replies.map((r) => r.text ?? '').join('\n');

/** The finder run by typing (prototype, environment, Hà Nội, no traits); the listed programme ids. */
async function listed(chat: string, locale: 'vi' | 'en'): Promise<string[]> {
  await bot.harness.consent('web', chat, locale);
  await press(chat, 'menu:programmes');
  await say(chat, locale === 'vi' ? 'sản phẩm mẫu' : 'prototype');
  await say(chat, locale === 'vi' ? 'môi trường' : 'environment');
  await say(chat, 'Ha Noi');
  const list = payloads(await say(chat, locale === 'vi' ? 'bỏ qua' : 'skip'));
  return list.filter((p) => p.startsWith('programme:view:')).map((p) => p.replace('programme:view:', ''));
}

describe('"it" after the first programme was discussed (F23, F8)', () => {
  it('English: its deadline from its own file, then its application', async () => {
    const chat = 'ctx-en';
    const [first, second] = await listed(chat, 'en');
    expect(payloads(await say(chat, 'why does the first one fit?'))).toContain(`programme:apply:${first}`);
    const deadline = await say(chat, 'when is the deadline for it');
    expect(payloads(deadline)).toContain(`programme:view:${first}`);
    expect(payloads(deadline).some((p) => p.startsWith('kb:') || p.includes(second!))).toBe(false);
    await say(chat, 'how do I apply?');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: `apply-${first}` });
  });

  it('"when\'s the deadline?" without a pronoun, with a programme in context, is its deadline', async () => {
    const chat = 'ctx-en-bare';
    const [first] = await listed(chat, 'en');
    await say(chat, 'why does the first one fit?');
    const deadline = await say(chat, "when's the deadline?");
    expect(payloads(deadline)).toContain(`programme:view:${first}`);
    expect(payloads(deadline).some((p) => p.startsWith('kb:'))).toBe(false);
  });

  it('Vietnamese: "chương trình số 1 có yêu cầu gì", "hạn nộp của nó khi nào", "đăng ký cái đó"', async () => {
    const chat = 'ctx-vi';
    const [first] = await listed(chat, 'vi');
    const conditions = await say(chat, 'chương trình số 1 có yêu cầu gì');
    expect(payloads(conditions)).toContain(`programme:apply:${first}`);
    expect(payloads(conditions).some((p) => p.startsWith('kb:') || p.startsWith('handoff:'))).toBe(false);
    const deadline = await say(chat, 'hạn nộp của nó khi nào');
    expect(payloads(deadline)).toContain(`programme:view:${first}`);
    expect(payloads(deadline).some((p) => p.startsWith('kb:'))).toBe(false);
    await say(chat, 'đăng ký cái đó');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: `apply-${first}` });
  });

  it('the second programme of the list is still "cái số 2" after the first one\'s card', async () => {
    const chat = 'ctx-second';
    const [, second] = await listed(chat, 'vi');
    await say(chat, 'sao cái đầu tiên hợp với mình');
    expect(payloads(await say(chat, 'còn cái số 2 hạn nộp khi nào'))).toContain(`programme:view:${second}`);
  });
});

describe('"why does the first one fit?" before any programme was suggested (F15, F25)', () => {
  it.each([
    ['why does the first one fit?', 'en'],
    ['sao cái đó hợp với tui vậy', 'vi'],
    ['vì sao chương trình đầu tiên hợp với mình', 'vi'],
    ['cái đầu tiên là j z', 'vi'],
  ] as const)('"%s" at the finder\'s first question: none suggested yet, and the question again', async (text, locale) => {
    const chat = `none-${Buffer.from(text).toString('hex').slice(0, 30)}`;
    await bot.harness.consent('web', chat, locale);
    await press(chat, 'menu:programmes');
    const replies = await say(chat, text);
    expect(payloads(replies).some((p) => p.startsWith('kb:'))).toBe(false);
    expect(payloads(replies)).toContain('flow:stage:idea');
    expect(texts(replies)).not.toMatch(/Hội thảo|Mạng lưới Đại sứ|workshop/i);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'programme-finder', step: 'stage', misses: 0 });
  });
});

describe('a programme named loosely (F30)', () => {
  it('"đăng ký chương trình ươm tạo" opens the provincial incubator\'s application', async () => {
    const chat = 'named-apply';
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'đăng ký chương trình ươm tạo');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'apply-provincial-incubator' });
  });

  it('"chương trình ươm tạo của tỉnh có gì" lists what it offers, with its Apply button', async () => {
    const chat = 'named-benefits';
    await bot.harness.consent('web', chat, 'vi');
    const replies = await say(chat, 'chương trình ươm tạo của tỉnh có gì');
    expect(payloads(replies)).toContain('programme:apply:provincial-incubator');
    expect(texts(replies)).toContain('30');
    expect(payloads(replies).some((p) => p.startsWith('kb:'))).toBe(false);
  });
});
