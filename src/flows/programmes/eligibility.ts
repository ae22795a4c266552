/**
 * Questions about who may join a programme ("ai được đăng ký chương trình ươm tạo của tỉnh?",
 * "dieu kien tham gia ct uom tao la gi", "who can apply to the provincial incubation
 * programme?"). They ask before applying: the answer is the programme's eligibility from its
 * content file, each criterion checked against what the founder told when it is known, with the
 * Apply button one press away. Starting the application would answer a question nobody asked.
 *
 * @example
 * if (asksEligibility(u.normalized)) answerEligibility(turn, ['provincial-incubator']);
 */
import type { Outbound } from '../../bot/outbound.js';
import type { Turn } from '../../bot/turn.js';
import { formatDate } from '../parse/date.js';
import { allProgrammes, programme } from './catalogue.js';
import { today, type ProgrammesState } from './flows.js';
import { matchProgramme, type FounderFacts } from './match.js';
import { programmePayloads } from './payloads.js';
import { criteriaLines } from './render.js';
import { pick, type Programme } from './schema.js';
import { labelKey } from '../engine/index.js';
import { rememberProgramme } from './in-context.js';

// Folded words asking who may take part or on what conditions. "yêu cầu" alone is also "a
// request", so only with a question word after it.
const ELIGIBILITY_CUE = new RegExp(
  String.raw`(?:^| )(?:ai (?:duoc|co the|thi duoc|moi duoc|nen)|danh cho ai|cho ai|doi tuong|dieu kien|tieu chi|tieu chuan|yeu cau (?:gi|nao|la gi|the nao|ra sao|nhung gi)|co du|du dieu kien|who (?:can|may|is|are|should)|eligib\w*|requirements?|criteria|qualif\w*)(?: |$)`,
);
// Words that ask rather than request (the text is a question): a question word or mark.
const QUESTION = /\?|(?:^| )(?:ai|gi|nao|sao|khong|ko|chua|who|what|which|how|am i|are we|do i|do we|is it|la gi)(?: |$)/;

/**
 * Whether a text asks who may take part in something, in the form of a question.
 *
 * @example
 * asksEligibility('ai duoc dang ky chuong trinh uom tao cua tinh?') // true
 * asksEligibility('dang ky chuong trinh uom tao cua tinh')          // false
 */
export function asksEligibility(text: string): boolean {
  const words = labelKey(text);
  return ELIGIBILITY_CUE.test(words) && (QUESTION.test(words) || text.includes('?'));
}

// Words of any programme's name that name none in particular ("chương trình khởi nghiệp đổi mới
// sáng tạo"): two of them together never pick a programme.
const GENERIC = new Set([
  'chuong', 'trinh', 'ct', 'programme', 'program', 'khoi', 'nghiep', 'startup', 'startups', 'doi', 'moi', 'sang', 'tao',
  'innovation', 'innovative', 'network', 'mang', 'luoi', 'cua', 'cho', 'va', 'the', 'of', 'for', 'and', 'ho', 'tro', 'support',
  'tham', 'gia', 'dang', 'ky', 'la', 'gi', 'dieu', 'kien', 'ai', 'duoc', 'co', 'the', 'who', 'can', 'apply', 'to', 'nao',
]);

/**
 * The programmes a text names loosely, by two words of their name in a row that are not generic
 * ("ct ươm tạo" → both incubation programmes). Used when the NLU read no programme by its name.
 *
 * @example
 * programmesNamedLoosely(turn, 'dieu kien tham gia chuong trinh uom tao la gi') // ['craft-village-incubation', 'provincial-incubator']
 */
export function programmesNamedLoosely(turn: Turn, text: string): string[] {
  const words = labelKey(text).split(' ');
  const pairs = words.slice(1).map((w, i) => [words[i]!, w] as const).filter(([a, b]) => !(GENERIC.has(a) && GENERIC.has(b)));
  return allProgrammes(turn.services)
    .filter((p) => {
      const names = ` ${labelKey(p.name.vi)} ${labelKey(p.name.en)} `;
      return pairs.some(([a, b]) => names.includes(` ${a} ${b} `));
    })
    .map((p) => p.id);
}

/**
 * The programmes a text names most closely: of those named loosely, the ones sharing the most
 * word pairs with it ("chương trình ươm tạo" is the provincial "Chương trình ươm tạo khởi
 * nghiệp …" by two pairs, the craft-village "Ươm tạo khởi nghiệp …" by one).
 *
 * @example
 * programmesNamedBest(turn, 'dang ky chuong trinh uom tao') // ['provincial-incubator']
 */
export function programmesNamedBest(turn: Turn, text: string): string[] {
  const words = labelKey(text).split(' ');
  const pairs = words.slice(1).map((w, i) => `${words[i]!} ${w}`);
  const scored = programmesNamedLoosely(turn, text).map((id) => {
    const p = programme(turn.services, id)!;
    const names = ` ${labelKey(p.name.vi)} ${labelKey(p.name.en)} `;
    return { id, score: pairs.filter((pair) => names.includes(` ${pair} `)).length };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  return scored.filter((s) => s.score === best).map((s) => s.id);
}

function factsOf(turn: Turn): FounderFacts {
  return (turn.state.programmes as ProgrammesState | undefined)?.facts ?? {
    stage: turn.contact?.profile.stage as string | undefined,
    sector: turn.contact?.profile.sector as string | undefined,
    province: turn.contact?.profile.province as string | undefined,
  };
}

/**
 * The answer to "who can apply to X?": its conditions, its next deadline, and Apply / Details.
 *
 * @example
 * turn.reply(eligibilityMessage(turn, programme(turn.services, 'provincial-incubator')!));
 */
export function eligibilityMessage(turn: Turn, found: Programme, header: 'programmes.elig.header' | 'programmes.fit.header' = 'programmes.elig.header'): Outbound {
  const facts = factsOf(turn);
  const match = matchProgramme(found, facts, today(turn));
  const criteria = criteriaLines(turn, found, match, facts);
  const lines = [
    turn.t(header, { programme: pick(found.name, turn.locale) }),
    ...(criteria.length > 0 ? criteria : [`✅ ${turn.t('programmes.crit.open_to_all')}`]),
  ];
  if (match?.nextDeadline) lines.push('', `⏰ ${turn.t('programmes.deadline', { date: formatDate(match.nextDeadline) })}`);
  else if (!match) lines.push('', `⏰ ${turn.t('programmes.elig.closed')}`);
  lines.push('', `📄 ${turn.t('programmes.source', { source: found.sourceTitle })}`);
  const buttons = [{ label: turn.t('programmes.details'), payload: programmePayloads.encode('view', found.id) }];
  if (match) buttons.unshift({ label: turn.t('programmes.apply'), payload: programmePayloads.encode('apply', found.id) });
  return { text: lines.join('\n'), buttons };
}

/**
 * Answers an eligibility question about these programmes: one → its conditions; several → which
 * one, each a button to its conditions (`programme:who:<id>`).
 *
 * @example
 * answerEligibility(turn, ['provincial-incubator']);
 */
export function answerEligibility(turn: Turn, ids: readonly string[], header?: 'programmes.elig.header' | 'programmes.fit.header'): void {
  const found = ids.map((id) => programme(turn.services, id)).filter((p): p is Programme => p !== undefined);
  if (found.length === 1) {
    rememberProgramme(turn, found[0]!.id);
    turn.reply(eligibilityMessage(turn, found[0]!, header));
    return;
  }
  turn.reply({
    text: turn.t('programmes.elig.which'),
    buttons: found.map((p) => ({ label: pick(p.name, turn.locale), payload: programmePayloads.encode('who', p.id) })),
  });
}
