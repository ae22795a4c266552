/** What crosses between founder and staff topic, and that Telegram file references never leave Telegram. */
import { describe, expect, it } from 'vitest';
import { founderToStaff, staffToFounder } from '../../../src/staff/handoff/relay.js';
import type { Inbound } from '../../../src/bot/inbound.js';
import { loadMessages, translator } from '../../../src/content/messages.js';

const t = translator(loadMessages('content'), 'vi');
const base = { eventId: '1', chatId: '1', userId: '1' };

describe('relays', () => {
  it('posts a founder photo from Zalo by its public URL and one from Telegram by file id', () => {
    const zalo = { ...base, channel: 'zalo', kind: 'image', file: { fileId: 'x', url: 'https://photo.zadn.vn/a.jpg' }, caption: 'Logo' } as Inbound;
    expect(founderToStaff(zalo, 'Lan', t)).toEqual({ text: '👤 Lan: Logo', image: { url: 'https://photo.zadn.vn/a.jpg' } });
    const tg = { ...base, channel: 'telegram', kind: 'file', file: { fileId: 'BQACAgI', fileName: 'plan.pdf' } } as Inbound;
    expect(founderToStaff(tg, 'Lan', t)).toMatchObject({ file: { url: 'BQACAgI', name: 'plan.pdf' } });
  });

  it('sends staff files to Telegram founders by file id and a notice elsewhere (no token-bearing URL)', () => {
    const staffPhoto = { ...base, channel: 'telegram', kind: 'image', file: { fileId: 'AgACAgI', url: 'https://api.telegram.org/file/bot123:SECRET/p.jpg' } } as Inbound;
    expect(staffToFounder(staffPhoto, 'telegram', t)).toEqual({ text: '', image: { url: 'AgACAgI' } });
    const toZalo = staffToFounder(staffPhoto, 'zalo', t)!;
    expect(toZalo.image).toBeUndefined();
    expect(JSON.stringify(toZalo)).not.toContain('SECRET');
    expect(toZalo.text).toContain('📎');
  });
});
