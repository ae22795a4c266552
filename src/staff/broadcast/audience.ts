/**
 * The audience filter language: space-separated `key=value` terms, values separated by commas,
 * quoted when they contain spaces. Terms are ANDed; the values of one term are ORed. Keys and
 * values match with or without diacritics; Vietnamese key names work too.
 *
 *   channel=telegram province="Lạng Sơn" stage=idea,prototype
 *   kenh=zalo tinh="Ha Noi" linh_vuc=agritech
 *   programme=incubation-2026            (applied to / interested in a programme)
 *   survey=intake question=need answer=funding,mentoring
 *   rsvp=12                              (said they would attend broadcast 12)
 *   all                                  (every subscribed founder)
 *
 * `parseAudience` returns the spec (validated with zod) that the SQL function
 * `broadcast_audience_rows` turns into recipients.
 *
 * @example
 * parseAudience('channel=telegram province="Lạng Sơn" stage=idea,prototype');
 * // { channel: ['telegram'], province: ['lang-son'], stage: ['idea', 'prototype'] }
 */
import { z } from 'zod';
import type { Translator } from '../../content/messages.js';
import { SECTORS, STAGES } from '../../flows/onboarding/profile.js';
import { parseProvince } from '../../flows/parse/province.js';
import { fold } from '../../nlu/fold.js';
import { CHANNEL_IDS } from '../../bot/channels/index.js';

const values = z.array(z.string().trim().min(1).max(200)).min(1).max(100);

export const audienceSpecSchema = z
  .object({
    channel: z.array(z.enum(CHANNEL_IDS as unknown as [string, ...string[]])).min(1).optional(),
    province: values.optional(),
    stage: values.optional(),
    sector: values.optional(),
    programme: values.optional(),
    survey: z.object({ survey: z.string().min(1), question: z.string().min(1).optional(), answers: values }).optional(),
    rsvp: z.array(z.coerce.number().int().positive()).min(1).optional(),
    contact: z.array(z.coerce.number().int().positive()).min(1).optional(),
  })
  .strict();

export type AudienceSpec = z.infer<typeof audienceSpecSchema>;

/** Why a filter was refused: each has a text in content/messages (`broadcast.audience_error.<reason>`). */
export type AudienceErrorReason = 'unreadable' | 'unknown_key' | 'unknown_value' | 'survey_incomplete' | 'bad_value';

/**
 * A filter the admin must correct. `message` says what and how in English (the command line);
 * `reason` and `params` let the console and the staff group say it in the staff member's language.
 *
 * @example
 * catch (e) { if (e instanceof AudienceError) say(t(`broadcast.audience_error.${e.reason}`, e.params)); }
 */
export class AudienceError extends Error {
  readonly code = 'AUDIENCE_INVALID';
  constructor(message: string, readonly reason: AudienceErrorReason = 'bad_value', readonly params: Record<string, string> = {}) {
    super(message);
    this.name = 'AudienceError';
  }
}

/**
 * The error in the staff member's language.
 *
 * @example
 * audienceErrorText(t, error); // 'không có bộ lọc “colour”: dùng kenh, tinh, …'
 */
export function audienceErrorText(t: Translator, error: AudienceError): string {
  return t(`broadcast.audience_error.${error.reason}`, error.params);
}

/** Key names (folded) → spec keys; Vietnamese names first. */
const KEYS: Record<string, keyof AudienceSpec | 'question' | 'answer'> = {
  kenh: 'channel', channel: 'channel',
  tinh: 'province', tinh_thanh: 'province', province: 'province',
  giai_doan: 'stage', stage: 'stage',
  linh_vuc: 'sector', nganh: 'sector', sector: 'sector',
  chuong_trinh: 'programme', programme: 'programme', program: 'programme',
  khao_sat: 'survey', survey: 'survey',
  cau_hoi: 'question', question: 'question',
  tra_loi: 'answer', answer: 'answer',
  rsvp: 'rsvp', tham_du: 'rsvp',
  contact: 'contact',
};

const TERM = /([^\s=]+)\s*=\s*((?:"[^"]*"|[^\s",]+)(?:\s*,\s*(?:"[^"]*"|[^\s",]+))*)/gy;

/**
 * Parses the filter language into an audience spec; throws `AudienceError` with a hint.
 *
 * @example
 * parseAudience('tinh="Lạng Sơn" giai_doan=idea'); // { province: ['lang-son'], stage: ['idea'] }
 */
export function parseAudience(filter: string): AudienceSpec {
  const text = filter.trim();
  if (text === '' || ['all', 'tat ca', '*'].includes(fold(text))) return {};
  const raw: Record<string, string[]> = {};
  let at = 0;
  while (at < text.length) {
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (at >= text.length) break;
    TERM.lastIndex = at;
    const match = TERM.exec(text);
    if (!match) {
      throw new AudienceError(
        `cannot read "${text.slice(at, at + 30)}": write key=value terms, e.g. channel=telegram province="Lạng Sơn" stage=idea,prototype`,
        'unreadable', { text: text.slice(at, at + 30) },
      );
    }
    at = TERM.lastIndex;
    const key = KEYS[fold(match[1]!).replace(/[\s-]+/g, '_')];
    if (!key) {
      throw new AudienceError(`unknown filter "${match[1]}": use channel, province, stage, sector, programme, survey/question/answer or rsvp`,
        'unknown_key', { key: match[1]! });
    }
    const list = [...match[2]!.matchAll(/"([^"]*)"|([^\s",]+)/g)].map((m) => (m[1] ?? m[2]!).trim()).filter(Boolean);
    raw[key] = [...(raw[key] ?? []), ...list];
  }
  const spec: Record<string, unknown> = {};
  for (const [key, list] of Object.entries(raw)) {
    if (key === 'question' || key === 'answer' || key === 'survey') continue;
    if (key === 'channel') spec[key] = list.map((v) => fold(v));
    // Profiles store today's province id ('lang-son'); any spelling or former name finds it.
    else if (key === 'province') spec[key] = list.map((v) => { const p = parseProvince(v); return p.ok ? p.value.id : v; });
    else if (key === 'stage' || key === 'sector') {
      // The profile stores these ids; anything else would silently match nobody.
      const known: readonly string[] = key === 'stage' ? STAGES : SECTORS;
      const ids = list.map((v) => fold(v));
      const unknown = ids.find((v) => !known.includes(v));
      if (unknown) throw new AudienceError(`unknown ${key} "${unknown}": use ${known.join(', ')}`, 'unknown_value', { key, value: unknown, known: known.join(', ') });
      spec[key] = ids;
    } else spec[key] = list;
  }
  if (raw.survey || raw.answer || raw.question) {
    if (!raw.survey || !raw.answer) throw new AudienceError('a survey filter needs survey=<survey> and answer=<answers>', 'survey_incomplete');
    spec.survey = { survey: raw.survey[0], ...(raw.question ? { question: raw.question[0] } : {}), answers: raw.answer };
  }
  const parsed = audienceSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const hint = issue.path[0] === 'channel' ? ` (one of ${CHANNEL_IDS.join(', ')})` : '';
    throw new AudienceError(`bad value for ${issue.path.join('.')}: ${issue.message}${hint}`, 'bad_value',
      { key: issue.path.join('.'), hint: issue.path[0] === 'channel' ? ` (${CHANNEL_IDS.join(', ')})` : '' });
  }
  return parsed.data;
}

/**
 * The spec written back in the filter language (for lists and reports).
 *
 * @example
 * describeAudience({ stage: ['idea', 'prototype'] }); // 'stage=idea,prototype'
 */
export function describeAudience(spec: AudienceSpec): string {
  const quote = (v: string | number) => (/[\s,"]/.test(String(v)) ? `"${String(v).replace(/"/g, '')}"` : String(v));
  const terms: string[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'survey' && value && typeof value === 'object' && !Array.isArray(value)) {
      const s = value as NonNullable<AudienceSpec['survey']>;
      terms.push(`survey=${quote(s.survey)}`, ...(s.question ? [`question=${quote(s.question)}`] : []), `answer=${s.answers.map(quote).join(',')}`);
    } else if (Array.isArray(value)) {
      terms.push(`${key}=${value.map(quote).join(',')}`);
    }
  }
  return terms.join(' ') || 'all';
}
