/**
 * A founder introducing themselves in one message: "mình là Lan, làm edtech, team 3 ng, chưa có
 * doanh thu" at "Bạn tên là gì?", or a long first message with name, sector, province, team,
 * stage and a question. Such a message was stored whole as the name, or answered "không tìm thấy"
 * with nothing kept. Here it is read into the profile's fields (the name said after "mình là / em
 * là / I'm", the stage, sector, province, team size and traits it names, a "no revenue yet") and
 * the question part, so the profile keeps the facts and the question can be answered alone.
 *
 * @example
 * introductionIn(turn, 'mình là Lan, làm edtech, team 3 ng, chưa có doanh thu')
 * // { name: 'Lan', sector: 'education', team_size: 3, preRevenue: true }
 */
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { mentionedChoice } from '../engine/index.js';
import { findProvinceIn, nameIn, notAName } from '../parse/index.js';
import { profileValue, sectorChoices, stageChoices } from './profile.js';
import { teamFactsSaid } from './team-traits.js';

/** What an introduction says, only what it names. */
export interface Introduction {
  name?: string;
  stage?: string;
  sector?: string;
  province?: string;
  team_size?: number;
  traits?: string[];
  /** "chưa có doanh thu", "pre-revenue", "no revenue yet": not earning, stage not said. */
  preRevenue?: boolean;
  /** The sentences that ask something ("cho em hỏi … chi phí thế nào ạ?"), joined. */
  question?: string;
}

/** Most words of a name ("Nguyễn Thị Minh Anh"). */
const NAME_MAX_WORDS = 5;
/** Longest text read (a first message; a story longer than this is not read for facts). */
const MAX_WORDS = 120;

/**
 * What a founder says they are rather than their name ("mình là sinh viên", "I'm a founder"),
 * folded: after "mình là" they are no name.
 */
const NOT_A_NAME = /(?:^| )(?:sinh vien|hoc sinh|founder|co founder|ceo|cto|nguoi|chu|thanh vien|nhan vien|giam doc|truong nhom|student|a|an|the|from|startup|nhom|team|ben|doanh nghiep|cong ty|du an)(?: |$)/;

/**
 * Not earning yet, said in so many words (folded, casual spellings expanded): "chưa có doanh
 * thu", "không có doanh thu", "chưa bán được", "pre-revenue", "no revenue yet", "not yet
 * generating revenue", "zero revenue".
 */
const PRE_REVENUE = /(?:^| )(?:(?:chua|khong|chang|no|not yet|zero|without|pre)(?: \S+){0,2} (?:doanh thu|revenue|ban duoc|co khach)|prerevenue)(?: |$)/;

/** Words that qualify a sector rather than name one ("nông nghiệp công nghệ cao" is agriculture). */
const QUALIFIERS = /(?:^| )(?:cong nghe cao|ung dung cong nghe|hi tech|high tech|hitech)(?= |$)/g;

/** A "-tech" sector written in two words ("agri-tech", "ed tech"), folded: one word, as its alias. */
const COMPOUND_TECH = /\b(agri|ed|health|fin|med|clean|green)\s+tech\b/g;

/** An asking sentence's start (folded): "cho em hỏi", "mình muốn hỏi", "xin hỏi", "I'd like to ask", "can I ask". */
const ASKING_START = /^(?:(?:a|da|vay|the|con|va|and|also|btw) )*(?:(?:cho|cho phep) (?:em|minh|toi|tui|mk|mik|anh|chi) hoi|(?:em|minh|toi|tui|mk|mik|anh|chi) (?:muon |can )?hoi|xin hoi|hoi chut|i d like to ask|can i ask|may i ask|i wonder|i was wondering)(?: |$)/;

/**
 * The name a clause introduces ("em là Phạm Văn Đức", "mình tên Lan", "I'm Minh"): short, with a
 * letter and no digit, and not what the founder is ("sinh viên"); undefined otherwise.
 */
function introducedName(clause: string): string | undefined {
  const trimmed = clause.trim();
  const name = nameIn(trimmed);
  // Introduced: words before the name were read as "mình là / tên / I'm" (not only particles after it).
  if (name.length === 0 || trimmed.startsWith(name) || notAName(trimmed)) return undefined;
  const words = name.split(/\s+/);
  if (words.length > NAME_MAX_WORDS || !/\p{L}/u.test(name) || /\d/.test(name)) return undefined;
  if (NOT_A_NAME.test(foldWords(name))) return undefined;
  return name;
}

/** The clauses of a text (split at , ; . ! ? and new lines), trimmed. */
function clauses(text: string): string[] {
  return text.split(/[,;.!?\n]+/u).map((c) => c.trim()).filter(Boolean);
}

/** The sentences that ask (a question mark, or "cho em hỏi …"), in order. */
function questionPart(text: string): string | undefined {
  const sentences = text.match(/[^.!?\n]+[.!?]*/gu) ?? [];
  const asked = sentences.map((s) => s.trim()).filter((s) => s.endsWith('?') || ASKING_START.test(foldWords(s)));
  return asked.length > 0 ? asked.join(' ') : undefined;
}

/**
 * The profile facts `text` names (see the module comment); `question` only for a text that says
 * something else too. Empty when it names none.
 */
export function introductionIn(turn: Turn, typed: string): Introduction {
  let text = typed;
  const folded = foldWords(normalizeForMatching(text)).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!folded || folded.split(' ').length > MAX_WORDS) return {};
  const found: Introduction = {};
  const name = clauses(text).map(introducedName).find((n) => n !== undefined);
  if (name) found.name = name;
  // The facts are read beside the name, not in it ("em là Nguyễn Thái Bình" names no province).
  if (name) text = text.replace(name, ' ');
  const options = { labels: false, maxWords: MAX_WORDS };
  const stage = mentionedChoice(stageChoices, text, { turn }, options)?.value;
  if (stage) found.stage = stage;
  if (PRE_REVENUE.test(folded) && stage !== 'revenue' && stage !== 'fundraising') found.preRevenue = true;
  const sector = mentionedChoice(sectorChoices, text, { turn }, options)?.value
    ?? mentionedChoice(sectorChoices, folded.replace(QUALIFIERS, ' ').replace(COMPOUND_TECH, '$1tech'), { turn }, options)?.value;
  if (sector) found.sector = sector;
  const province = findProvinceIn(text)?.id;
  if (province) found.province = province;
  Object.assign(found, teamFactsSaid(turn, text));
  const question = questionPart(typed);
  if (question && foldWords(question) !== foldWords(typed)) found.question = question;
  return found;
}

/** How many profile facts an introduction holds (its question aside). */
export function factCount(found: Introduction): number {
  return (['name', 'stage', 'sector', 'province', 'team_size', 'traits', 'preRevenue'] as const).filter((k) => found[k] !== undefined).length;
}

/**
 * A request typed before consent that introduces the founder (name, sector, province, team,
 * stage, and a question), handled once they agree: the profile facts are saved at once (and
 * said back), and only its question is left to answer, since the whole story found nothing in
 * the documents. Returns the text to handle as the request: the question part, else the whole.
 * A text that introduces nobody (fewer than two facts, or no name and fewer than three) is left
 * as it is.
 *
 * @example
 * const request = keepIntroduction(turn, state.request); // saves name, sector, …; returns the question
 */
export function keepIntroduction(turn: Turn, text: string): string {
  const said = introductionIn(turn, text);
  const count = factCount(said);
  if (count < 2 || (said.name === undefined && count < 3) || !turn.contact) return text;
  const profile: Record<string, unknown> = {};
  for (const key of ['stage', 'sector', 'province', 'team_size', 'traits'] as const) if (said[key] !== undefined) profile[key] = said[key];
  turn.effect('fx_contact_profile', { ...(said.name !== undefined ? { name: said.name } : {}), profile });
  Object.assign(turn.contact.profile, profile);
  if (said.name !== undefined) turn.contact.displayName = said.name;
  const notes = [
    ...(said.name !== undefined ? [`${turn.t('profile.label.name')}: ${said.name}`] : []),
    ...(['stage', 'sector', 'province'] as const).filter((k) => said[k] !== undefined).map((k) => `${turn.t(`profile.label.${k}`)}: ${profileValue(turn, k, said[k])}`),
    ...(said.preRevenue && said.stage === undefined ? [turn.t('profile.pre_revenue')] : []),
    ...(said.team_size !== undefined ? [turn.t('profile.team_size', { n: said.team_size })] : []),
    ...(said.traits ?? []).map((t) => turn.t(`programmes.trait.${t}`)),
  ];
  turn.reply({ text: turn.t('profile.introduction_kept', { taken: notes.join('; ') }) });
  return said.question ?? text;
}
