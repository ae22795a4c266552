/**
 * Care with what cannot be undone and with what cannot be read. Erasing one's data or withdrawing
 * consent is done only when the founder's own words name it ("xóa dữ liệu", "delete my data",
 * "rút lại đồng ý"): the model's guess is not enough ("bỏ qua hết" once read as "erase all"), and
 * such an action is never offered as a "did you mean" button for words that do not name it.
 * Keyboard noise ("asdkjh qwe zzz") is said to be unread, and an upset emoji alone ("😡😡") gets
 * an offer of help, not a cheerful greeting.
 *
 * @example
 * namesErasing('xoa het thong tin cua minh di') // true
 * namesErasing('bỏ qua hết')                    // false
 * unreadable('asdkjh qwe zzz')                  // true
 */
import type { IntentName } from '../../nlu/index.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { foldWords } from '../../nlu/fold.js';

/** Words that name erasing data or withdrawing consent, folded. */
const ERASING = /(^| )(xoa|xoa bo|delete|erase|remove|wipe|forget (me|my|all|everything|about me)|go bo|rut lai|withdraw|revoke|huy (su )?dong y|khong (muon )?(cho )?luu|dung luu|stop (storing|keeping)|don t (store|keep)|\/forget)( |$)/;
/** Words that name refusing or withdrawing consent, folded. */
const DECLINING = /(^| )(khong dong y|tu choi|rut lai|decline|refuse|withdraw|revoke|don t agree|do not agree|disagree)( |$)/;

/** Intents that lose data or consent: taken only when the founder's words name them. */
const NEED_NAMING: Readonly<Partial<Record<IntentName, RegExp>>> = { forget_me: ERASING, consent_decline: DECLINING };

/**
 * Whether a text names erasing one's data ("xóa hết thông tin của mình", "delete my data").
 *
 * @example
 * namesErasing('please delete all my data') // true
 */
export function namesErasing(text: string): boolean {
  return ERASING.test(foldedBoth(text));
}

/**
 * Whether the founder's words carry an intent that loses data or consent (always true for
 * the others).
 *
 * @example
 * wordsCarry('forget_me', 'bỏ qua hết') // false
 */
export function wordsCarry(intent: IntentName, text: string): boolean {
  const cue = NEED_NAMING[intent];
  return !cue || cue.test(foldedBoth(text));
}

function foldedBoth(text: string): string {
  return `${foldWords(text)} | ${foldWords(normalizeForMatching(text))}`;
}

/**
 * "Bỏ qua hết", "skip all", "bỏ qua luôn": a skip with nothing asked (outside a flow there is
 * nothing to skip).
 *
 * @example
 * skipsAll('bo qua het') // true
 */
export function skipsAll(text: string): boolean {
  return /^(thoi )?(bo qua|skip|bo)( (het|tat ca|luon|di|nhe|nha|all|everything|it|them|a|nhe ban))+$/.test(foldWords(text));
}

/** Words typed without a vowel all the same (abbreviations, sounds). */
const SPELT_SHORT = new Set([
  'thx', 'pls', 'plz', 'tks', 'hmm', 'hmmm', 'mmm', 'brb', 'btw', 'sms', 'pdf', 'ppt', 'ctr', 'cty', 'sdt', 'hcm', 'tphcm',
  'www', 'http', 'https', 'html', 'crm', 'pr', 'ntn', 'vcl', 'grr', 'grrr', 'shh', 'psst',
]);

/** A word no language spells: no vowel, "q" without "u", or four consonants in a row. */
function unpronounceable(word: string): boolean {
  if (SPELT_SHORT.has(word)) return false;
  return !/[aeiouy]/.test(word) || /q(?!u)/.test(word) || /[^aeiouy]{4}/.test(word) || /(.)\1\1/.test(word);
}

/**
 * Whether a text is keyboard noise: most of its words of three letters or more spell nothing.
 *
 * @example
 * unreadable('sdfsdf qwe zzz') // true
 * unreadable('ok')             // false
 */
export function unreadable(text: string): boolean {
  // Casual spellings expanded first: "sdt", "bn", "ntn" spell no vowel but are words.
  const words = (foldWords(normalizeForMatching(text)).match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3);
  if (words.length === 0) return false;
  return words.filter(unpronounceable).length * 3 >= words.length * 2;
}

/** Faces and signs of anger, sadness or disapproval. */
const UPSET = /[😡😠🤬😤😒😞😔😢😭😩😫🙄👎💢😣😖😕☹🙁]/u;

/**
 * Whether a message is only emoji (and punctuation) with an upset one among them ("😡😡", "👎").
 *
 * @example
 * upsetEmoji('😡😡') // true
 * upsetEmoji('👍')   // false
 */
export function upsetEmoji(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && !/[\p{L}\p{N}]/u.test(trimmed) && UPSET.test(trimmed);
}
