/**
 * "What is this survey for?" typed during a survey (tester's report, session 31, F16): "à khảo
 * sát này dùng để làm gì vậy" was answered with a sentence from the coworking space's document.
 * The survey's own intro (content/surveys) answers it, and its question follows. Through the
 * whole bot on PGlite with the centre's documents; assertions on the survey's content and state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSurveys } from '../../../src/flows/surveys/schema.js';
import { pick } from '../../../src/flows/programmes/schema.js';
import { ingestPath } from '../../../src/knowledge/ingest.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
beforeAll(async () => {
  await ingestPath(bot.store, 'content/knowledge');
}, 60_000);
const { say, press } = bot;
const survey = loadSurveys('content').get('support-needs')!;

describe('what the survey is for', () => {
  it.each([['à khảo sát này dùng để làm gì vậy', 'vi']] as const)(
    '"%s" gets the survey\'s own intro, then its question again',
    async (text, locale) => {
      const chat = `purpose-${Buffer.from(text).toString('hex').slice(0, 30)}`;
      await bot.harness.consent('web', chat, locale);
      await press(chat, 'survey:start:support-needs');
      const before = await flowStateOf(bot.store, chat);
      expect(before?.id).toBe('survey-support-needs');
      const replies = await say(chat, text);
      const said = replies.map((r) => r.text ?? '').join('\n');
      expect(said).toContain(pick(survey.intro, locale));
      expect(payloads(replies).some((p) => p.startsWith('kb:'))).toBe(false);
      expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'survey-support-needs', step: before!.step, misses: 0 });
    },
  );
});
