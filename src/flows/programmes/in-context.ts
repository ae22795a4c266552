/**
 * The programme a conversation is about. After "why does the first one fit?" showed IPP2's fit
 * card and the founder then asked "when is the deadline for it" / "hạn nộp của nó khi nào" /
 * "đăng ký cái đó", the bot searched the documents with no programme named and quoted another
 * programme's deadline (or showed the whole list again). The programme in context is, in order:
 * the one whose card is on screen (its one Apply button), else the one the bot last answered
 * about (details, conditions, fit, deadline, benefits, an application started) within
 * `ABOUT_MS`. The list the finder last showed is kept too, so "cái số 2" still points into it
 * after another message came between.
 *
 * @example
 * rememberProgramme(turn, 'ipp2-asean-network');
 * programmeInContext(turn) // 'ipp2-asean-network' for the next few minutes
 */
import { lastButtons } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { labelKey } from '../engine/index.js';
import { programmePayloads } from './payloads.js';

/** How long a programme stays the one "it" / "nó" means. */
export const ABOUT_MS = 15 * 60_000;

interface AboutState {
  about?: { id: string; at: string };
  listed?: string[];
}

function slice(turn: Turn): AboutState & Record<string, unknown> {
  const current = turn.state.programmes;
  return current && typeof current === 'object' ? (current as AboutState & Record<string, unknown>) : {};
}

/** Notes that the bot has just answered about one programme. */
export function rememberProgramme(turn: Turn, id: string): void {
  turn.state.programmes = { ...slice(turn), about: { id, at: turn.services.clock().toISOString() } };
}

/** Notes the programmes of the list just shown, in its order. */
export function rememberList(turn: Turn, ids: readonly string[]): void {
  turn.state.programmes = { ...slice(turn), listed: [...ids] };
}

/** The programme whose card the bot's last message showed (its one Apply button), or undefined. */
export function programmeOnScreen(turn: Turn): string | undefined {
  const ids = lastButtons(turn)
    .map((b) => programmePayloads.decode(b.payload))
    .flatMap((p) => (p?.action === 'apply' && p.args[0] ? [p.args[0]] : []));
  return ids.length === 1 ? ids[0] : undefined;
}

/** The programme the conversation is about now (see the module comment), or undefined. */
export function programmeInContext(turn: Turn): string | undefined {
  const shown = programmeOnScreen(turn);
  if (shown) return shown;
  const about = slice(turn).about;
  if (!about) return undefined;
  return turn.services.clock().getTime() - Date.parse(about.at) <= ABOUT_MS ? about.id : undefined;
}

/** The list the finder last showed in this conversation (ids in order), or empty. */
export function rememberedList(turn: Turn): string[] {
  return slice(turn).listed ?? [];
}

/**
 * Words pointing at a programme without naming it, folded: "nó", "cái đó", "chương trình này",
 * "ct đó", "it", "this programme", "that one".
 */
const POINTS_AT = /(?:^| )(?:no|(?:chuong trinh|ct|khoa|cai|ben|vu) (?:nay|do|kia|ay|ni|nay a)|it|its|this (?:programme|program|one|network|initiative)|that (?:programme|program|one|network|initiative)|them)(?: |$)/;

/**
 * Whether a text points at a programme without naming it ("hạn nộp của nó khi nào", "đăng ký
 * cái đó", "when is the deadline for it").
 *
 * @example
 * pointsAtProgramme('hạn nộp của nó khi nào') // true
 */
export function pointsAtProgramme(text: string): boolean {
  return POINTS_AT.test(` ${labelKey(normalizeForMatching(text))} `) || POINTS_AT.test(` ${labelKey(text)} `);
}
