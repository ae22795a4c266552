/**
 * Turns a founder's question into search terms for `kb_search`: folded words without question
 * words, two-syllable phrases (bigrams), accented words for the diacritics boost, and, for
 * English questions, Vietnamese translations of domain terms from the glossary.
 *
 * @example
 * const q = queryTerms('Can a project use the coworking hall?');
 * q.language // 'en'; q.terms include { term: 'hoi_truong', kind: 'bigram' }
 */
import { VI_ABBREVIATIONS } from './abbreviations.js';
import { accentTokens, fold, foldTokens, hasDiacritics } from '../nlu/fold.js';
import { EN_VI_GLOSSARY, GLOSSARY_MAX_WORDS } from './glossary.js';
import { EN_STOPWORDS, VI_ACCENTED_QUESTION_WORDS, VI_FUNCTION_WORDS, VI_QUESTION_PHRASES, VI_QUESTION_WORDS } from './stopwords.js';
import { ACCENT_PREFIX, BIGRAM_JOINER } from './terms.js';

export interface QueryTerm {
  term: string;
  weight: number;
  kind: 'word' | 'bigram' | 'accent' | 'hint';
}

/**
 * What a question word asks for, as words an answer tends to contain ("bao lâu" → "thời gian",
 * "ở đâu" → "địa chỉ"). Searched as hints: they help ranking but do not count towards the
 * confidence, since an answer may well not use them.
 */
const QUESTION_CUES: Readonly<Record<string, readonly string[]>> = {
  'bao lau': ['thoi gian', 'keo dai', 'tuan', 'thang'],
  'may gio': ['gio', 'mo cua'],
  'luc nao': ['gio', 'ngay', 'thoi gian'],
  'khi nao': ['ngay', 'thoi gian', 'han'],
  'bao gio': ['ngay', 'thoi gian', 'han'],
  'o dau': ['dia chi', 'dia diem', 'tai'],
  'bao nhieu tien': ['phi', 'chi phi', 'dong', 'gia'],
  'chi phi': ['phi', 'dong', 'mien phi'],
  'may lan': ['moi tuan', 'moi thang', 'lan'],
  'how long': ['thoi gian', 'keo dai', 'tuan', 'thang'],
  'when': ['ngay', 'thoi gian', 'gio'],
  'where': ['dia chi', 'dia diem'],
  'how much': ['phi', 'chi phi', 'dong', 'gia', 'muc'],
  'how often': ['moi tuan', 'moi thang', 'lan'],
};
const CUE_WEIGHT = 0.5;
const EXPANSION_WEIGHT = 0.4;

export interface SearchQuery {
  terms: QueryTerm[];
  /** The folded question without question words, for trigram (typo) matching. */
  folded: string;
  /** Language the question is written in (answers follow it). */
  language: 'vi' | 'en';
  /** The folded words searched for, after translation (shown by `uom kb search --json`). */
  words: string[];
  /** What the question asks about: per concept, alternative wordings (lists of folded words). */
  concepts: string[][][];
  /** The question asks for a quantity, a date or a time: answers with numbers are preferred. */
  expectsNumber: boolean;
}

const NUMBER_QUESTION = /\b(bao nhieu|bao lau|khi nao|bao gio|ngay nao|nam nao|thang nao|luc nao|may gio|how many|how much|how long|when|what date|what year|which year|what time)\b/;

/**
 * True when the question asks for a number, a date or a time ("bao nhiêu", "mấy", "khi nào",
 * "how many", "when").
 *
 * @example
 * asksForNumber('Có mấy phòng họp?') // true
 */
export function asksForNumber(question: string): boolean {
  return NUMBER_QUESTION.test(foldTokens(question).join(' ')) || /(^|\s)mấy\s/u.test(question.normalize('NFC').toLowerCase());
}

/** Weight of an accented match relative to a folded one: a boost, not a requirement. */
const ACCENT_WEIGHT = 0.35;
/** Phrases are strong evidence: "đổi mới sáng tạo" as a phrase beats its syllables scattered. */
const BIGRAM_WEIGHT = 1;

/**
 * Guesses whether a question is English: no Vietnamese diacritics and most words are English
 * stop words or glossary terms.
 *
 * @example
 * questionLanguage('how many women get training') // 'en'
 * questionLanguage('bao nhieu doanh nghiep') // 'vi'
 */
export function questionLanguage(question: string): 'vi' | 'en' {
  if (/[^\x00-\x7F]/.test(question.normalize('NFC')) && accentTokens(question).some(hasDiacritics)) return 'vi';
  const words = foldTokens(question);
  if (words.length === 0) return 'vi';
  const english = words.filter((w) => EN_STOPWORDS.has(w) || w in EN_VI_GLOSSARY || /^[a-z]+(ing|tion|ed|ly|s)$/.test(w)).length;
  return english / words.length >= 0.5 ? 'en' : 'vi';
}

const isContentWord = (w: string) => !VI_QUESTION_WORDS.has(w) && !VI_FUNCTION_WORDS.has(w);

/**
 * Splits the question into runs of words (phrases form within a run) and into concepts: what
 * the question asks about, each with its alternative wordings. A Vietnamese word is a concept
 * of its own; an English domain term is one concept whose alternatives are its translations,
 * so "space" is covered by either "không gian" or "địa điểm".
 */
function segments(words: string[], language: 'vi' | 'en'): { runs: string[][]; concepts: string[][][] } {
  if (language === 'vi') return { runs: [words], concepts: words.filter(isContentWord).map((w) => [[w]]) };
  const runs: string[][] = [];
  const concepts: string[][][] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(GLOSSARY_MAX_WORDS, words.length - i); n >= 1 && !matched; n--) {
      const translations = EN_VI_GLOSSARY[words.slice(i, i + n).join(' ')];
      if (!translations) continue;
      endRun();
      for (const t of translations) runs.push(t.split(' '));
      concepts.push(translations.map((t) => t.split(' ').filter(isContentWord)).filter((a) => a.length));
      matched = n;
    }
    if (matched) {
      i += matched;
      continue;
    }
    const w = words[i]!;
    if (EN_STOPWORDS.has(w)) {
      endRun();
    } else {
      run.push(w);
      concepts.push([[w]]);
    }
    i++;
  }
  endRun();
  return { runs, concepts };
}

/**
 * The folded words of a question without the question words that are ambiguous once folded
 * ("mấy" typed with its accents, "may" in "may gio").
 *
 * @example
 * withoutQuestionWords('Mấy giờ mở cửa?') // ['gio', 'mo', 'cua']
 */
export function withoutQuestionWords(question: string): string[] {
  const folded = foldTokens(question);
  const accented = accentTokens(question);
  const aligned = accented.length === folded.length;
  return folded.filter((w, i) => {
    if (aligned && VI_ACCENTED_QUESTION_WORDS.has(accented[i]!)) return false;
    const next = folded[i + 1];
    const prev = folded[i - 1];
    if (next && VI_QUESTION_PHRASES[`${w} ${next}`] === w) return false;
    if (prev && VI_QUESTION_PHRASES[`${prev} ${w}`] === w) return false;
    return true;
  });
}

/** Builds the search terms of a question (see the module comment). */
export function queryTerms(question: string): SearchQuery {
  const language = questionLanguage(question);
  const words = withoutQuestionWords(question);
  const weights = new Map<string, QueryTerm>();
  const add = (term: string, kind: QueryTerm['kind'], weight: number) => {
    const seen = weights.get(term);
    if (!seen || seen.weight < weight) weights.set(term, { term, kind, weight });
  };
  const searched: string[] = [];
  const { runs, concepts } = segments(words, language);
  // An abbreviation typed in capitals ("KHCN") or one no syllable could be ("dmst") also
  // searches for its full form.
  const expansions: string[][] = [];
  const typedCaps = new Set((question.normalize('NFC').match(/\b[\p{Lu}]{2,}\b/gu) ?? []).map(fold));
  for (const w of new Set(words)) {
    const expansion = VI_ABBREVIATIONS[w];
    if (!expansion || !(typedCaps.has(w) || !/[aeiouy]/.test(w))) continue;
    expansions.push(expansion.split(' '));
    const concept = concepts.find((c) => c.length === 1 && c[0]!.length === 1 && c[0]![0] === w);
    if (concept) concept.push(expansion.split(' '));
  }
  // Full forms of abbreviations are alternatives, weaker than what was typed: passages that
  // use the abbreviation are already indexed with its full form too.
  for (const [run, weight] of [...runs.map((r) => [r, 1] as const), ...expansions.map((r) => [r, EXPANSION_WEIGHT] as const)]) {
    run.forEach((w, i) => {
      const prev = run[i - 1];
      if (isContentWord(w)) {
        add(w, 'word', weight);
        searched.push(w);
      }
      if (prev && !VI_QUESTION_WORDS.has(prev) && !VI_QUESTION_WORDS.has(w)) {
        add(`${prev}${BIGRAM_JOINER}${w}`, 'bigram', BIGRAM_WEIGHT * weight);
      }
    });
  }
  if (language === 'vi') {
    for (const token of accentTokens(question)) {
      const folded = fold(token);
      if (hasDiacritics(token) && !VI_QUESTION_WORDS.has(folded) && !VI_FUNCTION_WORDS.has(folded)) {
        add(`${ACCENT_PREFIX}${token}`, 'accent', ACCENT_WEIGHT);
      }
    }
  }
  const foldedQuestion = ` ${foldTokens(question).join(' ')} `;
  for (const [cue, hints] of Object.entries(QUESTION_CUES)) {
    if (!foldedQuestion.includes(` ${cue} `)) continue;
    for (const hint of hints) {
      const parts = hint.split(' ');
      add(parts.length > 1 ? parts.join(BIGRAM_JOINER) : parts[0]!, 'hint', CUE_WEIGHT);
    }
  }
  return {
    terms: [...weights.values()],
    folded: [...new Set(searched)].join(' '),
    language,
    words: [...new Set(searched)],
    concepts: concepts.filter((c) => c.length > 0),
    expectsNumber: asksForNumber(question),
  };
}
