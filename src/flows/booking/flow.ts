/**
 * The founder's booking flow on the flow engine: kind of space (or a specific one) → day
 * (buttons or typed "mai", "thứ 6", "25/12") → a free start time computed from the bookings →
 * a length → confirm → booking code and summary with the address. The same flow moves an
 * existing booking (answers `move`/`moveCode`): the database changes its time in place, only
 * when the new range can be held, and the booking keeps its code. When the time asked is taken,
 * the nearest free times the same day and the next open day (and other spaces of the kind) are
 * offered as buttons. A typed request ("mai 2h chiều 2 tiếng") arrives as `want`: each step takes
 * its part when it can be met and otherwise says why and asks.
 *
 * Steps that need the database are `act` steps that reply and wait (`{wait: true}`), reading
 * the founder's answer in `input`; their buttons are `flow:<step>:<value>` like the engine's.
 *
 * @example
 * await startFlow(turn, BOOKING_FLOW_ID);                                  // a new booking
 * await startFlow(turn, BOOKING_FLOW_ID, { space: 'hall' });               // straight to the day
 * await startFlow(turn, BOOKING_FLOW_ID, { move: 12, moveCode: 'K7QX2M', kind: 'hall', space: 'hall', fixedSpace: true });
 */
import { CONSENT_AGREE } from '../onboarding/payloads.js';
import type { Translator } from '../../content/messages.js';
import type { Button, Outbound } from '../../bot/outbound.js';
import type { Turn } from '../../bot/turn.js';
import { fold, foldWords } from '../../nlu/fold.js';
import { endFlow, HANDOFF_PAYLOAD, MISSES_BEFORE_OFFER, defineFlow, type ActOutcome, type FlowContext, type FlowDefinition } from '../engine/index.js';
import { addDays, parseDate } from '../parse/date.js';
import { parseYesNo } from '../parse/yesno.js';
import { peopleCount } from '../parse/people.js';
import { affirmation, goesAheadAfterNotCancelling, pickedNumber } from '../engine/typed.js';
import { alternatives as loadAlternatives, bookSpace, durations as loadDurations, freeSlots, moveBooking, upcomingBookings, type BookResult } from './bookings.js';
import { closedOn, kindsOffered, spaceById, spacesCatalog, spacesOfKind } from './catalog.js';
import { alternativesMessage, bookingVars, myBookingsMessage, reminderMessage, type Option } from './render.js';
import type { Space, SpacesContent } from './spaces.js';
import { flowPayloads } from '../engine/payloads.js';
import { bookingPayloads } from './payloads.js';
import { dayLabel, durationLabel, instantOf, lengthAmongFillers, localDay, localTime, minuteOfDay, parseClock, parseLength } from './time.js';
import { centreTimeZone } from '../../clock/time-zone.js';
import { findDuration, formatClock, normalizeForMatching, weekAhead, type TimeWindow } from '../../nlu/index.js';
import { understandTurn } from '../engine/understand.js';
import { closedTodayNotice, nextOpenDay } from './closed-today.js';
import { inWindow, laterStartsInWindow, nearestStarts, openingHours, opensDuring, sessionBounds, windowLabel } from './window.js';

export const BOOKING_FLOW_ID = 'booking';

/** Buttons shown for the days after today and tomorrow. */
const EXTRA_DAYS = 4;
/** More free starts than this are thinned to whole hours on buttons (typed times still work). */
const MAX_SLOT_BUTTONS = 12;

const KIND_ALIASES: Record<string, string[]> = {
  hot_desk: ['ban', 'ban lam viec', 'cho ngoi', 'cho lam viec', 'coworking', 'desk', 'hot desk', 'seat'],
  meeting_room: ['phong hop', 'phong', 'hop', 'meeting', 'room', 'meeting room'],
  hall: ['hoi truong', 'hoi thao', 'su kien', 'hall', 'event', 'auditorium'],
  quiet_room: ['thu vien', 'phong yen tinh', 'yen tinh', 'doc sach', 'library', 'quiet', 'quiet room'],
};
const MINE_ALIASES = ['lich cua toi', 'lich dat', 'lich da dat', 'xem lich', 'my bookings', 'bookings'];

/**
 * What the founder asked for in one message ("mai 2h chiều 2 tiếng"), read once by the step it
 * belongs to: a wish that can be met is taken without asking; one that cannot is said so, and
 * the step asks with the possible choices (or the nearest free alternatives).
 */
export interface BookingWish {
  date?: string;
  /** HH:MM, local. */
  start?: string;
  minutes?: number;
  /**
   * The part of the day asked ("chiều mai", "after 3pm"): the slot step offers only the starts
   * in it, or says none is free and offers the nearest. Kept until a start is taken, so another
   * day picked meanwhile is shown for the same part of the day.
   */
  window?: TimeWindow;
  /**
   * When the stay ends, "HH:MM" or "closing" ("đến 11h30", "until lunch", "until closing"): the
   * length step works the length out from the start taken, when no length was said.
   */
  end?: string;
  /** "tuần sau" / "next week" with no day: the days offered start on next week's Monday. */
  week?: string;
  /**
   * Other days asked in the same request ("từ thứ 2 đến thứ 6"): the flow books one day at a
   * time, says so once, and books the first.
   */
  otherDays?: string[];
  /** "cả ngày" / "all day" with no time: from the day's first free start until closing. */
  wholeDay?: boolean;
}

/** The booking's part of the conversation state: the booking just made, for "sai rồi, …" after it. */
export interface BookingState {
  last?: { code: string; at: string };
}

/** The founder's typed wishes, stored in the answers so later steps see what earlier ones add. */
function wish(ctx: FlowContext): BookingWish {
  const want = ctx.answers.want;
  if (want && typeof want === 'object') return want as BookingWish;
  const fresh: BookingWish = {};
  ctx.answers.want = fresh;
  return fresh;
}

/**
 * What a text typed at the day or slot step adds to the wish: a part of the day ("chiều",
 * "sau 3h") and, unless that time is a bound, an exact start ("thứ 6 2h chiều").
 */
function typedWish(ctx: FlowContext, text: string): { date?: string; start?: string; window?: TimeWindow; minutes?: number; end?: string } {
  const slots = text ? understandTurn(ctx.turn, text)?.slots : undefined;
  if (!slots) return {};
  const start = slots.start && !slots.window?.bound ? slots.start : undefined;
  return { date: weekKept(ctx, slots.date, text), start, window: slots.window, minutes: slots.minutes, end: slots.end };
}

// A weekday named alone ("chủ nhật", "thứ 3", "sunday"), folded words.
const WEEKDAY_NAMED = /(?:^| )(?:thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|t[2-7]|chu nhat|cn|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: |$)/;
// The week or the date said with it ("tuần này", "next week", "20/12"): taken as said.
const WEEK_SAID = /(?:^| )(?:tuan|week|weekend)(?: |$)|\d{1,2}\s*[/.-]\s*\d{1,2}/;

/**
 * A weekday typed alone while a day of a later week is being booked ("cuối tuần sau" → Thứ Bảy
 * 19/12, then "chủ nhật được hông"): that weekday of the same week (20/12), not of this week, as
 * the founder is still talking about that week. Any other date is kept as read.
 */
function weekKept(ctx: FlowContext, date: string | undefined, text: string): string | undefined {
  const day = ctx.answers.day;
  if (!date || typeof day !== 'string' || date === day) return date;
  const folded = foldWords(text);
  if (!WEEKDAY_NAMED.test(folded) || WEEK_SAID.test(folded)) return date;
  const weekday = (d: string) => (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const same = addDays(addDays(day, -weekday(day)), weekday(date));
  return same > date && same >= localDay(now(ctx)) ? same : date;
}

/** "đến 11:30" / "until 11:30", "đến giờ đóng cửa" / "until closing". */
function endLabel(t: Translator, end: string): string {
  return end === 'closing' ? t('booking.until_closing') : t('booking.until', { to: end });
}

/**
 * A day, time, part of the day or length typed while the flow asks something else (the kind of
 * space, the day): "à thôi đổi sang 3h chiều" before the space is chosen. Kept in the wish for
 * the step it belongs to, and said back as a note; undefined when the text names none of them.
 */
function amendWish(ctx: FlowContext, text: string): string | undefined {
  if (/^\s*\d{1,2}\s*$/.test(text)) return undefined; // a bare number picks a button
  const slots = understandTurn(ctx.turn, text)?.slots;
  if (!slots) return undefined;
  const { t } = ctx.turn;
  const want = wish(ctx);
  const said: string[] = [];
  if (slots.date) {
    want.date = slots.date;
    said.push(dayLabel(t, slots.date));
  }
  if (slots.window) {
    want.window = slots.window;
    if (!slots.start || slots.window.bound) said.push(windowLabel(t, slots.window));
  }
  if (slots.start && !slots.window?.bound) {
    want.start = slots.start;
    said.push(slots.start);
  }
  if (slots.end && !slots.minutes) {
    want.end = slots.end;
    said.push(endLabel(t, slots.end));
  }
  const minutes = slots.minutes ?? (said.length > 0 ? undefined : findDuration(normalizeForMatching(text)));
  if (minutes) {
    want.minutes = minutes;
    said.push(durationLabel(t, minutes));
  }
  return said.length > 0 ? t('booking.wish_noted', { wish: said.join(', ') }) : undefined;
}

interface BookingData {
  options?: Option[];
  slots?: string[];
  lengths?: number[];
  notice?: string;
  /**
   * How the free times now shown were asked (the shortest length, and the part of the day when the
   * list was narrowed to one), so `slotAsk` can ask it again in another language; absent while
   * alternatives of a taken time are shown.
   */
  timesAsked?: { minutes: number; window?: TimeWindow };
  /** The first day the day buttons offer ("tuần sau": next week's Monday); today when absent. */
  fromDay?: string;
  /** Another kind of space was just named ("đổi sang phòng họp"): said before the next question. */
  switched?: string;
  /** The day or time was just changed by a typed correction: the next question says it back. */
  changed?: boolean;
}

function data(ctx: FlowContext): BookingData {
  ctx.flow.data ??= {};
  return ctx.flow.data as BookingData;
}

/** This bot's spaces (the booking feature loaded them at start-up). */
function spacesOf(ctx: FlowContext): SpacesContent {
  return spacesCatalog(ctx.turn.services);
}

function now(ctx: FlowContext): Date {
  return ctx.turn.services.clock();
}

function currentSpace(ctx: FlowContext): Space {
  const space = spaceById(spacesOf(ctx), ctx.answers.space);
  if (!space) throw new Error(`booking: unknown space ${String(ctx.answers.space)}`);
  return space;
}

function moveId(ctx: FlowContext): number | undefined {
  return typeof ctx.answers.move === 'number' ? ctx.answers.move : undefined;
}

/** The database writes instants as "…+00:00"; the flow compares them as `toISOString()`. */
function iso(instant: string): string {
  return new Date(instant).toISOString();
}

function flowButton(step: string, value: string | number): string {
  return flowPayloads.encode(step, value);
}

/**
 * Prepends a pending notice (set by a later step sending the founder back here), and, once, that
 * the other days asked in the same request are booked one at a time.
 */
function withNotice(ctx: FlowContext, text: string): string {
  const d = data(ctx);
  const notices = [d.switched, oneDayAtATime(ctx), d.notice].filter((n): n is string => Boolean(n));
  delete d.notice;
  delete d.switched;
  return notices.length > 0 ? `${notices.join('\n\n')}\n\n${text}` : text;
}

/** "I book one day at a time: Monday first; Tuesday … Friday after", said once. */
function oneDayAtATime(ctx: FlowContext): string | undefined {
  const want = wish(ctx);
  const others = want.otherDays;
  if (!others?.length || typeof ctx.answers.day !== 'string') return undefined;
  delete want.otherDays;
  const { t } = ctx.turn;
  const limit = currentSpace(ctx).rules.max_upcoming;
  // More days than a founder may hold: said up front, with the days that cannot be held.
  if (others.length + 1 > limit) {
    return t('booking.one_day_at_a_time_over_limit', {
      first: dayLabel(t, ctx.answers.day),
      asked: others.length + 1,
      limit,
      next: others.slice(0, limit - 1).map((d) => dayLabel(t, d)).join(', '),
      left: others.slice(limit - 1).map((d) => dayLabel(t, d)).join(', '),
    });
  }
  return t('booking.one_day_at_a_time', {
    first: dayLabel(t, ctx.answers.day),
    others: others.map((d) => dayLabel(t, d)).join(', '),
    limit,
  });
}

/** A wrong answer to an act step: the hint and the question again; a person after three misses. */
function miss(ctx: FlowContext, hint: string, question: Outbound): ActOutcome {
  ctx.flow.misses += 1;
  const message: Outbound = { ...question, text: `${hint}\n\n${question.text}` };
  if (ctx.flow.misses >= MISSES_BEFORE_OFFER) {
    message.text = `${message.text}\n\n${ctx.turn.t('flows.offer_person')}`;
    message.buttons = [...(message.buttons ?? []), { label: ctx.turn.t('flows.staff_button'), payload: HANDOFF_PAYLOAD }];
  }
  ctx.turn.reply(message);
  return { wait: true };
}

function accepted(ctx: FlowContext, step: string): void {
  ctx.flow.misses = 0;
  if (!ctx.flow.history.includes(step)) ctx.flow.history.push(step);
}

// --- day -------------------------------------------------------------------------------------

function dayQuestion(ctx: FlowContext): Outbound {
  const { t, locale } = ctx.turn;
  const space = currentSpace(ctx);
  const today = localDay(now(ctx));
  const buttons: Button[] = [];
  const last = addDays(today, space.rules.horizon_days);
  const from = data(ctx).fromDay;
  const first = from && from > today ? Math.round((Date.parse(from) - Date.parse(today)) / 86_400_000) : 0;
  for (let i = first, shown = 0; shown < EXTRA_DAYS + 2 && i <= space.rules.horizon_days; i++) {
    const day = addDays(today, i);
    if (day > last || closedOn(spacesOf(ctx), space, day)) continue;
    if (i === 0 && tooLateToday(ctx, space, day)) continue;
    const label = i === 0 ? t('booking.day.today') : i === 1 ? t('booking.day.tomorrow') : dayLabel(t, day);
    buttons.push({ label, payload: flowButton('day', day) });
    shown++;
  }
  const intro = [space.name[locale]];
  if (space.description) intro.push(space.description[locale]);
  if (space.amenities.length) intro.push(t('booking.space.amenities', { list: space.amenities.map((a) => a[locale]).join(', ') }));
  const message: Outbound = { text: `${intro.join('\n')}\n\n${t('booking.day.prompt')}`, buttons };
  if (space.photo) message.links = [{ label: t('booking.photo_button'), url: space.photo }];
  return message;
}

/**
 * Whether today can no longer hold the shortest stay before closing: "Hôm nay" was offered at
 * 20:00, and pressing it got "fully booked (or the remaining hours have passed)".
 */
function tooLateToday(ctx: FlowContext, space: Space, day: string): boolean {
  const hours = openingHours(space, day);
  return !hours || minuteOfDay(now(ctx)) + space.rules.min_minutes > hours.close;
}

/** Why a day cannot be booked (the text to say), or undefined when it can. */
function dayProblem(ctx: FlowContext, day: string): string | undefined {
  const { t } = ctx.turn;
  const space = currentSpace(ctx);
  const today = localDay(now(ctx));
  const vars = { day: dayLabel(t, day), space: space.name[ctx.turn.locale] };
  if (day < today) return t('booking.day.past', vars);
  const last = addDays(today, space.rules.horizon_days);
  if (day > last) return t('booking.day.too_far', { days: space.rules.horizon_days, last: dayLabel(t, last) });
  // Today closed goes on to the times, which say so and offer the next open day's.
  if (closedOn(spacesOf(ctx), space, day) && day !== today) return t('booking.day.closed', vars);
  return undefined;
}

function dayRun(ctx: FlowContext): ActOutcome {
  ctx.flow.misses = 0;
  const want = wish(ctx);
  if (want.week) {
    data(ctx).fromDay = want.week;
    delete want.week;
  }
  if (want.date) {
    const day = want.date;
    delete want.date;
    const problem = dayProblem(ctx, day);
    if (!problem) {
      ctx.answers.day = day;
      accepted(ctx, 'day');
      return { goto: 'slot' };
    }
    data(ctx).notice = problem;
  }
  const question = dayQuestion(ctx);
  ctx.turn.reply({ ...question, text: withNotice(ctx, question.text) });
  return { wait: true };
}

async function dayInput(ctx: FlowContext, text: string, pressed: string | undefined): Promise<ActOutcome> {
  const { t } = ctx.turn;
  let day: string | undefined;
  const question = dayQuestion(ctx);
  // "cái thứ 2", "chọn ngày đầu tiên": the n-th day shown ("thứ 2" alone is Monday, read below).
  const picked = !pressed && text && !/^\s*\d/.test(text) ? pickedNumber(text, question.buttons?.length) : undefined;
  const pickedDay = picked === undefined ? undefined : question.buttons?.[picked - 1]?.payload;
  if (pressed && /^\d{4}-\d{2}-\d{2}$/.test(pressed)) day = pressed;
  else if (pickedDay) day = flowPayloads.decode(pickedDay)?.[1];
  else {
    const parsed = parseDate(text, { now: now(ctx), timeZone: centreTimeZone() });
    if (parsed.ok) day = parsed.value;
    else if (/^\s*\d{1,2}\s*$/.test(text)) {
      // A typed digit means the n-th day shown (platforms without buttons list them numbered).
      const shown = question.buttons?.[Number(text.trim()) - 1]?.payload;
      const picked = shown ? flowPayloads.decode(shown)?.[1] : undefined;
      if (picked) day = picked;
    }
  }
  if (!day && text) {
    // "tuần sau", "next week" with no day: next week's days.
    const week = weekAhead(text, { now: now(ctx), timeZone: centreTimeZone() });
    if (week && week !== data(ctx).fromDay) {
      data(ctx).fromDay = week;
      amendWish(ctx, text);
      ctx.flow.misses = 0;
      ctx.turn.reply(dayQuestion(ctx));
      return { wait: true };
    }
  }
  if (!day) {
    // "à thôi 3h chiều nhé" at "which day?": the time is kept for the slot step, the day asked again.
    const note = text ? amendWish(ctx, text) : undefined;
    if (note) {
      ctx.turn.reply({ ...question, text: `${note}\n\n${question.text}` });
      return { wait: true };
    }
    return miss(ctx, t('booking.day.hint'), question);
  }
  const problem = dayProblem(ctx, day);
  if (problem) return miss(ctx, problem, question);
  // "chiều thứ 6", "friday after 3pm", "thứ 6 2h chiều", "mai đi, 2h chiều, 3 tiếng": the time
  // asked goes to the slot step, the length or end to the length step.
  const typed = typedWish(ctx, text);
  if (typed.window) wish(ctx).window = typed.window;
  if (typed.window?.whole) wholePart(ctx, typed);
  if (typed.start) wish(ctx).start = typed.start;
  if (typed.minutes) wish(ctx).minutes = typed.minutes;
  else if (typed.end) wish(ctx).end = typed.end;
  ctx.answers.day = day;
  accepted(ctx, 'day');
  return { goto: 'slot' };
}

/**
 * "all morning", "cả buổi chiều" with no end or length of its own: the session's hours, not an
 * end or length kept from before ("until 11" said for another day gave 08:00–11:00).
 */
function wholePart(ctx: FlowContext, typed: { minutes?: number; end?: string }): void {
  const want = wish(ctx);
  if (!typed.minutes) delete want.minutes;
  if (!typed.end) delete want.end;
}

// --- slot ------------------------------------------------------------------------------------

async function slotRun(ctx: FlowContext): Promise<ActOutcome> {
  ctx.flow.misses = 0;
  const { t, locale } = ctx.turn;
  const space = currentSpace(ctx);
  const day = String(ctx.answers.day);
  const result = await freeSlots(ctx.turn.services.store, space.id, day, { now: now(ctx), exclude: moveId(ctx) });
  const vars = { day: dayLabel(t, day), space: space.name[locale] };
  if (result.closed || result.slots.length === 0) {
    // Today after closing (or closed all day): said so, and the next open day's times offered.
    const today = localDay(now(ctx));
    const next = day === today && (result.closed || tooLateToday(ctx, space, day)) ? nextOpenDay(spacesOf(ctx), space, today) : undefined;
    if (next) {
      data(ctx).notice = closedTodayNotice(t, locale, spacesOf(ctx), space, today, next);
      ctx.answers.day = next;
      // An exact time was asked for today; the next day's times are shown, the part of the day kept.
      delete wish(ctx).start;
      return slotRun(ctx);
    }
    data(ctx).notice = t(result.closed ? 'booking.day.closed' : 'booking.day.full', vars);
    return { goto: 'day' };
  }
  const starts = result.slots.map((s) => iso(s.start));
  data(ctx).slots = starts;
  data(ctx).options = starts.map((start) => ({ space: space.id, start }));
  const want = wish(ctx);
  // The wish holds "HH:MM" as read (24-hour): "01:00" is 1 a.m. ("1h sáng"), not 13:00 as a typed "1:00" would be.
  let wantedClock = want.start ? wishedClock(want.start) : undefined;
  delete want.start;
  if (wantedClock === undefined && want.wholeDay && !want.window) {
    // "hội trường ngày 31/12 cả ngày": the first free start, until closing (the length step caps it).
    wantedClock = minuteOfDay(starts[0]!);
    if (want.minutes === undefined) want.end ??= 'closing';
  }
  delete want.wholeDay;
  if (wantedClock === undefined && want.window?.whole) {
    // "cả buổi sáng", "all afternoon": from the session's first free start to its usual end.
    const session = want.window.part === 'morning' || want.window.part === 'afternoon' ? sessionBounds(space, day, want.window.part) : undefined;
    const first = session ? starts.find((s) => minuteOfDay(s) >= session.from && minuteOfDay(s) < session.to) : undefined;
    if (session && first) {
      wantedClock = minuteOfDay(first);
      if (want.minutes === undefined) want.end ??= formatClock(session.to);
    }
  }
  if (wantedClock !== undefined) {
    const start = instantOf(day, wantedClock);
    if (starts.includes(start)) {
      takeOption(ctx, { space: space.id, start });
      slotTaken(ctx);
      return { goto: 'length' };
    }
    const problem = outsideHours(space, day, wantedClock) ? 'outside_hours' : Date.parse(start) < now(ctx).getTime() ? 'past' : undefined;
    // Taken: the nearest free times (same day, next day, other rooms) as buttons.
    // A length the space does not allow is not what makes the time taken: the nearest times
    // are looked for at the nearest allowed length (the length step then names the rule).
    if (!problem) return offGrid(ctx, space, wantedClock) ?? fullAnswer(ctx, 'slot', space, start, allowedLength(space, want.minutes));
    data(ctx).notice = t(`booking.refused.${problem}`);
  } else if (want.window) {
    const window = want.window;
    const fitting = starts.filter((s) => inWindow(s, window));
    if (fitting.length === 0) return windowFull(ctx, space, day, starts, window, want.minutes ?? result.minutes);
    data(ctx).options = fitting.map((start) => ({ space: space.id, start }));
    data(ctx).timesAsked = { minutes: result.minutes, window };
    ctx.turn.reply(slotQuestion(ctx, withNotice(ctx, timesText(ctx, data(ctx).timesAsked!))));
    return { wait: true };
  }
  data(ctx).timesAsked = { minutes: result.minutes };
  ctx.turn.reply(slotQuestion(ctx, withNotice(ctx, timesText(ctx, data(ctx).timesAsked!))));
  return { wait: true };
}

/** Minutes since midnight of a wished "HH:MM" (24-hour, as the NLU writes it); else as typed. */
function wishedClock(hhmm: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : parseClock(hhmm);
}

/** "Free times of <space> on <day> (at least <min>)", narrowed to a part of the day when one was asked. */
function timesText(ctx: FlowContext, asked: NonNullable<BookingData['timesAsked']>): string {
  const { t, locale } = ctx.turn;
  const vars = { day: dayLabel(t, String(ctx.answers.day)), space: currentSpace(ctx).name[locale], min: durationLabel(t, asked.minutes) };
  return asked.window ? t('booking.slot.window_prompt', { ...vars, when: windowLabel(t, asked.window) }) : t('booking.slot.prompt', vars);
}

/** The free times asked again (in the turn's language), or undefined while alternatives are shown. */
function slotAsk(ctx: FlowContext): Outbound | undefined {
  const asked = data(ctx).timesAsked;
  return asked ? slotQuestion(ctx, timesText(ctx, asked)) : undefined;
}

/** A start was taken: the part of the day asked has done its job. */
function slotTaken(ctx: FlowContext): void {
  delete wish(ctx).window;
  accepted(ctx, 'slot');
}

/**
 * Nothing free in the part of the day asked: says so plainly and offers, as buttons, the other
 * free hours of that day closest to it and the same part of the day on the next open days.
 */
async function windowFull(ctx: FlowContext, space: Space, day: string, starts: string[], window: TimeWindow, minutes: number): Promise<ActOutcome> {
  const { t, locale } = ctx.turn;
  const when = windowLabel(t, window);
  const later = await laterStartsInWindow(ctx.turn.services.store, space, day, window, {
    lastDay: addDays(localDay(now(ctx)), space.rules.horizon_days),
    isClosed: (d) => closedOn(spacesOf(ctx), space, d),
    now: now(ctx),
    exclude: moveId(ctx),
  });
  const sameDay = nearestStarts(starts, window);
  const offered = [...sameDay, ...later];
  delete data(ctx).timesAsked;
  data(ctx).slots = starts;
  data(ctx).options = offered.map((start) => ({ space: space.id, start }));
  const vars = { space: space.name[locale], day: dayLabel(t, day), when };
  // Not a busy day but hours that never reach that part of the day ("tối nay" at a centre closing at 17:00): said so.
  const hours = openingHours(space, day);
  const none = hours && !opensDuring(space, day, window)
    ? t('booking.window.not_open', { ...vars, from: formatClock(hours.open), to: formatClock(hours.close) })
    : t('booking.window.none', vars);
  const more = t(`booking.window.${sameDay.length > 0 ? (later.length > 0 ? 'alternatives' : 'same_day_only') : later.length > 0 ? 'later_only' : 'no_alternatives'}`, { when });
  const question = slotQuestion(ctx, withNotice(ctx, `${none}\n\n${more}`), minutes);
  ctx.turn.reply(question);
  return { wait: true };
}

/** The start times offered as buttons (on the hour when there are many), with their index. */
function shownOptions(ctx: FlowContext): { o: Option; i: number }[] {
  const shown = (data(ctx).options ?? []).map((o, i) => ({ o, i }));
  // Thinned to whole hours, but the first free start stays (07:30 when the centre opens at 07:30).
  return shown.length > MAX_SLOT_BUTTONS ? shown.filter(({ o }, k) => k === 0 || minuteOfDay(o.start) % 60 === 0) : shown;
}

/**
 * The start times on offer as buttons. A start on another day (an alternative) shows its day and
 * range; when the offer is narrowed to a part of the day, "other times that day" and "another
 * day" buttons follow.
 */
function slotQuestion(ctx: FlowContext, text: string, minutes?: number): Outbound {
  const { t } = ctx.turn;
  const day = String(ctx.answers.day);
  const options = data(ctx).options ?? [];
  const narrowed = options.length !== (data(ctx).slots ?? []).length || options.some((o) => localDay(o.start) !== day);
  const buttons: Button[] = shownOptions(ctx).map(({ o, i }) => {
    if (!narrowed || minutes === undefined) {
      const when = localDay(o.start) === day ? localTime(o.start) : `${dayLabel(t, localDay(o.start))} ${localTime(o.start)}`;
      // An alternative in another space of the kind (after "full") names it.
      const other = o.space !== ctx.answers.space ? spaceById(spacesOf(ctx), o.space)?.name[ctx.turn.locale] : undefined;
      return { label: other ? `${when} · ${other}` : when, payload: flowButton('slot', i) };
    }
    const range = { from: localTime(o.start), to: localTime(new Date(Date.parse(o.start) + minutes * 60_000)) };
    const label = localDay(o.start) === day ? t('booking.alt.same_day', range) : t('booking.alt.next_day', { ...range, day: dayLabel(t, localDay(o.start)) });
    return { label, payload: flowButton('slot', i) };
  });
  if (narrowed) {
    if ((data(ctx).slots ?? []).length > 0) buttons.push({ label: t('booking.slot.all_times'), payload: flowButton('slot', 'all') });
    buttons.push({ label: t('booking.full.other_day'), payload: flowButton('slot', 'day') });
  }
  return { text, buttons };
}

/** Applies a picked option (a free start, maybe another day or space). */
function takeOption(ctx: FlowContext, option: Option): void {
  ctx.answers.space = option.space;
  ctx.answers.kind = spaceById(spacesOf(ctx), option.space)?.kind ?? ctx.answers.kind;
  ctx.answers.day = localDay(option.start);
  ctx.answers.start = option.start;
}

function pickOption(ctx: FlowContext, pressed: string | undefined): Option | undefined {
  if (pressed === undefined || !/^\d{1,3}$/.test(pressed)) return undefined;
  return data(ctx).options?.[Number(pressed)];
}

/**
 * A head count typed in the middle of a booking ("10 người", "nhóm mình 12 người", "we are 12
 * people") when the room chosen holds fewer: the smallest room that holds them, said to the
 * founder, and that room's times asked again with the day, time and length said so far kept.
 * With no room big enough the founder is told, the room is kept and the question asked again.
 * Undefined when the text names no count, the room holds it, the space has no head count (a
 * desk is booked per seat) or the space is fixed (a move keeps its space).
 */
function morePeople(ctx: FlowContext, text: string): ActOutcome | undefined {
  if (!text || ctx.answers.fixedSpace) return undefined;
  const people = peopleCount(text);
  const space = currentSpace(ctx);
  if (!people || !space.people || space.people >= people) return undefined;
  const { t, locale } = ctx.turn;
  const fitting = spacesOf(ctx).spaces.filter((s) => s.people && s.people >= people).sort((a, b) => a.people! - b.people!)[0];
  const vars = { asked: people, space: space.name[locale], people: space.people };
  if (!fitting) {
    data(ctx).notice = t('booking.people.none', vars);
    return { goto: ctx.flow.step };
  }
  data(ctx).notice = t('booking.people.bigger', { ...vars, other: fitting.name[locale] });
  const want = wish(ctx);
  if (typeof ctx.answers.start === 'string') want.start = localTime(ctx.answers.start);
  if (typeof ctx.answers.minutes === 'number') want.minutes = ctx.answers.minutes;
  ctx.answers.space = fitting.id;
  ctx.answers.kind = fitting.kind;
  delete ctx.answers.start;
  delete ctx.answers.minutes;
  return { goto: 'slot' };
}

// Words that change what is booked ("đổi sang", "switch to", "instead") (folded words).
const SWITCH_WORDS = /(?:^| )(?:doi|chuyen|thay|switch|change|instead|rather)(?: |$)/;
// Words that ask for it ("đặt thêm hội trường", "thôi lấy phòng họp", "book the hall") (folded words).
const WANT_WORDS = /(?:^| )(?:dat|book|sang|qua|lay|chon|thoi|muon|can|want|take)(?: |$)/;
// A question ("hội trường có máy chiếu không", "does the hall have a projector?") (folded words).
const QUESTION_END = /(?:^| )(?:khong|ko|k|hong|chua|nao|gi|bao nhieu|sao|the nao)(?: (?:a|ad|vay|z|nhi|nhe|ban|em))*$/;

/**
 * Whether a text naming another kind of space asks to book it, rather than asks about it: a change
 * ("đổi sang phòng họp"), a wish that is no question ("đặt thêm hội trường ngày 31/12"), or the
 * space's name alone.
 */
function asksForSpace(text: string): boolean {
  const folded = foldWords(text);
  if (SWITCH_WORDS.test(folded)) return true;
  if (text.includes('?') || QUESTION_END.test(folded)) return false;
  return WANT_WORDS.test(folded) || folded.split(' ').length <= 3;
}

/**
 * Another kind of space named in the middle of a booking ("thôi không, đổi sang phòng họp" at the
 * hall's confirmation, "đặt thêm hội trường ngày 31/12 cả ngày" while a meeting room's day is
 * asked): the booking goes on for that space, not the one chosen before (which got booked
 * although the founder said "not that"). The day and time said so far are kept, unless the text
 * names others, and go through the new space's day and time steps again, so its own horizon,
 * hours and lengths apply. Undefined when no other kind is named or the space is fixed (a move).
 */
function otherSpace(ctx: FlowContext, text: string): ActOutcome | undefined {
  if (!text || ctx.answers.fixedSpace) return undefined;
  const named = spaceById(spacesOf(ctx), understandTurn(ctx.turn, text)?.slots.space);
  const space = currentSpace(ctx);
  if (!named || named.kind === space.kind || !asksForSpace(text)) return undefined;
  const want = wish(ctx);
  const typed = typedWish(ctx, text);
  const timeSaid = Boolean(typed.start || typed.window || typed.minutes || typed.end || WHOLE_DAY.test(foldWords(text)));
  if (!timeSaid) {
    if (typeof ctx.answers.start === 'string') want.start ??= localTime(ctx.answers.start);
    if (typeof ctx.answers.minutes === 'number') want.minutes ??= ctx.answers.minutes;
  } else {
    for (const key of ['start', 'window', 'minutes', 'end', 'wholeDay'] as const) delete want[key];
    if (typed.window) want.window = typed.window;
    if (typed.start) want.start = typed.start;
    if (typed.minutes) want.minutes = typed.minutes;
    else if (typed.end) want.end = typed.end;
    if (!typed.start && !typed.minutes && !typed.end && WHOLE_DAY.test(foldWords(text))) want.wholeDay = true;
  }
  const day = typed.date ?? (typeof ctx.answers.day === 'string' ? ctx.answers.day : undefined);
  if (day) want.date = day;
  ctx.answers.space = named.id;
  ctx.answers.kind = named.kind;
  delete ctx.answers.day;
  delete ctx.answers.start;
  delete ctx.answers.minutes;
  delete data(ctx).fromDay;
  data(ctx).switched = ctx.turn.t('booking.space.switched', { space: named.name[ctx.turn.locale] });
  ctx.flow.misses = 0;
  return { goto: 'day' };
}

// A range typed at "when do you start?" whose first hour is bare ("9 to 11", "9-11", "9 đến 11"), folded.
const BARE_RANGE = /^(?:tu |from )?\d{1,2}(?:[:.h]\d{2})?\s*(?:h|g|gio)?\s*(?:-|–|to|till|until|den|toi)\s*\d{1,2}\b/;
// "hôm đó còn giờ nào trống", "còn trống giờ nào", "what times are free" (folded words).
const FREE_TIMES = /(?:^| )(?:gio nao (?:con )?trong|con (?:gio|slot|khung gio|luc) nao|con trong (?:gio|luc|khung gio) nao|trong (?:gio|luc) nao|nhung gio nao|khung gio nao|what times?|which times?|free times?|other times?|times? (?:are|is) free|when (?:is|are) (?:it|they) free)(?: |$)/;

/**
 * A range typed at the start question ("9 to 11"): the NLU reads a bare first hour only after
 * "từ" / "from", so the range is read with it, and the start and the end (or length) are kept.
 */
function bareRange(ctx: FlowContext, text: string): ActOutcome | undefined {
  const folded = fold(text).trim();
  if (!BARE_RANGE.test(folded)) return undefined;
  let slots = understandTurn(ctx.turn, /^(?:tu|from) /.test(folded) ? text : `${/(?:to|till|until)/.test(folded) ? 'from' : 'từ'} ${text}`)?.slots;
  if (!slots?.start || (!slots.end && !slots.minutes)) {
    // "9-11" reads as a date (9 November) to the NLU; at the start question it is two hours.
    const hours = /^(?:tu |from )?(\d{1,2})\s*(?:h|g|gio)?\s*(?:-|–)\s*(\d{1,2})\s*(?:h|g|gio)?$/.exec(folded);
    const from = hours ? parseClock(`${hours[1]}h`) : undefined;
    const to = hours ? parseClock(`${hours[2]}h`) : undefined;
    if (from === undefined || to === undefined || to <= from) return undefined;
    slots = { start: formatClock(from), end: formatClock(to) };
  }
  const want = wish(ctx);
  want.start = slots.start;
  delete want.window;
  if (slots.minutes) want.minutes = slots.minutes;
  else if (slots.end) {
    want.end = slots.end;
    delete want.minutes;
  }
  return { goto: 'slot' };
}

async function slotInput(ctx: FlowContext, text: string, pressed: string | undefined): Promise<ActOutcome> {
  const { t, locale } = ctx.turn;
  const bigger = pressed ? undefined : morePeople(ctx, text);
  if (bigger) return bigger;
  if (!pressed && text) {
    const range = bareRange(ctx, text);
    if (range) return range;
    // "hôm đó còn giờ nào trống" after "full": that day's free times again, all of them.
    if (FREE_TIMES.test(foldWords(text))) {
      const typed = typedWish(ctx, text);
      const want = wish(ctx);
      delete want.start;
      delete want.window;
      if (typed.window) want.window = typed.window;
      if (typed.date && typed.date !== ctx.answers.day) {
        want.date = typed.date;
        return { goto: 'day' };
      }
      return { goto: 'slot' };
    }
  }
  // "từ 2h đến 5h", "9h 2 tiếng", "10am for 2 hours": the length said with the time is kept for
  // its step, which then does not ask it again.
  const minutes = text && !/^\s*\d{1,2}\s*$/.test(text) ? understandTurn(ctx.turn, text)?.slots.minutes : undefined;
  if (minutes) wish(ctx).minutes = minutes;
  if (pressed === 'day') return { goto: 'day' };
  if (pressed === 'all') {
    delete wish(ctx).window;
    return { goto: 'slot' };
  }
  let option = pickOption(ctx, pressed);
  const space = currentSpace(ctx);
  const day = String(ctx.answers.day);
  if (!option && text && !/^\s*\d/.test(text)) {
    // "chọn cái thứ 3", "cái đầu tiên": the n-th time shown.
    const picked = pickedNumber(text, shownOptions(ctx).length);
    if (picked !== undefined) option = shownOptions(ctx)[picked - 1]?.o;
  }
  if (!option && text) {
    const typed = foldWords(text);
    const clock = parseClock(text);
    const number = /^\d{1,2}$/.test(typed) ? Number(typed) : undefined;
    const starts = data(ctx).slots ?? [];
    if (clock !== undefined && (number === undefined || starts.includes(instantOf(day, clock)))) {
      const start = instantOf(day, clock);
      if (!starts.includes(start)) {
        // Only a time the centre is open for, still ahead, is "full"; anything else is re-asked.
        const problem = outsideHours(space, day, clock) ? 'outside_hours' : Date.parse(start) < now(ctx).getTime() ? 'past' : undefined;
        if (!problem) return offGrid(ctx, space, clock) ?? fullAnswer(ctx, 'slot', space, start, space.rules.min_minutes);
        return miss(ctx, t(`booking.refused.${problem}`), slotQuestion(ctx, t('booking.slot.prompt', {
          day: dayLabel(t, day), space: space.name[locale], min: durationLabel(t, space.rules.min_minutes),
        })));
      }
      option = { space: space.id, start };
    } else if (number !== undefined) {
      // A typed digit means the n-th button shown (platforms without buttons list them numbered).
      option = shownOptions(ctx)[number - 1]?.o;
    } else {
      // "buổi chiều", "sau 3h", "thứ 6 buổi sáng", "mai lúc 10h": another part of the day, another day, a time in a sentence.
      const typed = typedWish(ctx, text);
      if (!typed.start && WHOLE_DAY.test(foldWords(text)) && starts.length > 0) {
        // "cả ngày luôn á", "all day": from the first free start to closing (the length step caps it at the most allowed).
        wish(ctx).start = localTime(starts[0]!);
        wish(ctx).end = 'closing';
        delete wish(ctx).minutes;
        return { goto: 'slot' };
      }
      if (typed.window) wish(ctx).window = typed.window;
      if (typed.window?.whole) wholePart(ctx, typed);
      if (typed.start) wish(ctx).start = typed.start;
      if (typed.end && !typed.minutes) wish(ctx).end = typed.end;
      if (typed.date && typed.date !== day) {
        wish(ctx).date = typed.date;
        return { goto: 'day' };
      }
      if (typed.window || typed.start) return { goto: 'slot' };
    }
  }
  const question = () => slotQuestion(ctx, t('booking.slot.prompt', {
    day: dayLabel(t, day), space: space.name[locale], min: durationLabel(t, space.rules.min_minutes),
  }));
  if (!option && text) {
    // "3 tiếng", "3 hours" at "when do you start?": the length is kept for its step, the time asked again.
    const note = amendWish(ctx, text);
    if (note) {
      const asked = question();
      ctx.turn.reply({ ...asked, text: `${note}\n\n${asked.text}` });
      return { wait: true };
    }
  }
  if (!option) return miss(ctx, t('booking.slot.hint'), question());
  takeOption(ctx, option);
  slotTaken(ctx);
  return { goto: 'length' };
}

/**
 * A start off the space's grid ("10 giờ kém 15", 09:45, where bookings start every 30 minutes):
 * not "full", which would be untrue, but the grid said and the free starts either side offered.
 * Undefined when the time is on the grid or neither neighbour is free (then the nearest free
 * times are offered as for a taken time).
 */
function offGrid(ctx: FlowContext, space: Space, clock: number): ActOutcome | undefined {
  const step = space.rules.slot_minutes;
  if (clock % step === 0) return undefined;
  const below = clock - (clock % step);
  const near = (data(ctx).slots ?? []).filter((s) => minuteOfDay(s) === below || minuteOfDay(s) === below + step);
  if (near.length === 0) return undefined;
  data(ctx).options = near.map((start) => ({ space: space.id, start }));
  delete data(ctx).timesAsked;
  const { t } = ctx.turn;
  ctx.turn.reply(slotQuestion(ctx, t('booking.slot.off_grid', { step, asked: formatClock(clock), near: near.map((s) => localTime(s)).join(', ') })));
  return { wait: true };
}

/** Whether a stay of the shortest length from `minute` (local) falls outside the day's hours. */
function outsideHours(space: Space, day: string, minute: number): boolean {
  const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
  const hours = space.rules.hours[weekday];
  if (hours === 'closed') return true;
  const [open, close] = hours.split('-').map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) as [number, number];
  return minute < open || minute + space.rules.min_minutes > close;
}

/** "Full" with alternatives as buttons of `step`; waits on that step. */
async function fullAnswer(ctx: FlowContext, step: string, space: Space, start: string, minutes: number, result?: BookResult): Promise<ActOutcome> {
  const { t, locale } = ctx.turn;
  const alternatives =
    result && !result.ok && result.alternatives
      ? result.alternatives
      : await loadAlternatives(ctx.turn.services.store, space.id, start, minutes, now(ctx));
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  const intro = t('booking.full', bookingVars(spacesOf(ctx), t, locale, { space_name: space.name, start, end }));
  const { message, options } = alternativesMessage(t, locale, step, space.id, intro, alternatives);
  data(ctx).options = options;
  delete data(ctx).timesAsked;
  if (step === 'slot') data(ctx).slots = [];
  ctx.turn.reply(message);
  return { wait: true };
}

// --- length ----------------------------------------------------------------------------------

/** `minutes` (the space's least when none) brought within the space's least and most length. */
function allowedLength(space: Space, minutes?: number): number {
  const { min_minutes: least, max_minutes: most } = space.rules;
  return Math.min(Math.max(minutes ?? least, least), most);
}

async function lengthRun(ctx: FlowContext): Promise<ActOutcome> {
  ctx.flow.misses = 0;
  const { t } = ctx.turn;
  const space = currentSpace(ctx);
  const start = String(ctx.answers.start);
  const lengths = await loadDurations(ctx.turn.services.store, space.id, start, { now: now(ctx), exclude: moveId(ctx) });
  if (lengths.length === 0) {
    // Taken (or passed) since the times were listed: offer what is free now.
    return fullAnswer(ctx, 'slot', space, start, space.rules.min_minutes);
  }
  data(ctx).lengths = lengths;
  const want = wish(ctx);
  let wanted = want.minutes;
  const end = want.end;
  delete want.minutes;
  delete want.end;
  const untilEnd = wanted === undefined && end !== undefined ? lengthUntil(ctx, end) : undefined;
  if (untilEnd !== undefined) {
    // "mai 9h đến trưa", "cả buổi sáng": the length from the start to the end asked.
    if (typeof untilEnd === 'number') wanted = untilEnd;
    else data(ctx).notice = untilEnd.problem;
  }
  if (wanted !== undefined) {
    // An end ("cả ngày": until closing) is cut to what fits; a length said ("6 tiếng") is asked again with the rule.
    const cut = typeof untilEnd === 'number' ? fittedToMost(ctx, wanted) : undefined;
    const fitted = lengths.includes(wanted) ? undefined : (fittedToClosing(ctx, wanted) ?? cut);
    if (fitted) data(ctx).notice = fitted.notice;
    const taken = fitted?.minutes ?? wanted;
    if (lengths.includes(taken)) {
      delete data(ctx).changed;
      ctx.answers.minutes = taken;
      accepted(ctx, 'length');
      return { goto: 'confirm' };
    }
    data(ctx).notice = lengthProblem(ctx, wanted);
  }
  ctx.turn.reply(lengthQuestion(ctx, withNotice(ctx, lengthPrompt(ctx))));
  return { wait: true };
}

/**
 * "How long (from 14:00)?", or after a typed change of the day or time "OK, Friday 11/12 at
 * 14:00 — for how long?": the founder sees the change was taken.
 */
function lengthPrompt(ctx: FlowContext): string {
  const { t } = ctx.turn;
  const start = String(ctx.answers.start);
  if (!data(ctx).changed) return t('booking.duration.prompt', { from: localTime(start) });
  delete data(ctx).changed;
  return t('booking.duration.prompt_changed', { day: dayLabel(t, localDay(start)), from: localTime(start) });
}

/**
 * Why a length cannot be booked from the start taken: under the space's least or over its most
 * (not about the hours or other bookings), else past closing time or taken.
 */
function lengthProblem(ctx: FlowContext, wanted: number): string {
  const { t } = ctx.turn;
  const { min_minutes: least, max_minutes: most } = currentSpace(ctx).rules;
  if (wanted < least) return t('booking.duration.too_short', { length: durationLabel(t, wanted), min: durationLabel(t, least) });
  if (wanted > most) return t('booking.duration.too_long', { length: durationLabel(t, wanted), max: durationLabel(t, most) });
  const closing = pastClosing(ctx, wanted);
  if (closing) return t('booking.duration.past_closing', closing.vars);
  return t('booking.duration.not_possible', { length: durationLabel(t, wanted), from: localTime(String(ctx.answers.start)) });
}

/**
 * When `wanted` from the start taken runs past the day's closing time: what to tell the founder
 * (the day, the space, its hours, the longest stay to closing) and that longest stay.
 */
function pastClosing(ctx: FlowContext, wanted: number): { toClose: number; vars: Record<string, string> } | undefined {
  const { t, locale } = ctx.turn;
  const space = currentSpace(ctx);
  const start = String(ctx.answers.start);
  const hours = openingHours(space, localDay(start));
  const from = minuteOfDay(start);
  if (!hours || from + wanted <= hours.close) return undefined;
  const toClose = hours.close - from;
  return {
    toClose,
    vars: {
      day: dayLabel(t, localDay(start)), space: space.name[locale], open: formatClock(hours.open), close: formatClock(hours.close),
      from: localTime(start), to: formatClock(from + wanted), length: durationLabel(t, wanted), longest: durationLabel(t, toClose),
    },
  };
}

/** A stay asked ("cả ngày", "10 tiếng") longer than the space allows: its most, said so. */
function fittedToMost(ctx: FlowContext, wanted: number): { minutes: number; notice: string } | undefined {
  const most = currentSpace(ctx).rules.max_minutes;
  if (wanted <= most || !(data(ctx).lengths ?? []).includes(most)) return undefined;
  const { t } = ctx.turn;
  const start = String(ctx.answers.start);
  return {
    minutes: most,
    notice: t('booking.duration.fitted_to_most', {
      length: durationLabel(t, wanted), max: durationLabel(t, most), from: localTime(start), to: formatClock(minuteOfDay(start) + most),
    }),
  };
}

/**
 * A stay asked with the request ("8am to noon", "từ 8h 4 tiếng") that runs past closing time: the
 * part up to closing, when that can be booked, with the hours said ("the hall is open 08:00–11:30
 * on Saturday, so 08:00–11:30"), rather than asking the length again without a reason.
 */
function fittedToClosing(ctx: FlowContext, wanted: number): { minutes: number; notice: string } | undefined {
  // Longer than the space allows and past closing ("10h đến 7h tối"): the closing time is said, when the stay to it is allowed.
  const closing = pastClosing(ctx, wanted);
  if (wanted > currentSpace(ctx).rules.max_minutes && (!closing || closing.toClose > currentSpace(ctx).rules.max_minutes)) return undefined;
  if (!closing || !(data(ctx).lengths ?? []).includes(closing.toClose)) return undefined;
  return { minutes: closing.toClose, notice: ctx.turn.t('booking.duration.fitted_to_closing', closing.vars) };
}

/**
 * The minutes from the start taken to an end ("HH:MM", or "closing": the day's closing time), or
 * why there are none (an end at or before the start: "đến 8h" from 09:00).
 */
function lengthUntil(ctx: FlowContext, end: string): number | { problem: string } {
  const { t } = ctx.turn;
  const start = String(ctx.answers.start);
  const from = minuteOfDay(start);
  const until = end === 'closing' ? openingHours(currentSpace(ctx), localDay(start))?.close : parseClock(end);
  if (until !== undefined && until > from) return until - from;
  return { problem: t('booking.duration.end_before', { to: until === undefined ? end : formatClock(until), from: localTime(start) }) };
}

/** How long, asked again (in the turn's language) with the lengths kept. */
function lengthAsk(ctx: FlowContext): Outbound {
  return lengthQuestion(ctx, ctx.turn.t('booking.duration.prompt', { from: localTime(String(ctx.answers.start)) }));
}

function lengthQuestion(ctx: FlowContext, text: string): Outbound {
  return {
    text,
    buttons: (data(ctx).lengths ?? []).map((m) => ({ label: durationLabel(ctx.turn.t, m), payload: flowButton('length', m) })),
  };
}

/** Words for "the whole day" (folded), read at the length question. */
export const WHOLE_DAY = /(^| )(ca ngay|het ngay|suot ngay|tron ngay|nguyen ngay|all day|full day|whole day|the whole day)( |$)/;

/**
 * What a text typed at "how long?" says of the end of the stay, as a length from the start taken:
 * "đến 11h30", "until lunch", "until closing" (the end), "cả buổi sáng", "all afternoon" (the
 * session, to its usual end). `{problem}` when the end is not after the start; `{elsewhere}` when
 * the part of the day asked is not the start's ("cả buổi sáng" from 14:00: a new start);
 * undefined when it says neither.
 */
function typedEnd(ctx: FlowContext, text: string): number | { problem: string } | { elsewhere: { from: number; to: number } } | undefined {
  const slots = understandTurn(ctx.turn, text)?.slots;
  if (!slots || slots.start || slots.minutes) return undefined;
  if (slots.date && slots.date !== ctx.answers.day) return undefined;
  if (slots.end) return lengthUntil(ctx, slots.end);
  const part = slots.window?.whole ? slots.window.part : undefined;
  if (part !== 'morning' && part !== 'afternoon') return undefined;
  const start = String(ctx.answers.start);
  const session = sessionBounds(currentSpace(ctx), localDay(start), part);
  if (!session) return undefined;
  const from = minuteOfDay(start);
  // A start earlier in the same part of the day (07:30 for "cả buổi sáng") runs to the session's end.
  const partStart = part === 'afternoon' ? 12 * 60 : 0;
  if (from >= partStart && from < session.to) return session.to - from;
  return { elsewhere: session };
}

async function lengthInput(ctx: FlowContext, text: string, pressed: string | undefined): Promise<ActOutcome> {
  const { t } = ctx.turn;
  const bigger = pressed ? undefined : morePeople(ctx, text);
  if (bigger) return bigger;
  const lengths = data(ctx).lengths ?? [];
  const question = () => lengthQuestion(ctx, t('booking.duration.prompt', { from: localTime(String(ctx.answers.start)) }));
  let minutes: number | undefined;
  if (pressed && /^\d+$/.test(pressed)) minutes = Number(pressed);
  else if (text) {
    const bare = parseLength(text) ?? lengthAmongFillers(text);
    // "từ 8h đến 11h30", "start 9am, end 12pm", "friday": another start or day (with its length
    // or end) goes back through the day and time; "2h" alone stays a length.
    if (bare === undefined && startOrDayChanged(ctx, text)) {
      const changed = correction(ctx, text);
      if (changed) return changed;
    }
    // "2 tiếng", else a length inside a sentence ("tầm 2 tiếng nha", "khoảng 90 phút thôi").
    minutes = bare ?? findDuration(normalizeForMatching(text));
    // "2" typed on a numbered list means the second button when it is not a length on offer.
    const n = /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : undefined;
    if (n !== undefined && minutes !== undefined && !lengths.includes(minutes)) minutes = lengths[n - 1];
    // "cái thứ 2", "cái cuối": the n-th length shown.
    const picked = minutes === undefined && !/^\s*\d/.test(text) ? pickedNumber(text, lengths.length) : undefined;
    if (picked !== undefined) minutes = lengths[picked - 1];
    // "cả ngày", "hết ngày luôn", "all day": the longest stay on offer from that start.
    if (minutes === undefined && lengths.length > 0 && WHOLE_DAY.test(foldWords(text))) minutes = Math.max(...lengths);
    // "đến 11h30", "until lunch", "cả buổi sáng": an end, not a new start.
    const ending = minutes === undefined ? typedEnd(ctx, text) : undefined;
    if (typeof ending === 'number') {
      if (!lengths.includes(ending)) return miss(ctx, lengthProblem(ctx, ending), question());
      minutes = ending;
    } else if (ending && 'problem' in ending) return miss(ctx, ending.problem, question());
    else if (ending) {
      // "cả buổi sáng" from 14:00: the morning session of the same day instead.
      const want = wish(ctx);
      want.date = String(ctx.answers.day);
      want.start = formatClock(ending.elsewhere.from);
      want.end = formatClock(ending.elsewhere.to);
      data(ctx).changed = true;
      return { goto: 'day' };
    }
  }
  // "à đổi sang 3h chiều", "thôi đổi sang thứ 6" at "how long?": back through the day and time with it.
  const changed = minutes === undefined && text ? correction(ctx, text) : undefined;
  if (changed) return changed;
  // "4 tiếng" where 4 hours cannot be had: why (the rule, closing time, a booking after), not the generic hint.
  if (minutes !== undefined && !lengths.includes(minutes)) return miss(ctx, lengthProblem(ctx, minutes), question());
  if (minutes === undefined) return miss(ctx, t('booking.duration.hint'), question());
  ctx.answers.minutes = minutes;
  accepted(ctx, 'length');
  return { goto: 'confirm' };
}

/** Whether a text names a start or a day other than the ones taken (a change, not a length). */
function startOrDayChanged(ctx: FlowContext, text: string): boolean {
  const slots = understandTurn(ctx.turn, text)?.slots;
  if (!slots) return false;
  const start = slots.start && !slots.window?.bound ? slots.start : undefined;
  return Boolean((start && start !== localTime(String(ctx.answers.start))) || (slots.date && slots.date !== ctx.answers.day));
}

// --- confirm and book ------------------------------------------------------------------------

function rangeOf(ctx: FlowContext): { space_name: Space['name']; start: string; end: string } {
  const start = String(ctx.answers.start);
  const end = new Date(Date.parse(start) + Number(ctx.answers.minutes) * 60_000).toISOString();
  return { space_name: currentSpace(ctx).name, start, end };
}

function confirmQuestion(ctx: FlowContext): Outbound {
  const { t, locale } = ctx.turn;
  const vars = { ...bookingVars(spacesOf(ctx), t, locale, rangeOf(ctx)), length: durationLabel(t, Number(ctx.answers.minutes)) };
  const moving = moveId(ctx) !== undefined;
  return {
    text: moving ? t('booking.confirm.move_summary', { ...vars, code: String(ctx.answers.moveCode ?? '') }) : t('booking.confirm.summary', vars),
    buttons: [
      { label: t(moving ? 'booking.confirm.move_yes' : 'booking.confirm.yes'), payload: flowButton('confirm', 'yes') },
      { label: t('booking.confirm.other_time'), payload: flowButton('confirm', 'other') },
      { label: t('booking.confirm.cancel'), payload: flowButton('_', 'cancel') },
    ],
  };
}

const BOOK_WORDS = new Set(['dat', 'dat cho', 'dat luon', 'dat di', 'dat tiep', 'tiep', 'tiep tuc', 'lam di', 'xac nhan', 'book', 'book it', 'confirm', 'go', 'go ahead', 'do it', 'proceed', 'doi', 'doi lich', 'doi di', 'doi luon', 'move', 'move it', 'move it please']);
const OTHER_WORDS = new Set(['gio khac', 'chon gio khac', 'doi gio', 'another time', 'other time', 'change time']);
// "yes move it", "ok book it", "ừ đổi đi", "vâng đặt luôn ạ": a yes before the button's words, particles after.
const YES_BEFORE = /^(?:yes|yeah|yep|yup|ok|okay|oke|sure|please|pls|vang|da|u|uh|um|co|dung roi|dung|duoc|dc|roi)(?: (?:yes|ok|okay|please|pls|vang|da|u|roi))* /;
const PARTICLES_AFTER = / (?:nhe|nha|a|di|luon|please|pls|thanks|thank you|giup minh|giup em|now)$/;

/** The confirmation's words with a yes before them and particles after taken away ("yes move it" → "move it"). */
function bookWords(folded: string): boolean {
  let words = folded;
  for (let i = 0; i < 3 && PARTICLES_AFTER.test(words); i++) words = words.replace(PARTICLES_AFTER, '');
  return BOOK_WORDS.has(words) || BOOK_WORDS.has(words.replace(YES_BEFORE, ''));
}

/**
 * A change typed at the confirmation ("actually make it 2 hours", "không, 3h chiều nhé", "thứ 6
 * được không"): the flow goes back through the day, time and length with what was said and
 * keeps the rest (a new day keeps the time, a new time the day, both the length), so the
 * founder sees the new summary, or why not and what is free, rather than the same question.
 * An end alone ("đến 12h", "until lunch") keeps the day and start and sets the length.
 */
function correction(ctx: FlowContext, text: string): ActOutcome | undefined {
  const understood = understandTurn(ctx.turn, text)?.slots ?? {};
  const slots = { ...understood, date: weekKept(ctx, understood.date, text) };
  const minutes = slots.minutes ?? findDuration(normalizeForMatching(text));
  const want = wish(ctx);
  if (slots.date || slots.start || slots.window) {
    want.date = slots.date ?? String(ctx.answers.day);
    if (slots.start && !slots.window?.bound) want.start = slots.start;
    else if (!slots.window) want.start = localTime(String(ctx.answers.start));
    if (slots.window) want.window = slots.window;
    // At the length question there is no length yet: the new time is kept, the length asked.
    // A whole part of the day ("cả buổi chiều") brings its own end.
    const kept = minutes ?? (ctx.answers.minutes === undefined || slots.window?.whole ? undefined : Number(ctx.answers.minutes));
    if (kept !== undefined) want.minutes = kept;
    else if (slots.end) want.end = slots.end;
    data(ctx).changed = true;
    return { goto: 'day' };
  }
  if (minutes === undefined && slots.end) {
    want.end = slots.end;
    return { goto: 'length' };
  }
  if (minutes === undefined) return undefined;
  want.minutes = minutes;
  return { goto: 'length' };
}

/** The summary, after a pending notice ("the meeting room holds 8, so I picked the hall"). */
function confirmRun(ctx: FlowContext): ActOutcome {
  ctx.flow.misses = 0;
  delete data(ctx).changed; // the summary shows the new day and time
  const question = confirmQuestion(ctx);
  ctx.turn.reply({ ...question, text: withNotice(ctx, question.text ?? '') });
  return { wait: true };
}

// A thumbs-up or OK sign alone ("👍", "👌🏻") at the confirmation: yes.
const YES_EMOJI = /^\s*(?:(?:\u{1F44D}|\u{1F44C}|\u{2705}|\u{1F197})[\u{1F3FB}-\u{1F3FF}\u{FE0F}]*\s*)+$/u;

async function confirmInput(ctx: FlowContext, text: string, pressed: string | undefined): Promise<ActOutcome> {
  const bigger = pressed ? undefined : morePeople(ctx, text);
  if (bigger) return bigger;
  let choice = pressed;
  if (!choice && text && YES_EMOJI.test(text)) choice = 'yes';
  if (!choice && text) {
    // "okk", "okkk": ok stretched.
    const folded = foldWords(text).replace(/(^| )okk+(?= |$)/g, '$1ok');
    if (bookWords(folded) || goesAheadAfterNotCancelling(text)) choice = 'yes'; // "yes move it", "không hủy đâu, đặt đi"
    else if (OTHER_WORDS.has(folded)) choice = 'other';
    else if (/^[12]$/.test(folded)) choice = folded === '1' ? 'yes' : 'other';
    else {
      const changed = correction(ctx, text);
      if (changed) return changed;
      const yesNo = parseYesNo(folded);
      if (yesNo.ok) choice = yesNo.value ? 'yes' : 'other';
      else {
        const said = affirmation(text); // "ok đặt luôn", "đúng rồi"
        if (said) choice = said === 'yes' ? 'yes' : 'other';
      }
    }
  }
  if (choice === 'yes') {
    accepted(ctx, 'confirm');
    return { goto: 'book' };
  }
  if (choice === 'other') return { goto: 'slot' };
  // The hint names the button shown: "Move it" when moving a booking, "Book it" otherwise.
  return miss(ctx, ctx.turn.t(moveId(ctx) !== undefined ? 'booking.confirm.move_hint' : 'booking.confirm.hint'), confirmQuestion(ctx));
}

async function bookRun(ctx: FlowContext): Promise<ActOutcome> {
  const { turn } = ctx;
  const { t, locale } = turn;
  const space = currentSpace(ctx);
  const range = rangeOf(ctx);
  const minutes = Number(ctx.answers.minutes);
  const contactId = turn.conversation.contactId ?? turn.contact?.id;
  if (contactId == null) throw new Error('booking: a booking needs a contact');
  if (!turn.contact?.consentedAt) {
    // Nothing personal is stored before consent (the gate should have stopped this earlier).
    turn.reply({ text: t('intents.needs_consent'), buttons: [{ label: t('onboarding.agree'), payload: CONSENT_AGREE }] });
    return { end: true };
  }
  const common = {
    start: range.start,
    minutes,
    // A retried turn (same inbox event) gets the booking it already made.
    requestKey: `inbox:${turn.inboxId}`,
    reminder: reminderMessage(spacesOf(ctx), t, locale, range),
    reminderMinutes: turn.services.config.BOOKING_REMINDER_MINUTES,
    now: now(ctx),
  };
  const moving = moveId(ctx);
  const result =
    moving !== undefined
      ? await moveBooking(turn.services.store, { ...common, bookingId: moving, contactId, spaceId: space.id })
      : await bookSpace(turn.services.store, { ...common, spaceId: space.id, contactId, conversationId: turn.conversation.id });
  if (result.ok) {
    const vars = bookingVars(spacesOf(ctx), t, locale, result.booking);
    const lead = durationLabel(t, turn.services.config.BOOKING_REMINDER_MINUTES);
    const message: Outbound = {
      text: moving !== undefined ? movedText(t, vars, result.previous ?? String(ctx.answers.moveCode ?? '')) : t('booking.done', { ...vars, lead }),
    };
    const map = spacesOf(ctx).centre.mapUrl;
    if (map) message.links = [{ label: t('booking.map_button'), url: map }];
    turn.reply(message);
    turn.state.booking = { last: { code: result.booking.code, at: now(ctx).toISOString() } } satisfies BookingState;
    return { end: true };
  }
  switch (result.code) {
    case 'full':
      return fullAnswer(ctx, 'book', space, range.start, minutes, result);
    case 'limit':
      turn.reply({
        text: t('booking.refused.limit', { limit: result.limit ?? '' }),
        buttons: [{ label: t('booking.kind.mine'), payload: bookingPayloads.encode('mine') }],
      });
      return { end: true };
    case 'not_found':
    case 'not_active':
      turn.reply({ text: t(`booking.refused.${result.code}`, { code: String(ctx.answers.moveCode ?? '') }) });
      return { end: true };
    case 'closed':
    case 'too_far':
      data(ctx).notice = t(`booking.refused.${result.code}`);
      return { goto: 'day' };
    default:
      data(ctx).notice = t(`booking.refused.${result.code}`);
      return { goto: 'slot' };
  }
}

async function bookInput(ctx: FlowContext, text: string, pressed: string | undefined): Promise<ActOutcome> {
  if (pressed === 'day') return { goto: 'day' };
  let option = pickOption(ctx, pressed);
  if (!option && text) {
    const n = /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : undefined;
    if (n !== undefined) option = data(ctx).options?.[n - 1];
  }
  if (!option) {
    const { t } = ctx.turn;
    const buttons: Button[] = (data(ctx).options ?? []).map((o, i) => ({
      label: `${dayLabel(t, localDay(o.start))} ${localTime(o.start)}${o.space !== ctx.answers.space ? ` · ${spaceById(spacesOf(ctx), o.space)?.name[ctx.turn.locale] ?? ''}` : ''}`,
      payload: flowButton('book', i),
    }));
    buttons.push({ label: t('booking.full.other_day'), payload: flowButton('book', 'day') });
    return miss(ctx, t('booking.alt.hint'), { text: t('booking.full.alternatives'), buttons });
  }
  takeOption(ctx, option);
  return { goto: 'book' };
}

// --- leaving, and an upset founder -----------------------------------------------------------

// "bye", "thanks, bye!", "tạm biệt", "thôi khỏi, bye ad" (folded words).
// Not "bai" alone: folded, it is also "bài" (a lesson: "chỗ học bài").
const BYE = /(?:^| )(?:bye|bye bye|byebye|bai bai|goodbye|good bye|tam biet|see you|see ya|cya)(?: |$)|(?:^| )bai(?: (?:nha|nhe|ad|admin|a|nhen))*$/;
// "thôi khỏi nha", "thôi ko cần nữa ạ" (the engine takes "thôi khỏi" alone); not "thôi khỏi hủy".
const NOT_NEEDED = /^(?:(?:ok|oke|vay|u|uh|da)\s+)*thoi\s+(?:khoi|khong can|ko can|k can)(?:\s+(?:nua|dau|nhe|nha|a|ad|ak|ah|nhen|roi|cam on|thanks|ban|em|minh))*$/;
// Scolding the bot or saying it understands nothing: "bot ngu quá", "ko hiểu gì cả", "useless bot".
const UPSET = /(?:^| )(?:ngu qua|ngu the|ngu vay|ngu vl|bot ngu|vo dung|chan qua|chan the|buc minh|buc qua|stupid|dumb|useless|idiot|wtf|vcl)(?: |$)|(?:^| )(?:khong|ko|k|kg|chang|cha|deo) (?:hieu|biet) (?:gi|cai gi|j)(?: |$)|(?:you|u|it|bot) (?:don t|dont|doesn t|doesnt|do not|does not|never) understand/;

/**
 * A goodbye or an upset founder, typed at any of the booking's own steps, before the step reads
 * the text as a day, time or length. "thôi khỏi, bye ad" and "thanks, bye!" got "press a length"
 * again and again (a loop); "bot ngu quá, ko hiểu gì cả" got "I couldn't read that day". Now a
 * goodbye ends the booking politely (nothing booked), and an upset founder gets an apology and a
 * way out: staff, start again, or stop. A text that also names a day, time or length is read by
 * the step.
 */
function leavingOrUpset(ctx: FlowContext, text: string): ActOutcome | undefined {
  const folded = foldWords(text);
  if (!folded || folded.split(' ').length > 10) return undefined;
  const { t } = ctx.turn;
  if (UPSET.test(folded)) {
    ctx.turn.reply({
      text: t('booking.upset'),
      buttons: [
        { label: t('flows.staff_button'), payload: HANDOFF_PAYLOAD },
        { label: t('booking.upset_restart'), payload: bookingPayloads.encode('new') },
        { label: t('booking.confirm.cancel'), payload: flowButton('_', 'cancel') },
      ],
    });
    return { wait: true };
  }
  if (!BYE.test(folded) && !NOT_NEEDED.test(folded)) return undefined;
  const slots = understandTurn(ctx.turn, text)?.slots;
  if (slots && (slots.date || slots.start || slots.minutes || slots.end)) return undefined;
  ctx.turn.reply({ text: t('booking.left_bye') });
  return { end: true };
}

type ActInput = (ctx: FlowContext, text: string, pressed: string | undefined) => Promise<ActOutcome>;

/** A step's input that first lets a goodbye or an upset founder out (`leavingOrUpset`). */
function guarded(input: ActInput): ActInput {
  return async (ctx, text, pressed) => (pressed === undefined && text ? leavingOrUpset(ctx, text) ?? otherSpace(ctx, text) : undefined) ?? input(ctx, text, pressed);
}

// --- the flow --------------------------------------------------------------------------------

/** Shows the founder's upcoming bookings (from any feature). @example await showMyBookings(turn) */
export async function showMyBookings(turn: Turn): Promise<void> {
  const contactId = turn.conversation.contactId ?? turn.contact?.id;
  const list = contactId == null ? [] : await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  turn.reply(myBookingsMessage(spacesCatalog(turn.services), turn.t, turn.locale, list));
}

export const bookingFlow: FlowDefinition = defineFlow({
  id: BOOKING_FLOW_ID,
  help: 'booking.help',
  name: 'booking.flow_name',
  intents: ['booking_new', 'booking_move'],
  amend: amendWish,
  steps: [
    {
      kind: 'ask',
      id: 'kind',
      prompt: 'booking.kind.prompt',
      // Skipped when started for a specific space (a move, or another feature's `{ space }`).
      when: (a, ctx) => !a.fixedSpace && !spaceById(spacesOf(ctx), ctx.flow.initial?.space),
      choices: (ctx) => [
        ...kindsOffered(spacesOf(ctx)).map((k) => ({ value: k, label: `booking.kind.${k}`, aliases: KIND_ALIASES[k] ?? [] })),
        { value: 'mine', label: 'booking.kind.mine', aliases: MINE_ALIASES },
      ],
      onAnswer: async (value, ctx) => {
        if (value === 'mine') {
          endFlow(ctx.turn);
          await showMyBookings(ctx.turn);
          return;
        }
        const spaces = spacesOfKind(spacesOf(ctx), value);
        if (spaces.length === 1) ctx.answers.space = spaces[0]!.id;
        else delete ctx.answers.space;
      },
    },
    {
      kind: 'ask',
      id: 'space',
      prompt: 'booking.space.prompt',
      when: (a, ctx) => !a.fixedSpace && !spaceById(spacesOf(ctx), ctx.flow.initial?.space) && spacesOfKind(spacesOf(ctx), a.kind).length > 1,
      choices: (ctx) =>
        spacesOfKind(spacesOf(ctx), ctx.answers.kind).map((s) => ({ value: s.id, text: s.name[ctx.turn.locale], aliases: [s.name.vi, s.name.en, s.id] })),
    },
    // `ask`: each waiting step's question built again from what it keeps (a change of language).
    { kind: 'act', id: 'day', run: dayRun, input: guarded(dayInput), ask: dayQuestion },
    { kind: 'act', id: 'slot', run: slotRun, input: guarded(slotInput), ask: slotAsk },
    { kind: 'act', id: 'length', run: lengthRun, input: guarded(lengthInput), ask: lengthAsk },
    { kind: 'act', id: 'confirm', run: confirmRun, input: guarded(confirmInput), ask: confirmQuestion },
    { kind: 'act', id: 'book', run: bookRun, input: guarded(bookInput) },
  ],
});

/**
 * The "moved" message: the database keeps the booking's code when it moves it, so "moved, new
 * code X" would name the same code twice; then it says the code stays.
 */
function movedText(t: Translator, vars: Record<string, string>, previous: string): string {
  return vars.code && vars.code === previous ? t('booking.moved_same_code', vars) : t('booking.moved', { ...vars, previous });
}
