/**
 * A description typed where a name is asked. At "what is your startup called?" a founder wrote
 * "startup về nông nghiệp công nghệ cao ở Lạng Sơn": it became the project's name, and the sector
 * and province it names were asked again. A text that describes instead of naming ("startup /
 * dự án / bên em / công ty về|làm|trong lĩnh vực …", "we do … in …", a sentence naming a later
 * answer with "ở / về / in / about …"), or that is wholly a later question's choice ("mới có ý
 * tưởng" at the startup's name), is not the name: the later answers it names (a province, one
 * choice of a question of one choice) are kept for their questions, which are then passed over,
 * and the name is asked again once with a hint. A short real name ("AgriViet", "Nông Sản Xanh",
 * "Hợp tác xã Nông nghiệp Lạng Sơn") stays a name.
 *
 * @example
 * await describedInstead(ctx, startupStep, 'startup ve nong nghiep cong nghe cao o lang son')
 * // ['Lĩnh vực: Nông nghiệp, thực phẩm', 'Tỉnh/thành: Lạng Sơn'] (answers.sector, answers.province set)
 * await describedInstead(ctx, startupStep, 'AgriViet') // undefined: a name
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { nameIn } from '../parse/name.js';
import { findProvinceIn } from '../parse/province.js';
import { choiceLabel, choicesOf, matchChoice, mentionedChoice, takesOneChoice } from './answers.js';
import type { AskStep, Choice, FlowContext } from './types.js';

/** Who or what is described, at the start of the text (folded, casual spellings expanded). */
const SUBJECT = String.raw`(?:(?:day|do|no) la )?(?:(?:(?:minh|em|toi|tui|chung (?:em|toi|minh)) )?(?:lam|co|dang lam) (?:mot |cai )?)?(?:startup|start up|du an|cong ty|cty|doanh nghiep|mo hinh|san pham|(?:ben|phia|team|nhom|chung) (?:em|minh|mk|mik|toi|tui|anh|chi))(?: (?:cua )?(?:em|minh|toi|tui))?(?: (?:dang|moi|chuyen|thi))?`;
/** What a description says next: about what, in which field, doing what, where. */
const RELATION = String.raw`(?:ve|lam|trong|linh vuc|nganh|chuyen|hoat dong|kinh doanh|san xuat|phat trien|cung cap|ung dung|nghien cuu|o|tai|tren)`;
const DESCRIBES_VI = new RegExp(`^${SUBJECT} ${RELATION}(?: |$)`);
/** "we do agritech in Lạng Sơn", "our startup builds …", "it's a startup in edtech", "a platform for farmers". */
const DESCRIBES_EN = /^(?:(?:we|we re|were|we are) (?:do|doing|make|making|build|building|work|working|are|sell|selling|help|helping|provide|develop|developing|grow|run|focus|re)|(?:our|my) (?:startup|company|project|team|product|idea)|(?:(?:it s|its|it is|this is|just) )?(?:a|an) (?:\w+ )?(?:startup|company|project|platform|app|business)) /;
/** Words a sentence places what it names with ("ở Lạng Sơn", "về nông nghiệp", "in Hanoi"). */
const PLACING = /(^| )(o|tai|ve|trong|linh vuc|nganh|in|at|about|based|for)( |$)/;
/** Words that qualify a sector rather than name one ("nông nghiệp công nghệ cao" is agriculture). */
const QUALIFIERS = /(^| )(cong nghe cao|ung dung cong nghe|hi tech|high tech|hitech)(?= |$)/;
const QUALIFIERS_ALL = new RegExp(QUALIFIERS.source, 'g');
/** Fewest words of a sentence that describes by naming later answers without a subject. */
const SENTENCE_WORDS = 5;
/** More words than this are a story, read no further. */
const MAX_WORDS = 30;

/** What a description typed at a name question gave: the name said before it, if any, and the notes of the answers kept. */
export interface Described {
  /** "mình tên là Lan, làm startup về nông nghiệp ở Lạng Sơn" → "Lan": the answer after all. */
  name?: string;
  /** "Lĩnh vực: Nông nghiệp, thực phẩm", one per later answer kept (possibly none). */
  notes: string[];
}

/** Most words of a name said before a description ("tên là Nguyễn Thị Minh Anh, …"). */
const NAME_BEFORE_MAX_WORDS = 5;

/**
 * When `text`, typed at the name question `step`, describes rather than names: keeps the later
 * answers it names (as `answerAhead` does: stored, passed over later) and returns their notes
 * ("Lĩnh vực: Nông nghiệp"), possibly none, with the name when an introduction gave one before a
 * comma ("em tên Lan, làm startup về du lịch"); undefined when the text is a name.
 */
export async function describedInstead(ctx: FlowContext, step: AskStep, typed: string): Promise<Described | undefined> {
  const introduced = nameBefore(typed);
  const text = introduced?.rest ?? typed;
  const words = foldWords(normalizeForMatching(text)).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  const count = words ? words.split(' ').length : 0;
  if (count === 0 || count > MAX_WORDS) return undefined;
  const later = laterQuestions(ctx, step);
  const found = later.map((s) => ({ step: s, value: namedIn(ctx, s, text, words) })).filter((f) => f.value !== undefined);
  const whole = count <= 6 && later.some((s) => takesOneChoice(s, ctx) && wholeChoice(ctx, s, text));
  const describes = (count >= 3 && (DESCRIBES_VI.test(words) || DESCRIBES_EN.test(words)))
    || (count >= SENTENCE_WORDS && found.length > 0 && PLACING.test(words) && !titleCased(text))
    || whole;
  if (!describes) return undefined;
  const notes: string[] = [];
  for (const { step: s, value } of found) {
    const { id, label } = value!;
    ctx.flow.answers[s.id] = id;
    ctx.flow.data = { ...ctx.flow.data, ahead: [...(Array.isArray(ctx.flow.data?.ahead) ? (ctx.flow.data.ahead as string[]) : []), s.id] };
    if (s.onAnswer) await s.onAnswer(id, ctx);
    const question = typeof s.label === 'function' ? s.label(ctx) : s.label ? ctx.turn.t(s.label) : undefined;
    notes.push(question ? `${question}: ${label}` : label);
  }
  return introduced ? { name: introduced.name, notes } : { notes };
}

/** Most words capitalised, as a name is written ("Made In Vietnam Crafts Co"), not a sentence. */
function titleCased(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.filter((w) => /^\p{Lu}/u.test(w)).length * 2 > words.length;
}

/**
 * A name introduced and then a sentence after a comma: "mình tên là Lan, làm startup …" →
 * Lan and "làm startup …"; undefined without an introduction ("Lan, Huy" is two names).
 */
function nameBefore(text: string): { name: string; rest: string } | undefined {
  const name = nameIn(text);
  if (name === text.trim()) return undefined;
  const split = /^([^,;.]+)[,;.]\s*(.+)$/u.exec(name);
  if (!split || split[1]!.trim().split(/\s+/).length > NAME_BEFORE_MAX_WORDS) return undefined;
  return { name: split[1]!.trim(), rest: split[2]!.trim() };
}

/** The later unanswered questions that would be asked (the ones a description can answer). */
function laterQuestions(ctx: FlowContext, current: AskStep): AskStep[] {
  const { flow, definition } = ctx;
  const index = definition.steps.findIndex((s) => s.id === current.id);
  return definition.steps.slice(index + 1).filter((s): s is AskStep =>
    s.kind === 'ask' && !Object.hasOwn(flow.answers, s.id) && !(s.when && !s.when(flow.answers, ctx)));
}

/** The value a description names for question `step`: a province, or one choice (a qualifier set aside when two are named). */
function namedIn(ctx: FlowContext, step: AskStep, text: string, words: string): { id: string; label: string } | undefined {
  if (!step.choices && step.input?.type === 'province') {
    const province = findProvinceIn(text);
    return province ? { id: province.id, label: province.name } : undefined;
  }
  if (!takesOneChoice(step, ctx)) return undefined;
  const choices = choicesOf(step, ctx);
  const options = { labels: false, maxWords: MAX_WORDS };
  const choice: Choice | undefined = mentionedChoice(choices, text, ctx, options)
    ?? (QUALIFIERS.test(words) ? mentionedChoice(choices, words.replace(QUALIFIERS_ALL, ' '), ctx, options) : undefined);
  return choice ? { id: choice.value, label: choiceLabel(choice, ctx) } : undefined;
}

/** Whether the whole text is one of the question's choices by name ("mới có ý tưởng"), not by number. */
function wholeChoice(ctx: FlowContext, step: AskStep, text: string): boolean {
  if (/\d/.test(text)) return false;
  const choice = matchChoice(choicesOf(step, ctx), text, ctx);
  if (!choice) return false;
  const typed = foldWords(text).replace(/[^\p{L} ]/gu, '').replace(/\s+/g, ' ').trim();
  return [choiceLabel(choice, ctx), ...(choice.aliases ?? [])].some((form) => foldWords(form).replace(/[^\p{L} ]/gu, '').replace(/\s+/g, ' ').trim() === typed);
}
