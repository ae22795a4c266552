/**
 * English questions typed while the programme finder asks the stage (tester's report, session
 * 31, F47, F7): "is it free?", "who do I contact about it?", "what's the centre's phone
 * number?", "and email?" got "I didn't catch your choice" (read as "not ours"), while the same
 * questions in Vietnamese were answered; "what programs can I apply to?" quoted how to apply to
 * one programme instead of finding programmes. Through the whole bot on PGlite, with the
 * centre's documents; assertions on payloads and flow state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spacesDocument } from '../../../src/flows/booking/spaces-document.js';
import { loadSpaces } from '../../../src/flows/booking/spaces.js';
import { KB_HANDOFF_PAYLOAD } from '../../../src/knowledge/feature.js';
import { ingestDocument, ingestPath } from '../../../src/knowledge/ingest.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
beforeAll(async () => {
  await ingestPath(bot.store, 'content/knowledge');
  const spaces = spacesDocument(loadSpaces('content'));
  await ingestDocument(bot.store, spaces.name, Buffer.from(spaces.text, 'utf8'));
}, 60_000);
const { say, press } = bot;

describe('an English question at the finder\'s stage question', () => {
  it.each(['is it free?', 'who do I contact about it?', "what's the centre's phone number?"])(
    '"%s" is answered from the documents (or offered a person), then the stage is asked again',
    async (text) => {
      const chat = `finder-en-${Buffer.from(text).toString('hex').slice(0, 30)}`;
      await bot.harness.consent('web', chat, 'en');
      await press(chat, 'menu:programmes');
      const replies = await say(chat, text);
      const shown = payloads(replies);
      expect(shown.some((p) => p.startsWith('kb:') || p === KB_HANDOFF_PAYLOAD)).toBe(true);
      expect(shown).toContain('flow:stage:idea');
      expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'programme-finder', step: 'stage', misses: 0 });
    },
  );

  it('"what programs can I apply to?" finds programmes (F7)', async () => {
    const chat = 'finder-en-apply-to';
    await bot.harness.consent('web', chat, 'en');
    const replies = await say(chat, 'what programs can I apply to?');
    expect(payloads(replies).some((p) => p.startsWith('kb:'))).toBe(false);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'programme-finder' });
  });
});
