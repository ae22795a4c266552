/**
 * A founder who asks for a person while the bot waits for a free answer (here the onboarding's
 * "what is your name?") leaves that flow: once staff resolve the ticket, what the founder writes next is for
 * staff (the short reopen window), never the answer to the question asked before the handoff.
 * Driven through the bot's real feature list and the `uom tickets` functions, on PGlite.
 */
import { afterEach, expect, it } from 'vitest';
import { ticketsResolve, ticketsShow } from '../../../src/staff/handoff/cli.js';
import { botHarness, type BotHarness } from '../../support/bot.js';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SESSION = 'interrupted-flow-000001';

it('ends the interrupted flow, keeps the request as the summary, and reopens on the next message', { timeout: 120_000 }, async () => {
  // Monday 2026-11-23 10:00 in Hà Nội (office hours).
  const now = { value: new Date('2026-11-23T03:00:00Z') };
  h = await botHarness({ clock: () => now.value });
  await h.say('web', SESSION, 'xin chào');
  await h.press('web', SESSION, 'consent:agree');
  await h.settle(); // the onboarding asks for the founder's name
  await h.say('web', SESSION, 'cho mình gặp cán bộ về hồ sơ');
  const opened = await h.settle();
  expect(opened.at(-1)!.message.buttons?.map((b) => b.payload)).toEqual(['handoff:end']);
  const ticket = await h.store.call<{ summary: string | null; contact_id: number }>('ticket_get', { number: 1 });
  expect(ticket.summary).toBe('cho mình gặp cán bộ về hồ sơ');
  expect((await ticketsShow(h.bot.services.config, h.store, 1)).join('\n')).toContain('cho mình gặp cán bộ về hồ sơ');

  now.value = new Date('2026-11-23T03:05:00Z');
  expect(await ticketsResolve(h.bot.services.config, h.store, 1)).toBe(true);
  await h.settle(); // the rating question
  now.value = new Date('2026-11-23T03:07:00Z');
  await h.say('web', SESSION, 'Cho mình hỏi thêm về hồ sơ');
  const after = await h.settle();
  // Reopened (the handoff's confirmation with its end button), not the onboarding's next question.
  expect(after.map((s) => s.message.buttons?.map((b) => b.payload))).toEqual([['handoff:end']]);
  const reopened = await h.store.call<{ status: string; messages: { author: string; body: { text?: string } }[] }>('ticket_get', { number: 1 });
  expect(reopened.status).not.toBe('resolved');
  expect(reopened.messages.filter((m) => m.author === 'founder').map((m) => m.body.text)).toEqual(['Cho mình hỏi thêm về hồ sơ']);
  expect(JSON.stringify(await h.store.call('contact_about', { contact_id: ticket.contact_id }))).not.toContain('Cho mình hỏi thêm');
});

it('keeps a longer request read by the NLU (not the short phrases) as the summary too', { timeout: 120_000 }, async () => {
  h = await botHarness({ clock: () => new Date('2026-11-23T03:00:00Z') });
  await h.consent('web', 'interrupted-flow-000002', 'en');
  const text = 'could I please talk to a staff member about my funding application'; // 12 words: past the phrases' 8
  await h.say('web', 'interrupted-flow-000002', text);
  await h.settle();
  expect(await h.store.call('ticket_get', { number: 1 })).toMatchObject({ reason: 'requested', summary: text });
});
