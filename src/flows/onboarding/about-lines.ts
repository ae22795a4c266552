/**
 * The lines of `/me` that list what the founder did, under the count of each kind: their
 * bookings (upcoming, then past or cancelled, newest first), their programme applications with
 * the status, and their survey responses (finished or not, how many answers). Bookings come with
 * `contact_about` (the `about_bookings` area); applications and responses are read here
 * (`applications_of`, `survey_responses_of`).
 *
 * @example
 * const details = await activityDetails(turn, about.areas);
 * details['bookings.upcoming'] // ['   – MWXBSV · Phòng họp nhỏ · Thứ Tư 09/12, 09:00–10:00']
 */
import type { Turn } from '../../bot/turn.js';
import { formatDate } from '../parse/date.js';
import { dayLabel, localDay, localTime } from '../booking/time.js';
import { programme } from '../programmes/catalogue.js';
import { pick } from '../programmes/schema.js';
import { survey } from '../surveys/feature.js';

/** At most this many lines under one count; the rest are summed up in one line. */
export const MAX_LISTED = 10;

interface BookingLine {
  code: string;
  status: string;
  space_name: { vi: string; en: string };
  start: string;
  end: string;
}

interface ApplicationLine {
  id: number;
  programme_id: string;
  status: string;
  created_at: string;
}

interface ResponseLine {
  survey_id: string;
  started_at: string;
  completed_at: string | null;
  answers: number;
}

function bookingsOf(value: unknown): BookingLine[] {
  return Array.isArray(value) ? (value as BookingLine[]) : [];
}

/** The lines for a list, at most `MAX_LISTED`, then "… and n more". */
function capped(turn: Turn, lines: string[]): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [...lines.slice(0, MAX_LISTED), turn.t('onboarding.me.more', { n: lines.length - MAX_LISTED })];
}

function bookingLine(turn: Turn, b: BookingLine): string {
  return turn.t('onboarding.me.booking_item', {
    code: b.code,
    space: b.space_name[turn.locale] ?? b.space_name.vi,
    day: dayLabel(turn.t, localDay(b.start)),
    from: localTime(b.start),
    to: localTime(b.end),
    status: b.status === 'cancelled' ? turn.t('onboarding.me.booking_cancelled') : '',
  });
}

/**
 * The detail lines of `/me`, keyed `<area>.<entry>` like the count lines they go under.
 *
 * @example
 * await activityDetails(turn, { bookings: { upcoming: [], past: [] }, flows: { applications: 1, survey_responses: 0 } })
 */
export async function activityDetails(turn: Turn, areas: Record<string, unknown>): Promise<Record<string, string[]>> {
  const details: Record<string, string[]> = {};
  const bookings = (areas.bookings ?? {}) as Record<string, unknown>;
  for (const entry of ['upcoming', 'past']) {
    const lines = bookingsOf(bookings[entry]).map((b) => bookingLine(turn, b));
    if (lines.length > 0) details[`bookings.${entry}`] = capped(turn, lines);
  }
  const contactId = turn.contact?.id;
  const flows = (areas.flows ?? {}) as Record<string, unknown>;
  if (!contactId) return details;
  if (Number(flows.applications) > 0) {
    const rows = await turn.services.store.call<ApplicationLine[]>('applications_of', { contact_id: contactId });
    details['flows.applications'] = capped(turn, rows.map((r) => {
      const p = programme(turn.services, r.programme_id);
      return turn.t('onboarding.me.application_item', {
        programme: p ? pick(p.name, turn.locale) : r.programme_id,
        status: turn.t(`programmes.status.${r.status}`),
        date: formatDate(localDay(r.created_at)),
      });
    }));
  }
  if (Number(flows.survey_responses) > 0) {
    const rows = await turn.services.store.call<ResponseLine[]>('survey_responses_of', { contact_id: contactId });
    details['flows.survey_responses'] = capped(turn, rows.map((r) => {
      const s = survey(turn.services, r.survey_id);
      const vars = { survey: s ? pick(s.title, turn.locale) : r.survey_id, answers: r.answers };
      return r.completed_at
        ? turn.t('onboarding.me.survey_done', { ...vars, date: formatDate(localDay(r.completed_at)) })
        : turn.t('onboarding.me.survey_open', vars);
    }));
  }
  return details;
}
