/**
 * The programme finder typed through, where a founder who typed was served worse than one who
 * pressed: "xem cái số 2" under the list (read as "show my profile"), a finder restarted by a
 * typed request asking again what was answered a minute before, and a programme's card telling
 * a founder who said nothing about their stage "❌ does not fit". Through the whole bot on PGlite;
 * assertions on payloads and flow state.
 */
import { describe, expect, it } from 'vitest';
import { pickedNumber } from '../../../src/flows/engine/typed.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;

/** Runs the finder by typing (idea stage, agriculture, Lạng Sơn, no traits); returns the listed programmes' view payloads. */
async function listed(chat: string, locale: 'vi' | 'en' = 'vi'): Promise<string[]> {
  await bot.harness.consent('web', chat, locale);
  await press(chat, 'menu:programmes');
  await say(chat, 'y tuong');
  await say(chat, 'nông nghiệp');
  await say(chat, 'lang son');
  const list = payloads(await say(chat, 'bo qua'));
  return list.filter((p) => p.startsWith('programme:view:'));
}

describe('an entry of the list picked in words', () => {
  it.each(['xem cái số 2', 'xem cai so 2', 'mình muốn xem chương trình thứ 2', 'cái số 2 nhé', 'show me the 2nd one'])(
    '"%s" shows the second programme listed',
    async (text) => {
      const chat = `pick-${Buffer.from(text).toString('hex').slice(0, 40)}`;
      const views = await listed(chat);
      const second = views[1]!.replace('programme:view:', '');
      const replies = await say(chat, text);
      expect(payloads(replies)).toContain(`programme:apply:${second}`);
    },
  );

  it.each([
    ['cái thứ hai', 2], ['cai thu hai', 2], ['ct thu 2', 2], ['chương trình 1', 1], ['the first one', 1], ['option 3', 3], ['number two', 2],
  ])('"%s" (session 30) shows entry %i of the list', async (text, position) => {
    const chat = `pos-${Buffer.from(text).toString('hex').slice(0, 40)}`;
    const views = await listed(chat, /^[a-z ]+$/.test(text) && !text.startsWith('c') ? 'en' : 'vi');
    const picked = views[position - 1]!.replace('programme:view:', '');
    expect(payloads(await say(chat, text))).toContain(`programme:apply:${picked}`);
  });

  it('keeps "xem thứ 3" a weekday, not an entry', () => {
    expect(pickedNumber('xem thứ 3', 6)).toBeUndefined();
    expect(pickedNumber('cái số 3', 6)).toBe(3);
  });
});

describe('the finder started again by a typed request', () => {
  it('does not ask again what this conversation\'s last search was told', async () => {
    await listed('again-1');
    const replies = await say('again-1', 'có chương trình nào hỗ trợ startup không?');
    expect(payloads(replies).some((p) => p.startsWith('programme:view:'))).toBe(true);
    expect(await flowStateOf(bot.store, 'again-1')).toBeUndefined();
  });

  it('takes a new fact said in the request and keeps the others', async () => {
    await listed('again-2');
    await say('again-2', 'có ct nào cho startup giáo dục ko');
    const [row] = await bot.store.query<{ state: { programmes?: { facts?: Record<string, unknown> } } }>(
      `select state from public.conversations where channel = 'web' and chat_id = 'again-2'`,
    );
    expect(row!.state.programmes?.facts).toMatchObject({ stage: 'idea', sector: 'education', province: 'lang-son' });
  });

  it('"search again with other details" asks everything', async () => {
    await listed('again-3');
    await press('again-3', 'programme:refine');
    expect(await flowStateOf(bot.store, 'again-3')).toMatchObject({ id: 'programme-finder', step: 'stage' });
  });
});

describe("a programme's card for a founder who told nothing", () => {
  it.each(['vi', 'en'] as const)('says what the programme asks, with no ❌ (%s)', async (locale) => {
    const chat = `card-${locale}`;
    await bot.harness.consent('web', chat, locale);
    const [card] = await press(chat, 'programme:view:provincial-incubator');
    expect(card!.text).not.toContain('❌');
    expect(card!.text).not.toContain('✅');
    expect(payloads([card!])).toContain('programme:apply:provincial-incubator');
  });

  it('still ticks and crosses what the founder told', async () => {
    const views = await listed('card-told');
    expect(views).toContain('programme:view:mekong-innovation');
    const [card] = await press('card-told', 'programme:view:mekong-innovation');
    expect(card!.text).toContain('❌'); // Lạng Sơn is outside the Mekong Delta
    expect(card!.text).toContain('✅'); // agriculture fits
  });
});

describe('an answer said in a sentence the choices do not read', () => {
  it.each([
    ['bon e moi co y tuong thoi, chua lam sp', 'idea'],
    ['bên mình mới có ý tưởng thôi chứ chưa làm sản phẩm', 'idea'],
  ])('"%s" at the stage question is taken and the next question asked', async (text, stage) => {
    const chat = `amend-${Buffer.from(text).toString('hex').slice(0, 40)}`;
    await bot.harness.consent('web', chat);
    await press(chat, 'menu:programmes');
    await say(chat, text);
    const state = await flowStateOf(bot.store, chat);
    expect(state).toMatchObject({ id: 'programme-finder', answers: { stage } });
    expect(state?.step).not.toBe('stage');
  });

  it('a province said at the stage question is kept and the stage asked again', async () => {
    await bot.harness.consent('web', 'amend-province');
    await press('amend-province', 'menu:programmes');
    await say('amend-province', 'o da nang');
    expect(await flowStateOf(bot.store, 'amend-province')).toMatchObject({ step: 'stage', answers: { province: 'da-nang' } });
  });
});
