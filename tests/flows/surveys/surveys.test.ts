/**
 * Surveys through the whole bot on PGlite: every question type, skip logic, answers saved one by
 * one, resume after leaving (and after a restart), one response per founder, closing dates, and
 * the CSV/JSON export and stats matching the answers given.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { exportSurvey, surveyStatsText } from '../../../src/flows/surveys/cli.js';
import { loadSurveys, surveySchema } from '../../../src/flows/surveys/index.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

let harness: BotHarness | undefined;
let store: PgliteStore | undefined;
afterEach(async () => {
  await harness?.close();
  await store?.close();
  harness = undefined;
  store = undefined;
});

const now = new Date('2026-11-23T03:00:00Z'); // Monday
async function start(): Promise<BotHarness> {
  store = await pgliteTestStore();
  harness = await botHarness({ store, clock: () => now });
  return harness;
}

async function talk(h: BotHarness, chat: string, input: string, locale = 'vi'): Promise<Outbound[]> {
  if (/^[a-z_]+:\S+$/.test(input)) await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'button', payload: input });
  else await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'text', text: input });
  return (await h.settle()).map((s) => s.message);
}

/** Parses our RFC 4180 output (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  return rows;
}

describe('survey files', () => {
  it('ship the support-needs survey with every question type', () => {
    const survey = loadSurveys('content').get('support-needs')!;
    expect(new Set(survey.questions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'text', 'number', 'rating', 'date', 'phone', 'email']));
    expect(survey.questions.find((q) => q.id === 'needs')!.choices!.map((c) => c.value)).toEqual(
      expect.arrayContaining(['training', 'mentoring', 'funding', 'workspace', 'market', 'ip']),
    );
  });

  it('reject skip logic that points forward', () => {
    const bad = surveySchema.safeParse({
      id: 'x', title: { vi: 'a', en: 'a' }, intro: { vi: 'a', en: 'a' }, thanks: { vi: 'a', en: 'a' },
      questions: [{ id: 'a', type: 'text', prompt: { vi: 'a', en: 'a' }, when: { question: 'b', in: ['x'] } }, { id: 'b', type: 'text', prompt: { vi: 'b', en: 'b' } }],
    });
    expect(bad.success).toBe(false);
  });

  it('reject "among" naming a question that is not an earlier multiple choice holding its choices', () => {
    const text = { vi: 'a', en: 'a' };
    const choices = [{ value: 'x', label: text }, { value: 'y', label: text }];
    const survey = (among: string, first: 'multiple' | 'single') => surveySchema.safeParse({
      id: 'x', title: text, intro: text, thanks: text,
      questions: [{ id: 'a', type: first, prompt: text, choices }, { id: 'b', type: 'single', prompt: text, among, choices }],
    }).success;
    expect(survey('a', 'multiple')).toBe(true);
    expect(survey('a', 'single')).toBe(false);
    expect(survey('b', 'multiple')).toBe(false);
  });
});

describe('support-needs survey in chat', () => {
  it('runs a founder through it in Vietnamese without diacritics, saving each answer, and exports it', async () => {
    const h = await start();
    await h.consent('web', 's1');
    const [list] = await talk(h, 's1', 'menu:surveys');
    expect(list!.buttons?.[0]!.payload).toBe('survey:start:support-needs');
    const [intro, q1] = await talk(h, 's1', 'survey:start:support-needs');
    expect(intro!.text).toContain('Khảo sát nhu cầu hỗ trợ');
    expect(q1!.text).toContain('(1/12)');
    await talk(h, 's1', 'nguoi khoi nghiep'); // role: founder (folded partial label)
    await talk(h, 's1', 'san pham mau'); // stage
    const [badNumber] = await talk(h, 's1', 'nhiều lắm');
    expect(badNumber!.text).toContain('gõ một con số');
    await talk(h, 's1', '4 người');
    // multiple choice by buttons then “done”
    await talk(h, 's1', 'flow:needs:training');
    await talk(h, 's1', 'flow:needs:ip');
    await talk(h, 's1', 'xong');
    await talk(h, 's1', 'dang ky so huu tri tue'); // top need: ip
    await talk(h, 's1', '2, 4'); // training topics: marketing, ip
    const [rating] = await talk(h, 's1', '4'); // satisfaction (capacity skipped: founder)
    expect(rating!.text).toContain('tập huấn sắp tới');
    await talk(h, 's1', 'thu 6');
    await talk(h, 's1', 'Cần thêm lớp về "bán hàng online", nhất là cho sản phẩm OCOP');
    await talk(h, 's1', '0912 345 678');
    const [thanks] = await talk(h, 's1', 'bo qua');
    expect(thanks!.text).toContain('Cảm ơn bạn đã hoàn thành khảo sát');

    const labelled = await exportSurvey(store!, 'content', 'support-needs', 'csv');
    expect(labelled.startsWith('\uFEFF')).toBe(true); // Excel reads UTF-8 only with a BOM
    expect(labelled).toContain('Bạn trả lời với vai trò nào?');
    expect(labelled).toContain('Đào tạo, tập huấn; Đăng ký sở hữu trí tuệ, nhãn hiệu');
    const csv = parseCsv(await exportSurvey(store!, 'content', 'support-needs', 'csv-ids'));
    expect(csv[0]).toEqual(['response_id', 'started_at', 'completed_at', 'role', 'stage', 'team_size', 'needs', 'top_need', 'training_topics', 'capacity', 'satisfaction', 'training_date', 'comments', 'phone', 'email']);
    expect(csv).toHaveLength(2);
    const row = Object.fromEntries(csv[0]!.map((c, i) => [c, csv[1]![i]]));
    expect(row).toMatchObject({
      role: 'founder', stage: 'prototype', team_size: '4', needs: 'training; ip', top_need: 'ip', training_topics: 'marketing; ip',
      capacity: '', satisfaction: '4', training_date: '2026-11-27', comments: 'Cần thêm lớp về "bán hàng online", nhất là cho sản phẩm OCOP',
      phone: '+84912345678', email: '',
    });
    expect(row.completed_at).not.toBe('');
    const json = JSON.parse(await exportSurvey(store!, 'content', 'support-needs', 'json')) as Record<string, unknown>[];
    expect(json[0]).toMatchObject({ needs: ['training', 'ip'], satisfaction: 4, team_size: 4, email: null });
    const stats = await surveyStatsText(store!, 'content', 'support-needs');
    expect(stats).toContain('1 responses, 1 completed');
    expect(stats).toContain('Đào tạo, tập huấn: 1');

    const [again] = await talk(h, 's1', '/start survey_support-needs');
    expect(again!.text).toContain('đã trả lời khảo sát');
  });

  it('asks support staff their own questions in English and resumes at the next question after leaving and a restart', async () => {
    const h = await start();
    await h.consent('web', 's2', 'en');
    await talk(h, 's2', '/lang en', 'en');
    await talk(h, 's2', '/start survey_support-needs', 'en');
    await talk(h, 's2', '2', 'en'); // support staff
    const [needs] = await talk(h, 's2', '1, 3, 5', 'en'); // needs: no stage or team size asked
    expect(needs!.text).toContain('most urgent');
    await talk(h, 's2', 'Funding, grants', 'en');
    const [paused] = await talk(h, 's2', 'cancel', 'en');
    expect(paused!.text).toContain('answers so far are saved');

    await h.close();
    harness = await botHarness({ store: store!, clock: () => now }); // a restart on the same database
    const [welcome, next] = await talk(harness, 's2', 'survey:start:support-needs', 'en');
    expect(welcome!.text).toContain('You have answered 3 questions');
    expect(next!.text).toContain('training topics'); // skip logic: needs included training
    await talk(harness, 's2', 'skip', 'en');
    const [sat] = await talk(harness, 's2', '5', 'en'); // capacity
    expect(sat!.text).toContain('How satisfied');
    const rows = await store!.query<{ question_id: string; value: unknown }>(
      'select a.question_id, a.value from public.survey_answers a order by a.answered_at, a.question_id');
    expect(Object.fromEntries(rows.map((r) => [r.question_id, r.value]))).toEqual({
      role: 'support', needs: ['training', 'funding', 'market'], top_need: 'funding', training_topics: null, capacity: 5,
    });
  });

  it('reads choices named in the founder\'s own words (aliases)', async () => {
    const h = await start();
    await h.consent('web', 's4');
    await talk(h, 's4', 'survey:start:support-needs');
    await talk(h, 's4', 'nguoi khoi nghiep');
    await talk(h, 's4', 'y tuong');
    await talk(h, 's4', '3 người');
    // "đầu tư" is no word of "Vốn, tài trợ": the choice's aliases (content/surveys) name it.
    const [next] = await talk(h, 's4', 'von va dau tu');
    // One need picked: it is the most urgent one too, saved and not asked.
    expect(next!.buttons?.some((b) => b.payload.startsWith('flow:top_need:'))).toBe(false);
    const saved = await store!.query<{ question_id: string; value: unknown }>(
      `select a.question_id, a.value from public.survey_answers a where a.question_id in ('needs', 'top_need') order by a.question_id`);
    expect(saved.map((r) => [r.question_id, r.value])).toEqual([['needs', ['funding']], ['top_need', 'funding']]);
  });

  it('answers "why?" at a question without counting a miss, and takes "ko biết nữa" at an optional one as no answer', async () => {
    const h = await start();
    await h.consent('web', 's6');
    await talk(h, 's6', 'survey:start:support-needs');
    await talk(h, 's6', 'nguoi khoi nghiep');
    await talk(h, 's6', 'y tuong');
    const flow = async () => (await store!.query<{ state: { flow?: { step: string; misses: number; answers: Record<string, unknown> } } }>(
      `select state from public.conversations where chat_id = 's6'`))[0]!.state.flow!;
    const step = (await flow()).step; // the team size (optional, a number)
    const [why] = await talk(h, 's6', 'tai sao phai tra loi cau nay');
    expect(why!.buttons?.map((b) => b.payload)).toContain('flow:_:skip');
    expect(await flow()).toMatchObject({ step, misses: 0 });
    await talk(h, 's6', 'ko biet nua');
    const after = await flow();
    expect(after.step).not.toBe(step);
    expect(after.answers[step]).toBeNull();
  });

  it('does not take "cần …" (folded "can") for a question at a choice step', async () => {
    const h = await start();
    await h.consent('web', 's5');
    await talk(h, 's5', 'survey:start:support-needs');
    await talk(h, 's5', 'nguoi khoi nghiep');
    await talk(h, 's5', 'y tuong');
    await talk(h, 's5', '3 người');
    await talk(h, 's5', 'flow:needs:market');
    await talk(h, 's5', 'flow:needs:mentoring');
    await talk(h, 's5', 'xong');
    const replies = await talk(h, 's5', 'cần thêm khách hàng với mentor');
    const payloads = replies.flatMap((m) => m.buttons?.map((b) => b.payload) ?? []);
    expect(payloads.some((p) => p.startsWith('menu:') || p.startsWith('kb:'))).toBe(false);
    expect(payloads).toContain('flow:top_need:market');
    // "Of those, which is most urgent?" offers only the two picked.
    expect(payloads.filter((p) => p.startsWith('flow:top_need:')).sort()).toEqual(['flow:top_need:market', 'flow:top_need:mentoring']);
  });

  it('refuses a closed survey', async () => {
    store = await pgliteTestStore();
    harness = await botHarness({ store, clock: () => new Date('2028-02-01T03:00:00Z') });
    await harness.consent('web', 's3');
    const [closed] = await talk(harness, 's3', '/start survey_support-needs');
    expect(closed!.text).toContain('đã đóng');
  });
});
