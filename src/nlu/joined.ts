/**
 * Syllables typed without the spaces between them ("datcho", "huylich", "datphonghop", "camon"):
 * a word that is not a Vietnamese syllable but is two or three of them end to end is read as
 * those syllables, so "datphonghop mai" finds the meeting room like "dat phong hop mai". English
 * words that also cut into syllables ("like" = li + ke, "online") end in a consonant and a silent
 * "e" or are too short, and are left alone, as is every word of a sentence written in English.
 *
 * @example
 * splitJoined('datphonghop') // 'dat phong hop'
 * splitJoined('camon')       // 'cam on'
 * splitJoined('online')      // 'online'
 */
import { isSyllable } from './telex.js';

const MIN_LETTERS = 5;
const MAX_PIECES = 3;
// The ending of an English word with a silent "e" ("like", "phone", "online", "update"), and the
// days of the week ("monday" is not "mon day").
const ENGLISH_ENDING = /[bcdghklmnprstvz]e$|days?$/;
const ENGLISH = new Set(['menu', 'video', 'camera', 'radio', 'banana', 'tomato', 'potato', 'hotel', 'canon', 'mango', 'tango', 'nano', 'piano', 'casino', 'kimono', 'saigon', 'hanoi', 'danang', 'laptop', 'human', 'samsung']);

/** The syllables of a folded word typed without spaces, joined by spaces; or the word itself. */
export function splitJoined(word: string, names: ReadonlySet<string> = new Set()): string {
  if (word.length < MIN_LETTERS || !/^[a-z]+$/.test(word) || isSyllable(word) || ENGLISH_ENDING.test(word) || ENGLISH.has(word) || names.has(word)) return word;
  const pieces = fewestSyllables(word);
  return pieces && pieces.length <= MAX_PIECES ? pieces.join(' ') : word;
}

/**
 * The cut of a word into the fewest syllables; on a tie, the one with fewer syllables that start
 * with a vowel ("danang" is "da nang"), then the longest first syllable. A one-letter syllable
 * only as the "y" at the end ("dongy"), no "oo" (English "booking"), and at most one syllable starting with
 * a vowel ("meeting" is not "me et ing"). Undefined if there is none.
 */
function fewestSyllables(word: string): string[] | undefined {
  const cost = (pieces: readonly string[]) => pieces.length * 10 + pieces.filter(startsWithVowel).length;
  const best: (string[] | undefined)[] = new Array(word.length + 1).fill(undefined);
  best[word.length] = [];
  for (let i = word.length - 1; i >= 0; i -= 1) {
    for (let j = word.length; j > i; j -= 1) {
      const piece = word.slice(i, j);
      const rest = best[j];
      if (rest === undefined || !isSyllable(piece) || piece.includes('oo') || (piece.length === 1 && (j < word.length || piece !== 'y'))) continue;
      const cut = [piece, ...rest];
      if (best[i] === undefined || cost(cut) < cost(best[i]!)) best[i] = cut;
    }
  }
  const cut = best[0];
  // A vowel after a vowel ("bit|co|in") has no place to cut in typed Vietnamese.
  const vowelMeetsVowel = cut?.some((piece, k) => k > 0 && startsWithVowel(piece) && /[aeiouy]$/.test(cut[k - 1]!));
  return cut && cut.filter(startsWithVowel).length <= 1 && !vowelMeetsVowel ? cut : undefined;
}

function startsWithVowel(piece: string): boolean {
  return /^[aeiouy]/.test(piece);
}
