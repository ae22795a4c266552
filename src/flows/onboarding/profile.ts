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
import { introductionIn, type Introduction } from './introduction.js';

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
  // Kept ahead from an introduction at the name, the text was read (and said back) there.
  if (ctx.flow.step === 'name' || ctx.flow.step === 'startup') return;
  if (event.kind === 'text') keepTeamFacts(ctx, event.text);
}

/** Whether the answer being taken is the one to question `id` (not kept ahead while another was asked). */
function stepAnswered(ctx: FlowContext, id: string): boolean {
  return ctx.flow.step === id;
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

/**
 * Keeps the answers given so far (only those: the stored profile merges them), and shows them to
 * the rest of this turn: a programme search the founder switched to in the same message reads
 * `turn.contact.profile`, and asked the stage just answered again.
 */
function savePartial(ctx: FlowContext): void {
  const a: Answers = ctx.answers;
  const profile = { ...Object.fromEntries(['startup', 'stage', 'sector', 'province'].filter((k) => a[k] !== undefined && a[k] !== null).map((k) => [k, a[k]])), ...teamProfile(a) };
  const contact = Object.fromEntries(['name', 'phone', 'email'].filter((k) => typeof a[k] === 'string' && a[k] !== '').map((k) => [k, a[k]]));
  if (Object.keys(profile).length === 0 && Object.keys(contact).length === 0) return;
  ctx.turn.effect('fx_contact_profile', { ...contact, profile });
  const known = ctx.turn.contact;
  if (known) {
    Object.assign(known.profile, profile);
    if (typeof contact.name === 'string') known.displayName = contact.name;
  }
}

/**
 * The questions the bot offered after consent keep each answer as it is given: the founder was
 * told "Noted", and a handoff, a skip or a request typed in between lost them (staff saw "(no
 * name)", /me showed nothing). `/profile` (asked for) saves at its confirmation only, so that
 * "Hủy" there leaves the saved profile as it was.
 */
function keptAsGiven(ctx: FlowContext): void {
  if (ctx.flow.offered) savePartial(ctx);
}

/** An answer's own hook, then the answers so far kept (see `keptAsGiven`). */
function thenKept(hook?: (value: unknown, ctx: FlowContext) => void | string[]): (value: unknown, ctx: FlowContext) => string[] {
  return (value, ctx) => {
    const notes = hook?.(value, ctx) ?? [];
    keptAsGiven(ctx);
    return notes;
  };
}

/**
 * An introduction typed at the name ("mình là Lan, làm edtech, team 3 ng, chưa có doanh thu"):
 * the name is what follows "mình là" up to the first comma, and the stage, sector, province, team
 * size and traits it names are kept for their questions (then passed over), each only if not
 * answered yet. "Chưa có doanh thu" / "pre-revenue" names no stage: the stage question then
 * offers only the stages before revenue. Returns the notes of what was kept.
 */
function introducedAtName(value: unknown, ctx: FlowContext): string[] {
  const { event } = ctx.turn;
  if (event.kind !== 'text' || typeof value !== 'string') return [];
  const text = event.text;
  // The name: introduced ("mình là Lan, …"), else what was taken up to its first comma ("Lan, edtech").
  const name = introductionIn(ctx.turn, text).name ?? value.split(/[,;.]/u)[0]!.trim();
  const at = text.indexOf(name);
  const rest = at >= 0 ? text.slice(at + name.length) : '';
  // Facts are read after the name only: "Nguyễn Thái Bình" names a person, not the province.
  if (!name || !/\p{L}/u.test(rest) || name.split(/\s+/).length > 5) return [];
  const notes = keepIntroduced(ctx, introductionIn(ctx.turn, rest));
  // The name taken ran on past a comma into the facts: only its head is the name.
  if (notes.length > 0) ctx.answers.name = name;
  return notes;
}

/**
 * Keeps the facts of an introduction that are not answered yet (and not this question's: its
 * own answer is taken by the engine), returning their notes ("Lĩnh vực: Giáo dục").
 */
export function keepIntroduced(ctx: FlowContext, said: Introduction): string[] {
  const notes: string[] = [];
  const { turn, answers } = ctx;
  for (const field of ['stage', 'sector', 'province'] as const) {
    const value = said[field];
    if (value === undefined || Object.hasOwn(answers, field) || ctx.flow.step === field) continue;
    answers[field] = value;
    notes.push(`${turn.t(`profile.label.${field}`)}: ${profileValue(turn, field, value)}`);
  }
  if (said.preRevenue && !Object.hasOwn(answers, 'stage') && answers.pre_revenue !== true) {
    answers.pre_revenue = true;
    notes.push(turn.t('profile.pre_revenue'));
  }
  const known = Array.isArray(answers.traits) ? (answers.traits as string[]) : [];
  const added = (said.traits ?? []).filter((t) => !known.includes(t));
  if (added.length > 0) {
    answers.traits = [...known, ...added];
    notes.push(...added.map((t) => turn.t(`programmes.trait.${t}`)));
  }
  if (said.team_size !== undefined && answers.team_size === undefined) {
    answers.team_size = said.team_size;
    notes.push(turn.t('profile.team_size', { n: said.team_size }));
  }
  return notes;
}

/** The stage question's choices: only those before revenue when the founder said they earn none yet. */
function stageChoicesOf(ctx: FlowContext): readonly Choice[] {
  return ctx.answers.pre_revenue === true ? stageChoices.filter((c) => c.value === 'idea' || c.value === 'prototype') : stageChoices;
}

/**
 * Leaving the offered questions for a request typed at them: the answers are kept (all of them
 * when only the confirmation was left, which threw the whole profile away), and said so.
 */
function leaveForRequest(ctx: FlowContext): void {
  savePartial(ctx);
  const complete = ctx.flow.step === 'confirm';
  ctx.turn.reply({ text: ctx.turn.t(complete ? 'profile.saved_for_request' : 'profile.later') });
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
 * A text that answers no question at the name: a long introduction (past the name's 100
 * characters) gives the name too, and the facts it names; elsewhere the description's facts.
 */
function amendProfile(ctx: FlowContext, text: string): string | undefined {
  if (ctx.flow.step === 'name') {
    const said = introductionIn(ctx.turn, text);
    if (said.name !== undefined) {
      const notes = keepIntroduced(ctx, said);
      ctx.answers.name = said.name;
      keptAsGiven(ctx);
      return ctx.turn.t('flows.described.noted', { taken: [`${ctx.turn.t('profile.label.name')}: ${said.name}`, ...notes].join('; ') });
    }
  }
  const note = joinedNotes(describedFacts(ctx, text), amendTeamFacts(ctx, text));
  if (note) keptAsGiven(ctx);
  return note;
}

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
  // Only an answer typed at its own question: kept ahead from a description at the name, the
  // text was read there already (and "Noted" was said twice, once with a wrong stage).
  if (!stepAnswered(ctx, 'stage') && !stepAnswered(ctx, 'sector')) return;
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
  // Offered after consent, it gives way to a request the founder typed: what was answered is kept, and said so.
  onLeave: leaveForRequest,
  amend: amendProfile,
  steps: [
    { kind: 'ask', id: 'name', prompt: 'profile.ask.name', label: 'profile.label.name', input: { type: 'text', max: 100, name: true }, when: unanswered('name'), onAnswer: thenKept(introducedAtName) },
    { kind: 'ask', id: 'startup', prompt: 'profile.ask.startup', label: 'profile.label.startup', input: { type: 'text', max: 150, name: true }, optional: true, when: unanswered('startup'), onAnswer: thenKept() },
    { kind: 'ask', id: 'stage', prompt: 'profile.ask.stage', label: 'profile.label.stage', choices: stageChoicesOf, when: unanswered('stage'), onAnswer: thenKept(keepTheRestAndTeamFacts) },
    { kind: 'ask', id: 'sector', prompt: 'profile.ask.sector', label: 'profile.label.sector', choices: sectorChoices, when: unanswered('sector'), onAnswer: thenKept(keepTheRestAndTeamFacts) },
    { kind: 'ask', id: 'province', prompt: 'profile.ask.province', label: 'profile.label.province', input: { type: 'province' }, when: unanswered('province'), onAnswer: thenKept(teamFactsOfAnswer) },
    { kind: 'ask', id: 'phone', prompt: 'profile.ask.phone', label: 'profile.label.phone', input: { type: 'phone' }, optional: true, when: unanswered('phone'), onAnswer: thenKept() },
    { kind: 'ask', id: 'email', prompt: 'profile.ask.email', label: 'profile.label.email', input: { type: 'email' }, optional: true, when: unanswered('email'), onAnswer: thenKept() },
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
