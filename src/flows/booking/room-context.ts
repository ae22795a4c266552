/**
 * "The room" in a question, read as the room the conversation is about. Right after booking the
 * meeting room, "phòng có máy chiếu ko" / "is there a projector in the room?" asks about THAT
 * room; searched as typed, the word "máy chiếu" leaned to the hall (the one room with a
 * projector) and the founder was told about the hall's equipment. The room in context is, in
 * order: the space of the booking being made, the space the founder's previous question named,
 * then the space of the founder's latest upcoming booking. The hot desk is no room, and a
 * question that already names a space is left as typed.
 *
 * @example
 * await withRoomInContext(turn, 'phòng có máy chiếu ko')       // 'phòng họp nhỏ có máy chiếu ko' after booking it
 * await withRoomInContext(turn, 'is there a projector in the room?') // '… in the meeting room?'
 */
import type { Turn } from '../../bot/turn.js';
import { fold } from '../../nlu/fold.js';
import { activeFlow } from '../engine/index.js';
import { upcomingBookings } from './bookings.js';
import { spaceById, spacesCatalog } from './catalog.js';
import { BOOKING_FLOW_ID } from './flow.js';
import type { Space, SpacesContent } from './spaces.js';

/** Words that name a kind of space without its name (folded), beside the space's own names. */
const KIND_WORDS: Record<string, readonly string[]> = {
  meeting_room: ['phong hop', 'meeting room', 'meeting'],
  hall: ['hoi truong', 'hall', 'auditorium'],
  quiet_room: ['thu vien', 'library', 'quiet room', 'phong yen tinh'],
  hot_desk: ['ban lam viec', 'hot desk', 'desk', 'cho ngoi'],
};

const VI_ROOM = /(?<!\p{L})(phòng|phong)(?!\p{L})/iu;
const EN_ROOM = /(?<!\p{L})room(?!\p{L})/iu;

/** A name without its trailing note: "Phòng họp nhỏ (8 người)" → "Phòng họp nhỏ". */
function plain(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/u, '').trim() || name;
}

function padded(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** Whether a text names one of the spaces, by its names or its kind. */
export function namesSpace(spaces: SpacesContent, text: string): Space | undefined {
  const words = padded(text);
  return spaces.spaces.find((s) =>
    [plain(s.name.vi), plain(s.name.en), ...(KIND_WORDS[s.kind] ?? [])].some((name) => words.includes(padded(name))),
  );
}

function contactOf(turn: Turn): number | undefined {
  return turn.conversation.contactId ?? turn.contact?.id ?? undefined;
}

async function roomInContext(turn: Turn, spaces: SpacesContent, previous: string | undefined): Promise<Space | undefined> {
  const flow = activeFlow(turn);
  if (flow?.id === BOOKING_FLOW_ID) {
    const space = spaceById(spaces, flow.answers.space);
    if (space) return space;
  }
  const named = previous ? namesSpace(spaces, previous) : undefined;
  if (named) return named;
  const contactId = contactOf(turn);
  if (contactId === undefined) return undefined;
  const upcoming = await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  // The latest booked (ids grow): the booking the founder has just made, if any.
  const latest = [...upcoming].sort((a, b) => b.id - a.id)[0];
  return latest ? spaceById(spaces, latest.space_id) : undefined;
}

/**
 * The question with "phòng" / "room" replaced by the name of the room in context, or the
 * question unchanged (no generic room word, a space named already, no room in context, or the
 * booking feature not loaded). `previous` is the founder's previous question, if recent.
 */
export async function withRoomInContext(turn: Turn, question: string, previous?: string): Promise<string> {
  const vi = VI_ROOM.test(question);
  const en = !vi && EN_ROOM.test(question);
  if (!vi && !en) return question;
  let spaces: SpacesContent;
  try {
    spaces = spacesCatalog(turn.services);
  } catch {
    return question; // a bot without the booking feature: no rooms to speak of
  }
  if (namesSpace(spaces, question)) return question;
  const room = await roomInContext(turn, spaces, previous);
  if (!room || room.kind === 'hot_desk') return question;
  if (vi) return question.replace(VI_ROOM, plain(room.name.vi).toLowerCase());
  return question.replace(EN_ROOM, plain(room.name.en).toLowerCase());
}
