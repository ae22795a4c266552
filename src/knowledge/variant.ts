/**
 * Named variants of one kind of thing: a round, package, course, season, prize or lab told apart
 * by a word instead of a number ("Đợt Xuân" / "Đợt Thu", "Gói Hạt" / "Gói Chồi", "Lab Điện tử").
 * A question naming one variant is not answered from a sentence (or, when the sentence names
 * none, from a passage whose title or heading) about another variant of the same kind, as "đợt
 * 1" is not answered by "đợt 2" (`namesAnotherNumber` in answer.ts).
 *
 * @example
 * const asked = askedVariants(queryTerms('Đợt Thu có bao nhiêu nhóm?').concepts); // Map { 'dot' => Set { 'thu' } }
 * namesAnotherVariant(asked, 'Số nhóm: 9 nhóm.', 'Biên bản – Đợt Xuân') // true
 */
import { fold } from '../nlu/fold.js';
import type { Concept } from './query.js';

/**
 * Nouns whose variants are named by a capitalised word after them, as the documents write them
 * (lower case, with diacritics): "đợt", "vòng", "khóa", "gói", "mùa", "kỳ", "giải", "lab". Not
 * "hạng" or "mùa" typed without diacritics: "hàng", "mua" are other words.
 */
const SERIES_NOUNS_WRITTEN: ReadonlySet<string> = new Set(['đợt', 'vòng', 'khóa', 'khoá', 'gói', 'mùa', 'kỳ', 'kì', 'giải', 'lab', 'hạng']);

/**
 * The stages of a contest or a selection, written in lower case after "vòng" / "đợt" ("vòng sơ
 * tuyển", "vòng bán kết"), folded: variants as much as a capitalised label is.
 */
const STAGES: readonly string[][] = [['so', 'tuyen'], ['so', 'khao'], ['ban', 'ket'], ['chung', 'ket'], ['tu', 'ket'], ['phong', 'van'], ['ho', 'so']];
const STAGE_NOUNS: ReadonlySet<string> = new Set(['vong', 'dot']);
/** Stages that name a round on their own ("Lịch tập huấn trước bán kết"): not "hồ sơ", "phỏng vấn". */
const BARE_STAGES: ReadonlySet<string> = new Set(['so tuyen', 'so khao', 'ban ket', 'chung ket', 'tu ket']);

/** The stage that starts at `at` of folded words after a stage noun, or null. */
function stageAt(words: readonly string[], at: number): string | null {
  const stage = STAGES.find((st) => st.every((w, k) => words[at + k] === w));
  return stage ? stage.join(' ') : null;
}

/** The same nouns folded, as a question's concepts hold them. */
export const SERIES_NOUNS: ReadonlySet<string> = new Set([...SERIES_NOUNS_WRITTEN].map((w) => fold(w)));

/**
 * Whether a written word (as typed, with or without diacritics) is a series noun: typed with
 * diacritics it must be spelt as one ("hàng" is no "hạng"); typed without, its folding is enough.
 *
 * @example
 * isSeriesNoun('Đợt') // true
 * isSeriesNoun('mua') // false
 */
export function isSeriesNoun(word: string): boolean {
  const lower = word.normalize('NFC').toLowerCase();
  if (SERIES_NOUNS_WRITTEN.has(lower)) return true;
  return lower === fold(lower) && SERIES_NOUNS.has(lower) && lower !== 'mua' && lower !== 'hang';
}

/**
 * The variants a question asks about: per series noun, the labels its named concepts give
 * ("Đợt Thu" → dot: {thu}); numbers are left to `namesAnotherNumber`.
 *
 * @example
 * askedVariants(queryTerms('Gói Chồi cần vốn đối ứng bao nhiêu?').concepts) // Map { 'goi' => Set { 'choi' } }
 */
export function askedVariants(concepts: readonly Concept[]): Map<string, Set<string>> {
  const asked = new Map<string, Set<string>>();
  for (const c of concepts) {
    const own = c.alternatives[0]!;
    own.forEach((w, i) => {
      // "vòng bán kết" (a wording of the thesaurus, no name): its stage.
      const stage = STAGE_NOUNS.has(w) ? stageAt(own, i + 1) : null;
      const label = stage ?? (c.anchor === 'name' ? own[i + 1] : undefined);
      if (!label || !SERIES_NOUNS.has(w) || /\d/.test(label)) return;
      asked.set(w, (asked.get(w) ?? new Set<string>()).add(label));
    });
  }
  return asked;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The variants a text names: a series noun followed (after spaces only) by a capitalised word
 * that is no number, folded ("Đợt Xuân: nhận hồ sơ …" → dot: {xuan}).
 *
 * @example
 * writtenVariants('Gói Hạt: 30 triệu; Gói Chồi: 80 triệu') // Map { 'goi' => Set { 'hat', 'choi' } }
 */
export function writtenVariants(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const nfc = text.normalize('NFC');
  const words = [...nfc.matchAll(WORD)];
  const folded = words.map((w) => fold(w[0]));
  for (let i = 0; i + 1 < words.length; i++) {
    const noun = words[i]!;
    const label = words[i + 1]!;
    const between = nfc.slice(noun.index! + noun[0].length, label.index!);
    // A stage written alone is the round of that stage.
    const bare = stageAt(folded, i);
    if (bare && BARE_STAGES.has(bare) && (i === 0 || !STAGE_NOUNS.has(folded[i - 1]!))) out.set('vong', (out.get('vong') ?? new Set<string>()).add(bare));
    if (!/^[ \t]+$/.test(between) || !isSeriesNoun(noun[0])) continue;
    const key = folded[i]!;
    const stage = STAGE_NOUNS.has(key) ? stageAt(folded, i + 1) : null;
    if (!stage && (!/^\p{Lu}/u.test(label[0]) || /\d/.test(label[0]))) continue;
    out.set(key, (out.get(key) ?? new Set<string>()).add(stage ?? folded[i + 1]!));
  }
  return out;
}

/** Whether `written` names a variant of an asked noun and never the asked one; null when it names none. */
function another(asked: Map<string, Set<string>>, written: Map<string, Set<string>>): boolean | null {
  let named = false;
  for (const [noun, labels] of asked) {
    const here = written.get(noun);
    if (!here || here.size === 0) continue;
    named = true;
    if (![...labels].some((l) => here.has(l))) return true;
  }
  return named ? false : null;
}

/**
 * Whether a sentence is about another variant than the question's: it names another variant of
 * the same kind and not the asked one; or it names none, and the nearest of its contexts (its
 * heading, then the title) that names one does so ("Số nhóm được đề nghị tài trợ: 9 nhóm" in the minutes of "… – Đợt Xuân", asked "Đợt
 * Thu").
 *
 * @example
 * namesAnotherVariant(new Map([['dot', new Set(['thu'])]]), 'Đợt Xuân: hạn 15/3.', '') // true
 */
export function namesAnotherVariant(asked: Map<string, Set<string>>, sentence: string, ...contexts: (string | null)[]): boolean {
  if (asked.size === 0) return false;
  // The nearest text that names a variant decides: the sentence, then its heading, then the title.
  for (const text of [sentence, ...contexts]) {
    if (!text) continue;
    const named = another(asked, writtenVariants(text));
    if (named !== null) return named;
  }
  return false;
}
