/**
 * Regular English inflections for the glossary lookup: a founder types "signed", "applicants" or
 * "covering" while the glossary lists "sign", "applicant", "cover". The word is tried as typed
 * first (the glossary may give an inflected form its own wordings), then its regular base forms.
 * Gerunds ("when applying") are left as typed: in a question they mostly tell the circumstance,
 * and searching their verb's wordings outweighs the topic (the FAQ answer on file sizes is lost).
 * Vietnamese syllables ("tin", "cac") are never reduced: they are names or words of the documents.
 *
 * @example
 * englishBaseForms('companies') // ['company', 'companie']
 * glossaryLookup(glossary, ['signed']) // glossary.get('sign') when "signed" is not listed
 */
import { isSyllable } from '../nlu/telex.js';

/** Shortest base form tried: shorter stems ("us" of "uses") match unrelated entries. */
const MIN_BASE = 3;

/**
 * The regular base forms a folded English word may come from, most likely first (none for a
 * Vietnamese syllable or a word too short to carry an ending).
 *
 * @example
 * englishBaseForms('selected') // ['selecte', 'select']
 * englishBaseForms('receives') // ['receive', 'receiv']
 */
export function englishBaseForms(word: string): string[] {
  if (!/^[a-z]+$/.test(word) || isSyllable(word)) return [];
  const forms: string[] = [];
  const add = (form: string) => {
    if (form.length >= MIN_BASE && form !== word && !forms.includes(form)) forms.push(form);
  };
  const undouble = (stem: string) => (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ll|ss|ff|zz)$/.test(stem) ? stem.slice(0, -1) : stem);
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    add(word.slice(0, -1));
    if (/(s|x|z|ch|sh|o)es$/.test(word)) add(word.slice(0, -2));
  }
  if (word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  else if (word.endsWith('ed')) {
    add(word.slice(0, -1)); // "received" → "receive"
    add(word.slice(0, -2)); // "signed" → "sign"
    add(undouble(word.slice(0, -2))); // "planned" → "plan"
  }
  return forms;
}

/**
 * The glossary's wordings of an English phrase (folded words): as typed, else with one of its
 * words in a regular base form ("follows up" → "follow up"), else undefined.
 *
 * @example
 * glossaryLookup(new Map([['sign', ['ky']]]), ['signed']) // ['ky']
 */
export function glossaryLookup(glossary: ReadonlyMap<string, readonly string[]>, words: readonly string[]): readonly string[] | undefined {
  const typed = glossary.get(words.join(' '));
  if (typed) return typed;
  for (let k = words.length - 1; k >= 0; k--) {
    for (const base of englishBaseForms(words[k]!)) {
      const found = glossary.get([...words.slice(0, k), base, ...words.slice(k + 1)].join(' '));
      if (found) return found;
    }
  }
  return undefined;
}
