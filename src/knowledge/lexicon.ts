/**
 * The knowledge base's word lists as data in `content/lexicon/` (staff extend them without a
 * deploy): `thesaurus.yaml`, groups of Vietnamese wordings of one thing (paraphrase recall), and
 * `glossary-en-vi.yaml`, English words and phrases with their Vietnamese wordings (English
 * questions over Vietnamese documents), and `everyday-words.yaml`, words of daily speech
 * whatever documents are ingested (a missing one costs a passage little: evidence.ts). The
 * first two are folded on load; a malformed file stops with its name and the first problem.
 *
 * @example
 * const lexicon = loadLexicon('content');
 * lexicon.synonyms.get('tam ung') // [['ung', 'truoc'], ['nhan', 'truoc'], …]
 * lexicon.glossary.get('voucher') // ['phieu', 'phieu ho tro']
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { foldTokens } from '../nlu/fold.js';

const ThesaurusFile = z.object({ groups: z.array(z.array(z.string().min(1)).min(2)) });
const GlossaryFile = z.object({ terms: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)) });
const EverydayFile = z.object({ vi: z.array(z.array(z.string().min(1))).default([]), en: z.array(z.array(z.string().min(1))).default([]) });

/** Words of daily speech (`everyday-words.yaml`). */
export interface EverydayWords {
  /** Vietnamese wordings as spelt, lower case with diacritics ("giữa", "tận tay"). */
  readonly vi: ReadonlySet<string>;
  /** Folded Vietnamese wording ("giua") → its spellings in the list. */
  readonly viFolded: ReadonlyMap<string, ReadonlySet<string>>;
  /** English words, lower case. */
  readonly en: ReadonlySet<string>;
}

export interface Lexicon {
  /** Folded wording ("tam ung") → the other wordings of its groups, as folded words. */
  readonly synonyms: ReadonlyMap<string, readonly string[][]>;
  /** Folded wording → its spellings with diacritics (lower case): "doi" is đội, not đổi. */
  readonly synonymSpellings: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Spelling with diacritics ("dùng") → the other wordings of the groups it is written in: two
   * words that fold alike ("dùng", "dừng") do not share each other's synonyms.
   */
  readonly synonymsBySpelling: ReadonlyMap<string, readonly string[][]>;
  /** Longest wording in the thesaurus, in words. */
  readonly synonymMaxWords: number;
  /** English phrase (lower case, folded) → Vietnamese wordings (folded). */
  readonly glossary: ReadonlyMap<string, readonly string[]>;
  /** Longest English phrase in the glossary, in words. */
  readonly glossaryMaxWords: number;
  /** Words of daily speech, weighed as generic words (evidence.ts). */
  readonly everyday: EverydayWords;
}

/** Raised for a lexicon file that is not valid (code KB_LEXICON). */
export class LexiconError extends Error {
  readonly code = 'KB_LEXICON';
}

/** The repository's content folder, found from this file (works from src/ and from tests). */
export const DEFAULT_CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'content');

function readYaml<T>(file: string, schema: z.ZodType<T>): T | null {
  if (!existsSync(file)) return null;
  const parsed = schema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new LexiconError(`${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

const cache = new Map<string, Lexicon>();

/** Reads (once per folder) and folds the lexicon of a content folder; missing files mean empty lists. */
export function loadLexicon(contentDir: string = DEFAULT_CONTENT_DIR): Lexicon {
  const cached = cache.get(contentDir);
  if (cached) return cached;
  const thesaurus = readYaml(join(contentDir, 'lexicon', 'thesaurus.yaml'), ThesaurusFile)?.groups ?? [];
  const synonyms = new Map<string, string[][]>();
  const synonymSpellings = new Map<string, Set<string>>();
  const synonymsBySpelling = new Map<string, string[][]>();
  let synonymMaxWords = 1;
  for (const group of thesaurus) {
    for (const wording of group) {
      const key = foldTokens(wording).join(' ');
      let set = synonymSpellings.get(key);
      if (!set) synonymSpellings.set(key, (set = new Set()));
      const spelling = wording.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
      set.add(spelling);
      const others = synonymsBySpelling.get(spelling) ?? [];
      for (const other of group) {
        const words = foldTokens(other);
        if (words.length && words.join(' ') !== key && !others.some((o) => o.join(' ') === words.join(' '))) others.push(words);
      }
      synonymsBySpelling.set(spelling, others);
    }
    const wordings = [...new Map(group.map((w) => [foldTokens(w).join(' '), foldTokens(w)])).values()].filter((w) => w.length > 0);
    for (const wording of wordings) {
      const key = wording.join(' ');
      synonymMaxWords = Math.max(synonymMaxWords, wording.length);
      const others = synonyms.get(key) ?? [];
      for (const other of wordings) if (other.join(' ') !== key && !others.some((o) => o.join(' ') === other.join(' '))) others.push(other);
      synonyms.set(key, others);
    }
  }
  const terms = readYaml(join(contentDir, 'lexicon', 'glossary-en-vi.yaml'), GlossaryFile)?.terms ?? {};
  const glossary = new Map<string, string[]>();
  let glossaryMaxWords = 1;
  for (const [english, vietnamese] of Object.entries(terms)) {
    const key = foldTokens(english).join(' ') || english.toLowerCase();
    glossaryMaxWords = Math.max(glossaryMaxWords, key.split(' ').length);
    glossary.set(key, [...new Set(vietnamese.map((v) => foldTokens(v).join(' ') || v))]);
  }
  const lexicon: Lexicon = { synonyms, synonymSpellings, synonymsBySpelling, synonymMaxWords, glossary, glossaryMaxWords, everyday: loadEveryday(contentDir) };
  cache.set(contentDir, lexicon);
  return lexicon;
}

/** The everyday words of a content folder (empty lists without the file). */
function loadEveryday(contentDir: string): EverydayWords {
  const file = readYaml(join(contentDir, 'lexicon', 'everyday-words.yaml'), EverydayFile) ?? { vi: [], en: [] };
  const spell = (w: string) => w.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
  const vi = new Set(file.vi.flat().map(spell));
  const viFolded = new Map<string, Set<string>>();
  for (const spelling of vi) {
    const key = foldTokens(spelling).join(' ');
    if (!key) continue;
    let set = viFolded.get(key);
    if (!set) viFolded.set(key, (set = new Set()));
    set.add(spelling);
  }
  return { vi, viFolded, en: new Set(file.en.flat().map(spell)) };
}
