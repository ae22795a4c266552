/**
 * Finds named things (spaces, programmes, languages) in normalised text by their phrases, with
 * one typo allowed in words of four letters or more ("phog hop" still finds "phong hop",
 * "englsh" finds "english"). The longest phrase wins; ties go to the later mention.
 *
 * @example
 * const spaces = new PhraseMatcher([{ id: 'meeting-room', phrases: ['phòng họp', 'meeting room'] }]);
 * spaces.find('dat phog hop mai') // { id: 'meeting-room', start: 1, end: 3 }
 */
import { fold } from '../fold.js';

/** A thing and the phrases that name it. */
export interface NamedThing {
  id: string;
  phrases: readonly string[];
}

/** One mention: the id and its token span in the text. */
export interface Mention {
  id: string;
  start: number;
  end: number;
}

/** Splits normalised text into word tokens. @example wordsOf('phòng họp, mai!') // ['phong', 'hop', 'mai'] */
export function wordsOf(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** True when two words are equal or one edit apart (for words of 4+ letters), or the last letter is typed twice. */
export function closeWords(typed: string, known: string): boolean {
  if (typed === known) return true;
  // A last letter typed twice ("phong hopp"), also in a short word.
  if (known.length >= 3 && /\p{L}/u.test(known.at(-1)!) && typed === known + known.at(-1)) return true;
  if (known.length < 4 || typed.length < 3 || Math.abs(typed.length - known.length) > 1) return false;
  if (/\d/.test(known) || /\d/.test(typed)) return false;
  return withinOneEdit(typed, known);
}

/**
 * Equal, or one letter added, dropped or changed, or two neighbours swapped (Damerau distance
 * at most 1). @example withinOneEdit('cancle', 'cancel') // true
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    let diff = 0;
    for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i] && (diff += 1) > 1) break;
    if (diff <= 1) return true;
    // One swap of neighbours ("swtich").
    for (let i = 0; i + 1 < a.length; i += 1) {
      if (a[i] !== b[i]) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return false;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < short.length && j < long.length) {
    if (short[i] === long[j]) {
      i += 1;
      j += 1;
    } else if (skipped) return false;
    else {
      skipped = true;
      j += 1;
    }
  }
  return true;
}

/** How many tokens at `t` are a number, with "năm"/"year" before it ("2027", "nam 2027"); 0 if none. */
function numberInside(tokens: readonly string[], t: number, taken: readonly boolean[]): number {
  const isNumber = (k: number) => /^\d+$/.test(tokens[k] ?? '') && !taken[k];
  if (isNumber(t)) return 1;
  return (tokens[t] === 'nam' || tokens[t] === 'year') && !taken[t] && isNumber(t + 1) ? 2 : 0;
}

/** The word with one letter left out, every way (the "deletes" of a symmetric-delete index). */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Matches the phrases of a set of named things. */
export class PhraseMatcher {
  private readonly entries: { id: string; words: string[] }[];
  /** First word (and, for words of 4+ letters, its deletions) → entries starting with it. */
  private readonly byFirst = new Map<string, number[]>();

  /**
   * `fuzzy`: allow one typo in words of 4+ letters (names); off for word lists like the domain.
   * `numbersInside`: a number the phrase does not have may stand inside it once, as a year or an
   * intake does in a programme's name ("khóa ươm tạo 2027 của tỉnh" names "ươm tạo của tỉnh").
   */
  constructor(
    things: readonly NamedThing[],
    private readonly fuzzy = true,
    private readonly numbersInside = false,
  ) {
    this.entries = [];
    for (const thing of things) {
      for (const phrase of thing.phrases) {
        const words = wordsOf(phrase);
        if (words.length > 0) this.entries.push({ id: thing.id, words });
      }
    }
    // Longest first, so "phong hop nho" beats "phong".
    this.entries.sort((a, b) => b.words.length - a.words.length);
    this.entries.forEach((entry, i) => {
      const first = entry.words[0]!;
      for (const key of new Set([first, ...(this.fuzzy && first.length >= 4 ? deletions(first) : [])])) {
        const list = this.byFirst.get(key) ?? [];
        list.push(i);
        this.byFirst.set(key, list);
      }
    });
  }

  // Entries whose first word may match a token: exact, or one edit apart (via shared deletions).
  private candidates(token: string): number[] {
    const found = new Set<number>(this.byFirst.get(token) ?? []);
    if (this.fuzzy && token.length >= 3) {
      for (const key of deletions(token)) for (const i of this.byFirst.get(key) ?? []) found.add(i);
    }
    return [...found];
  }

  /** Every mention, non-overlapping, longest phrases first, returned in text order. */
  findAll(text: string | readonly string[]): Mention[] {
    const tokens = typeof text === 'string' ? wordsOf(text) : text;
    const starts: { entry: number; start: number }[] = [];
    for (let start = 0; start < tokens.length; start += 1) {
      for (const entry of this.candidates(tokens[start]!)) starts.push({ entry, start });
    }
    // Entries are sorted longest first; their index order is that order.
    starts.sort((a, b) => a.entry - b.entry || a.start - b.start);
    const taken = new Array<boolean>(tokens.length).fill(false);
    const mentions: Mention[] = [];
    for (const { entry: index, start } of starts) {
      const entry = this.entries[index]!;
      const n = entry.words.length;
      const end = this.matchEnd(entry.words, tokens, start, taken);
      // A one-word phrase must match exactly: a typo allowance on single words finds too much.
      if (end === undefined || (n === 1 && tokens[start] !== entry.words[0] && entry.words[0]!.length < 6)) continue;
      for (let t = start; t < end; t += 1) taken[t] = true;
      mentions.push({ id: entry.id, start, end });
    }
    return mentions.sort((a, b) => a.start - b.start);
  }

  /** Where a phrase starting at `start` ends in the tokens (exclusive), or undefined if it is not there. */
  private matchEnd(words: readonly string[], tokens: readonly string[], start: number, taken: readonly boolean[]): number | undefined {
    let t = start;
    let skipped = false;
    for (let w = 0; w < words.length; w += 1, t += 1) {
      const known = words[w]!;
      const inside = w > 0 && this.numbersInside && !skipped ? numberInside(tokens, t, taken) : 0;
      if (inside > 0 && !/^\d+$/.test(known)) {
        skipped = true;
        t += inside;
      }
      const typed = tokens[t];
      if (typed === undefined || taken[t] || !(this.fuzzy ? closeWords(typed, known) : typed === known)) return undefined;
    }
    return t;
  }

  /** The mention with the longest phrase (the later one on a tie), or undefined. */
  find(text: string | readonly string[]): Mention | undefined {
    let best: Mention | undefined;
    for (const m of this.findAll(text)) {
      if (!best || m.end - m.start >= best.end - best.start) best = m;
    }
    return best;
  }
}
