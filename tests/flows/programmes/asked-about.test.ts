/**
 * Questions about one programme of the finder's list, or named, answered from its file through
 * the whole bot on PGlite: why it fits (its conditions checked), its deadline, how to apply to
 * it. Each was refused or answered from another programme's document before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { asksDeadline, asksWhyFit } from '../../../src/flows/programmes/asked-about.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

describe('reading a question about one programme', () => {
  it('hears "why does it fit", typed casually, in dialect or in English', () => {
    for (const q of ['sao cái số 2 lại hợp vs mik', 'tai sao MII hop voi tui', 'vì sao ct này phù hợp với bên em', 'why does number 3 suit us?', 'how come the first one fits us']) {
      expect(asksWhyFit(q), q).toBe(true);
    }
    for (const q of ['đăng ký cái số 2', 'cái số 2 hạn khi nào', 'phòng họp có hợp cho 10 người không']) expect(asksWhyFit(q), q).toBe(false);
  });

  it('hears a deadline question, but not one that also asks a fee or a place', () => {
    for (const q of ['còn cái IPP2 thì sao, hạn nộp khi nào', 'ct mekong het han chua', 'when is the deadline for number 3', 'hạn chót đăng ký ct thứ hai']) {
      expect(asksDeadline(q), q).toBe(true);
    }
    for (const q of ['hạn nộp và phí bao nhiêu', 'nộp hồ sơ ở đâu', 'IPP2 là gì']) expect(asksDeadline(q), q).toBe(false);
  });
});

let store: PgliteStore;
let h: BotHarness;
beforeAll(async () => {
  store = await pgliteTestStore();
  // A fixed day: the provincial programme's deadline (31/03/2027) is still ahead, whatever today is.
  h = await botHarness({ store, clock: () => new Date('2026-12-01T02:00:00Z') });
});
afterAll(async () => {
  await h.close();
  await store.close();
});

async function talk(chat: string, input: string, locale = 'vi'): Promise<Outbound[]> {
  if (/^[a-z_]+:\S+$/.test(input)) await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'button', payload: input });
  else await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'text', text: input });
  return (await h.settle()).map((s) => s.message);
}

/** A consented founder (Lạng Sơn, idea stage, agriculture) with the finder's list on screen; its programme ids in order. */
async function withList(chat: string, locale = 'vi'): Promise<string[]> {
  const id = await h.consent('web', chat);
  await h.store.call('fx_contact_profile', {
    args: { contact_id: id, name: 'Đinh Thị Nhung', phone: '+84912345678', profile: { startup: 'Thạch Đen', stage: 'idea', sector: 'agriculture', province: 'lang-son' } },
  });
  await talk(chat, 'menu:programmes', locale);
  const [list] = await talk(chat, 'flow:_:skip', locale);
  return (list!.buttons ?? []).map((b) => /^programme:view:(.+)$/.exec(b.payload)?.[1]).filter((x): x is string => x !== undefined);
}

describe('a question about one programme of the list on screen', () => {
  it('answers "why does number 2 fit" with that programme\'s conditions checked against the founder', async () => {
    const listed = await withList('q1');
    expect(listed.length).toBeGreaterThanOrEqual(3);
    const [reply] = await talk('q1', 'sao cái số 2 lại hợp vs mik');
    expect(reply!.buttons?.map((b) => b.payload)).toContain(`programme:view:${listed[1]}`);
    expect(reply!.text).toMatch(/✅|❌/);
  });

  it('starts the application of the first one for "how do I apply for the first one"', async () => {
    const listed = await withList('q2', 'en');
    const replies = await talk('q2', 'how do I apply for the first one', 'en');
    expect(replies.length).toBeGreaterThan(0);
    const [row] = await store.query<{ state: { flow?: unknown } }>("select state from public.conversations where chat_id = 'q2'");
    // The active flow is that programme's application, not the documents' "could not find it".
    expect(JSON.stringify(row!.state.flow)).toContain(listed[0]!);
  });

  it('answers a named programme\'s deadline from its file, open all year or its dates', async () => {
    await withList('q3');
    const [rolling] = await talk('q3', 'còn cái IPP2 thì sao, hạn nộp khi nào');
    expect(rolling!.buttons?.map((b) => b.payload)).toEqual(['programme:apply:ipp2-asean-network', 'programme:view:ipp2-asean-network']);
    const [dated] = await talk('q3', 'chuong trinh uom tao 6 thang cua tinh het han chua');
    expect(dated!.buttons?.map((b) => b.payload)).toContain('programme:view:provincial-incubator');
    expect(dated!.text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });
});
