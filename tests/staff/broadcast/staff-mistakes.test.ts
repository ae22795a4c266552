/**
 * A send time already past (a typo in the day or the year) is refused wherever an admin
 * schedules an announcement, instead of sending it to everyone at once: the console's form (HTTP)
 * and `/broadcast` in the Telegram staff group; `uom broadcast create --at` is in
 * tests/cli/staff-commands.test.ts. The clock is injected: Monday 2026-12-07 09:00 in Hà Nội.
 * Also: a wrong audience filter is explained in the staff member's language (it was English
 * inside the Vietnamese page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastFeature } from '../../../src/staff/broadcast/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import { addStaff } from '../../../src/staff/workspace/roster.js';
import { botHarness } from '../../support/bot.js';
import { consoleServer, openTicket, postForm, signInByLink, type ConsoleServer, type Session } from '../console/support.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const STAFF_CHAT = '-1001234567890';

describe('the console', () => {
  let c: ConsoleServer;
  let admin: Session;
  beforeAll(async () => {
    c = await consoleServer({ clock: () => NOW });
    admin = await signInByLink(c, '7102', 'admin', 'Minh');
    await openTicket(c, 'zalo', 'zalo-past-1');
  });
  afterAll(async () => c?.close());

  const broadcasts = async () => (await c.store.query<{ n: number }>('select count(*)::int as n from public.broadcasts'))[0]!.n;

  it('refuses a send time a year back with the reason, and takes one later today', async () => {
    const past = await postForm(c, '/staff/broadcasts', admin, { text: 'Chào {name}', audience: 'all', send_at: '2025-12-07T10:00' });
    expect(past.status).toBe(400);
    const page = await past.text();
    expect(page).toContain('data-code="invalid"');
    expect(page).toContain('07/12/2025 10:00'); // the time as typed, in the centre's time
    expect(await broadcasts()).toBe(0);
    // A few minutes back is what typing took: still "now".
    expect((await postForm(c, '/staff/broadcasts', admin, { text: 'Chào {name}', audience: 'all', send_at: '2026-12-07T08:58' })).status).toBe(303);
    expect((await postForm(c, '/staff/broadcasts', admin, { text: 'Chào {name}', audience: 'all', send_at: '2026-12-07T10:00' })).status).toBe(303);
    expect(await broadcasts()).toBe(2);
  });
});

describe('a filter staff must correct', () => {
  let c: ConsoleServer;
  let admin: Session;
  beforeAll(async () => {
    c = await consoleServer({ clock: () => NOW });
    admin = await signInByLink(c, '7103', 'admin', 'Minh');
  });
  afterAll(async () => c?.close());

  it('is explained in the staff member\'s language, in the form and in the live audience size', async () => {
    const vi = await (await postForm(c, '/staff/broadcasts', admin, { text: 'Chào', audience: 'mau=do' })).text();
    expect(vi).toContain('không có bộ lọc “mau”');
    expect(vi).not.toContain('unknown filter');
    const en = await (await postForm(c, '/staff/broadcasts?lang=en', admin, { text: 'Hi', audience: 'giai_doan=ufo' })).text();
    expect(en).toContain('unknown stage “ufo”');
    const size = await fetch(`${c.url}/staff/broadcasts/audience?filter=${encodeURIComponent('khao_sat=s1')}`, { headers: { cookie: admin.cookie } });
    expect(await size.json()).toEqual({ error: expect.stringContaining('khao_sat=<khảo sát>'), code: 'survey_incomplete' });
  });
});

describe('the Telegram staff group', () => {
  it('asks again for a time that has passed', async () => {
    const h = await botHarness({ env: { STAFF_CHAT_ID: STAFF_CHAT }, clock: () => NOW,
      features: [broadcastFeature({ runner: false }), menuFeature, fallbackFeature] });
    try {
      await addStaff(h.store, '700', 'admin');
      await h.consent('telegram', '11');
      const says = async (text: string) => {
        await h.send({ channel: 'telegram', chatId: STAFF_CHAT, userId: '700', chatType: 'group', kind: 'text', text, userName: 'Lan' });
        return (await h.settle()).map((s) => s.message.text ?? '');
      };
      for (const step of ['/broadcast', 'Chào {name}!', 'không', 'không', 'tất cả']) await says(step);
      const [refused] = await says('2025-12-07 10:00');
      expect(refused).toContain('2025-12-07 10:00');
      expect(refused).toContain('Asia/Ho_Chi_Minh');
      const [preview] = await says('2026-12-08 10:00'); // tomorrow is taken: the preview follows
      expect(preview).toBe('Chào Lan!');
    } finally {
      await h.close();
    }
  });
});
