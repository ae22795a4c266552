/**
 * "Later" and "bye" in the middle of a flow (tester's report, session 29, #9): "thôi mai làm
 * tiếp, bye" at the survey's date question was saved as the date (tomorrow) and the survey went
 * on. Saying to carry on another day, or goodbye, pauses the survey (it resumes at the same
 * question) and nothing is saved for that question. Through the whole bot on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { flowStateOf, openTuesday } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const bot = typedBot(openTuesday(new Date('2026-12-03T00:00:00Z')));
const { say, press } = bot;

/** A survey answered up to its date question. */
async function atSurveyDate(chat: string, locale: 'vi' | 'en' = 'vi'): Promise<void> {
  await bot.harness.consent('web', chat, locale);
  await press(chat, 'survey:start:support-needs');
  for (const answer of ['1', '2', '3', '1', '1', '3']) {
    const flow = await flowStateOf(bot.store, chat);
    if (flow?.step === 'training_date') break;
    await say(chat, flow?.step === 'needs' ? '1' : answer);
    if ((await flowStateOf(bot.store, chat))?.step === 'needs') await say(chat, 'xong');
  }
  for (let i = 0; i < 4 && (await flowStateOf(bot.store, chat))?.step !== 'training_date'; i++) await say(chat, '3');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: expect.stringContaining('support-needs'), step: 'training_date' });
}

/** How many answers to the date question are stored, all chats together. */
async function dateAnswers(): Promise<number> {
  const rows = await bot.store.query<{ n: number }>(`select count(*)::int as n from survey_answers where question_id = 'training_date'`);
  return rows[0]!.n;
}

describe('carrying on another day at a survey question', () => {
  it.each([['thôi mai làm tiếp, bye', 'vi'], ['thoi mai lam tiep nhe', 'vi'], ['để mai làm tiếp nhé', 'vi'], ["ok I'll continue tomorrow, bye", 'en'], ['thanks, bye!', 'en']] as const)('"%s" pauses it, the date unanswered', async (text, locale) => {
    const chat = `later-${Buffer.from(text).toString('hex').slice(0, 30)}`;
    await atSurveyDate(chat, locale);
    const before = await dateAnswers();
    await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect(await dateAnswers()).toBe(before);
  });

  it('"mai" alone is still the date', async () => {
    await atSurveyDate('later-date');
    const before = await dateAnswers();
    await say('later-date', 'mai');
    expect(await dateAnswers()).toBe(before + 1);
    expect((await flowStateOf(bot.store, 'later-date'))?.step).not.toBe('training_date');
  });
});
