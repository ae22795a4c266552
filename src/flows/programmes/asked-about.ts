/**
 * Questions about one programme of the finder's list or named by its name, answered from the
 * programme's own file rather than searched in the documents:
 * - "sao cái số 2 lại hợp vs mik", "tại sao MII hợp với tui", "why does the first one suit us":
 *   its conditions, each checked against what the founder told (✅ / ❌), which is the why;
 * - "còn cái IPP2 thì sao, hạn nộp khi nào", "when is the deadline for number 3": its deadlines,
 *   or that it is open all year;
 * - "how do I apply for the first one", "cái Mekong đăng ký sao": its application.
 * Searched, these were refused (the list's "số 2" is no word of any document, and "open all
 * year" is in the programme file only) or answered with another programme's deadline.
 *
 * @example
 * listedEntryIn(turn, 'sao cai so 2 lai hop vs mik') // the second programme of the list on screen
 * asksWhyFit('tai sao MII hop voi tui')              // true
 */
import type { Outbound } from '../../bot/outbound.js';
import { lastButtons } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { labelKey } from '../engine/index.js';
import { formatDate } from '../parse/date.js';
import { today } from './flows.js';
import { programmePayloads } from './payloads.js';
import { pick, type Programme } from './schema.js';
import { rememberedList, rememberProgramme } from './in-context.js';

/**
 * The programmes of the finder's list on screen (its `view` buttons), in the list's order; when
 * another message came after it (the first one's fit card), the list last shown.
 */
function listedOnScreen(turn: Turn): string[] {
  const shown = lastButtons(turn)
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'view' && p.args[0] ? [p.args[0]] : []));
  return shown.length > 1 ? shown : rememberedList(turn);
}

const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  'dau tien': 1, 'thu nhat': 1, first: 1, '1st': 1, 'thu hai': 2, 'thu nhi': 2, second: 2, '2nd': 2, 'thu ba': 3, third: 3, '3rd': 3,
  'thu tu': 4, fourth: 4, '4th': 4, 'thu nam': 5, fifth: 5, '5th': 5, 'thu sau': 6, sixth: 6, '6th': 6,
};
/** A word naming the entry before its place: "cái số 2", "ct thứ hai", "chương trình 3", "number 2", "#2". */
const ENTRY = String.raw`(?:cai|ct|chuong trinh|khoa|muc|lua chon|so|option|number|no|programme|program|item|the)`;
/** "cái số 2", "ct 3", "số 2", "number 2", "#2", "cái thứ 2" (not "thứ 2" alone: a weekday). */
const NUMBERED_IN = new RegExp(String.raw`(?:^| )${ENTRY} (?:so |thu )?(\d)(?: |$)`);
/** "cái đầu tiên", "ct thứ hai", "the first one", "the second programme", "cái cuối". */
const ORDINAL_IN = new RegExp(String.raw`(?:^| )${ENTRY} (dau tien|thu nhat|thu hai|thu nhi|thu ba|thu tu|thu nam|thu sau|first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|cuoi cung|cuoi|last)(?: |$)`);

/**
 * The programme of the list on screen that a text points at by its place in it ("sao cái số 2
 * lại hợp", "how do I apply for the first one", "ct thứ hai hạn khi nào"), or undefined (no list
 * on screen, no such words, or a place past the list's end).
 *
 * @example
 * listedEntryIn(turn, 'how do I apply for the first one') // 'provincial-incubator' when it was listed first
 */
export function listedEntryIn(turn: Turn, text: string): string | undefined {
  const listed = listedOnScreen(turn);
  if (listed.length === 0) return undefined;
  const words = ` ${labelKey(normalizeForMatching(text)).replace(/#\s*/g, 'no ')} `;
  const numbered = NUMBERED_IN.exec(words)?.[1];
  if (numbered) return listed[Number(numbered) - 1];
  const ordinal = ORDINAL_IN.exec(words)?.[1];
  if (!ordinal) return undefined;
  if (ordinal === 'cuoi' || ordinal === 'cuoi cung' || ordinal === 'last') return listed[listed.length - 1];
  return listed[(ORDINAL_WORDS[ordinal] ?? 0) - 1];
}

/**
 * Whether a text points at an entry of a list by its place ("cái đầu tiên", "the first one",
 * "chương trình số 1"), whether or not a list was shown.
 *
 * @example
 * pointsIntoList('cái đầu tiên là j z') // true
 */
export function pointsIntoList(text: string): boolean {
  const words = ` ${labelKey(normalizeForMatching(text)).replace(/#\s*/g, 'no ')} `;
  return NUMBERED_IN.test(words) || ORDINAL_IN.test(words);
}

/** Folded words asking why something fits the founder ("sao … hợp", "vì sao phù hợp", "why … fit / suit"). */
const WHY_FIT = new RegExp(
  [
    String.raw`(?:^| )(?:sao|tai sao|vi sao|why|how come)(?: .*)? (?:hop|phu hop|fit|fits|suit|suits|suitable|match|matches|right for)(?: |$)`,
    String.raw`(?:^| )(?:hop|phu hop) (?:voi|vs|vois) (?:minh|mik|mk|em|e|toi|tui|chung toi|team|nhom|ben|cong ty)(?: .*)? (?:the nao|o dau|cho nao|sao|khong|ko|k|hong|hok|ha|a)(?: |$)`,
    String.raw`(?:^| )(?:does|do|is|would) (?:it|this|that|they|the .+?) (?:fit|suit|match)(?: |$)`,
  ].join('|'),
);

/**
 * Whether a text asks why (or whether) a programme fits the founder.
 *
 * @example
 * asksWhyFit('sao cái số 2 lại hợp vs mik') // true
 * asksWhyFit('đăng ký cái số 2')            // false
 */
export function asksWhyFit(text: string): boolean {
  return WHY_FIT.test(` ${labelKey(normalizeForMatching(text))} `);
}

/** Folded words asking when applications close ("hạn nộp", "hạn chót", "còn hạn", "khi nào hết hạn", "deadline", "when … close"). */
const DEADLINE = /(?:^| )(?:han(?: chot| nop| dang ky| dang ki| cuoi)?|con han|het han|deadline|due date|closing date|when (?:does|do|is|are) .*(?:close|closes|due|end|ends)|(?:nop|dang ky|dang ki|apply) (?:den|toi|truoc) (?:khi nao|bao gio|ngay nao)|(?:khi nao|bao gio|may gio) (?:het han|dong|ket thuc nhan))(?: |$)/;
/** Words asking an amount, a fee, a place or a document: those are for the documents, not the deadline line. */
const OTHER_FACT = /(?:^| )(?:bao nhieu|phi|mat phi|chi phi|mat tien|ton tien|o dau|dia chi|giay to|ho so gom|how much|fee|fees|cost|costs|charge|pay|where)(?: |$)/;

/**
 * Whether a text also asks an amount, a fee, a place or the papers ("đăng ký sao, có mất phí
 * không"): the documents answer that part, so the programme file alone must not.
 *
 * @example
 * asksAnotherFact('dang ky rang co mat chi phi chi khong') // true
 */
export function asksAnotherFact(text: string): boolean {
  return OTHER_FACT.test(` ${labelKey(normalizeForMatching(text))} `);
}

/**
 * Whether a text asks for a programme's deadline (and nothing else the programme file cannot answer).
 *
 * @example
 * asksDeadline('còn cái IPP2 thì sao, hạn nộp khi nào') // true
 * asksDeadline('hạn nộp và phí bao nhiêu')              // false
 */
export function asksDeadline(text: string): boolean {
  const words = ` ${labelKey(normalizeForMatching(text))} `;
  return DEADLINE.test(words) && !OTHER_FACT.test(words);
}

/**
 * A programme's deadlines from its file: the upcoming ones, "open all year", or "closed for
 * this round", with its Apply (while open) and Details buttons and its source.
 *
 * @example
 * turn.reply(deadlineMessage(turn, programme(turn.services, 'ipp2-asean-network')!));
 */
export function deadlineMessage(turn: Turn, found: Programme): Outbound {
  rememberProgramme(turn, found.id);
  const l = turn.locale;
  const now = today(turn);
  const upcoming = (found.deadlines ?? []).filter((d) => d.date >= now);
  const lines = [turn.t('programmes.deadline_of', { programme: pick(found.name, l) })];
  if (upcoming.length > 0) lines.push(...upcoming.map((d) => `⏰ ${pick(d.label, l)}: ${formatDate(d.date)}`));
  else if (found.rolling) lines.push(`⏰ ${turn.t('programmes.rolling')}`);
  else lines.push(`⏰ ${turn.t('programmes.elig.closed')}`);
  lines.push('', `📄 ${turn.t('programmes.source', { source: found.sourceTitle })}`);
  const open = upcoming.length > 0 || found.rolling;
  const buttons = [{ label: turn.t('programmes.details'), payload: programmePayloads.encode('view', found.id) }];
  if (open) buttons.unshift({ label: turn.t('programmes.apply'), payload: programmePayloads.encode('apply', found.id) });
  return { text: lines.join('\n'), buttons };
}
