/**
 * Programmes: the content files, the matching, and the finder → details → application → status
 * conversation through the whole bot on PGlite (vi and en, with and without diacritics).
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { loadProgrammes, rankProgrammes, setApplicationStatus } from '../../../src/flows/programmes/index.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

const programmes = loadProgrammes('content');

describe('programme files', () => {
  it('load and validate, with the agreed ids and knowledge source names', () => {
    expect([...programmes.keys()].sort()).toEqual([
      'craft-village-incubation', 'in2spire-ambassadors', 'ipp2-asean-network', 'lang-son-coworking', 'mekong-innovation', 'provincial-incubator',
    ]);
    for (const p of programmes.values()) {
      expect(p.source).toBe(`programme-${p.id}.md`);
      // What a founder sees cited is the document's title, never its file name.
      expect(p.sourceTitle).not.toMatch(/\.md$|^$/);
    }
  });

  it('rank a Lạng Sơn idea-stage founder towards the provincial offers, explaining mismatches', () => {
    const ranked = rankProgrammes([...programmes.values()], { stage: 'idea', sector: 'agriculture', province: 'lang-son', traits: [] }, '2026-11-23');
    expect(ranked.slice(0, 2).map((m) => m.programme.id).sort()).toEqual(['lang-son-coworking', 'provincial-incubator']);
    const mekong = ranked.find((m) => m.programme.id === 'mekong-innovation')!;
    expect(mekong.results.find((r) => r.criterion === 'place')).toMatchObject({ ok: false, wanted: ['tay-ninh', 'mekong'] });
    expect(mekong.results.find((r) => r.criterion === 'sector')?.ok).toBe(true);
  });

  it('map a founder from former Long An (now Tây Ninh) into the Mekong initiative, and hide closed programmes', () => {
    const ranked = rankProgrammes([...programmes.values()], { stage: 'revenue', sector: 'agriculture', province: 'tay-ninh', traits: ['women_led'] }, '2026-11-23');
    expect(ranked[0]!.programme.id).toBe('mekong-innovation');
    expect(ranked[0]!.results.find((r) => r.criterion === 'preferred')?.wanted).toEqual(['women_led']);
    const later = rankProgrammes([...programmes.values()], {}, '2027-04-01');
    expect(later.map((m) => m.programme.id)).not.toContain('provincial-incubator');
  });
});

let harness: BotHarness | undefined;
let store: PgliteStore | undefined;
afterEach(async () => {
  await harness?.close();
  await store?.close();
  harness = undefined;
  store = undefined;
});

async function talk(h: BotHarness, chat: string, input: string, locale = 'vi'): Promise<Outbound[]> {
  if (/^[a-z_]+:\S+$/.test(input)) await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'button', payload: input });
  else await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'text', text: input });
  return (await h.settle()).map((s) => s.message);
}

async function founderWithProfile(h: BotHarness, chat: string): Promise<number> {
  const id = await h.consent('web', chat);
  await h.store.call('fx_contact_profile', {
    args: { contact_id: id, name: 'Đinh Thị Nhung', phone: '+84912345678', profile: { startup: 'Thạch Đen Tràng Định', stage: 'idea', sector: 'agriculture', province: 'lang-son' } },
  });
  return id;
}

describe('programme finder and application', () => {
  it('asks only what the profile lacks, lists matches with reasons, cites the source and takes an application', async () => {
    store = await pgliteTestStore();
    const h = (harness = await botHarness({ store }));
    const contactId = await founderWithProfile(h, 'p1');
    const [traits] = await talk(h, 'p1', 'menu:programmes');
    expect(traits!.text).toContain('đặc điểm'); // stage, sector, province come from the profile
    const [list] = await talk(h, 'p1', 'bo qua');
    expect(list!.text).toContain('Khu làm việc chung hỗ trợ khởi nghiệp đổi mới sáng tạo tỉnh Lạng Sơn ⭐');
    expect(list!.text).toContain('❌ Ngoài địa bàn: chỉ dành cho Tây Ninh, Đồng bằng sông Cửu Long');
    expect(list!.buttons?.[0]!.payload).toMatch(/^programme:view:(lang-son-coworking|provincial-incubator)$/);

    const [details] = await talk(h, 'p1', 'programme:view:lang-son-coworking');
    const coworking = programmes.get('lang-son-coworking')!;
    expect(details!.text).toContain(`Nguồn: ${coworking.sourceTitle}`);
    expect(details!.text).not.toContain('.md');
    expect(details!.text).toContain('✅ Địa bàn phù hợp (Lạng Sơn)');

    const [intro, firstQuestion] = await talk(h, 'p1', 'programme:apply:lang-son-coworking');
    expect(intro!.text).toContain('điền sẵn');
    expect(firstQuestion!.text).toContain('Bạn cần hỗ trợ gì nhất?'); // name, project, phone pre-filled
    const [wrong] = await talk(h, 'p1', 'không biết nữa');
    expect(wrong!.text).toContain('gõ số thứ tự');
    const [summary] = await talk(h, 'p1', 'dang ky nhan hieu');
    expect(summary!.text).toContain('Đinh Thị Nhung');
    expect(summary!.text).toContain('Đăng ký nhãn hiệu');
    expect(summary!.text).toContain('0912 345 678');
    const [done] = await talk(h, 'p1', 'flow:confirm:yes');
    expect(done!.text).toContain('Đã nộp đơn');

    const [row] = await store.query<{ id: number; programme_id: string; status: string; answers: Record<string, unknown>; ticket_id: number | null }>(
      'select * from public.programme_applications where contact_id = $1', [contactId]);
    expect(row).toMatchObject({ programme_id: 'lang-son-coworking', status: 'submitted', answers: { name: 'Đinh Thị Nhung', need: 'trademark', phone: '+84912345678' } });
    const tickets = await store.query<{ id: number; source_id: number; category: string }>('select * from public.tickets where contact_id = $1', [contactId]);
    expect(tickets).toHaveLength(1); // a staff ticket for the application (handoff's fx_ticket_open)
    expect(tickets[0]).toMatchObject({ category: 'programme', source_id: row!.id });
    expect(row!.ticket_id).toBe(tickets[0]!.id);

    await setApplicationStatus(store, h.bot.services.messages, programmes, row!.id, 'in_review', 'Hẹn gặp ngày 5/12');
    const [notice] = (await h.settle()).map((s) => s.message);
    expect(notice!.text).toContain('Cập nhật đơn');
    expect(notice!.text).toContain('đang xét duyệt');
    expect(notice!.text).toContain('Hẹn gặp ngày 5/12');
    const [mine] = await talk(h, 'p1', 'programme:mine');
    expect(mine!.text).toContain('đang xét duyệt');
    const [twice] = await talk(h, 'p1', 'programme:apply:lang-son-coworking');
    expect(twice!.text).toContain('Bạn đã nộp đơn');
  });

  it('asks stage, sector and province in English when the profile is empty, and follows a deep link', async () => {
    store = await pgliteTestStore();
    const h = (harness = await botHarness({ store }));
    await h.consent('web', 'p2', 'en');
    const out: string[] = [];
    for (const input of ['/lang en', 'menu:programmes', 'Revenue', 'Agriculture', 'Long An', '1, 2']) out.push(...(await talk(h, 'p2', input, 'en')).map((m) => m.text));
    expect(out.join('\n')).toContain('what stage is your project at?');
    const list = out.at(-1)!;
    expect(list.split('\n\n')[1]).toContain('Mekong Innovation Initiative (MII) ⭐');
    expect(list).toContain('Given priority: Women-led, Social or environmental impact');
    const [details] = await talk(h, 'p2', '/start programme_mekong-innovation', 'en');
    expect(details!.text).toContain(`Source: ${programmes.get('mekong-innovation')!.sourceTitle}`);
    expect(details!.text).toContain('USD 200,000');
    expect(existsSync('content/programmes/mekong-innovation.yaml')).toBe(true);
  });

  it('takes a request typed again mid-finder as this flow: new facts noted, the question asked again, no switch', async () => {
    store = await pgliteTestStore();
    const h = (harness = await botHarness({ store }));
    await h.consent('web', 'p3');
    const [stage] = await talk(h, 'p3', 'co ct nao cho startup nong nghiep ko');
    const stageButtons = stage!.buttons?.map((b) => b.payload);
    expect(stageButtons).toContain('flow:stage:idea'); // the sector came with the request
    // Asked again, now with a province: noted, and the stage asked again (not "leave this flow?").
    const [again] = await talk(h, 'p3', 'có chương trình nào cho startup nông nghiệp ở Cần Thơ không');
    expect(again!.buttons?.map((b) => b.payload)).toEqual(stageButtons);
    expect(again!.text).toContain('Cần Thơ');
    // The same request a third time says nothing new: re-asked with a hint, still no switch.
    const [same] = await talk(h, 'p3', 'co ct nao cho startup nong nghiep ko');
    expect(same!.buttons?.map((b) => b.payload)).toEqual(stageButtons);
    // The stage answered: sector and province are not asked again.
    const replies = await talk(h, 'p3', 'y tuong');
    const last = replies.at(-1)!;
    expect(last.buttons?.some((b) => b.payload.startsWith('flow:sector:') || b.payload.startsWith('flow:province:'))).toBe(false);
    expect(replies.map((m) => m.text).join('\n')).not.toMatch(/lĩnh vực nào|tỉnh\/thành phố nào/);
  });

  it('asks for consent before an application from a founder who has not agreed', async () => {
    store = await pgliteTestStore();
    const h = (harness = await botHarness({ store }));
    await talk(h, 'p3', 'xin chào');
    await talk(h, 'p3', 'consent:decline');
    const [list] = await talk(h, 'p3', 'programme:view:craft-village-incubation');
    expect(list!.text).toContain('làng nghề');
    const [apply] = await talk(h, 'p3', 'programme:apply:craft-village-incubation');
    expect(apply!.text).toContain('cần bạn đồng ý');
    expect(await store.query('select * from public.programme_applications')).toEqual([]);
  });
});

describe('the founder\'s applications', () => {
  it('date each application by the centre\'s calendar, not UTC\'s', async () => {
    store = await pgliteTestStore();
    // 02:09 on Tuesday 8 December in Hà Nội is still Monday 7 December in UTC.
    const h = (harness = await botHarness({ store, clock: () => new Date('2026-12-07T19:30:00Z') }));
    const contactId = await h.consent('web', 'p9');
    await store.query(
      "insert into public.programme_applications (programme_id, contact_id, created_at) values ('provincial-incubator', $1, '2026-12-07T19:09:00Z')",
      [contactId],
    );
    const [mine] = await talk(h, 'p9', 'programme:mine');
    expect(mine!.text).toContain('08/12/2026');
    expect(mine!.text).not.toContain('07/12/2026');
  });
});
