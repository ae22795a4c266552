/**
 * An application's summary reads as a form: each answer under the short label of its field
 * (content/programmes/*.yaml `label`, vi and en), not under the whole question. Through the whole
 * bot on PGlite; the staff ticket carries the same summary.
 */
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../src/flows/programmes/flows.js';
import { loadProgrammes, pick } from '../../../src/flows/programmes/index.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));
const programmes = loadProgrammes('content');

const bot = typedBot(NOW);
const { say, press } = bot;

describe('field labels', () => {
  it('every field of every programme has a short label in both languages', () => {
    for (const p of programmes.values()) {
      for (const f of p.application) {
        expect(f.label, `${p.id}.${f.id}`).toBeDefined();
        for (const locale of ['vi', 'en'] as const) {
          expect(pick(f.label!, locale).length, `${p.id}.${f.id}`).toBeLessThanOrEqual(30);
          expect(pick(f.label!, locale)).not.toMatch(/\?$/);
        }
      }
    }
  });

  it('a file without labels still reads as a form: the question without its hint and question mark', () => {
    const field = { ...programmes.get('provincial-incubator')!.application.find((f) => f.id === 'problem')!, label: undefined };
    expect(fieldLabel(field, 'vi')).toBe('Dự án giải quyết vấn đề gì, cho ai');
  });
});

describe('the summary of an application typed through', () => {
  it.each(['vi', 'en'] as const)('labels each answer with its field label (%s)', async (locale) => {
    const chat = `summary-${locale}`;
    await bot.harness.consent('web', chat, locale);
    // Chosen, so the Vietnamese answers below do not switch an English founder's language.
    await say(chat, `/lang ${locale}`);
    await press(chat, 'programme:apply:provincial-incubator');
    await say(chat, 'Trần Minh Anh');
    await say(chat, 'Nông sản sạch');
    await say(chat, '3');
    await say(chat, 'Nông dân khó bán rau sạch; bọn mình kết nối họ với bếp ăn trường học');
    await say(chat, 'có');
    await say(chat, '0912 345 678');
    const replies = await say(chat, 'bỏ qua');
    expect(payloads(replies)).toContain('flow:confirm:yes');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'confirm' });
    const summary = replies.at(-1)!.text!;
    const fields = programmes.get('provincial-incubator')!.application;
    for (const f of fields) {
      expect(summary).toContain(`• ${pick(f.label!, locale)}: `);
      expect(summary).not.toContain(pick(f.prompt, locale));
    }
    await press(chat, 'flow:confirm:yes');
    const [ticket] = await bot.store.query<{ summary: string }>(
      `select t.summary from public.tickets t join public.conversations c on c.contact_id = t.contact_id where c.channel = 'web' and c.chat_id = $1`, [chat],
    );
    expect(ticket!.summary).toContain(`• ${pick(fields[0]!.label!, locale)}: Trần Minh Anh`);
  });
});
