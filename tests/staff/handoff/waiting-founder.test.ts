/**
 * Tester's report, session 31 (F43), through the whole bot on PGlite at a fixed clock outside
 * office hours (Monday 20:00 in Hà Nội): a founder waiting for staff who asks in words to erase
 * their data ("actually delete all my data", "xoá dữ liệu của tôi") is asked to confirm as for
 * /forget, the request is not passed on to staff, and "yes" erases (the ticket closed, its
 * texts erased); every message while waiting
 * gets an answer ("yes" and "hello?" once got none).
 */
import { describe, expect, it } from 'vitest';
import { payloads } from '../../support/typed-chat.js';
import { typedBot } from '../../flows/typed/typed-bot.js';

/** Monday 07/12/2026 20:00 in Hà Nội: after office hours (08:00–17:30). */
const MONDAY_EVENING = new Date('2026-12-07T13:00:00Z');
const bot = typedBot(MONDAY_EVENING);
const { say } = bot;

/** The chat's tickets with the founder's messages on each. */
async function ticketsOf(chat: string): Promise<{ id: number; status: string; erased: boolean; founder_messages: number }[]> {
  return bot.store.query<{ id: number; status: string; erased: boolean; founder_messages: number }>(
    `select t.id, t.status, t.erased_at is not null as erased,
            (select count(*)::int from public.ticket_messages m where m.ticket_id = t.id and m.author = 'founder') as founder_messages
       from public.tickets t join public.conversations c on c.contact_id = t.contact_id
      where c.channel = 'web' and c.chat_id = $1 order by t.id`, [chat]);
}

/** When the chat's contact agreed (null before, and after erasing). */
async function consentedAt(chat: string): Promise<string | null> {
  const rows = await bot.store.query<{ consented_at: string | null }>(
    `select k.consented_at from public.contacts k join public.conversations c on c.contact_id = k.id
      where c.channel = 'web' and c.chat_id = $1`, [chat]);
  return rows[0]?.consented_at ?? null;
}

describe('erasing one\'s data while waiting for staff', () => {
  it.each([
    ['en', 'talk to staff', 'actually delete all my data', 'yes'],
    ['vi', 'gặp cán bộ', 'xoá dữ liệu của tôi', 'có'],
  ] as const)('(%s) is asked to confirm as /forget is, not passed on, and erased on yes', async (locale, ask, erase, yes) => {
    const chat = `waiting-erase-${locale}`;
    await bot.harness.consent('web', chat, 'vi'); // a Vietnamese start: the request's own language answers it
    expect(payloads(await say(chat, ask))).toContain('handoff:end');
    const [before] = await ticketsOf(chat);
    const confirm = await say(chat, erase);
    expect(payloads(confirm)).toEqual(['account:forget_yes', 'account:forget_no']);
    expect(confirm[0]!.locale).toBe(locale);
    expect((await ticketsOf(chat))[0]).toMatchObject({ id: before!.id, founder_messages: before!.founder_messages });
    const erased = await say(chat, yes);
    expect(erased.length).toBeGreaterThan(0);
    expect(await consentedAt(chat)).toBeNull();
    expect(await ticketsOf(chat)).toMatchObject([{ id: before!.id, status: 'resolved', erased: true }]);
  });
});

describe('a founder waiting for staff outside office hours', () => {
  it('gets an answer to every message, each passed on to staff', async () => {
    const chat = 'waiting-pings';
    await bot.harness.consent('web', chat, 'en');
    await say(chat, 'talk to staff');
    for (const text of ['yes', 'hello?', 'anyone there']) {
      const replies = await say(chat, text);
      expect(replies.length).toBe(1);
    }
    expect((await ticketsOf(chat))[0]).toMatchObject({ status: 'open', founder_messages: 3 });
  });
});
