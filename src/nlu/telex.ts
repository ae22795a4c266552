/**
 * Telex residue: founders who type Vietnamese with the Telex method on a keyboard that has it
 * off leave its marks in the word ("ddawng kys" for "đăng ký", "phongf hopj" for "phòng họp",
 * "dawtj" for "đặt"). Read folded, such a word is the syllable without its marks: "dd" is d,
 * "aw/ow/uw" are ă/ơ/ư, "aa/ee/oo" are â/ê/ô, and a final s, f, r, x or j is the tone. A word is
 * read so only when it is not a Vietnamese syllable as typed and becomes one without the marks,
 * and never in a message written in English, whose words would too ("next" is not "net").
 *
 * @example
 * untelex('ddawng') // 'dang'
 * untelex('hopj')   // 'hop'
 * untelex('phong')  // 'phong' (already a syllable)
 */

// Folded Vietnamese syllables: an initial, a vowel cluster, a final.
const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnrstvx])?';
const VOWELS = '(?:oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)';
const FINAL = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${INITIAL}${VOWELS}${FINAL}$`);
// Vietnamese spelling: "k", "gh", "ngh" before i/e/y, "c", "g", "ng" elsewhere ("gy" is no syllable).
const MISSPELT_INITIAL = /^(?:c[iey]|k(?!h)[^iey]|g[ey]|gh[^iey]|ngh[^iey]|ng[iey])/;
// Rhymes Vietnamese does not have: "i" before "c"/"ng" (it is "ich", "inh"), "o"/"u" before
// "ch"/"nh", a final after a glide ("oin", "aun"), and "iê/yê/uô/ươ" with no final ("vie").
const IMPOSSIBLE_RHYME = /(?:^|[^aeiouy])i(?:c|ng)$|[ou](?:ch|nh)$|(?:ai|ao|au|ay|eo|eu|iu|oi|ui|uu)(?:ch|ng|nh|[cmnpt])$|(?:ie|ye|uo)$/;
const TONE_AT_END = /[sfrxj]$/;
// Short English words that would read as a syllable once their "marks" are taken off.
const ENGLISH = new Set([
  'yes', 'bus', 'has', 'his', 'was', 'gas', 'its', 'ups', 'box', 'six', 'mix', 'tax', 'max', 'sex', 'hex', 'lux',
  'tux', 'vex', 'her', 'car', 'bar', 'tar', 'air', 'nor', 'sir', 'hair', 'chair', 'tier', 'chef', 'roof', 'door',
  'town', 'down', 'own', 'gown', 'lawn', 'dawn', 'sown', 'mown', 'tower', 'lower', 'mower', 'rower', 'dowry',
  'how', 'now', 'new', 'news', 'few', 'law', 'saw', 'low', 'row', 'tow', 'cow', 'wow', 'view', 'chew', 'show',
]);
// Words of English sentences: a message with one of them is not typed in Telex.
const ENGLISH_SENTENCE = new Set([
  'the', 'my', 'i', 'you', 'your', 'is', 'are', 'does', 'what', 'how', 'please', 'for', 'with', 'and', 'of', 'it',
  'this', 'that', 'we', 'our', 'want', 'need', 'would', 'could', 'should', 'will', 'have', 'been', 'be', 'an', 'at',
]);

/** Whether a folded word is a Vietnamese syllable. @example isSyllable('nghieng') // true */
export function isSyllable(word: string): boolean {
  return SYLLABLE.test(word) && !MISSPELT_INITIAL.test(word) && !IMPOSSIBLE_RHYME.test(word);
}

/** Whether folded words are an English sentence, where no word is read as Telex. */
export function readsAsEnglish(words: readonly string[]): boolean {
  return words.some((w) => ENGLISH_SENTENCE.has(w));
}

/** The syllable a folded word typed with Telex marks stands for, or the word itself. */
export function untelex(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word) || isSyllable(word) || ENGLISH.has(word)) return word;
  const tone = TONE_AT_END.test(word);
  const body = tone ? word.slice(0, -1) : word;
  // "dd", "aw/ow/uw" and a "w" closing the word ("nhw") are marks; "aa/ee/oo" only beside another
  // mark ("tieengs"), as English doubles them ("see", "soon", "keep").
  const letters = body.replace(/^dd/, 'd').replace(/([aou])w/g, '$1').replace(/(?<=[^aeiouyw])w$/, 'u');
  const undoubled = letters.replace(/aa/g, 'a').replace(/ee/g, 'e').replace(/oo/g, 'o');
  const marked = letters !== body || tone;
  // An "s" alone only after two letters ("kys", "cos"): longer, it is an English plural ("docs").
  if (tone && letters === body && undoubled === letters && word.endsWith('s') && word.length > 3) return word;
  for (const plain of [undoubled, letters]) if (marked && isSyllable(plain)) return plain;
  return word;
}
