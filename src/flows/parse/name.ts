/**
 * A name typed inside a self-introduction: "mình tên là Lan ạ" → "Lan", "tên cty là EduPay" →
 * "EduPay", "my startup is called EduPay" → "EduPay", "I'm Huy" → "Huy". The name keeps its
 * spelling and accents; anything that is not plainly an introduction is kept whole ("Minh
 * Anh", "La Văn Cầu", "Công ty TNHH ABC").
 *
 * @example
 * nameIn('em tên Huy nha') // 'Huy'
 * nameIn('Minh Anh')       // 'Minh Anh'
 */
import { fold } from '../../nlu/fold.js';

// Folded words an introduction is made of before the name.
// Phone spellings too: "mk tên là Lan", "mik là Huy", "e tên Lan".
const SPEAKERS = new Set(['minh', 'mk', 'mik', 'mh', 'em', 'e', 'toi', 'tui', 'to', 'anh', 'chi', 'con', 'chau', 'ben', 'i', 'we', 'my', 'our']);
const THINGS = new Set(['cong', 'ty', 'cty', 'startup', 'du', 'an', 'team', 'nhom', 'company', 'project', 'name', 'the', 'it', 's', 'its', 'cua', 'of']);
const MARKERS = new Set(['ten', 'la', 'is', 'am', 'm', 'called', 're', 'are']);
/** Markers that say "name" by themselves ("tên Lan", "called EduPay"). */
const NAMING = new Set(['ten', 'called', 'name']);
// Politeness after the name ("ạ", "nhé", "nha", "đó").
const TRAILING = new Set(['a', 'nhe', 'nha', 'nhen', 'ne', 'do', 'ha', 'nhi', 'please']);

function known(word: string): boolean {
  return SPEAKERS.has(word) || THINGS.has(word) || MARKERS.has(word);
}

/** The name inside a typed self-introduction, or the text itself (trimmed) when it is none. */
export function nameIn(text: string): string {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const folded = tokens.map((t) => fold(t).replace(/[^a-z0-9]/g, ''));
  let cut = -1;
  let speaker = false;
  let naming = false;
  for (let i = 0; i < folded.length; i++) {
    // "i'm", "it's" fold to one token ("im", "its"): read them as the two words they are.
    const joined = known(folded[i]!) ? null : /^(i|it|we)(m|s|re)$/.exec(folded[i]!);
    const words = joined ? [joined[1]!, joined[2]!] : [folded[i]!];
    if (!words.every(known)) break;
    for (const w of words) {
      if (SPEAKERS.has(w)) speaker = true;
      if (NAMING.has(w)) naming = true;
      if (MARKERS.has(w) && (speaker || naming)) cut = i;
    }
  }
  let rest = tokens.slice(cut + 1);
  while (rest.length > 1 && TRAILING.has(fold(rest[rest.length - 1]!).replace(/[^a-z]/g, ''))) rest = rest.slice(0, -1);
  const name = rest.join(' ').replace(/[.!,;]+$/u, '').trim();
  return name || text.trim();
}
