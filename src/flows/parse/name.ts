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
import { fold, foldWords } from '../../nlu/fold.js';

// Folded words an introduction is made of before the name.
// Phone spellings too: "mk tên là Lan", "mik là Huy", "e tên Lan".
const SPEAKERS = new Set(['minh', 'mk', 'mik', 'mh', 'em', 'e', 'toi', 'tui', 'to', 'anh', 'chi', 'con', 'chau', 'ben', 'i', 'we', 'my', 'our']);
const THINGS = new Set(['cong', 'ty', 'cty', 'startup', 'du', 'an', 'team', 'nhom', 'company', 'project', 'name', 'the', 'it', 's', 'its', 'cua', 'of']);
const MARKERS = new Set(['ten', 'la', 'is', 'am', 'm', 'called', 're', 'are']);
/** Markers that say "name" by themselves ("tên Lan", "called EduPay"). */
const NAMING = new Set(['ten', 'called', 'name']);
// Politeness or insistence after the name ("ạ", "nhé", "nha", "đó", "mà", "rồi").
const TRAILING = new Set(['a', 'nhe', 'nha', 'nhen', 'ne', 'do', 'ha', 'nhi', 'please', 'ma', 'roi', 'day']);

/**
 * A remark beside the name that says it was given already ("mình nói rồi", "đã bảo rồi mà",
 * "like I said", "I told you already"), folded: "Tuấn mà, mình nói rồi" is Tuấn, the remark is
 * no part of the name.
 */
const REMARK = /^(?:(?:nhu|nhu la|thi|la|da|minh|em|toi|tui|mk|mik|e|anh|chi|ban|i|as|like|we)\s)*(?:(?:da|vua|cung)\s)?(?:noi|bao|ghi|nhap|go|tra loi|khai|dien|said|told|say|wrote|typed|gave|mentioned)(?:\s(?:ban|you|it|that|roi|o tren|phia tren|truoc|truoc do|lan truoc|tu dau|already|before|earlier|above|a|ma|day|do|nha|nhe|do roi|that))*$/;

/**
 * Words that keep an answer as it is ("giữ nguyên", "như cũ", "không đổi", "keep it", "same"),
 * folded: at a question showing the current value they keep it, and they are never a name.
 */
const KEEP = /^(?:(?:cu|thi|van|de|cho)\s)?(?:giu nguyen|giu|giu lai|giu nhu cu|nhu cu|van the|van vay|van nhu cu|khong doi|ko doi|khong thay doi|khong sua|khong can sua|de nguyen|keep|keep it|keep that|keep the same|same|same as before|unchanged|no change|no changes|don t change|leave it|leave it as is|as is)(?:\s(?:a|nhe|nha|di|thoi|nhu cu|please|thanks))*$/;

/**
 * Whether a text asks to keep the current answer ("giữ nguyên", "giu nguyen", "như cũ", "keep it").
 *
 * @example
 * keepsCurrent('giữ nguyên nhé') // true
 * keepsCurrent('Giang')          // false
 */
export function keepsCurrent(text: string): boolean {
  return KEEP.test(foldWords(text));
}

/**
 * Whether a text typed at a name question is no name at all: a word keeping the current answer
 * ("giữ nguyên") or only a remark that it was given ("mình nói rồi mà", "I told you already").
 *
 * @example
 * notAName('giu nguyen') // true
 * notAName('Tuấn')       // false
 */
export function notAName(text: string): boolean {
  const folded = foldWords(text);
  return KEEP.test(folded) || REMARK.test(folded) || saysYesOnly(text);
}

/** Yes words and particles only ("ok vậy đồng ý", "vâng ạ", "yes sure"), folded. */
const YES_ONLY = /^(?:(?:ok|oke|okay|oki|okie|u|uh|um|uhm|vang|da|yes|yeah|yep|yup|sure|vay|the|thi|roi|nhe|nha|a|ah|dong y|toi dong y|i agree|agree|chuan|duoc|dung|luon|lun|em|minh|toi)(?: |$))+$/;
/** Of them, the words no name is: "Dũng ạ", "Đạt nhé" stay names, "ok", "vâng", "đồng ý" are none. */
const CLEARLY_YES = /(?:^| )(?:ok|oke|okay|oki|okie|vang|yes|yeah|yep|yup|sure|dong y|agree|chuan)(?: |$)/;

/**
 * Whether a text is only a yes ("ok vậy đồng ý", "vâng ạ", "yes sure"): typed at "Bạn tên là
 * gì?" just after agreeing to the notice, it became the founder's name on staff's tickets. A
 * name that is also a yes word ("Dũng", "Được") stays a name.
 *
 * @example
 * saysYesOnly('ok vậy đồng ý') // true
 * saysYesOnly('Dũng ạ')        // false
 */
export function saysYesOnly(text: string): boolean {
  const folded = foldWords(text).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
  return YES_ONLY.test(folded) && CLEARLY_YES.test(folded);
}

/** The name with a "told you already" remark before or after a comma left out ("Tuấn mà, mình nói rồi" → "Tuấn mà"). */
function withoutRemark(text: string): string {
  const parts = text.split(/[,;]|\s[-–]\s/u).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return text;
  const kept = parts.filter((p) => !REMARK.test(foldWords(p)));
  return kept.length === 1 && kept.length < parts.length ? kept[0]! : text;
}

function known(word: string): boolean {
  return SPEAKERS.has(word) || THINGS.has(word) || MARKERS.has(word);
}

/** The name inside a typed self-introduction, or the text itself (trimmed) when it is none. */
export function nameIn(text: string): string {
  const tokens = withoutRemark(text.trim()).split(/\s+/).filter(Boolean);
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
