/**
 * What a question is about (its subject), apart from the kind of fact it asks. A price states
 * the price of something: "Nước uống miễn phí" is free water, not a free meeting room. So a
 * sentence answers a money question only when the part of it that states the amount (its clause
 * between semicolons or lines, with the sentence's lead before a colon and the passage's heading
 * and title) names a fair share of the question's subject (weighted: "phí 30.000 đồng/lượt"
 * beside "chỗ đỗ ô tô" answers "đỗ ô tô ở tòa nhà CIH", though no document says "tòa nhà"), each
 * concept counted only where it is named outright (not half a compound, not a typo's guess). In
 * a list of items the heading counts half: it names the section, not the item priced. And a passage that lacks the
 * question's subject, which other passages hold, is about another thing (`subjectElsewhere`).
 *
 * @example
 * priceAboutSubject(concepts, weights, credit, 'Phòng họp nhỏ giá 110.000 đồng/giờ.', '') // true for "giá thuê phòng họp"
 * priceAboutSubject(concepts, weights, credit, 'Tiện ích: Wi-Fi; Nước uống miễn phí.', '') // false
 */
import { sentenceHasKind } from './answer-type.js';
import { fold } from '../nlu/fold.js';
import type { Concept } from './query.js';
import { VI_GENERIC_WORDS } from './stopwords.js';
import { BIGRAM_JOINER } from './terms.js';

/** The wordings that only say "price", "fee", "money", "free" (folded): the kind, not the subject. */
const PRICE_WORDINGS: ReadonlySet<string> = new Set([
  'gia', 'phi', 'tien', 'chi phi', 'mien phi', 'muc phi', 'le phi', 'gia tien', 'gia ca', 'mat phi', 'mat tien',
  'tinh phi', 'thu phi', 'tru tien', 'ton', 'kinh phi', 'so tien', 'khoan tien', 'khoan phi', 'cost', 'price', 'fee',
]);

/** A concept that only says "price" or "fee" (one of its wordings is a price word alone). */
export function isPriceConcept(concept: Concept): boolean {
  return concept.anchor === null && concept.alternatives.some((words) => PRICE_WORDINGS.has(words.join(' ')));
}

/** The amount's clause must name at least this share of the question's subject (weighted). */
const SUBJECT_NAMED = 0.25;
/**
 * A concept found no more than this (part of a compound, a word of a long wording, a heading
 * over a list of items) is not named.
 */
const HALF_NAMED = 0.5;

/** A term set's credit for one concept (evidence.ts `conceptCredit`, bound to the question's statistics). */
export type ConceptCredit = (concept: Concept, text: string) => number;

/** A concept without its typo corrections (the nearest indexed syllables of a word no passage has). */
function withoutTypos(concept: Concept): Concept {
  const typos = concept.typos ?? 0;
  if (typos === 0) return concept;
  return { ...concept, alternatives: concept.alternatives.filter((_w, a) => a < concept.own || a >= concept.own + typos), typos: 0 };
}

/** A table row's name and first cell, as extract-table.ts writes them: "name — label: value;". */
const ROW = /^[^;—]{1,80} — [^;]+(?=;)/u;

/** The clauses of a sentence: split at semicolons and line breaks (list items written in a row). */
function clauses(sentence: string): string[] {
  return sentence.split(/;\s*|\n+/u).map((c) => c.trim()).filter(Boolean);
}

/**
 * Whether a sentence with an amount states it for the question's subject (see the module
 * comment). `credit(concept, text)` is the coverage of a concept by a text; `context` is the
 * passage's heading and title, which name the subject of every sentence under them; `question`
 * the question the sentence answers in a list of questions and answers (evidence.ts
 * `answeredQuestions`).
 */
export function priceAboutSubject(concepts: readonly Concept[], weights: readonly number[], credit: ConceptCredit, sentence: string, context: string, question = ''): boolean {
  // What one does with the thing ("thuê", "đặt") names no thing: "Tủ khóa thuê thêm: 120.000
  // đồng/tháng" is the locker's price, not the rent of the podcast room.
  // Nor does a word of daily speech ("rồi", "tầm" of "hủy trước tầm 2 ngày"): it is how the
  // founder talks, not the thing priced (everyday.ts).
  const subject = concepts.map((c) => !isPriceConcept(c) && (c.anchor !== null || (!ACTIONS.has(c.alternatives[0]!.join(' ')) && !c.everyday)));
  if (!subject.some(Boolean)) return true;
  const parts = clauses(sentence);
  // In a list of items ("Tiện ích: Wi-Fi; Nước uống miễn phí"), an amount is the item's: the
  // heading names the section, not the item, so it counts half there.
  const contextShare = parts.length > 1 ? 0.5 : 1;
  const share = (creditOf: (c: Concept, i: number) => number) => {
    let total = 0;
    let covered = 0;
    concepts.forEach((c, i) => {
      if (!subject[i]) return;
      total += weights[i]!;
      // Half a compound is not its name: "văn phòng" does not name "phòng họp".
      const credit = creditOf(c, i);
      covered += credit > HALF_NAMED ? weights[i]! * credit : 0;
    });
    return total > 0 ? covered / total : 1;
  };
  // A typo's guess ("thuê" read as "thu" where no document has "thuê") names nothing: "thu"
  // is in the "thu phí" of every fee.
  const typed = concepts.map(withoutTypos);
  // A name of the question names a clause only where the clause writes it as a name, in
  // capitals: "Hà Nội" is not the "Hà nói" of "…, bà Hà nói".
  const nameCredit = (c: Concept, i: number, text: string) => (c.anchor === 'name' && c.alternatives.length === 1 && !writesAsName(text, c.alternatives[0]!) ? 0 : credit(typed[i]!, text));
  // The question a sentence answers in a list of questions and answers names what every clause
  // of the answer is about, in full ("Làm mất thẻ ra vào? … phí làm thẻ mới là 100.000 đồng").
  const named = (text: string) =>
    share((c, i) => Math.max(nameCredit(c, i, text), context ? credit(typed[i]!, context) * contextShare : 0, question ? credit(typed[i]!, question) : 0));
  const enough = (named: number) => named >= SUBJECT_NAMED;
  const money = { kind: 'money' as const, countWords: [] };
  const colon = sentence.indexOf(':');
  // A table row ("SK06 — Khóa học: Marketing số; Học phí: 1.200.000 đồng", extract-table.ts) is
  // one item: its name and first cell name every cell after them.
  const row = ROW.exec(sentence)?.[0];
  const lead = row && !sentenceHasKind(row, money) ? row : colon > 0 && !sentenceHasKind(sentence.slice(0, colon), money) ? sentence.slice(0, colon) : '';
  return parts.some((part) => sentenceHasKind(part, money) && enough(named(lead && !part.startsWith(lead) ? `${lead}: ${part}` : part)));
}

/**
 * Whether a text writes the folded words as a name: in a row, each starting with a capital (or
 * in capitals, as headings are).
 *
 * @example
 * writesAsName('bà Hà nói', ['ha', 'noi']) // false
 * writesAsName('02 giải Ba: 10.000.000 đồng', ['giai', 'ba']) // true
 */
export function writesAsName(text: string, words: readonly string[]): boolean {
  const tokens = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  // The first of several words may be the common noun before the name, in lower case inside a
  // sentence: "02 giải Ba", "gói Vàng", "phòng Mai" write "Giải Ba", "Gói Vàng", "Phòng Mai".
  return tokens.some((_t, k) => words.every((w, j) => tokens[k + j] !== undefined && fold(tokens[k + j]!) === w && ((j === 0 && words.length > 1) || /^[\p{Lu}\p{N}]/u.test(tokens[k + j]!))));
}

/** A concept found less than this in a passage is lacking there. */
const LACKING = 0.35;
/**
 * A subject weighing more than a generic word (idf above 1.1, evidence.ts `GENERIC_WEIGHT`: in
 * fewer than about a third of the passages) names a specific thing; a word in most passages
 * ("thành viên", "khởi nghiệp") is the setting of everything, not the thing asked.
 */
const SPECIFIC_WEIGHT = 1.1;

/**
 * The question's subject: its first concept that names a thing, not the kind of fact asked (a
 * price or period word), an action ("đăng ký", "thuê"), a generic word, a name or number (their
 * own rule) or an English word the documents do not use. Questions put what they ask about
 * first ("phòng họp có máy chiếu không", "Khóa an toàn chung … do ai giảng dạy"); English
 * concepts follow the English order ("does the meeting room have a projector"). -1 when there
 * is none.
 *
 * @example
 * subjectIndex(queryTerms('phong hop co may chieu ko').concepts) // 0 ("phòng họp")
 */
export function subjectIndex(concepts: readonly Concept[]): number {
  return concepts.findIndex(isThing);
}

/**
 * What founders ask to do with a thing, folded ("đăng ký hội thảo", "thuê phòng họp", "hủy lịch
 * máy in"): the action comes before the thing in a Vietnamese question, so it is not the subject.
 */
const ACTIONS: ReadonlySet<string> = new Set([
  'dang ky', 'dk', 'tham gia', 'tham du', 'su dung', 'dung', 'thue', 'dat', 'dat cho', 'dat lich', 'dat truoc', 'huy',
  'huy lich', 'huy dat', 'doi lich', 'nop', 'nop ho so', 'lien he', 'gui', 'mua', 'tra', 'dong', 'xin', 'nhan', 'hoc',
  'gap', 'doi', 'gia han', 'thanh toan', 'chuyen', 'mang', 'vao', 'ra', 'mo', 'dong cua', 'lam', 'can', 'muon',
  // What a rule asks of one ("Gói B yêu cầu nhóm góp bao nhiêu"): the rule's verb, not its thing.
  'yeu cau', 'doi hoi', 'bat buoc', 'quy dinh',
]);

/**
 * The organisation that runs things and answers founders, folded ("Trung tâm nhận được bao
 * nhiêu hồ sơ", "trung tâm đã giải ngân bao nhiêu"): it does what is asked, it is not the thing
 * asked about. A report's figures never repeat "trung tâm", whose letterhead names it once.
 */
const HOSTS: ReadonlySet<string> = new Set(['trung tam', 'vuon uom', 'ban to chuc', 'ban quan ly', 'don vi van hanh', 'co so uom tao']);

/** A concept that can name the thing asked about (see `subjectIndex`). */
function isThing(c: Concept): boolean {
  const own = c.alternatives[0]!.join(' ');
  return c.anchor === null && !c.kindWord && !c.period && !c.foreign && !isPriceConcept(c) && !VI_GENERIC_WORDS.has(own) && !ACTIONS.has(own) && !HOSTS.has(own);
}

/**
 * Whether a passage (`credits`: its coverage per concept, title and heading included) lacks the
 * question's subject although the documents hold it elsewhere (its own wording is indexed: each
 * word and each phrase): the passage is then about another thing ("phòng họp có máy chiếu
 * không" quoting the hall's projector). For a yes/no question the rarest concept counts too:
 * "does the meeting room have a projector" is not answered by the meeting room's seats when
 * the documents give the projector to the hall only. Only a concept of several syllables counts
 * (a compound noun such as "phòng họp", "khóa an toàn"; a lone syllable is as often a verb:
 * "ghi", "học"), and only a specific one (`SPECIFIC_WEIGHT`, `weights` being the concepts' idf
 * weights). Not the rarest concept of other questions: that is as often a place or a paraphrase
 * no document words so ("đỗ ô tô ở tòa nhà CIH").
 *
 * @example
 * subjectElsewhere(concepts, weights, credits, stats, false) // true for the hall's passage
 */
export function subjectElsewhere(concepts: readonly Concept[], weights: readonly number[], credits: readonly number[], stats: { indexed?: (term: string) => boolean }, yesNo: boolean): boolean {
  const indexed = stats.indexed;
  if (!indexed) return false;
  const asked = [subjectIndex(concepts)];
  if (yesNo) asked.push(weights.indexOf(Math.max(...weights)));
  return asked.some((i) => {
    if (i < 0 || credits[i]! >= LACKING || weights[i]! < SPECIFIC_WEIGHT || !isThing(concepts[i]!)) return false;
    const own = concepts[i]!.alternatives[0]!;
    return own.length >= 2 && own.every((w) => indexed(w)) && own.slice(1).every((w, k) => indexed(`${own[k]}${BIGRAM_JOINER}${w}`));
  });
}
