/**
 * Per-bot slots (src/bot/services.ts): a value is made on first use, and released when its bot
 * stops — only values that were made, every one even when another's release fails.
 */
import { describe, expect, it } from 'vitest';
import { botSlot, BotSlots } from '../../src/bot/services.js';

describe('bot slots', () => {
  it('closes the values that were made (not one never asked for), and reports the first failure after closing the rest', async () => {
    const closed: string[] = [];
    const made = botSlot('made', () => ({ name: 'made' }), { close: (v) => void closed.push(v.name) });
    const failing = botSlot('failing', () => ({ name: 'failing' }), {
      close: () => Promise.reject(new Error('cannot close')),
    });
    const later = botSlot('later', () => ({ name: 'later' }), { close: async (v) => void closed.push(v.name) });
    const unused = botSlot('unused', () => ({ name: 'unused' }), { close: (v) => void closed.push(v.name) });
    const plain = botSlot('plain', () => new Map<string, number>());
    const slots = new BotSlots();
    slots.get(made);
    slots.get(failing);
    slots.get(later);
    slots.get(plain);
    await expect(slots.close()).rejects.toThrow('cannot close');
    expect(closed).toEqual(['made', 'later']);
    void unused; // declared, never asked for: nothing to close
  });
});
