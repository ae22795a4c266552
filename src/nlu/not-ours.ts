/**
 * The centre's actions act on the centre's things: its spaces and bookings, its announcements,
 * its programmes. Founders book, move, cancel and subscribe to other businesses' things in the
 * same words ("dời lịch khám mắt sang thứ 3", "cancel my gym membership", "hủy đơn hàng trên
 * sàn", "chương trình khuyến mãi tháng này"), and the verbs ("dời lịch", "cancel", "subscription",
 * "chương trình") outweigh the one word that says whose thing it is. A message that names another
 * business's thing and none of the centre's is out of scope: `out_of_scope` takes the place of
 * the action or question read (their scores swap, like `rulesQuestionFirst` in create.ts).
 * A rule, not a feature: such messages are few among the examples, and the classifier weighs the
 * one object word against all the words of the action.
 *
 * What is another business's thing: a phrase of `not_ours` in `content/nlu/domain.yaml` (kinds of
 * appointments, subscriptions, orders, tickets, promotions, studies elsewhere), a medical
 * appointment ("khám" and the part examined, not "khám phá"), in English a subscription,
 * membership or plan named by something that is not the centre's ("my <service> subscription"),
 * an order placed with a shop or an app (`orders.ts`: "hủy đơn <app> vừa đặt"), or an account,
 * channel, page or app named by another service (`other-service.ts`: "hủy đăng ký kênh <video>"). What is the centre's: a space,
 * a booking code or a programme found in the message, or a word of the centre's knowledge domain
 * that is not only a verb or a price ("đăng ký", "phí" are everyone's).
 *
 * @example
 * const rule = new NotOurs(lists);
 * rule.reorder(ranked, slots, 'doi lich kham mat sang thu 3') // out_of_scope first
 */
import { PhraseMatcher, wordsOf } from './entities/phrases.js';
import type { DomainLists } from './domain.js';
import { Orders } from './orders.js';
import { OtherServices } from './other-service.js';
import type { IntentName, Slots } from './types.js';

/** The intents that act on or ask about the centre's own things. */
const CENTRE_INTENTS: ReadonlySet<IntentName> = new Set<IntentName>([
  'booking_new', 'booking_move', 'booking_cancel', 'booking_list', 'subscribe', 'unsubscribe',
  'programme_apply', 'programme_find', 'application_status', 'kb_question', 'survey_take',
  // the founder's data the centre keeps: "hủy" and "xem" read so ("hủy đơn <app>" is no erasure)
  'forget_me', 'profile_show',
]);

// Knowledge-domain words that are everyone's (a verb, a price, the papers, conditions and deadline
// of any application, an address), so they do not make a thing the centre's: a school's
// "điều kiện xin học bổng" and "hạn nộp hồ sơ tuyển sinh" are asked in the centre's words.
const GENERIC = new Set([
  'dang ky', 'apply', 'phi', 'fee', 'price', 'cost', 'free', 'mien phi', 'mat phi', 'ho tro', 'hop dong', 'thue', 'uu dai',
  'documents', 'tai lieu', 'giay to', 'ho so', 'dieu kien', 'tieu chi', 'eligible', 'eligibility', 'han nop', 'han chot',
  'deadline', 'dia chi', 'address',
]);

// A medical appointment: "khám" with what is examined ("khám mắt", "lịch khám răng", "khám thai"),
// not "khám phá" (to explore).
const MEDICAL = /(?:^| )kham (?!pha(?: |$))[a-z]+/;
// "my netflix subscription", "the gym membership", "a premium plan": the subscribed thing is named
// by a word that is not the centre's (its announcements, newsletter, news, bookings).
const NAMED_SUBSCRIPTION = /\b(?:my|the|our|a|an|this|that)\s+((?:[a-z0-9+]+\s+){1,2})(?:subscription|membership|plan)s?\b/;
const CENTRE_SUBSCRIBED = new Set([
  'announcement', 'announcements', 'newsletter', 'news', 'notification', 'notifications', 'email', 'emails', 'event', 'events',
  'update', 'updates', 'message', 'messages', 'broadcast', 'broadcasts', 'booking', 'bookings', 'coworking', 'desk', 'room',
  'centre', 'center', 'training', 'programme', 'program', 'incubation', 'mentoring', 'monthly', 'current', 'free',
]);

/** The rule of a content folder's domain lists. */
export class NotOurs {
  private readonly matcher: PhraseMatcher;
  private readonly orders: Orders;
  private readonly services: OtherServices;

  /**
   * @param centreWords the words of the centre's own examples (all intents but `out_of_scope`):
   *   a shop's or an app's name is none of them (see `orders.ts`).
   */
  constructor(lists: DomainLists, centreWords: ReadonlySet<string> = new Set()) {
    const ours = new Set([...centreWords, ...lists.knowledge.flatMap((p) => wordsOf(p))]);
    this.orders = new Orders(ours);
    this.services = new OtherServices(ours);
    // One matcher, longest phrase first: "chương trình khuyến mãi" is theirs, though "chương trình" is ours.
    this.matcher = new PhraseMatcher([
      { id: 'ours', phrases: lists.knowledge },
      { id: 'theirs', phrases: lists.not_ours ?? [] },
    ], false);
  }

  /**
   * Whether a normalised message names another business's thing and none of the centre's.
   *
   * @example
   * rule.namesOnlyTheirs('cancel my gym membership', {}) // true
   * rule.namesOnlyTheirs('huy lich dat phong hop mai', { space: 'meeting-room' }) // false
   *
   * `folded` (the message folded, before casual spellings and joined syllables were read) keeps
   * a shop's name whole: "sendo" is read "sen do" for the classifier. `asked`: the message reads
   * as a question, where another service's page or channel named may be the centre's own.
   */
  namesOnlyTheirs(normalized: string, slots: Slots, folded = normalized, asked = false): boolean {
    if (slots.space || slots.code || slots.programme) return false;
    const words = wordsOf(normalized);
    const found = this.matcher.findAll(words);
    const ours = found.some((m) => m.id === 'ours' && !GENERIC.has(words.slice(m.start, m.end).join(' ')));
    if (ours) return false;
    return found.some((m) => m.id === 'theirs') || MEDICAL.test(words.join(' ')) || namedSubscription(normalized) || this.namedByAnother(words, asked) || this.namedByAnother(wordsOf(folded), asked);
  }

  // An order placed with a shop, or an account, channel or app of another service, by its name.
  // A question ("có trang facebook không", "kênh youtube có video hướng dẫn không") may ask about
  // the centre's own page or channel: only an action on one (subscribe, delete, look up) is theirs.
  private namedByAnother(words: readonly string[], asked: boolean): boolean {
    return this.orders.named(words) || (!asked && this.services.named(words));
  }

  /**
   * The ranking with `out_of_scope` first when the message reads as one of the centre's intents
   * but names only another business's thing.
   *
   * @example
   * rule.reorder([{ intent: 'booking_move', score: 0.9 }, …], {}, 'doi lich kham mat sang thu 3')[0].intent // 'out_of_scope'
   */
  reorder(ranked: { intent: IntentName; score: number }[], slots: Slots, normalized: string, folded = normalized): { intent: IntentName; score: number }[] {
    const first = ranked[0]!;
    const asked = first.intent === 'kb_question' || first.intent === 'programme_find';
    if (!CENTRE_INTENTS.has(first.intent) || !this.namesOnlyTheirs(normalized, slots, folded, asked)) return ranked;
    const oos = ranked.find((r) => r.intent === 'out_of_scope')!;
    const swapped = ranked.map((r) => (r === first ? { intent: r.intent, score: oos.score } : r === oos ? { intent: r.intent, score: first.score } : r));
    return swapped.sort((a, b) => b.score - a.score);
  }
}

/** Whether an English subscription, membership or plan is named by something not the centre's. */
function namedSubscription(normalized: string): boolean {
  const named = NAMED_SUBSCRIPTION.exec(normalized);
  if (!named) return false;
  const words = named[1]!.trim().split(/\s+/);
  return !words.some((w) => CENTRE_SUBSCRIBED.has(w));
}
