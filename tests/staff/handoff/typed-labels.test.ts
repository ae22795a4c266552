/**
 * After a handoff ends, a founder who types a button's label instead of pressing it gets what
 * the press does (the whole bot, PGlite, injected clock): "bo qua" under the comment question
 * skips it (nothing stored as the comment), and the main menu's "Đặt câu hỏi" typed within the
 * short reopen window starts a question instead of reopening the ticket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handoffFeature } from '../../../src/staff/handoff/feature.js';
import { defaultFeatures } from '../../../src/app/features.js';
import type { Feature } from '../../../src/bot/router.js';
import { translator } from '../../../src/content/messages.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { alwaysAtWork } from './support.js';

const STAFF_CHAT = '-1001234567890';
let harness: BotHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A founder whose conversation with staff they just ended themselves (ticket 1, resolved). */
async function endedTicket(chat: string): Promise<{ h: BotHarness; now: { value: Date } }> {
  const handoff = handoffFeature({ createTopic: async () => '101' });
  const features: Feature[] = [...defaultFeatures().filter((f) => f.name !== 'handoff'), handoff];
  // The database stamps tickets with the real time and the reopen window compares it with the
  // bot's clock: only differences from this start matter.
  const now = { value: new Date() };
  const h = await botHarness({ features, env: { STAFF_CHAT_ID: STAFF_CHAT }, clock: () => now.value });
  harness = h;
  // A real-time clock may fall outside office hours, where waiting founders get a note: these
  // tests are about other replies, so staff are at work around the clock here.
  alwaysAtWork(h);
  await h.consent('telegram', chat);
  await h.say('telegram', chat, 'gặp cán bộ');
  await h.settle();
  await handoff.worker()!.runOnce();
  await h.press('telegram', chat, 'handoff:end');
  await h.settle();
  return { h, now };
}

async function ticket(h: BotHarness) {
  return h.store.call<Record<string, unknown>>('ticket_get', { number: 1 });
}

describe('button labels typed after a handoff', () => {
  it.each(['bo qua', 'Bỏ qua', 'BO QUA!'])('"%s" under the comment question skips it: no comment is stored', async (typed) => {
    const { h, now } = await endedTicket('81');
    await h.press('telegram', '81', 'handoff:csat:1:4');
    const thanks = (await h.settle()).filter((s) => s.to.chatId === '81');
    expect(thanks.at(-1)!.message.buttons?.map((b) => b.payload)).toEqual(['handoff:csat_skip:1']);

    now.value = new Date(now.value.getTime() + 30_000);
    await h.say('telegram', '81', typed);
    const sent = (await h.settle()).filter((s) => s.to.chatId === '81');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.text).toBe(translator(h.bot.services.messages, 'vi')('handoff.csat_done'));
    expect(await ticket(h)).toMatchObject({ status: 'resolved', csat_score: 4, csat_comment: null, reopened_count: 0 });
  });

  it('a real comment under the same question is still stored', async () => {
    const { h } = await endedTicket('82');
    await h.press('telegram', '82', 'handoff:csat:1:5');
    await h.settle();
    await h.say('telegram', '82', 'bỏ qua phần giấy tờ thì mọi thứ rất tốt');
    await h.settle();
    expect(await ticket(h)).toMatchObject({ csat_comment: 'bỏ qua phần giấy tờ thì mọi thứ rất tốt' });
  });

  it.each(['dat cau hoi', 'Đặt câu hỏi', 'đặt câu hỏi'])('the menu label "%s" within the reopen window starts a question, not a reopen', async (typed) => {
    const { h, now } = await endedTicket('83');
    await h.press('telegram', '83', 'handoff:csat_skip:1');
    await h.settle();

    now.value = new Date(now.value.getTime() + 60_000); // well inside the 10-minute window
    await h.say('telegram', '83', typed);
    const sent = (await h.settle()).filter((s) => s.to.chatId === '83');
    expect(sent.map((s) => s.message.text)).toEqual([translator(h.bot.services.messages, 'vi')('kb.ask_prompt')]);
    expect(await ticket(h)).toMatchObject({ status: 'resolved', reopened_count: 0 });
  });

  it('other text within the window goes to the bot once the founder ended the talk themselves (tester #5)', async () => {
    const { h, now } = await endedTicket('84');
    await h.press('telegram', '84', 'handoff:csat_skip:1');
    await h.settle();
    now.value = new Date(now.value.getTime() + 60_000);
    await h.say('telegram', '84', 'à em quên gửi file hồ sơ cho chị');
    const sent = (await h.settle()).filter((s) => s.to.chatId === '84');
    expect(sent.flatMap((s) => s.message.buttons ?? []).map((b) => b.payload)).not.toContain('handoff:end');
    expect(await ticket(h)).toMatchObject({ status: 'resolved', reopened_count: 0 });
  });
});
