/**
 * An order of another business: food, goods or a ride bought from a shop or an app. The centre
 * takes no orders, so a message about one is out of scope whatever its verbs ("hủy", "dời",
 * "xem", "cancel"): `not-ours.ts` asks this besides its list of other businesses' things.
 *
 * What makes a thing an order rather than one of the centre's, in Vietnamese, is "đơn" read as
 * an order and not as an application (both are "đơn"):
 * - an order is placed ("đặt"), an application handed in ("nộp", "gửi", "điền"): "đơn vừa đặt",
 *   "đơn em đặt hôm qua", "đặt đơn" are orders;
 * - an order is named by the shop or app it was placed with ("đơn <app>", "đơn <shop> food"): a
 *   name of four letters or more that the centre's own examples never use, no Vietnamese
 *   syllable spells and that is no plain description ("online", "mobile"; `namesAnother` in
 *   other-service.ts); an application is named by the centre's words ("đơn đăng ký", "đơn
 *   apply", "đơn mekong", "đơn của em").
 * In English "order" is never the centre's (outside "in order to", "the order of").
 *
 * @example
 * const orders = new Orders(new Set(['dang', 'ky', 'apply']));
 * orders.named(wordsOf('huy don shopee giup e'))     // true
 * orders.named(wordsOf('huy don vua dat giup e'))    // true
 * orders.named(wordsOf('don dang ky cua e duyet chua')) // false
 */
import { namesAnother } from './other-service.js';

// Words between "đơn" and the "đặt" that placed it: "đơn vừa đặt", "đơn em đặt", "đơn hôm qua đặt".
const BEFORE_PLACED = new Set(['da', 'vua', 'moi', 'em', 'e', 'minh', 'mik', 'toi', 't', 'to', 'tui', 'anh', 'chi', 'hom', 'qua', 'nay', 'luc']);
// "đơn em đạt chưa": folded, "đạt" (passed) is "đặt" (placed); these after it ask whether it passed.
const PASSED_ASKED = new Set(['chua', 'khong', 'ko', 'k', 'hay', 'duoc']);
// Verbs that hand in an application: the "đơn" after them is the centre's.
const HANDED_IN = new Set(['nop', 'gui', 'dien', 'viet', 'lam', 'submit']);
// Words after "đơn" that make it an application ("đơn đăng ký", "đơn xin", "đơn ứng tuyển").
const APPLICATION = new Set(['dang', 'xin', 'ung', 'du', 'tham', 'apply', 'application', 'de']);
// What a booking form books ("đơn đặt chỗ / phòng / bàn / lịch"): the centre's, unlike "đơn đặt hàng".
const BOOKED = new Set(['cho', 'phong', 'ban', 'lich', 'hoi', 'thu', 'booking', 'slot']);
// English "order" that is no purchase: "in order to", "the order of", "what order".
const NOT_A_PURCHASE = /\b(?:in|what|which|same|alphabetical|chronological) order\b|\border (?:of|in which)\b/;

/** Recognises an order of another business among a message's folded words. */
export class Orders {
  /**
   * @param centreWords the words of the centre's own examples and domain: a word among them names
   *   no other shop.
   */
  constructor(private readonly centreWords: ReadonlySet<string>) {}

  /**
   * Whether folded, casual-expanded words speak of an order placed with another business.
   *
   * @example
   * orders.named(wordsOf('cancel my food order')) // true
   */
  named(words: readonly string[]): boolean {
    const text = words.join(' ');
    if (/\borders?\b/.test(text) && !NOT_A_PURCHASE.test(text)) return true;
    return words.some((w, i) => w === 'don' && this.isOrderAt(words, i));
  }

  // "đơn" at index i read as an order: placed ("đặt đơn", "đơn vừa đặt") or named by another shop.
  private isOrderAt(words: readonly string[], i: number): boolean {
    const before = words[i - 1];
    if (before !== undefined && HANDED_IN.has(before)) return false;
    if (APPLICATION.has(words[i + 1] ?? '')) return false;
    if (before === 'dat') return true;
    for (let j = i + 1; j < Math.min(words.length, i + 4); j++) {
      const w = words[j]!;
      // "đặt" placed it; "đạt chưa / không" (passed yet?) asks about an application; "đơn đặt
      // chỗ" is a booking.
      if (w === 'dat') return !PASSED_ASKED.has(words[j + 1] ?? '') && !BOOKED.has(words[j + 1] ?? '');
      if (!BEFORE_PLACED.has(w)) break;
    }
    // The next word names the shop or app: not Vietnamese, not the centre's.
    const next = words[i + 1];
    return next !== undefined && this.namesAnotherShop(next);
  }

  private namesAnotherShop(word: string): boolean {
    return namesAnother(word, this.centreWords);
  }
}
