/**
 * How programmes look in chat: the finder's ranked list with the criteria that match and those
 * that do not, a programme's details citing its source document, and a founder's applications.
 *
 * @example
 * turn.reply(resultsMessage(turn, rankProgrammes(allProgrammes(), facts, today)));
 */
import { MENU_PAYLOADS } from '../menu.js';
import { programmePayloads } from './payloads.js';
import type { Outbound } from '../../bot/outbound.js';
import type { Turn } from '../../bot/turn.js';
import { formatDate } from '../parse/date.js';
import { formatInstant } from '../../clock/time-zone.js';
import { provinceById } from '../parse/province.js';
import type { CriterionResult, FounderFacts, ProgrammeMatch } from './match.js';
import { pick, type Programme } from './schema.js';

/** The payloads without an argument (`programmePayloads` builds the others). */
export const PROGRAMME_PAYLOAD = {
  list: programmePayloads.encode('list'),
  mine: programmePayloads.encode('mine'),
  refine: programmePayloads.encode('refine'),
} as const;

/** Shown at most in one finder answer. */
export const MAX_RESULTS = 6;

function placeName(turn: Turn, id: string): string {
  return provinceById(id)?.name ?? turn.t(`programmes.region.${id}`);
}

/** What a criterion asks, in words (stages, sectors, places or traits, comma-separated). @example wantedList(turn, { criterion: 'stage', ok: false, wanted: ['idea'] }) // 'Ý tưởng' */
export function wantedList(turn: Turn, result: CriterionResult): string {
  const names = result.wanted.map((w) => {
    switch (result.criterion) {
      case 'stage':
        return turn.t(`profile.stage.${w}`);
      case 'sector':
        return turn.t(`profile.sector.${w}`);
      case 'place':
        return placeName(turn, w);
      default:
        return turn.t(`programmes.trait.${w}`);
    }
  });
  return names.join(', ');
}

/**
 * One line per criterion: ✅ what matches, ❌ what does not (and what the programme asks).
 *
 * @example
 * criterionLine(turn, { criterion: 'place', ok: false, wanted: ['mekong'] }) // '❌ Ngoài địa bàn: chỉ dành cho Đồng bằng sông Cửu Long'
 */
export function criterionLine(turn: Turn, result: CriterionResult): string {
  const key = `programmes.crit.${result.criterion}_${result.ok ? 'ok' : 'no'}`;
  return `${result.ok ? '✅' : '❌'} ${turn.t(key, { wanted: wantedList(turn, result) })}`;
}

/**
 * The finder's answer: programmes best first, with why they match or not.
 *
 * @example
 * turn.reply(resultsMessage(turn, ranked));
 */
export function resultsMessage(turn: Turn, matches: readonly ProgrammeMatch[]): Outbound {
  if (matches.length === 0) {
    return { text: turn.t('programmes.none'), buttons: [{ label: turn.t('menu.staff'), payload: MENU_PAYLOADS.staff }] };
  }
  const shown = matches.slice(0, MAX_RESULTS);
  const blocks = shown.map((m, i) => {
    const lines = [`${i + 1}. ${pick(m.programme.name, turn.locale)}${m.mismatches === 0 ? ' ⭐' : ''}`];
    for (const r of m.results) lines.push(`   ${criterionLine(turn, r)}`);
    if (m.results.length === 0) lines.push(`   ✅ ${turn.t('programmes.crit.open_to_all')}`);
    if (m.nextDeadline) lines.push(`   ⏰ ${turn.t('programmes.deadline', { date: formatDate(m.nextDeadline) })}`);
    return lines.join('\n');
  });
  const good = matches.filter((m) => m.mismatches === 0).length;
  return {
    text: `${turn.t('programmes.results', { count: good })}\n\n${blocks.join('\n\n')}\n\n${turn.t('programmes.pick')}`,
    buttons: [
      ...shown.map((m, i) => ({ label: `${i + 1}. ${pick(m.programme.name, turn.locale)}`, payload: programmePayloads.encode('view', m.programme.id) })),
      { label: turn.t('programmes.refine'), payload: PROGRAMME_PAYLOAD.refine },
      { label: turn.t('programmes.mine'), payload: PROGRAMME_PAYLOAD.mine },
    ],
  };
}

/**
 * A programme's details, citing its source document, with Apply and Back buttons.
 *
 * @example
 * turn.reply(detailsMessage(turn, programme('ipp2-asean-network')!));
 */
/** Whether the founder told what this criterion checks (else its line says what is asked, no ✅/❌). */
function told(facts: FounderFacts, result: CriterionResult): boolean {
  switch (result.criterion) {
    case 'stage':
      return Boolean(facts.stage);
    case 'sector':
      return Boolean(facts.sector);
    case 'place':
      return Boolean(facts.province);
    default:
      return facts.traits !== undefined;
  }
}

/**
 * A programme's conditions, one line each: ✅ / ❌ where the founder's facts tell, else what the
 * programme asks ("• Giai đoạn: Ý tưởng, …"): a founder who told nothing is not told "❌ does not
 * fit". Preferred traits the founder lacks are said too (they are not required), then the other
 * conditions of the file.
 *
 * @example
 * criteriaLines(turn, programme, matchProgramme(programme, {}, today), {}) // ['• Giai đoạn: 💡 Ý tưởng, …', …]
 */
export function criteriaLines(turn: Turn, programme: Programme, match: ProgrammeMatch | undefined, facts: FounderFacts): string[] {
  const results = match?.results ?? [];
  const lines = results.map((r) => (told(facts, r) ? criterionLine(turn, r) : `• ${turn.t(`programmes.elig.${r.criterion}`, { wanted: wantedList(turn, r) })}`));
  const preferred = (programme.eligibility.preferred_traits ?? []).filter((t) => !results.some((r) => r.criterion === 'preferred' && r.wanted.includes(t)));
  if (preferred.length > 0) lines.push(`• ${turn.t('programmes.elig.preferred', { wanted: wantedList(turn, { criterion: 'preferred', ok: false, wanted: preferred }) })}`);
  for (const other of programme.eligibility.other ?? []) lines.push(`• ${pick(other, turn.locale)}`);
  return lines;
}

export function detailsMessage(turn: Turn, programme: Programme, match?: ProgrammeMatch, facts?: FounderFacts): Outbound {
  const l = turn.locale;
  const lines = [
    `🎯 ${pick(programme.name, l)}`,
    `${turn.t('programmes.organiser')}: ${pick(programme.organiser, l)}`,
    '',
    pick(programme.summary, l),
    '',
    turn.t('programmes.benefits'),
    ...programme.benefits.map((b) => `• ${pick(b, l)}`),
  ];
  const criteria = facts
    ? criteriaLines(turn, programme, match, facts)
    : [...(match?.results.map((r) => criterionLine(turn, r)) ?? []), ...(programme.eligibility.other ?? []).map((o) => `• ${pick(o, l)}`)];
  if (criteria.length > 0) lines.push('', turn.t('programmes.eligibility'), ...criteria);
  const deadlines = programme.deadlines ?? [];
  if (deadlines.length > 0) lines.push('', ...deadlines.map((d) => `⏰ ${pick(d.label, l)}: ${formatDate(d.date)}`));
  else if (programme.rolling) lines.push('', `⏰ ${turn.t('programmes.rolling')}`);
  lines.push('', `📄 ${turn.t('programmes.source', { source: programme.sourceTitle })}`);
  return {
    text: lines.join('\n'),
    buttons: [
      { label: turn.t('programmes.apply'), payload: programmePayloads.encode('apply', programme.id) },
      { label: turn.t('programmes.back'), payload: PROGRAMME_PAYLOAD.list },
    ],
  };
}

export interface ApplicationRow {
  id: number;
  programme_id: string;
  status: string;
  status_note: string | null;
  created_at: string;
}

/**
 * The founder's applications with their status.
 *
 * @example
 * turn.reply(applicationsMessage(turn, rows, (id) => id));
 */
export function applicationsMessage(turn: Turn, rows: readonly ApplicationRow[], nameOf: (id: string) => string): Outbound {
  if (rows.length === 0) {
    return { text: turn.t('programmes.mine_none'), buttons: [{ label: turn.t('menu.programmes'), payload: MENU_PAYLOADS.programmes }] };
  }
  const lines = rows.map((r) => {
    const note = r.status_note ? ` — ${r.status_note}` : '';
    return `• #${r.id} ${nameOf(r.programme_id)}: ${turn.t(`programmes.status.${r.status}`)} (${formatDate(formatInstant(r.created_at, 'date'))})${note}`;
  });
  return { text: `${turn.t('programmes.mine_header')}\n${lines.join('\n')}`, buttons: [{ label: turn.t('menu.programmes'), payload: MENU_PAYLOADS.programmes }] };
}
