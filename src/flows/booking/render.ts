/**
 * Messages of the booking area built from data: booking summaries, the "my bookings" list, the
 * reminder, and "full" with its alternatives. Texts come from content/messages/booking.yaml.
 *
 * @example
 * turn.reply(myBookingsMessage(spacesCatalog(turn.services), turn.t, turn.locale, await upcomingBookings(store, contactId)));
 */
import type { Locale, Translator } from '../../content/messages.js';
import type { Button, Outbound } from '../../bot/outbound.js';
import type { Alternatives, BookingRecord } from './bookings.js';
import type { SpacesContent } from './spaces.js';
import { flowPayloads } from '../engine/payloads.js';
import { bookingPayloads } from './payloads.js';
import { dayLabel, localDay, localTime } from './time.js';

/** Placeholder values describing a booking (or a range) in one language. @example t('booking.done', bookingVars(spaces, t, 'vi', booking)) */
export function bookingVars(
  spaces: SpacesContent,
  t: Translator,
  locale: Locale,
  b: { space_name: { vi: string; en: string }; start: string; end: string; code?: string },
): Record<string, string> {
  return {
    space: b.space_name[locale],
    day: dayLabel(t, localDay(b.start)),
    from: localTime(b.start),
    to: localTime(b.end),
    address: spaces.centre.address[locale],
    ...(b.code ? { code: b.code } : {}),
  };
}

/** The "my bookings" answer: the list with cancel and move buttons per booking. @example turn.reply(myBookingsMessage(spaces, t, 'en', list)) */
export function myBookingsMessage(spaces: SpacesContent, t: Translator, locale: Locale, bookings: readonly BookingRecord[]): Outbound {
  const newButton: Button = { label: t('booking.mine.new_button'), payload: bookingPayloads.encode('new') };
  if (bookings.length === 0) return { text: t('booking.mine.empty'), buttons: [newButton] };
  const lines = bookings.map((b) =>
    t('booking.mine.item', { ...bookingVars(spaces, t, locale, b), confirmed: b.confirmed_at ? t('booking.mine.confirmed') : '' }),
  );
  const buttons: Button[] = bookings.flatMap((b) => [
    { label: t('booking.mine.move_button', { code: b.code }), payload: bookingPayloads.encode('move', b.id) },
    { label: t('booking.mine.cancel_button', { code: b.code }), payload: bookingPayloads.encode('cancel', b.id) },
  ]);
  buttons.push(newButton);
  return { text: `${t('booking.mine.title')}\n${lines.join('\n')}`, buttons };
}

/**
 * The reminder, written before the booking exists: `{code}` and `{booking_id}` are left for
 * the database to fill in when it queues the row (`booking_queue_reminder`).
 *
 * @example
 * bookSpace(store, { ...request, reminder: reminderMessage(spaces, t, 'vi', range) })
 */
export function reminderMessage(
  spaces: SpacesContent,
  t: Translator,
  locale: Locale,
  range: { space_name: { vi: string; en: string }; start: string; end: string },
): Outbound {
  const vars = bookingVars(spaces, t, locale, range);
  return {
    text: t('booking.reminder', vars),
    buttons: [
      { label: t('booking.reminder.confirm'), payload: bookingPayloads.encode('confirm', '{booking_id}') },
      { label: t('booking.reminder.cancel'), payload: bookingPayloads.encode('cancel', '{booking_id}') },
    ],
  };
}

/** A free option offered after "full": a space and a start. */
export interface Option {
  space: string;
  start: string;
}

/**
 * "Full" with the nearest free alternatives as buttons `flow:<stepId>:<index>` (indices into the
 * returned options) plus "another day". Same day first, then the next open day, then other
 * spaces of the kind at the asked time.
 *
 * @example
 * const { message, options } = alternativesMessage(t, 'vi', 'book', 'room-a', intro, result.alternatives);
 */
export function alternativesMessage(
  t: Translator,
  locale: Locale,
  stepId: string,
  spaceId: string,
  intro: string,
  alternatives: Alternatives | undefined,
): { message: Outbound; options: Option[] } {
  const options: Option[] = [];
  const buttons: Button[] = [];
  const push = (option: Option, label: string) => {
    buttons.push({ label, payload: flowPayloads.encode(stepId, options.length) });
    options.push({ space: option.space, start: new Date(option.start).toISOString() });
  };
  const sameDay = [...(alternatives?.same_day ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  for (const s of sameDay) push({ space: spaceId, start: s.start }, t('booking.alt.same_day', { from: localTime(s.start), to: localTime(s.end) }));
  const nextDay = [...(alternatives?.next_day?.slots ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  for (const s of nextDay) {
    push(
      { space: spaceId, start: s.start },
      t('booking.alt.next_day', { day: dayLabel(t, localDay(s.start)), from: localTime(s.start), to: localTime(s.end) }),
    );
  }
  for (const o of alternatives?.other_spaces ?? []) {
    push({ space: o.space_id, start: o.start }, t('booking.alt.other_space', { space: o.name[locale], from: localTime(o.start), to: localTime(o.end) }));
  }
  buttons.push({ label: t('booking.full.other_day'), payload: flowPayloads.encode(stepId, 'day') });
  const text = `${intro}\n\n${options.length > 0 ? t('booking.full.alternatives') : t('booking.full.none')}`;
  return { message: { text, buttons }, options };
}
