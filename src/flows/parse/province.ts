/**
 * Provinces by any spelling, with or without diacritics or prefixes ("tp hcm", "Sài Gòn",
 * "tỉnh Bắc Giang", "thanh hoa"), including the 63 pre-merger names, mapped to today's 34
 * provinces and cities (see provinces-data.ts).
 *
 * @example
 * parseProvince('bac giang') // { ok: true, value: { id: 'bac-ninh', name: 'Bắc Ninh', matched: 'Bắc Giang', … } }
 */
import { foldWords } from '../../nlu/fold.js';
import { PROVINCES, type Province } from './provinces-data.js';
import { fail, ok, type Parsed } from './result.js';

export interface ProvinceMatch {
  id: string;
  name: string;
  region: Province['region'];
  /** The name the founder's text matched: today's name, a former province or an alias. */
  matched: string;
}

const PREFIX = /^(thanh pho|tp|tinh|t|province of|city of|province|city)\s+/;

function key(text: string): string {
  return foldWords(text).replace(PREFIX, '').replace(/\b(province|city)$/, '').replace(/\s+/g, '').trim();
}

const INDEX: ReadonlyMap<string, { province: Province; matched: string }> = (() => {
  const index = new Map<string, { province: Province; matched: string }>();
  for (const province of PROVINCES) {
    for (const name of [province.name, ...province.formerly, ...(province.aliases ?? [])]) {
      const k = key(name);
      if (!index.has(k)) index.set(k, { province, matched: name });
    }
    index.set(province.id.replace(/-/g, ''), { province, matched: province.name });
  }
  return index;
})();

/**
 * Finds today's province for a name typed any way, or says it is not one.
 *
 * @example
 * parseProvince('Sài Gòn') // { ok: true, value: { id: 'ho-chi-minh', … } }
 */
export function parseProvince(text: string): Parsed<ProvinceMatch> {
  const folded = foldWords(text);
  if (!folded) return fail('empty');
  const hit = INDEX.get(key(text));
  if (!hit) return fail('invalid');
  return ok({ id: hit.province.id, name: hit.province.name, region: hit.province.region, matched: hit.matched });
}

/** Today's province by id. @example provinceById('hue')?.name // 'Huế' */
export function provinceById(id: string): Province | undefined {
  return PROVINCES.find((p) => p.id === id);
}

/**
 * The one province a sentence names ("startup giáo dục ở Đà Nẵng", "we are in Ho Chi Minh
 * City"): runs of two to four words, or one word run together ("hanoi", "saigon"), looked up like
 * a typed name. Undefined when none or several are named.
 *
 * @example
 * findProvinceIn('co ct nao cho startup o da nang ko')?.id // 'da-nang'
 */
export function findProvinceIn(text: string): ProvinceMatch | undefined {
  const words = foldWords(text).split(' ').filter(Boolean);
  const found = new Map<string, ProvinceMatch>();
  for (let size = 4; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const run = words.slice(i, i + size).join(' ');
      // A lone short syllable ("hue", "an") is too often something else; an abbreviation of three
      // consonants or more ("hcm", "hcmc", "brvt") is no Vietnamese word and counts.
      if (size === 1 && run.length < 5 && !/^[^aeiouy\d]{3,}$/.test(run)) continue;
      const hit = INDEX.get(key(run));
      if (hit) found.set(hit.province.id, { id: hit.province.id, name: hit.province.name, region: hit.province.region, matched: hit.matched });
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** Words before a place ("ở", "bên", "tại", "gần", "in", "at", "near"), as written or without accents. */
const PLACE_AFTER = /(?:^|\s)(?:ở|o|bên|ben|tại|tai|gần|gan|quê|que|in|at|near|from)\s+(.+)$/iu;
/** Particles that may end a reply ("ạ", "nhé", "nha"), not part of the place. */
const TRAILING = /(?:\s+(?:ạ|a|nhé|nhe|nha|á|ak|ah|đó|do|ấy|ay|thôi|thoi))+$/iu;

/**
 * The place a short reply to "which province?" names when it is no province ("mình ở Mẫu Sơn" →
 * "Mẫu Sơn", "bên Sầm Sơn ạ" → "Sầm Sơn", "Sa Pa"), as written, for the hint that asks which
 * province it is in. Undefined for a long text, digits, or nothing left.
 *
 * @example
 * placeNamedIn('mình ở Mẫu Sơn') // 'Mẫu Sơn'
 */
export function placeNamedIn(text: string): string | undefined {
  const typed = text.normalize('NFC').replace(/[.,!?;:"“”]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!typed || typed.split(' ').length > 8 || /\d/.test(typed)) return undefined;
  const after = PLACE_AFTER.exec(typed)?.[1] ?? (typed.split(' ').length <= 3 ? typed : undefined);
  const place = after?.replace(TRAILING, '').trim();
  return place && place.length >= 2 && place.length <= 40 && place.split(' ').length <= 4 ? place : undefined;
}
