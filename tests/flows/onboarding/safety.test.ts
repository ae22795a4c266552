/**
 * Nothing typed erases data or withdraws consent by accident (tester session 30: F33, F35, F61,
 * F9), a complaint about the bot's language switches to the other one (F58), and a typed change
 * of phone or e-mail is a profile edit, not a booking to move (F47). Through the
 * whole bot (default features) on PGlite; assertions on payloads, state and rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';
import { translator } from '../../../src/content/messages.js';
import { flowStateOf, languagesOf, payloads, webChat } from '../../support/typed-chat.js';

let store: SqlStore;
let harness: BotHarness;
const { say, press } = webChat(() => harness);

beforeAll(async () => {
  store = await pgliteTestStore();
  harness = await botHarness({ store, clock: () => new Date('2026-12-08T02:00:00Z') });
});
afterAll(async () => {
  await harness?.close();
  await store?.close();
});

async function consented(chat: string, locale: 'vi' | 'en' = 'vi'): Promise<void> {
  await harness.consent('web', chat, locale);
}

async function consentOf(chat: string): Promise<string | null> {
  const rows = await store.query<{ consented_at: string | null }>(
    `select k.consented_at from public.contacts k join public.channel_identities i on i.contact_id = k.id where i.external_id = $1`, [chat],
  );
  return rows[0]?.consented_at ?? null;
}

async function accountState(chat: string): Promise<unknown> {
  const rows = await store.query<{ state: Record<string, unknown> }>(`select state from public.conversations where channel = 'web' and chat_id = $1`, [chat]);
  return rows[0]?.state.account;
}

const msg = (key: string, locale: 'vi' | 'en') => translator(harness.bot.services.messages, locale)(key);
const ERASE = 'account:forget_yes';
const WITHDRAW = 'intent:consent_decline';
const FORGET = 'intent:forget_me';

describe('nothing typed offers or starts erasing by accident', () => {
  it.each(['bỏ qua hết', 'bo qua het', 'skip all'])('"%s" with nothing pending shows the menu, never the erase question', async (text) => {
    const chat = `safe-skip-${text.length}-${text.charCodeAt(1)}`;
    await consented(chat);
    const replies = await say(chat, text);
    expect(payloads(replies)).not.toContain(ERASE);
    expect(payloads(replies)).toContain('menu:booking');
    expect(await accountState(chat)).toBeUndefined();
  });

  it.each([
    'asdkjh qwe zzz',
    'qwerty asdf',
    'sdfsdf sdf sdf ????? !!!! 123123 @@@ ### ;;;; lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor',
  ])('gibberish "%s" never offers erasing or withdrawing consent', async (text) => {
    const chat = `safe-noise-${text.length}`;
    await consented(chat);
    const replies = await say(chat, text);
    expect(payloads(replies)).not.toContain(FORGET);
    expect(payloads(replies)).not.toContain(WITHDRAW);
    expect(payloads(replies)).not.toContain(ERASE);
    expect(await consentOf(chat)).not.toBeNull();
  });

  it('keyboard noise is said to be unread, with the menu', async () => {
    const chat = 'safe-noise-menu';
    await consented(chat);
    const [reply] = await say(chat, 'asdkjh qwe zzz');
    expect(reply!.text).toBe(msg('intents.unreadable', 'vi'));
    expect(payloads([reply!])).toContain('menu:booking');
  });

  it('an angry emoji offers a person, not a greeting', async () => {
    const chat = 'safe-angry';
    await consented(chat);
    const [reply] = await say(chat, '😡😡');
    expect(payloads([reply!])).toContain('menu:staff');
    expect(reply!.text).toBe(msg('intents.upset', 'vi'));
  });

  it('a real erase request still asks to confirm', async () => {
    const chat = 'safe-erase-asked';
    await consented(chat);
    expect(payloads(await say(chat, 'xoa het thong tin cua minh di'))).toEqual([ERASE, 'account:forget_no']);
  });
});

describe('the erase confirmation', () => {
  it.each(['thôi đừng xoá, giữ lại', 'giữ lại', 'giu lai', 'keep it', 'không xóa nữa', 'wait no'])('"%s" keeps everything and says so', async (text) => {
    const chat = `safe-keep-${text.length}-${text.charCodeAt(0)}`;
    await consented(chat);
    await say(chat, '/forget');
    const [reply] = await say(chat, text);
    expect(reply!.text).toContain(msg('onboarding.forget.kept', 'vi'));
    expect(await consentOf(chat)).not.toBeNull();
    expect(await accountState(chat)).toBeUndefined();
  });

  it.each([
    ['hmm wait, will my meeting room booking be cancelled too?', 'en'],
    ['vậy lịch đặt phòng của mình có bị hủy luôn không', 'vi'],
  ] as const)('a question "%s" is answered and the confirmation stays open', async (text, locale) => {
    const chat = `safe-question-${locale}`;
    await consented(chat, locale);
    await say(chat, '/forget');
    const replies = await say(chat, text);
    expect(payloads(replies)).toEqual([ERASE, 'account:forget_no']);
    expect(payloads(replies).some((p) => p.startsWith('booking:'))).toBe(false);
    expect(replies[0]!.text).toBe(msg('onboarding.forget.explain', locale));
    expect(await accountState(chat)).toEqual({ forgetAsked: true });
    expect(await consentOf(chat)).not.toBeNull();
    // Still answerable: the button (or "xóa hết") erases after the question.
    await press(chat, ERASE);
    expect(await consentOf(chat)).toBeNull();
  });

  it('"ừ xóa hết đi" erases', async () => {
    const chat = 'safe-erase-typed';
    await consented(chat);
    await say(chat, '/forget');
    await say(chat, 'ừ xóa hết đi');
    expect(await consentOf(chat)).toBeNull();
  });
});

describe('a complaint about the language', () => {
  it.each([
    ['ơ sao nói tiếng anh z', 'en', 'vi'],
    ['o sao noi tieng anh z', 'en', 'vi'],
    ['why are you speaking vietnamese?', 'vi', 'en'],
  ] as const)('"%s" switches to the other language', async (text, from, to) => {
    const chat = `safe-lang-${text.length}`;
    await consented(chat, from);
    await say(chat, '/lang ' + from);
    await say(chat, text);
    expect((await languagesOf(store, chat)).conversation).toBe(to);
  });
});

async function contactOf(chat: string): Promise<{ phone: string | null; email: string | null }> {
  const rows = await store.query<{ phone: string | null; email: string | null }>(
    `select k.phone, k.email from public.contacts k join public.channel_identities i on i.contact_id = k.id where i.external_id = $1`, [chat],
  );
  return rows[0]!;
}

describe('a typed change of phone or e-mail', () => {
  it.each([
    ['đổi số điện thoại của mình thành 0987 654 321 nhé', '@button'],
    ['doi sdt thanh 0987654321', 'ok'],
  ])('"%s" asks to confirm the new number and saves it (%s)', async (text, answer) => {
    const chat = `safe-phone-${text.length}`;
    await consented(chat);
    const replies = await say(chat, text);
    expect(payloads(replies)).toEqual(['account:edit_yes', 'account:edit_no']);
    if (answer === '@button') await press(chat, 'account:edit_yes');
    else await say(chat, answer);
    expect((await contactOf(chat)).phone).toBe('+84987654321');
  });

  it('"change my email to lan@example.com", then "no", keeps the old one', async () => {
    const chat = 'safe-email-no';
    await consented(chat, 'en');
    expect(payloads(await say(chat, 'change my email to lan@example.com'))).toEqual(['account:edit_yes', 'account:edit_no']);
    await say(chat, 'no');
    expect((await contactOf(chat)).email).toBeNull();
  });

  it('without a number it says how to give one (no booking, no knowledge answer)', async () => {
    const chat = 'safe-phone-how';
    await consented(chat);
    const [reply] = await say(chat, 'cập nhật sđt trong hồ sơ');
    expect(reply!.text).toBe(msg('onboarding.edit.how_phone', 'vi'));
  });

  it('"sửa hồ sơ" opens the profile questions, as /me says', async () => {
    const chat = 'safe-profile';
    await consented(chat);
    await say(chat, 'sửa hồ sơ');
    expect((await flowStateOf(store, chat))?.id).toBe('profile');
  });
});

describe('/me (F10)', () => {
  it('shows the consent day as dd/mm/yyyy in the centre\'s time zone and how many messages are kept', async () => {
    const chat = 'safe-me';
    await consented(chat);
    // 20:00 UTC on the 7th is already the 8th in Hà Nội.
    await store.query(`update public.contacts k set consented_at = '2026-12-07T20:00:00Z' from public.channel_identities i where i.contact_id = k.id and i.external_id = $1`, [chat]);
    await say(chat, 'menu');
    const [reply] = await say(chat, '/me');
    expect(reply!.text).toContain(`${msg('onboarding.me.consent', 'vi')}: 08/12/2026`);
    const kept = msg('onboarding.me.messages', 'vi').replace(/[()]/g, '\\$&').replace('{n}', '[1-9]\\d*').replace('{days}', '\\d+');
    expect(reply!.text).toMatch(new RegExp(kept));
  });
});

describe('straight answers (F53, F62)', () => {
  it.each([['bạn là người thật hay máy vậy', 'vi'], ['ban la nguoi that hay may vay', 'vi'], ['are you a bot?', 'en']] as const)(
    '"%s" is told it is an automatic assistant, with a person one button away', async (text, locale) => {
      const chat = `safe-bot-${text.length}`;
      await consented(chat, locale);
      const [reply] = await say(chat, text);
      expect(reply!.text).toBe(msg('intents.are_you_a_bot', locale));
      expect(payloads([reply!])).toContain('menu:staff');
    },
  );

  it('a privacy question before consent is answered from the notice, the choice left open; after consent too', async () => {
    const chat = 'safe-privacy';
    const [before] = await say(chat, 'dữ liệu của mình dùng vào việc gì, có bán cho ai không');
    expect(before!.text).toBe(msg('onboarding.privacy_answer', 'vi'));
    expect(payloads([before!])).toEqual(['consent:agree', 'consent:decline', 'consent:more']);
    expect(await consentOf(chat)).toBeNull();
    await press(chat, 'consent:agree');
    await say(chat, 'hủy');
    const [after] = await say(chat, 'cac ban co ban du lieu cho ai khong');
    expect(after!.text).toBe(msg('onboarding.privacy_answer', 'vi'));
  });
});
