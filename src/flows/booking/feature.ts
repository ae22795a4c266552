/**
 * The booking feature (order 40, before the menu, so it owns `menu:booking`): starts the
 * booking flow from the main menu or typed words ("đặt chỗ", "book a room"), shows "my bookings",
 * and handles the booking buttons anywhere, even outside a flow or while another flow is
 * active (the engine passes buttons that are not its own): `booking:confirm:<id>` and `booking:cancel:<id>` (the
 * reminder's), `booking:move:<id>`, `booking:mine`, `booking:new`.
 * At start-up it validates content/spaces.yaml and copies the spaces into the database.
 *
 * @example
 * const features = [flowFeature, createBookingFeature(), menuFeature, fallbackFeature];
 */
import { ID } from '../../bot/payload.js';
import { MENU_PAYLOADS } from '../menu.js';
import { bookingPayloads } from './payloads.js';
import type { Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import { findDays, moveSource, normalizeForMatching, weekAhead, type TimeWindow } from '../../nlu/index.js';
import { centreTimeZone } from '../../clock/time-zone.js';
import { registerFlow, startFlow } from '../engine/index.js';
import { ACTION_INTENTS, understandTurn } from '../engine/understand.js';
import { cancelBooking, confirmBooking, upcomingBookings } from './bookings.js';
import type { BookingRecord } from './bookings.js';
import { setSpacesCatalog, spaceById, spacesCatalog } from './catalog.js';
import { BOOKING_FLOW_ID, WHOLE_DAY, bookingFlow, showMyBookings, type BookingState, type BookingWish } from './flow.js';
import { bookingVars, myBookingsMessage } from './render.js';
import { localDay, localTime } from './time.js';
import { addDays } from '../parse/date.js';
import { peopleCount } from '../parse/people.js';
import { bookingShift } from '../parse/shift.js';
import { loadSpaces, toSyncPayload, type SpacesContent } from './spaces.js';
import { z } from 'zod';

/** The booking's slice of the conversation state (`BookingState`): the booking just made. */
const bookingStateSchema = z.object({ last: z.object({ code: z.string(), at: z.string() }).optional() });

const START_WORDS = new Set([
  'dat cho', 'dat cho lam viec', 'dat phong', 'dat phong hop', 'dat ban', 'dat lich', 'dat hoi truong', 'muon dat cho',
  'book', 'booking', 'book a space', 'book a room', 'book a desk', '/book', '/booking',
]);
const MINE_WORDS = new Set([
  'lich cua toi', 'lich dat cua toi', 'lich da dat', 'xem lich dat', 'lich dat', 'my bookings', 'my booking', '/mybookings',
]);

export interface BookingFeatureOptions {
  /** Spaces to use instead of `<CONTENT_DIR>/spaces.yaml` (tests). */
  spaces?: SpacesContent;
}

function contactOf(turn: Turn): number | undefined {
  return turn.conversation.contactId ?? turn.contact?.id ?? undefined;
}

async function cancel(turn: Turn, bookingId: number): Promise<void> {
  const contactId = contactOf(turn);
  const { t, locale } = turn;
  const result = await cancelBooking(turn.services.store, { bookingId, contactId, by: 'founder', now: turn.services.clock() });
  if (result.ok) {
    const vars = bookingVars(spacesCatalog(turn.services), t, locale, result.booking);
    turn.reply({
      text: t(result.repeated ? 'booking.cancel.already' : 'booking.cancelled', vars),
      buttons: [{ label: t('booking.mine.new_button'), payload: bookingPayloads.encode('new') }],
    });
    return;
  }
  turn.reply({ text: t(`booking.refused.${result.code}`, { code: result.booking?.code ?? '' }) });
}

async function confirm(turn: Turn, bookingId: number): Promise<void> {
  const contactId = contactOf(turn);
  const { t, locale } = turn;
  const result = contactId === undefined ? undefined : await confirmBooking(turn.services.store, bookingId, contactId, turn.services.clock());
  if (result?.ok) {
    turn.reply({ text: t('booking.confirmed', bookingVars(spacesCatalog(turn.services), t, locale, result.booking)) });
    return;
  }
  turn.reply({ text: t(`booking.refused.${result?.code ?? 'not_found'}`, { code: result && !result.ok ? (result.booking?.code ?? '') : '' }) });
}

async function move(turn: Turn, bookingId: number, want: BookingWish = {}, sameTime = false): Promise<void> {
  const contactId = contactOf(turn);
  const mine = contactId === undefined ? [] : await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  const booking = mine.find((b) => b.id === bookingId);
  if (!booking) {
    turn.reply({ text: turn.t('booking.refused.not_found') });
    return;
  }
  const wish = keptOnMove(booking, want, sameTime);
  await startFlow(turn, BOOKING_FLOW_ID, {
    move: booking.id,
    moveCode: booking.code,
    kind: booking.kind,
    space: booking.space_id,
    fixedSpace: true,
    ...(Object.keys(wish).length > 0 ? { want: wish } : {}),
  });
}

/**
 * What a move keeps of the booking when the founder does not say it: a new time alone ("đổi
 * lịch KN45TQ sang 3h chiều", "move it to the afternoon") is on the same day, a new length or end
 * alone ("actually can I change it to 4 hours", "cho mình đổi thành 3 tiếng", "đến 11h30 mà")
 * keeps the day and the start, a new day said with "same time" ("move it to Thursday same
 * time", "sang thứ 2 tuần sau cùng giờ") keeps the start, and a new day or time keeps the
 * booking's length. Nothing said: the flow asks everything.
 */
function keptOnMove(booking: BookingRecord, want: BookingWish, sameTime = false): BookingWish {
  if (Object.keys(want).length === 0) return want;
  const kept: BookingWish = { ...want };
  if (!kept.date && !kept.start && !kept.window && (kept.minutes || kept.end)) {
    kept.date = localDay(booking.start);
    kept.start = localTime(booking.start);
  }
  if (!kept.date && (kept.start || kept.window)) kept.date = localDay(booking.start);
  if (sameTime && !kept.start && !kept.window) kept.start = localTime(booking.start);
  if (!kept.end) kept.minutes ??= Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000);
  return kept;
}

/** "lùi lại 1 tiếng", "sớm hơn 30 phút": the same length, the start moved by `shift` minutes. */
function shiftedWish(booking: BookingRecord, shift: number): BookingWish {
  const start = new Date(Date.parse(booking.start) + shift * 60_000);
  return { date: localDay(start), start: localTime(start), minutes: Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000) };
}

// "cùng giờ", "giữ nguyên giờ", "giờ như cũ", "same time" (folded words).
const SAME_TIME = /(?:^| )(?:cung gio|cung khung gio|giu gio|giu nguyen gio|gio nhu cu|nhu cu|y nhu cu|same time|same hours?|same slot|keep the time)(?: |$)/;

// "ủa sai rồi", "nhầm", "không phải", "ý mình là", "I meant", "that's wrong" (folded words).
const FIXING = /(?:^| )(?:sai roi|sai|nham|nham roi|khong phai|ko phai|k phai|y minh la|y em la|y toi la|wrong|mistake|i meant|i mean|not what i)(?: |$)/;
// "mã đó", "lịch vừa đặt", "that booking", "the one I just made" (folded words): the booking just made.
const THAT_ONE = /(?:^| )(?:ma do|ma nay|lich do|lich nay|cai do|vua dat|vua book|that one|that booking|this booking|just made|just booked)(?: |$)/;

/** The code of the booking made in this conversation a moment ago, while it is still held. */
async function recentCode(turn: Turn): Promise<string | undefined> {
  const last = (turn.state.booking as BookingState | undefined)?.last;
  if (!last || turn.services.clock().getTime() - Date.parse(last.at) > FIX_MINUTES * 60_000) return undefined;
  return (await bookingByCode(turn, last.code))?.code;
}

/** How long after a booking a "sai rồi, …" is about it. */
const FIX_MINUTES = 30;

/**
 * The booking the founder made in this conversation a moment ago, when the text says it came out
 * wrong ("ủa sai rồi, e muốn từ 8h đến 11h30 mà"): that booking is changed (the move's summary
 * asks first), not a new one started.
 */
async function justBooked(turn: Turn, text: string | undefined): Promise<BookingRecord | undefined> {
  if (!text || !FIXING.test(foldWords(text))) return undefined;
  const last = (turn.state.booking as BookingState | undefined)?.last;
  if (!last || turn.services.clock().getTime() - Date.parse(last.at) > FIX_MINUTES * 60_000) return undefined;
  return bookingByCode(turn, last.code);
}

/**
 * Starts the booking flow, unless the founder already holds as many upcoming bookings as any
 * space allows: then says so at once (with their bookings to move or cancel) rather than after
 * five questions. The database still enforces the limit when booking.
 */
async function startBooking(turn: Turn, initial: Record<string, unknown> = {}): Promise<void> {
  const contactId = contactOf(turn);
  const upcoming = contactId === undefined ? [] : await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  const most = Math.max(...spacesCatalog(turn.services).spaces.map((s) => s.rules.max_upcoming));
  if (upcoming.length >= most) {
    const mine = myBookingsMessage(spacesCatalog(turn.services), turn.t, turn.locale, upcoming);
    // No "new booking" button: it cannot work until one of these is cancelled or has passed.
    const buttons = mine.buttons?.filter((b) => b.payload !== bookingPayloads.encode('new'));
    turn.reply({ ...mine, buttons, text: `${turn.t('booking.refused.limit', { limit: most })}\n\n${mine.text}` });
    return;
  }
  await startFlow(turn, BOOKING_FLOW_ID, initial);
}

/**
 * The room a request for a number of people goes to ("phòng họp cho 12 người"): the room named
 * when it holds them (or says nothing of how many it holds: a hot desk is per seat), else the
 * smallest room that does, said to the founder; with none big enough, the room named, and the
 * founder told so.
 */
function roomFor(turn: Turn, named: string, text: string | undefined): string {
  const people = text ? peopleCount(text) : undefined;
  const catalog = spacesCatalog(turn.services);
  const room = spaceById(catalog, named);
  if (!people || !room?.people || room.people >= people) return named;
  const fitting = catalog.spaces.filter((s) => s.people && s.people >= people).sort((a, b) => a.people! - b.people!)[0];
  const vars = { asked: people, space: room.name[turn.locale], people: room.people };
  turn.reply({ text: fitting ? turn.t('booking.people.bigger', { ...vars, other: fitting.name[turn.locale] }) : turn.t('booking.people.none', vars) });
  return fitting?.id ?? named;
}

// "đặt bàn", "đặt thêm bàn", "book a desk" (folded words): "bàn" right after the verb is a desk.
const DESK_AFTER_VERB = /(?:^| )(?:dat|book)(?: (?:them|tiep|lai|truoc|1|mot|a|another))? (?:cho )?(?:ban|desk)(?: |$)/;
// A request that starts by booking ("đặt bàn chủ nhật này", "cho mình đặt thêm bàn …") (folded words).
const BOOKING_START = /^(?:(?:a|u|ok|oke|thoi|the|vay) )*(?:(?:cho|de) )?(?:(?:minh|em|toi|tui|mik|chi|anh) )?(?:(?:muon|can|xin) )?(?:dat|book)(?: |$)/;

/**
 * The space a typed request names: the NLU's, else the desk when "bàn" follows the verb ("đặt
 * thêm bàn hôm nay" read as no space, and the kind was asked although the founder said it).
 */
function namedSpace(turn: Turn, slots: BookingSlots, text: string | undefined): string | undefined {
  if (slots.space || !text || !DESK_AFTER_VERB.test(foldWords(text))) return slots.space;
  const desks = spacesCatalog(turn.services).spaces.filter((s) => s.kind === 'hot_desk');
  return desks.length === 1 ? desks[0]!.id : undefined;
}

/** The slots of a typed booking request (NLU.md names, and the part of the day asked). */
export interface BookingSlots {
  space?: string;
  date?: string;
  start?: string;
  minutes?: number;
  code?: string;
  window?: TimeWindow;
  end?: string;
}

/**
 * What the flow should meet. A time typed as a bound ("after 3pm", "sau 15h") is the window's
 * edge, not a start to book exactly, so it does not become the wished start.
 */
function wishOf(slots: BookingSlots): BookingWish {
  const want: BookingWish = {};
  if (slots.date) want.date = slots.date;
  if (slots.start && !slots.window?.bound) want.start = slots.start;
  if (slots.minutes) want.minutes = slots.minutes;
  else if (slots.end) want.end = slots.end;
  if (slots.window) want.window = slots.window;
  return want;
}

/**
 * A new booking's wish with what only the text says: next week with no day ("phòng họp tuần
 * sau": its days are offered), and several days ("từ thứ 2 đến thứ 6"): the first is booked,
 * the others named (one booking at a time).
 */
function newWish(turn: Turn, slots: BookingSlots, text: string | undefined): BookingWish {
  const want = wishOf(slots);
  if (!text) return want;
  const options = { now: turn.services.clock(), timeZone: centreTimeZone() };
  // "hội trường ngày 31/12 cả ngày": from the first free start until closing.
  if (!want.start && !want.window && !want.minutes && !want.end && WHOLE_DAY.test(foldWords(text))) want.wholeDay = true;
  const days = findDays(text, options);
  if (days) {
    want.date = days[0];
    want.otherDays = days.slice(1);
  } else if (!want.date) {
    const week = weekAhead(text, options);
    if (week) want.week = week;
  }
  return want;
}

async function hasUpcoming(turn: Turn): Promise<boolean> {
  const contactId = contactOf(turn);
  return contactId !== undefined && (await upcomingBookings(turn.services.store, contactId, turn.services.clock())).length > 0;
}

// "đặt tiếp", "đặt thêm", "thêm 1 lịch", "lịch mới", "book another", "book Thursday too", "also book" (folded words).
const ANOTHER = /(?:^| )(?:dat tiep|dat them|them (?:1|mot) lich|them lich|lich moi|book another|another booking|one more booking|also book|book(?: \w+){0,4} (?:too|as well))(?: |$)/;
// A day written with its date ("16/12"): taken as said, not moved after the booking it follows.
const DATE_WRITTEN = /\d{1,2}\s*[/.-]\s*\d{1,2}/;

/**
 * Another booking after one the founder holds: of the same space unless another is named, and
 * with "cùng giờ" / "same time" at the same hours. A weekday it names ("thứ 4") is the first such
 * day after that booking (the founder is going on from it), unless a date is written.
 */
async function anotherBooking(turn: Turn, slots: BookingSlots, text: string): Promise<void> {
  const after = await referenceBooking(turn);
  const want = newWish(turn, slots, text);
  const initial: Record<string, unknown> = {};
  const space = slots.space ?? after?.space_id;
  if (space && spaceById(spacesCatalog(turn.services), space)) initial.space = roomFor(turn, space, text);
  if (after) {
    const afterDay = localDay(after.start);
    if (want.date && !DATE_WRITTEN.test(text)) {
      while (want.date <= afterDay) want.date = addDays(want.date, 7);
    }
    if (SAME_TIME.test(foldWords(text)) && !want.start && !want.window) {
      want.start = localTime(after.start);
      if (!want.end) want.minutes ??= Math.round((Date.parse(after.end) - Date.parse(after.start)) / 60_000);
    }
  }
  if (Object.keys(want).length > 0) initial.want = want;
  return startBooking(turn, initial);
}

/** The booking "đặt tiếp" goes on from: the one made last in this conversation, else the founder's latest upcoming. */
async function referenceBooking(turn: Turn): Promise<BookingRecord | undefined> {
  const last = (turn.state.booking as BookingState | undefined)?.last;
  const made = last ? await bookingByCode(turn, last.code) : undefined;
  if (made) return made;
  const contactId = contactOf(turn);
  const mine = contactId === undefined ? [] : await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  return mine.filter((b) => b.status === 'booked').sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0];
}

/** The founder's upcoming booking with this code, or undefined. */
async function bookingByCode(turn: Turn, code: string): Promise<BookingRecord | undefined> {
  const contactId = contactOf(turn);
  const mine = contactId === undefined ? [] : await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  return mine.find((b) => b.code === code.toUpperCase() && b.status === 'booked');
}

/** The code of the founder's one upcoming booking ("hủy lịch đó đi" when there is only one), else undefined. */
async function onlyBookingCode(turn: Turn, named: Pick<BookingSlots, 'date' | 'space' | 'start'> = {}): Promise<string | undefined> {
  const contactId = contactOf(turn);
  if (contactId === undefined) return undefined;
  const mine = (await upcomingBookings(turn.services.store, contactId, turn.services.clock())).filter((b) => b.status === 'booked');
  if (mine.length === 1) return mine[0]!.code;
  // Several: the one the request names by its day, space or start ("hủy lịch ngày mai").
  const fits = mine.filter((b) => (!named.date || localDay(b.start) === named.date)
    && (!named.space || b.space_id === named.space) && (!named.start || localTime(b.start) === named.start));
  return (named.date || named.space || named.start) && fits.length === 1 ? fits[0]!.code : undefined;
}

/**
 * The booking a move names before its new day or time: "em đặt mai 9h rồi mà giờ muốn đổi qua 2h
 * chiều" and "can I move my 9am booking tomorrow to 2pm" name tomorrow's 09:00 booking, "đổi lịch
 * phòng họp sang thứ 6" the meeting room's. Empty when the text names none that way.
 */
function movedFrom(turn: Turn, text: string | undefined): Pick<BookingSlots, 'date' | 'space' | 'start'> {
  const source = text ? moveSource(normalizeForMatching(text)) : undefined;
  if (!source) return {};
  const { date, space, start } = turn.services.nlu.understand(source, { now: turn.services.clock() }).slots;
  return { date, space, start };
}

/**
 * One of the founder's own booking codes written in the text, in any case ("huy kxqwpz"): the
 * NLU only takes a six-letter word for a code when it has a digit or a cue, but the founder's
 * own codes are known.
 */
async function ownCodeIn(turn: Turn, text: string): Promise<string | undefined> {
  const contactId = contactOf(turn);
  if (contactId === undefined) return undefined;
  const words = new Set(text.toUpperCase().match(/[A-Z0-9]{6}/g) ?? []);
  if (words.size === 0) return undefined;
  const mine = await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  return mine.find((b) => words.has(b.code))?.code;
}

async function codeUnknown(turn: Turn, code: string): Promise<void> {
  const contactId = contactOf(turn);
  const mine = contactId === undefined ? [] : await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  const list = myBookingsMessage(spacesCatalog(turn.services), turn.t, turn.locale, mine);
  turn.reply({ ...list, text: `${turn.t('booking.code_unknown', { code: code.toUpperCase() })}\n\n${list.text}` });
}

/**
 * A typed booking request, with what the founder already said: a new booking starts with the
 * space, day, time and length filled ("đặt phòng họp mai 2h chiều 2 tiếng" goes straight to the
 * confirmation when free); "hủy lịch KN45TQ" asks to confirm cancelling that booking; "đổi lịch
 * KN45TQ sang thứ 6" moves it; without a code, the founder's one upcoming booking is meant ("hủy
 * lịch đó đi"), or of several the one a cancel names by its day, space or time ("hủy lịch ngày
 * mai"); otherwise they are listed with buttons.
 *
 * @example
 * await bookingIntent(turn, 'booking_new', { space: 'meeting-room', date: '2026-12-02', start: '14:00', minutes: 120 });
 */
export async function bookingIntent(
  turn: Turn,
  intent: 'booking_new' | 'booking_list' | 'booking_cancel' | 'booking_move',
  slots: BookingSlots = {},
  text?: string,
): Promise<void> {
  if (intent === 'booking_list') return showMyBookings(turn);
  const space = namedSpace(turn, slots, text);
  if (space) slots = { ...slots, space };
  // "đặt tiếp thứ 4 cũng giờ đó", "book Thursday too": a new booking, even where the words also
  // read as a move ("không phải đổi, đặt thêm …").
  if (intent !== 'booking_cancel' && text && ANOTHER.test(foldWords(text))) return anotherBooking(turn, slots, text);
  if (intent === 'booking_new') {
    const wrong = await justBooked(turn, text);
    if (wrong) {
      turn.reply({ text: turn.t('booking.fix_last', { code: wrong.code }) });
      return move(turn, wrong.id, wishOf(slots));
    }
    const initial: Record<string, unknown> = {};
    if (slots.space && spaceById(spacesCatalog(turn.services), slots.space)) initial.space = roomFor(turn, slots.space, text);
    const want = newWish(turn, slots, text);
    if (Object.keys(want).length > 0) initial.want = want;
    return startBooking(turn, initial);
  }
  // A day, space or time said with a cancel names the booking; with a move it is where to move
  // to, and what comes before "sang / qua / to" names the booking moved ("mai 9h … đổi qua 2h").
  // A shift ("lịch thư viện lùi lại 1 tiếng") names its booking like a cancel: it moves by an amount, not to a place.
  const shifting = intent === 'booking_move' && text !== undefined && bookingShift(text) !== undefined;
  const named = intent === 'booking_cancel' || shifting ? { date: slots.date, space: slots.space, start: slots.start } : movedFrom(turn, text);
  const fixed = intent === 'booking_move' ? await justBooked(turn, text) : undefined;
  const code = slots.code ?? (text ? await ownCodeIn(turn, text) : undefined) ?? fixed?.code ?? (await onlyBookingCode(turn, named))
    ?? (text && THAT_ONE.test(foldWords(text)) ? await recentCode(turn) : undefined);
  if (!code) {
    // "thế t7 tuần sau cả buổi sáng" with nothing booked to move: a new booking for that day and
    // time (of the space booked last, when one was), not "you have no bookings".
    if (intent === 'booking_move' && (slots.date || slots.start || slots.window) && !(await hasUpcoming(turn))) {
      const last = (turn.state.booking as BookingState | undefined)?.last;
      const space = slots.space ?? (last ? (await referenceBooking(turn))?.space_id : undefined);
      return bookingIntent(turn, 'booking_new', space ? { ...slots, space } : slots, text);
    }
    return showMyBookings(turn); // the list has a cancel and a move button per booking
  }
  const booking = await bookingByCode(turn, code);
  if (!booking) return codeUnknown(turn, code);
  if (intent === 'booking_move') {
    const shift = text ? bookingShift(text) : undefined;
    return move(turn, booking.id, shift === undefined ? wishOf(slots) : shiftedWish(booking, shift), Boolean(text && SAME_TIME.test(foldWords(text))));
  }
  const { t, locale } = turn;
  turn.reply({
    text: t('booking.cancel.confirm', bookingVars(spacesCatalog(turn.services), t, locale, booking)),
    buttons: [
      { label: t('booking.cancel.yes', { code: booking.code }), payload: bookingPayloads.encode('cancel', booking.id) },
      { label: t('booking.cancel.keep'), payload: bookingPayloads.encode('mine') },
    ],
  });
}

/** The booking feature; `options.spaces` replaces the content file (tests). @example createBookingFeature({ spaces: parseSpaces(yamlText) }) */
export function createBookingFeature(options: BookingFeatureOptions = {}): Feature {
  return {
    name: 'booking',
    order: 40,
    stateSlices: { booking: bookingStateSchema },
    async init(services) {
      const content = options.spaces ?? loadSpaces(services.config.CONTENT_DIR);
      setSpacesCatalog(services, content);
      registerFlow(services, bookingFlow);
      await services.store.call('booking_spaces_sync', { spaces: toSyncPayload(content) });
    },
    async handle(turn, next) {
      const { event } = turn;
      if (event.chatType === 'group' || contactOf(turn) === undefined) return next();
      if (event.kind === 'button') {
        if (event.payload === MENU_PAYLOADS.booking) return startBooking(turn);
        const pressed = bookingPayloads.decode(event.payload);
        if (pressed?.action === 'new') return startBooking(turn);
        if (pressed?.action === 'mine') return showMyBookings(turn);
        // A reminder's `{booking_id}` is filled in by SQL; a pressed button always carries an id.
        const id = pressed && ID.test(pressed.args[0] ?? '') ? Number(pressed.args[0]) : undefined;
        if (id !== undefined && pressed?.action === 'cancel') return cancel(turn, id);
        if (id !== undefined && pressed?.action === 'confirm') return confirm(turn, id);
        if (id !== undefined && pressed?.action === 'move') return move(turn, id);
        return next();
      }
      // Before consent a typed request goes on (the intents feature says why it needs consent).
      if (event.kind === 'text' && turn.contact?.consentedAt) {
        const words = foldWords(event.text);
        // With what the words already say ("đặt phòng họp" is a meeting room).
        if (START_WORDS.has(words)) return bookingIntent(turn, 'booking_new', understandTurn(turn)?.slots ?? {});
        // "đặt bàn chủ nhật này": a request that starts by booking and names a space is a booking,
        // whatever the classifier made of the rest (it said "not supported here").
        // A request read as another action (a move, a cancel) is left to the intents.
        const understood = BOOKING_START.test(words) ? understandTurn(turn) : undefined;
        if (understood && (!ACTION_INTENTS.has(understood.intent) || understood.unsure) && namedSpace(turn, understood.slots, event.text)) {
          return bookingIntent(turn, 'booking_new', understood.slots, event.text);
        }
        if (MINE_WORDS.has(words)) return showMyBookings(turn);
        // "lùi lại 1 tiếng", "push it back an hour": a shift of one of the founder's bookings.
        if (bookingShift(event.text) !== undefined && (await hasUpcoming(turn))) {
          return bookingIntent(turn, 'booking_move', understandTurn(turn)?.slots ?? {}, event.text);
        }
      }
      return next();
    },
  };
}

/** The feature as installed by default (spaces from CONTENT_DIR). @example defaultFeatures().includes(bookingFeature) */
export const bookingFeature: Feature = createBookingFeature();
