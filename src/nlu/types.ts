/**
 * The shapes every part of the bot uses to talk about what a founder meant: the intent names and
 * slot names fixed by `shared/eval/NLU.md`, and the result of understanding one message.
 *
 * @example
 * const u: Understanding = nlu.understand('đặt phòng họp mai 2h chiều', { now });
 * if (!u.unsure && u.intent === 'booking_new') startBooking(u.slots);
 */

import type { TimeWindow } from './entities/day-part.js';

export type { DayPart, TimeWindow } from './entities/day-part.js';

/** Every intent the bot recognises, in a stable order (the classifier's label order). */
export const INTENT_NAMES = [
  'greeting', 'thanks', 'goodbye', 'menu', 'programme_find', 'programme_apply', 'application_status',
  'booking_new', 'booking_list', 'booking_cancel', 'booking_move', 'survey_take', 'handoff_request',
  'handoff_end', 'consent_accept', 'consent_decline', 'profile_show', 'forget_me', 'language_change',
  'unsubscribe', 'subscribe', 'kb_question', 'out_of_scope',
] as const;

/** One intent name. @example const i: IntentName = 'booking_new'; */
export type IntentName = (typeof INTENT_NAMES)[number];

/** True when `value` is an intent name. @example isIntentName('menu') // true */
export function isIntentName(value: unknown): value is IntentName {
  return typeof value === 'string' && (INTENT_NAMES as readonly string[]).includes(value);
}

/** The slots of NLU.md with their normalised values. */
export interface Slots {
  /** A space id of `content/spaces.yaml` (hot-desk, meeting-room, hall, library). */
  space?: string;
  /** YYYY-MM-DD in the centre's time zone. */
  date?: string;
  /** HH:MM, 24-hour. */
  start?: string;
  /** Whole minutes. */
  minutes?: number;
  /**
   * When the stay ends, "HH:MM" ("đến 11h30", "until lunch"), or "closing" ("until closing"). Not
   * a slot of NLU.md: "how long?" is often answered with the end, which is then no start.
   */
  end?: string;
  /**
   * The part of the day or bounds asked ("chiều mai", "after 3pm"): the starts to offer. Not a
   * slot of NLU.md (the evaluation does not list it) and not a classifier feature.
   */
  window?: TimeWindow;
  /** A booking code, upper case. */
  code?: string;
  /** A programme id of `content/programmes/`. */
  programme?: string;
  language?: 'vi' | 'en';
}

/** What one message means. */
export interface Understanding {
  /** The text as received. */
  text: string;
  /** NFC → folded → casual spellings expanded: what the classifier saw. */
  normalized: string;
  intent: IntentName;
  /** Calibrated probability of `intent`, 0..1. */
  confidence: number;
  /** Every intent with its probability, best first. */
  ranked: { intent: IntentName; score: number }[];
  slots: Slots;
  /** True when below the confidence threshold or two intents are close: ask a clarifying question. */
  unsure: boolean;
}

/** Options of one call to `understand`. */
export interface UnderstandOptions {
  /** The bot's clock (services.clock), for "mai", "thứ 6" … */
  now: Date;
}

/** An intent classifier with its entity parsers, trained once at construction. */
export interface Nlu {
  understand(text: string, options: UnderstandOptions): Understanding;
}
