/**
 * The founder's short profile: name, startup, stage, sector, province, phone and e-mail (the
 * last two optional). Stored on the contact (`fx_contact_profile`) only after consent; `/profile`
 * runs it again. Other flows read `turn.contact.profile` (stage, sector, province, startup).
 *
 * @example
 * await startFlow(turn, PROFILE_FLOW_ID);
 */
import { mainMenu } from '../menu.js';
import type { Turn } from '../../bot/turn.js';
import { defineFlow, mentionedChoice, startFlow, type Answers, type Choice, type FlowContext } from '../engine/index.js';
import { findProvinceIn, formatPhone, provinceById } from '../parse/index.js';
import { teamFactsSaid } from './team-traits.js';

export const PROFILE_FLOW_ID = 'profile';

/** Startup stages (the profile's and the programme criteria's vocabulary). */
export const STAGES = ['idea', 'prototype', 'revenue', 'fundraising'] as const;
export type Stage = (typeof STAGES)[number];

/** Sectors (the profile's and the programme criteria's vocabulary). */
export const SECTORS = [
  'agriculture', 'tech', 'education', 'health', 'tourism', 'craft', 'commerce', 'environment', 'creative', 'other',
] as const;
export type Sector = (typeof SECTORS)[number];

// Words founders use for their stage besides the labels.
const stageAliasesData: Record<Stage, string[]> = {
  idea: ['y tuong', 'moi co y tuong', 'idea', 'just an idea'],
  prototype: ['mvp', 'san pham mau', 'prototype', 'thu nghiem', 'demo'],
  revenue: ['doanh thu', 'co doanh thu', 'dang ban', 'da ban', 'ban duoc', 'co khach', 'revenue', 'selling', 'customers', 'already sell', 'we sell', 'sell to'],
  fundraising: ['goi von', 'dang goi von', 'fundraising', 'raising', 'investment', 'dau tu'],
};

// Words founders use for their sector besides the labels, Vietnamese and English, folded. Only
// words that name a sector wherever they stand: not "sáng tạo" ("đổi mới sáng tạo" is
// innovation), "dịch vụ" or "đào tạo" (a programme's services and training), "ai" ("who").
const sectorAliasesData: Record<Sector, string[]> = {
  agriculture: ['nong nghiep', 'thuc pham', 'nong san', 'trong trot', 'chan nuoi', 'thuy san', 'nuoi trong', 'nuoc mam', 'hai san', 'ca phe', 'agritech', 'fish sauce', 'seafood', 'coffee', 'agriculture', 'farming', 'food', 'aquaculture'],
  tech: ['cong nghe', 'phan mem', 'tech', 'technology', 'software', 'fintech', 'saas'],
  education: ['giao duc', 'day hoc', 'hoc truc tuyen', 'hoc online', 'hoc tieng anh', 'day tieng anh', 'ngoai ngu', 'edtech', 'education', 'e learning', 'elearning', 'tutoring'],
  health: ['y te', 'suc khoe', 'cham soc suc khoe', 'phong kham', 'duoc pham', 'health', 'healthcare', 'healthtech', 'medtech', 'medical', 'pharma'],
  tourism: ['du lich', 'khach san', 'tourism', 'travel', 'homestay', 'hotel', 'hospitality'],
  craft: ['thu cong', 'lang nghe', 'my nghe', 'craft', 'crafts', 'handicraft'],
  commerce: ['thuong mai', 'ban le', 'thuong mai dien tu', 'commerce', 'ecommerce', 'e commerce', 'retail'],
  environment: ['moi truong', 'nang luong', 'tai che', 'rac thai', 'environment', 'recycled', 'recycling', 'eco', 'waste', 'energy', 'cleantech', 'greentech'],
  creative: ['van hoa', 'nghe thuat', 'creative', 'culture', 'arts'],
  other: [],
};

/** Choices for the stage question (shared with the programme finder). */
export const stageChoices: readonly Choice[] = STAGES.map((s) => ({ value: s, label: `profile.stage.${s}`, aliases: stageAliasesData[s] }));
/** Choices for the sector question (shared with the programme finder). */
export const sectorChoices: readonly Choice[] = SECTORS.map((s) => ({ value: s, label: `profile.sector.${s}`, aliases: sectorAliasesData[s] }));

/**
 * A readable value of a profile field in the turn's language.
 *
 * @example
 * profileValue(turn, 'province', 'bac-ninh') // 'Bắc Ninh'
 */
export function profileValue(turn: Turn, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return turn.t('onboarding.me.none');
  if (field === 'stage' && typeof value === 'string' && (STAGES as readonly string[]).includes(value)) return turn.t(`profile.stage.${value}`);
  if (field === 'sector' && typeof value === 'string' && (SECTORS as readonly string[]).includes(value)) return turn.t(`profile.sector.${value}`);
  if (field === 'province' && typeof value === 'string') return provinceById(value)?.name ?? value;
  if (field === 'phone' && typeof value === 'string') return formatPhone(value);
  return String(value);
}

function summary(ctx: FlowContext): string {
  const { turn, answers } = ctx;
  const v = (field: string) => profileValue(turn, field, answers[field]);
  return turn.t('profile.summary', {
    name: v('name'), startup: v('startup'), stage: v('stage'), sector: v('sector'),
    province: v('province'), phone: v('phone'), email: v('email'),
  });
}

/**
 * Keeps the team traits and size a founder typed at any profile question ("team e 3 người,
 * founder nữ, đang có doanh thu" at the stage): the profile asks for neither, but the programme
 * finder uses them and would ask again. Returns what was new.
 */
function keepTeamFacts(ctx: FlowContext, text: string): string[] {
  const said = teamFactsSaid(ctx.turn, text);
  const noted: string[] = [];
  const known = Array.isArray(ctx.answers.traits) ? (ctx.answers.traits as string[]) : [];
  const added = (said.traits ?? []).filter((t) => !known.includes(t));
  if (added.length > 0) {
    ctx.answers.traits = [...known, ...added];
    noted.push(...added.map((t) => ctx.turn.t(`programmes.trait.${t}`)));
  }
  if (said.team_size !== undefined && said.team_size !== ctx.answers.team_size) {
    ctx.answers.team_size = said.team_size;
    noted.push(ctx.turn.t('profile.team_size', { n: said.team_size }));
  }
  return noted;
}

/** Each answer's text may also name team traits or size: kept beside the answer. */
function teamFactsOfAnswer(_value: unknown, ctx: FlowContext): void {
  const { event } = ctx.turn;
  if (event.kind === 'text') keepTeamFacts(ctx, event.text);
}

/** A text that answers no question but names team traits or size: kept and said back. */
function amendTeamFacts(ctx: FlowContext, text: string): string | undefined {
  const noted = keepTeamFacts(ctx, text);
  return noted.length > 0 ? ctx.turn.t('programmes.facts_noted', { facts: noted.join(', ') }) : undefined;
}

/** The team facts answered, as stored on the profile (only those given). */
function teamProfile(a: Answers): Record<string, unknown> {
  return {
    ...(Array.isArray(a.traits) && a.traits.length > 0 ? { traits: a.traits } : {}),
    ...(typeof a.team_size === 'number' ? { team_size: a.team_size } : {}),
  };
}

function save(ctx: FlowContext): void {
  const a: Answers = ctx.answers;
  ctx.turn.effect('fx_contact_profile', {
    name: a.name,
    phone: a.phone ?? '',
    email: a.email ?? '',
    profile: { startup: a.startup ?? null, stage: a.stage, sector: a.sector, province: a.province, ...teamProfile(a) },
  });
}

/** Keeps the answers given so far (only those: the stored profile merges them). */
function savePartial(ctx: FlowContext): void {
  const a: Answers = ctx.answers;
  const profile = { ...Object.fromEntries(['startup', 'stage', 'sector', 'province'].filter((k) => a[k] !== undefined && a[k] !== null).map((k) => [k, a[k]])), ...teamProfile(a) };
  const contact = Object.fromEntries(['name', 'phone', 'email'].filter((k) => typeof a[k] === 'string' && a[k] !== '').map((k) => [k, a[k]]));
  if (Object.keys(profile).length === 0 && Object.keys(contact).length === 0) return;
  ctx.turn.effect('fx_contact_profile', { ...contact, profile });
}

/**
 * Whether a question is still open: `/profile` starts with the saved values, so the founder sees
 * them at once (with ✏️ Edit for one of them) instead of the whole questionnaire from scratch.
 */
function unanswered(id: string): (answers: Answers) => boolean {
  return (answers) => !Object.hasOwn(answers, id);
}

/**
 * `/profile`: the saved profile with ✅ / ✏️ Edit (each answer editable, its current value shown
 * and kept with "giữ nguyên"); only what is missing is asked. The questionnaire restarted from
 * scratch, and "giữ nguyên" typed at the name became the name.
 *
 * @example
 * await editProfile(turn); // summary of the saved values, or the first missing question
 */
export async function editProfile(turn: Turn): Promise<void> {
  const initial: Answers = {};
  if (turn.contact) {
    const about = await turn.services.store.call<SavedContact>('contact_about', { contact_id: turn.contact.id });
    const saved: Answers = { ...about.profile, name: about.name, phone: about.phone, email: about.email };
    for (const [field, value] of Object.entries(saved)) if (PROFILE_FIELDS.includes(field) && typeof value === 'string' && value !== '') initial[field] = value;
    // Once the name was given the optional questions were answered or skipped: not asked again.
    if (initial.name !== undefined) for (const field of ['startup', 'phone', 'email']) initial[field] ??= null;
  }
  if (Object.keys(initial).length > 0) turn.reply({ text: turn.t('profile.edit_intro') });
  await startFlow(turn, PROFILE_FLOW_ID, initial);
}

interface SavedContact {
  name: string | null;
  phone: string | null;
  email: string | null;
  profile: Record<string, unknown>;
}

const PROFILE_FIELDS = ['name', 'startup', 'stage', 'sector', 'province', 'phone', 'email'];

/**
 * A description typed at a question of choices ("just an idea for now, an edtech app … in Lang
 * Son" at the stage; "làm nước mắm truyền thống ở Phú Quốc, Kiên Giang á" at the sector): the
 * stage, sector and province it names are kept, for this question and the later ones (then
 * passed over), and said back. The engine goes on when this question was answered, else asks it
 * again under the note. Only answers not given yet, and this question's own: nothing said
 * earlier is overwritten. Undefined when it names none.
 */
function describedFacts(ctx: FlowContext, text: string, othersOnly = false): string | undefined {
  const options = { labels: false, maxWords: 40 };
  const said: [string, string | undefined][] = [
    ['stage', mentionedChoice(stageChoices, text, ctx, options)?.value],
    ['sector', mentionedChoice(sectorChoices, text, ctx, options)?.value],
    ['province', findProvinceIn(text)?.id],
  ];
  const noted: string[] = [];
  for (const [field, value] of said) {
    const own = field === ctx.flow.step;
    if (value === undefined || (own && othersOnly) || (!own && Object.hasOwn(ctx.answers, field))) continue;
    ctx.answers[field] = value;
    noted.push(`${ctx.turn.t(`profile.label.${field}`)}: ${profileValue(ctx.turn, field, value)}`);
  }
  return noted.length > 0 ? ctx.turn.t('flows.described.noted', { taken: noted.join('; ') }) : undefined;
}

/**
 * A stage or sector answered in a sentence that says more ("làm nước mắm truyền thống ở Phú
 * Quốc, Kiên Giang á" at the sector): the later answers it names are kept too, and said back.
 */
function keepTheRest(_value: unknown, ctx: FlowContext): void {
  const { event } = ctx.turn;
  if (event.kind !== 'text' || event.text.trim().split(/\s+/).length < 3) return;
  const note = describedFacts(ctx, event.text, true);
  if (note) ctx.turn.reply({ text: note });
}

/** Both notes of a text that answered no question (what it described, the team facts it named), or undefined. */
function joinedNotes(...notes: (string | undefined)[]): string | undefined {
  const said = notes.filter((n): n is string => n !== undefined);
  return said.length > 0 ? said.join('\n') : undefined;
}

/** An answer to stage or sector that also says the rest of the profile and the team's facts: all kept. */
function keepTheRestAndTeamFacts(value: unknown, ctx: FlowContext): void {
  keepTheRest(value, ctx);
  teamFactsOfAnswer(value, ctx);
}

/** The profile flow; the consent feature registers it with its bot. */
export const profileFlow = defineFlow({
  id: PROFILE_FLOW_ID,
  help: 'profile.help',
  // Said when, offered after consent, it gives way to a request the founder typed.
  leftForRequest: 'profile.later',
  onLeave: savePartial,
  amend: (ctx, text) => joinedNotes(describedFacts(ctx, text), amendTeamFacts(ctx, text)),
  steps: [
    { kind: 'ask', id: 'name', prompt: 'profile.ask.name', label: 'profile.label.name', input: { type: 'text', max: 100, name: true }, when: unanswered('name') },
    { kind: 'ask', id: 'startup', prompt: 'profile.ask.startup', label: 'profile.label.startup', input: { type: 'text', max: 150, name: true }, optional: true, when: unanswered('startup') },
    { kind: 'ask', id: 'stage', prompt: 'profile.ask.stage', label: 'profile.label.stage', choices: stageChoices, when: unanswered('stage'), onAnswer: keepTheRestAndTeamFacts },
    { kind: 'ask', id: 'sector', prompt: 'profile.ask.sector', label: 'profile.label.sector', choices: sectorChoices, when: unanswered('sector'), onAnswer: keepTheRestAndTeamFacts },
    { kind: 'ask', id: 'province', prompt: 'profile.ask.province', label: 'profile.label.province', input: { type: 'province' }, when: unanswered('province'), onAnswer: teamFactsOfAnswer },
    { kind: 'ask', id: 'phone', prompt: 'profile.ask.phone', label: 'profile.label.phone', input: { type: 'phone' }, optional: true, when: unanswered('phone') },
    { kind: 'ask', id: 'email', prompt: 'profile.ask.email', label: 'profile.label.email', input: { type: 'email' }, optional: true, when: unanswered('email') },
    { kind: 'confirm', id: 'confirm', summary },
    {
      kind: 'act',
      id: 'save',
      run(ctx) {
        save(ctx);
        ctx.turn.reply(mainMenu(ctx.turn.t, ctx.turn.t('profile.saved', { name: String(ctx.answers.name) })));
        return { end: true };
      },
    },
  ],
  onCancel(ctx) {
    // Offered after consent and skipped part-way ("bỏ qua" at the stage): the name already typed
    // stays; staff saw "(no name)" although the founder had said it.
    if (ctx.flow.offered) savePartial(ctx);
    ctx.turn.reply(mainMenu(ctx.turn.t, ctx.turn.t('profile.cancelled')));
  },
});
