/**
 * An account, a channel, a page or an app of another service, named by the service: "tài khoản
 * <mạng xã hội>", "kênh <video>", "app <shop>", "this <video> channel". Founders subscribe to, unsubscribe from, delete
 * and look at these in the words of the centre's own actions ("đăng ký kênh", "hủy đăng ký",
 * "xóa tài khoản của em"), and the verbs outweigh the one name. The evidence that the thing is
 * not the centre's is its name: a word of four letters or more that no Vietnamese syllable
 * spells and the centre's own examples never use, right after the kind of thing. The platforms
 * founders reach the centre on are the centre's ("tài khoản telegram", "nhóm zalo" may be where
 * they talk to it). `not-ours.ts` asks this besides its list.
 *
 * @example
 * const services = new OtherServices(new Set(['dang', 'ky']));
 * services.named(wordsOf('huy dang ky kenh youtube nay')) // true
 * services.named(wordsOf('xoa tai khoan cua em'))         // false
 */
import { isSyllable } from './telex.js';

// Kinds of things a service has: an account, a channel, a page, an app (folded, one or two words).
const KINDS = ['tai khoan', 'tk', 'kenh', 'trang', 'fanpage', 'app', 'ung dung'].map((k) => k.split(' '));
// The platforms the bot answers on (src/bot/channels): an account there may be the founder's
// account with the centre.
const CENTRE_PLATFORMS = new Set(['telegram', 'zalo', 'web', 'website', 'webchat', 'botframework', 'teams']);
// English names the kind last: "this <video> channel", "my <social> account".
const ENGLISH_NAMED = /\b(?:my|this|that|the|your|our|a)\s+([a-z]+)\s+(?:channel|account|page|app)s?\b/g;
// English words before "account / channel" that name no service ("my user account", "the official channel").
// Also after the Vietnamese kind: "app mobile", "trang online".
const NO_SERVICE = new Set([
  'user', 'personal', 'whole', 'entire', 'main', 'own', 'old', 'new', 'current', 'email', 'login', 'free', 'official', 'team',
  'company', 'business', 'founder', 'startup', 'bot', 'chat', 'mobile', 'online', 'android', 'desktop', 'offline',
]);

/** Recognises another service's account, channel, page or app among a message's folded words. */
export class OtherServices {
  /** @param centreWords the words of the centre's own examples and domain. */
  constructor(private readonly centreWords: ReadonlySet<string>) {}

  /**
   * Whether folded words name a kind of thing (account, channel, page, app) by another service.
   *
   * @example
   * services.named(wordsOf('xoa tai khoan facebook cua em giup')) // true
   */
  named(words: readonly string[]): boolean {
    for (const m of words.join(' ').matchAll(ENGLISH_NAMED)) if (this.namesAnotherService(m[1]!)) return true;
    for (let i = 0; i < words.length; i++) {
      for (const kind of KINDS) {
        if (kind.every((w, k) => words[i + k] === w)) {
          const name = words[i + kind.length];
          if (name !== undefined && this.namesAnotherService(name)) return true;
        }
      }
    }
    return false;
  }

  private namesAnotherService(word: string): boolean {
    return namesAnother(word, this.centreWords);
  }
}

/**
 * Whether a folded word is the name of another business or service: four letters or more, no
 * Vietnamese syllable, none of the centre's words or platforms, no plain description ("mobile").
 *
 * @example
 * namesAnother('youtube', new Set()) // true
 * namesAnother('online', new Set())  // false
 */
export function namesAnother(word: string, centreWords: ReadonlySet<string>): boolean {
  return /^[a-z]{4,}$/.test(word) && !isSyllable(word) && !centreWords.has(word) && !CENTRE_PLATFORMS.has(word) && !NO_SERVICE.has(word);
}
