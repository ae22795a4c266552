/**
 * The programme finder flow (asks only what the profile does not already say, then lists
 * matches) and one application flow per programme (`apply-<id>`, built from its fields: the ones
 * the profile already answers are pre-filled, a summary is confirmed, then the application is
 * stored and a staff ticket opened in one effect).
 *
 * @example
 * await startFinder(turn);
 * await startApplication(turn, programme(turn.services, 'lang-son-coworking')!);
 */
import { z } from 'zod';
import { MENU_PAYLOADS, mainMenu } from '../menu.js';
import type { Locale } from '../../content/messages.js';
import type { Turn } from '../../bot/turn.js';
import { defineFlow, labelKey, mentionedChoice, registerFlow, startFlow, type FlowServices, type AskStep, type FlowContext, type InputSpec } from '../engine/index.js';
import { stageChoices, sectorChoices, profileValue } from '../onboarding/profile.js';
import { formatDate, localToday } from '../parse/date.js';
import { findProvinceIn } from '../parse/province.js';
import { peopleCount } from '../parse/people.js';
import { findEmailIn } from '../parse/index.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { allProgrammes } from './catalogue.js';
import { matchProgramme, rankProgrammes, traitsMatter, type FounderFacts } from './match.js';
import { criterionLine, PROGRAMME_PAYLOAD, resultsMessage } from './render.js';
import { programmePayloads } from './payloads.js';
import { rememberProgramme } from './in-context.js';
import { asksWhyFit, pointsIntoList } from './asked-about.js';
import { pick, type ApplicationField, type Programme } from './schema.js';
import { traitChoices, traitsSaid } from '../onboarding/team-traits.js';

export { traitsSaid } from '../onboarding/team-traits.js';

export const FINDER_FLOW_ID = 'programme-finder';

/** What the finder remembers between its list and the details (conversation state). */
export interface ProgrammesState {
  facts?: FounderFacts;
  /** The programme the bot last answered about, and when (in-context.ts: "it", "nó", "cái đó"). */
  about?: { id: string; at: string };
  /** The programmes of the list last shown, in its order ("cái số 2" after another message). */
  listed?: string[];
}

/** The programmes feature's slice of the conversation state (`turn.state.programmes`). */
export const programmesStateSchema = z.object({
  facts: z.object({
    stage: z.string().optional(),
    sector: z.string().optional(),
    province: z.string().optional(),
    traits: z.array(z.string()).optional(),
    team_size: z.number().int().min(1).max(10000).optional(),
  }).optional(),
  about: z.object({ id: z.string(), at: z.string() }).optional(),
  listed: z.array(z.string()).optional(),
}) satisfies z.ZodType<ProgrammesState>;

/**
 * Today in the centre's time zone.
 *
 * @example
 * today(turn) // '2026-11-23'
 */
export function today(turn: Turn): string {
  return localToday(turn.services.clock());
}

/**
 * Shows the ranked list for the facts and keeps them for "back to the list".
 *
 * @example
 * showResults(turn, { stage: 'idea', province: 'lang-son' });
 */
export function showResults(turn: Turn, facts: FounderFacts): void {
  const message = resultsMessage(turn, rankProgrammes(allProgrammes(turn.services), facts, today(turn)));
  const listed = (message.buttons ?? [])
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'view' && p.args[0] ? [p.args[0]] : []));
  // A new list: "it" no longer means the programme asked about before it.
  turn.state.programmes = { facts, listed } satisfies ProgrammesState;
  turn.reply(message);
}

/**
 * A stage, sector or province typed while the finder asks something else: the request said
 * again ("có ct nào cho startup nông nghiệp ko" at the stage question) or a correction ("à nhầm,
 * bên mình làm giáo dục"). What is new replaces the answer and is said back; the question is
 * asked again. Undefined when the text says nothing new (a miss, re-asked with a hint).
 */
function amendFacts(ctx: FlowContext, text: string): string | undefined {
  // "vì sao chương trình đầu tiên hợp với mình" before the list: none suggested yet (not "I didn't catch your choice").
  if ((asksWhyFit(text) || pointsIntoList(text)) && Object.keys(factsSaid(ctx.turn, text)).length === 0) return ctx.turn.t('programmes.none_suggested');
  const noted: string[] = [];
  for (const [field, value] of Object.entries(factsSaid(ctx.turn, text))) {
    if (ctx.answers[field] === value) continue;
    ctx.answers[field] = value;
    noted.push(profileValue(ctx.turn, field, value));
  }
  return noted.length > 0 ? ctx.turn.t('programmes.facts_noted', { facts: noted.join(', ') }) : undefined;
}

/** The finder flow; the programmes feature registers it with its bot. */
export const finderFlow = defineFlow({
  id: FINDER_FLOW_ID,
  // Asking for programmes again while the finder runs is this flow, not a change of subject.
  intents: ['programme_find'],
  amend: amendFacts,
  steps: [
    { kind: 'ask', id: 'stage', prompt: 'programmes.ask.stage', choices: stageChoices, when: (a) => !a.stage },
    { kind: 'ask', id: 'sector', prompt: 'programmes.ask.sector', choices: sectorChoices, when: (a) => !a.sector },
    { kind: 'ask', id: 'province', prompt: 'programmes.ask.province', input: { type: 'province' }, when: (a) => !a.province },
    {
      kind: 'ask', id: 'traits', prompt: 'programmes.ask.traits', input: { type: 'multi' }, optional: true,
      choices: traitChoices,
      when: (a, ctx) => a.traits === undefined && traitsMatter(allProgrammes(ctx.turn.services)),
    },
    {
      kind: 'act',
      id: 'results',
      run(ctx) {
        const a = ctx.answers;
        showResults(ctx.turn, {
          stage: a.stage as string, sector: a.sector as string, province: a.province as string,
          traits: Array.isArray(a.traits) ? (a.traits as string[]) : [],
          ...(typeof a.team_size === 'number' ? { team_size: a.team_size } : {}),
        });
      },
    },
  ],
});

/** Registers the finder with a bot (the feature's `init`). @example registerFinderFlow(services) */
export function registerFinderFlow(services: FlowServices): void {
  registerFlow(services, finderFlow);
}

/**
 * Starts the finder with what the profile and this conversation's last search already say
 * (those questions are not asked again: a founder who answered them a minute ago and then types
 * "dk tham gia ntn" or "có ct nào khác ko" gets the list, not the stage question). "Search again
 * with other details" (`refine`) starts from nothing.
 *
 * @example
 * await startFinder(turn); // asks only what the profile and the last search lack
 */
export async function startFinder(turn: Turn, refine = false, said?: string): Promise<void> {
  const profile = refine ? {} : (turn.contact?.profile ?? {});
  const known: Record<string, unknown> = {};
  for (const key of ['stage', 'sector', 'province'] as const) if (typeof profile[key] === 'string') known[key] = profile[key];
  // Team traits and size the founder typed during the profile: not asked again.
  if (Array.isArray(profile.traits) && profile.traits.every((t) => typeof t === 'string')) known.traits = profile.traits;
  if (typeof profile.team_size === 'number') known.team_size = profile.team_size;
  const last = refine ? undefined : (turn.state.programmes as ProgrammesState | undefined)?.facts;
  for (const [key, value] of Object.entries(last ?? {})) if (value !== undefined) known[key] = value;
  // What the request itself says is about this search, so it wins over the profile.
  if (said) Object.assign(known, requestFacts(turn, said));
  await startFlow(turn, FINDER_FLOW_ID, known);
}

/**
 * The stage, sector and province a typed request names ("co ct nao cho startup giao duc ko",
 * "which programmes fit a fintech startup in Da Nang"): the finder does not ask them again. Only
 * the words founders use for them count, not the labels ("sáng tạo" in "đổi mới sáng tạo").
 *
 * @example
 * factsSaid(turn, 'chương trình cho startup nông nghiệp ở Cần Thơ') // { sector: 'agriculture', province: 'can-tho' }
 */
export function factsSaid(turn: Turn, text: string): Record<string, string> {
  const facts: Record<string, string> = {};
  const options = { labels: false, maxWords: 40 };
  const stage = mentionedChoice(stageChoices, text, { turn }, options);
  if (stage) facts.stage = stage.value;
  const sector = mentionedChoice(sectorChoices, text, { turn }, options);
  if (sector) facts.sector = sector.value;
  const province = findProvinceIn(text);
  if (province) facts.province = province.id;
  return facts;
}

/** The facts a typed request names, with its team traits ("có chương trình nào cho sinh viên ko"). */
function requestFacts(turn: Turn, text: string): Record<string, unknown> {
  const traits = traitsSaid(turn, text);
  // "a fintech app, 3 people, in Ha Noi": the application will not ask the team size again.
  const team = peopleCount(text);
  return { ...factsSaid(turn, text), ...(traits.length > 0 ? { traits } : {}), ...(team ? { team_size: team } : {}) };
}

// ---- application flows ----

function inputOf(field: ApplicationField): InputSpec {
  switch (field.type) {
    case 'number':
      return { type: 'number', min: field.min, max: field.max };
    case 'text':
      // The founder's or the startup's name: "tên cty là EduPay" is "EduPay".
      return { type: 'text', max: field.max ?? 500, name: field.from_profile === 'name' || field.from_profile === 'startup' };
    case 'choice':
      return { type: 'text' };
    default:
      return { type: field.type };
  }
}

/**
 * The short name of a field's answer: its `label`, or for a file without one its question
 * without the hint in brackets and the question mark ("Họ tên trưởng nhóm?" → "Họ tên trưởng nhóm").
 *
 * @example
 * fieldLabel(field, 'en') // 'Team size'
 */
export function fieldLabel(field: ApplicationField, locale: Locale): string {
  if (field.label) return pick(field.label, locale);
  const question = pick(field.prompt, locale).replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s*\?\s*$/, '').trim();
  return question.length > 40 ? `${question.slice(0, 39)}…` : question;
}

/** An answer as the founder reads it back. */
function shown(turn: Turn, field: ApplicationField, value: unknown): string {
  if (value === null || value === undefined) return turn.t('onboarding.me.none');
  if (field.type === 'choice') {
    const choice = field.choices?.find((c) => c.value === value);
    return choice ? pick(choice.label, turn.locale) : String(value);
  }
  if (field.type === 'yesno') return turn.t(value ? 'flows.yes' : 'flows.no');
  if (field.type === 'date' && typeof value === 'string') return formatDate(value);
  return profileValue(turn, field.type === 'phone' ? 'phone' : field.id, value);
}

/**
 * The application's summary (also the staff ticket's summary).
 *
 * @example
 * applicationSummary(turn, programme, { name: 'Lan' }) // 'Khu làm việc chung …\n• Họ tên: Lan …'
 */
export function applicationSummary(turn: Turn, programme: Programme, answers: Record<string, unknown>): string {
  const lines = programme.application.map((f) => `• ${fieldLabel(f, turn.locale)}: ${shown(turn, f, answers[f.id])}`);
  return `${pick(programme.name, turn.locale)}\n${lines.join('\n')}`;
}

/** A team-size answer: the number of the field whose id says it counts the team. */
function teamSizeOf(programme: Programme, answers: Record<string, unknown>): number | undefined {
  const field = programme.application.find((f) => f.type === 'number' && /team|member|people|size/.test(f.id));
  const value = field ? answers[field.id] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/**
 * The hard conditions of the programme this application fails, one line each, from what the
 * founder told (the team size answered, the profile's or the last search's stage and province):
 * said above the summary before it is sent, so the founder sends knowingly or stops. A team of 1
 * to a programme of 2 or more, a Hà Nội team to a Lạng Sơn programme were sent without a word.
 */
function failedConditions(ctx: FlowContext, programme: Programme): string[] {
  const { turn } = ctx;
  const e = programme.eligibility;
  const lines: string[] = [];
  const size = teamSizeOf(programme, ctx.answers);
  if (e.min_team_size !== undefined && size !== undefined && size < e.min_team_size) {
    lines.push(turn.t('programmes.apply.warn_team', { size, min: e.min_team_size }));
  }
  const profile = turn.contact?.profile ?? {};
  const last = (turn.state.programmes as ProgrammesState | undefined)?.facts ?? {};
  const fact = (key: 'stage' | 'province') => (typeof profile[key] === 'string' ? (profile[key] as string) : last[key]);
  const facts: FounderFacts = { stage: fact('stage'), province: fact('province') };
  const match = matchProgramme(programme, facts, today(turn));
  for (const result of match?.results ?? []) {
    if (result.ok || (result.criterion !== 'place' && result.criterion !== 'stage')) continue;
    if (result.criterion === 'place' && !facts.province) continue;
    if (result.criterion === 'stage' && !facts.stage) continue;
    lines.push(criterionLine(turn, result));
  }
  return lines;
}

/** The summary of an application, with the hard conditions it fails above it. */
function applicationCheck(ctx: FlowContext, programme: Programme): string {
  const failed = failedConditions(ctx, programme);
  const warning = failed.length > 0 ? `${ctx.turn.t('programmes.apply.warn', { conditions: failed.join('\n') })}\n\n` : '';
  return `${warning}${ctx.turn.t('programmes.apply.check')}\n\n${applicationSummary(ctx.turn, programme, ctx.answers)}`;
}

/** Words refusing to give a phone number, or saying there is only an e-mail ("ko muốn cho sđt", "e chỉ có email thôi", "I'd rather not"), folded. */
const NO_PHONE = /(?:^| )(?:(?:khong|chua|chang|hong) (?:muon|thich|tien|can|de|co sdt|co so|dung sdt)|chi co (?:email|mail|gmail)|(?:khong|ko) (?:co )?(?:sdt|so dien thoai|dien thoai)|don t want|do not want|rather not|prefer not|only have (?:an )?e ?mail|no phone|don t have a phone)(?: |$)/;

/**
 * A phone question where the founder refuses, or gives an e-mail instead: an e-mail in the text
 * answers the e-mail question and the phone is passed over; a refusal passes it over with the
 * reason (staff reach the founder by e-mail or in this chat). Only when the phone is optional
 * (`phoneOptional`) and for the phone question; undefined otherwise.
 */
function phoneDeclined(ctx: FlowContext, programme: Programme, text: string): string | undefined {
  const field = programme.application.find((f) => f.id === ctx.flow.step);
  if (!field || field.type !== 'phone' || !phoneOptional(programme, field)) return undefined;
  const found = findEmailIn(text);
  const email = found?.ok ? found.value : undefined;
  const emailField = programme.application.find((f) => f.type === 'email');
  if (email && emailField) {
    ctx.answers[emailField.id] = email;
    ctx.answers[field.id] = null;
    return ctx.turn.t('programmes.apply.phone_email', { email });
  }
  if (!NO_PHONE.test(labelKey(normalizeForMatching(text))) && !NO_PHONE.test(labelKey(text))) return undefined;
  ctx.answers[field.id] = null;
  return ctx.turn.t('programmes.apply.phone_skipped');
}

/**
 * Whether a phone field may be left empty: it may when the application also asks an e-mail, or
 * the file says so. The profile calls the phone optional; the application demanded it and looped
 * on every refusal, the only way out being to cancel the whole application.
 */
function phoneOptional(programme: Programme, field: ApplicationField): boolean {
  return Boolean(field.optional) || programme.application.some((f) => f.type === 'email');
}

/**
 * Registers the application flow of every programme (at start-up).
 *
 * @example
 * registerApplicationFlows(services, allProgrammes(services)); // flows 'apply-<id>'
 */
export function registerApplicationFlows(services: FlowServices, programmes: readonly Programme[]): void {
  for (const programme of programmes) {
    const asks: AskStep[] = programme.application.map((field) => ({
      kind: 'ask',
      id: field.id,
      prompt: (ctx: FlowContext) => pick(field.prompt, ctx.turn.locale),
      label: (ctx: FlowContext) => fieldLabel(field, ctx.turn.locale),
      input: inputOf(field),
      optional: field.type === 'phone' ? phoneOptional(programme, field) : field.optional,
      ...(field.type === 'phone' && phoneOptional(programme, field) ? { why: 'programmes.apply.why_phone', hint: 'programmes.apply.hint_phone' } : {}),
      ...(field.choices ? { choices: (ctx: FlowContext) => field.choices!.map((c) => ({ value: c.value, text: pick(c.label, ctx.turn.locale) })) } : {}),
      when: (a: Record<string, unknown>) => a[field.id] === undefined || a[field.id] === '',
    }));
    registerFlow(services, {
      id: `apply-${programme.id}`,
      amend: (ctx, text) => phoneDeclined(ctx, programme, text),
      steps: [
        ...asks,
        {
          kind: 'confirm',
          id: 'confirm',
          summary: (ctx) => applicationCheck(ctx, programme),
        },
        {
          kind: 'act',
          id: 'submit',
          run(ctx) {
            const answers = Object.fromEntries(programme.application.map((f) => [f.id, ctx.answers[f.id] ?? null]));
            ctx.turn.effect('fx_application_submit', {
              programme_id: programme.id,
              answers,
              locale: ctx.turn.locale,
              summary: applicationSummary(ctx.turn, programme, answers),
            });
            ctx.turn.reply({
              text: ctx.turn.t('programmes.apply.done', { programme: pick(programme.name, ctx.turn.locale) }),
              buttons: [
                { label: ctx.turn.t('programmes.mine'), payload: PROGRAMME_PAYLOAD.mine },
                { label: ctx.turn.t('menu.programmes'), payload: MENU_PAYLOADS.programmes },
              ],
            });
          },
        },
      ],
      onCancel(ctx) {
        ctx.turn.reply(mainMenu(ctx.turn.t, ctx.turn.t('programmes.apply.cancelled')));
      },
    });
  }
}

interface AboutContact {
  name: string | null;
  phone: string | null;
  email: string | null;
  profile: Record<string, unknown>;
}

/**
 * Starts a programme's application, pre-filled from the profile where the programme allows.
 *
 * @example
 * await startApplication(turn, programme(turn.services, 'mekong-innovation')!);
 */
export async function startApplication(turn: Turn, programme: Programme): Promise<void> {
  const initial: Record<string, unknown> = {};
  if (turn.contact) {
    const about = await turn.services.store.call<AboutContact>('contact_about', { contact_id: turn.contact.id });
    const known: Record<string, unknown> = { ...about.profile, name: about.name, phone: about.phone, email: about.email };
    for (const field of programme.application) {
      const value = field.from_profile ? known[field.from_profile] : undefined;
      if (typeof value === 'string' && value) initial[field.id] = value;
    }
  }
  // A team size said in this conversation's search ("3 people") answers the team-size question.
  const team = (turn.state.programmes as ProgrammesState | undefined)?.facts?.team_size;
  const teamField = programme.application.find((f) => f.type === 'number' && /team|member|people|size/.test(f.id));
  if (teamField && typeof team === 'number' && initial[teamField.id] === undefined
      && (teamField.min === undefined || team >= teamField.min) && (teamField.max === undefined || team <= teamField.max)) {
    initial[teamField.id] = team;
  }
  rememberProgramme(turn, programme.id);
  turn.reply({ text: turn.t('programmes.apply.intro', { programme: pick(programme.name, turn.locale) }) });
  await startFlow(turn, `apply-${programme.id}`, initial);
}
