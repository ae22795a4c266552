/**
 * The founder's own data: `/me` shows what is stored (the contact plus every area's
 * `about_*`), `/forget` erases it after a confirmation (Decree 13/2023/ND-CP: every area's
 * `forget_*`, the message log, inbox and outbox texts), `/lang vi|en` picks the language and
 * `/profile` fills in the profile again.
 *
 * @example
 * if (await handleAccountCommand(turn)) return; // handled /me, /forget, /lang, /profile or a forget button
 */
import { changeLanguage } from '../language.js';
import { z } from 'zod';
import { mainMenu } from '../menu.js';
import { DEFAULT_RETENTION } from '../../bot/housekeeping.js';
import { formatInstant } from '../../clock/time-zone.js';
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import { activeFlow } from '../engine/index.js';
import { contactEditSchema, handleContactEdit } from './contact-edit.js';
import { type ShownButton } from '../engine/typed.js';
import { forgetAnswer } from './forget-answer.js';
import { accountPayloads } from './payloads.js';
import { activityDetails } from './about-lines.js';
import { editProfile, profileValue } from './profile.js';

/** The account commands' slice of the conversation state: /forget asked, or a new phone or e-mail to confirm. */
export const accountStateSchema = z.object({ forgetAsked: z.boolean().optional(), edit: contactEditSchema.optional() });

export const FORGET_CONFIRM = accountPayloads.encode('forget_yes');
export const FORGET_KEEP = accountPayloads.encode('forget_no');

interface About {
  name: string | null;
  phone: string | null;
  email: string | null;
  profile: Record<string, unknown>;
  consented_at: string | null;
  consent_version: string | null;
  areas: Record<string, unknown>;
}

/**
 * The language a text asks for ("/lang en", "tiếng Việt", "English"), if it is such a request.
 *
 * @example
 * languageRequest('/lang en') // 'en'
 */
export function languageRequest(text: string): 'vi' | 'en' | undefined {
  const command = /^\/lang(?:uage)?\s+(vi|en)\b/i.exec(text.trim());
  if (command) return command[1]!.toLowerCase() as 'vi' | 'en';
  const folded = foldWords(text);
  if (['tieng viet', 'vietnamese', 'doi sang tieng viet'].includes(folded)) return 'vi';
  if (['english', 'tieng anh', 'in english', 'doi sang tieng anh'].includes(folded)) return 'en';
  return undefined;
}

function command(turn: Turn): string | undefined {
  if (turn.event.kind !== 'text') return undefined;
  return /^\/(me|forget|profile|lang)\b/i.exec(turn.event.text.trim())?.[1]?.toLowerCase();
}

/**
 * Handles the account commands of a consented founder; false when the turn is not one.
 *
 * @example
 * if (await handleAccountCommand(turn)) return;
 */
export async function handleAccountCommand(turn: Turn): Promise<boolean> {
  const { event } = turn;
  if (event.kind === 'text') {
    const locale = languageRequest(event.text);
    if (locale) {
      changeLanguage(turn, locale);
      turn.reply(mainMenu(turn.t, turn.t('onboarding.lang_changed')));
      return true;
    }
  }
  // "đổi số điện thoại thành 0987 654 321": a profile edit (never a booking to move), or its yes / no.
  if (!activeFlow(turn) && (await handleContactEdit(turn))) return true;
  // The confirmation may also be typed ("có", "xóa", "không") right after the question.
  const asked = Boolean((turn.state.account as z.infer<typeof accountStateSchema> | undefined)?.forgetAsked);
  delete turn.state.account;
  let answer = event.kind === 'button' ? event.payload : undefined;
  if (asked && event.kind === 'text') {
    const typed = forgetAnswer(event.text);
    if (typed === 'question') {
      // "will my booking be cancelled too?": answered, and the question stays open (nothing erased).
      turn.state.account = { forgetAsked: true };
      turn.reply({ text: turn.t('onboarding.forget.explain'), buttons: forgetButtons(turn) });
      return true;
    }
    if (typed) answer = typed === 'erase' ? FORGET_CONFIRM : FORGET_KEEP;
  }
  if (answer === FORGET_CONFIRM || answer === FORGET_KEEP) {
    if (answer === FORGET_CONFIRM) forget(turn);
    else turn.reply(mainMenu(turn.t, turn.t('onboarding.forget.kept')));
    return true;
  }
  switch (command(turn)) {
    case 'me':
      await showMe(turn);
      return true;
    case 'forget':
      askForget(turn);
      return true;
    case 'profile':
      await editProfile(turn);
      return true;
    case 'lang':
      turn.reply({ text: turn.t('onboarding.lang_usage') });
      return true;
    default:
      return false;
  }
}

/**
 * Asks to confirm erasing everything (`/forget`, "xóa hết dữ liệu của tôi").
 *
 * @example
 * askForget(turn);
 */
export function askForget(turn: Turn): void {
  turn.state.account = { forgetAsked: true };
  turn.reply({ text: turn.t('onboarding.forget.confirm'), buttons: forgetButtons(turn) });
}

function forgetButtons(turn: Turn): ShownButton[] {
  return [
    { label: turn.t('onboarding.forget.yes'), payload: FORGET_CONFIRM },
    { label: turn.t('onboarding.forget.no'), payload: FORGET_KEEP },
  ];
}

/** Erases everything: the effect runs in this turn's commit; the state is emptied here too. */
function forget(turn: Turn): void {
  turn.effect('fx_contact_forget');
  turn.logInbound = false;
  for (const key of Object.keys(turn.state)) if (key !== 'locale' && key !== 'language') delete turn.state[key];
  turn.reply({ text: turn.t('onboarding.forget.done') });
}

/** What is stored about the founder (`/me`, "bạn lưu gì về tôi"). @example await showMe(turn) */
export async function showMe(turn: Turn): Promise<void> {
  const contactId = turn.contact?.id;
  if (!contactId) {
    turn.reply({ text: turn.t('onboarding.me.nothing') });
    return;
  }
  const about = await turn.services.store.call<About>('contact_about', { contact_id: contactId });
  const p = about.profile ?? {};
  const lines = [
    turn.t('onboarding.me.header'),
    `• ${turn.t('profile.label.name')}: ${profileValue(turn, 'name', about.name)}`,
    `• ${turn.t('profile.label.startup')}: ${profileValue(turn, 'startup', p.startup)}`,
    `• ${turn.t('profile.label.stage')}: ${profileValue(turn, 'stage', p.stage)}`,
    `• ${turn.t('profile.label.sector')}: ${profileValue(turn, 'sector', p.sector)}`,
    `• ${turn.t('profile.label.province')}: ${profileValue(turn, 'province', p.province)}`,
    `• ${turn.t('profile.label.phone')}: ${profileValue(turn, 'phone', about.phone)}`,
    `• ${turn.t('profile.label.email')}: ${profileValue(turn, 'email', about.email)}`,
    `• ${turn.t('onboarding.me.consent')}: ${about.consented_at ? dayMonthYear(about.consented_at) : turn.t('onboarding.me.none')}`,
  ];
  const { messages, ...others } = about.areas ?? {};
  const stored = (messages as { count?: unknown } | undefined)?.count;
  // The notice says messages are kept: how many, and for how long.
  if (typeof stored === 'number') lines.push(`• ${turn.t('onboarding.me.messages', { n: stored, days: DEFAULT_RETENTION.messagesDays })}`);
  const details = await activityDetails(turn, others);
  const areas = inReadingOrder(Object.entries(others)).flatMap(([area, value]) => describeArea(turn, area, value, details));
  if (areas.length > 0) lines.push('', turn.t('onboarding.me.areas'), ...areas);
  lines.push('', turn.t('onboarding.me.footer'));
  turn.reply({ text: lines.join('\n') });
}

/** A day as founders read it, dd/mm/yyyy in the centre's time zone ("07/12/2026"). */
function dayMonthYear(instant: string): string {
  const [year, month, day] = formatInstant(instant, 'date').split('-');
  return `${day}/${month}/${year}`;
}

/**
 * One line per top-level entry of an area's `about_*` answer: counts for lists, values otherwise,
 * named by the text `onboarding.me.area.<area>.<entry>` ("Hồ sơ đăng ký chương trình"), followed
 * by the entry's detail lines when there are some (each booking, application, survey response).
 * An area added without its texts still shows, under its database names, rather than hiding data.
 */
function describeArea(turn: Turn, area: string, value: unknown, details: Record<string, string[]>): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [`• ${areaLabel(turn, area)}: ${JSON.stringify(value)}`];
  return inReadingOrder(Object.entries(value as Record<string, unknown>)).flatMap(([key, v]) => {
    const shown = Array.isArray(v) ? v.length : v !== null && typeof v === 'object' ? Object.keys(v).length : v;
    return [`• ${areaLabel(turn, area, key)}: ${String(shown)}`, ...(details[`${area}.${key}`] ?? [])];
  });
}

/**
 * Areas and entries in the order a founder reads them (bookings, then what they sent; upcoming
 * before past), the others after in the database's order (jsonb sorts keys by length).
 */
const READING_ORDER = ['bookings', 'upcoming', 'past', 'flows', 'applications', 'survey_responses'];

function inReadingOrder<T>(entries: [string, T][]): [string, T][] {
  const rank = (key: string) => {
    const i = READING_ORDER.indexOf(key);
    return i < 0 ? READING_ORDER.length : i;
  };
  return [...entries].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function areaLabel(turn: Turn, area: string, entry?: string): string {
  const key = entry === undefined ? `onboarding.me.area.${area}` : `onboarding.me.area.${area}.${entry}`;
  if (turn.services.messages.has(key)) return turn.t(key);
  return entry === undefined ? area : `${area} / ${entry.replace(/_/g, ' ')}`;
}
