/**
 * The topic a question leaves out, carried into the knowledge query (the knowledge feature's
 * `inContext`). A founder asks the way one talks: "how much does it cost?" in the middle of
 * booking the meeting room, "giá bao nhiêu" right after asking about renting an office, "btw
 * có projector ko" right after booking the meeting room. Searched alone, the first two were
 * asked back "which programme, service or event?" and the last found nothing. In order:
 * - "chương trình này", "nó", "it", "this programme": the programme in context (its name);
 * - "phòng", "room": the room in context (the booking feature's `withRoomInContext`);
 * - a question asking about a room's equipment (a projector, a screen, a whiteboard) that names
 *   no space: the room of the booking under way, else of the founder's latest booking;
 * - a question naming only the kind of fact it wants (a price, a deadline, an e-mail): the
 *   booking's space, else the founder's previous question (for `TOPIC_MS`), else the programme
 *   in context — beside it in brackets, as the knowledge feature's own follow-ups are searched.
 * Every question that names its topic is kept as the next one's topic.
 *
 * @example
 * await withTopicInContext(turn, 'how much does it cost?') // 'how much does it cost? (Phòng họp nhỏ)' while booking it
 */
import { z } from 'zod';
import type { Turn } from '../../bot/turn.js';
import { fold } from '../../nlu/fold.js';
import { isTopicless } from '../../knowledge/answer.js';
import { queryTerms, questionLanguage } from '../../knowledge/query.js';
import { activeFlow } from '../engine/index.js';
import { upcomingBookings } from '../booking/bookings.js';
import { spaceById, spacesCatalog } from '../booking/catalog.js';
import { BOOKING_FLOW_ID } from '../booking/flow.js';
import { namesSpace, withRoomInContext } from '../booking/room-context.js';
import type { Space, SpacesContent } from '../booking/spaces.js';
import { programme } from '../programmes/catalogue.js';
import { programmeInContext } from '../programmes/in-context.js';
import { withProgrammeInContext } from '../programmes/programme-context.js';

/** How long a question stays the topic of the next one that names none. */
export const TOPIC_MS = 15 * 60_000;

/** The slice of the conversation state (`turn.state.topic`): the last question that named its topic. */
export const topicStateSchema = z.object({ question: z.string(), at: z.string() });
type TopicState = z.infer<typeof topicStateSchema>;

/** A room's equipment, folded: a question about it asks about a room. */
const EQUIPMENT = /(?:^| )(?:may chieu|projector|man hinh|tv|tivi|screen|bang trang|whiteboard|dieu hoa|air ?con\w*|loa|speakers?|micro|mic|hdmi|cap hdmi)(?: |$)/;

/** A question naming "it" / "nó" (and no programme by name), folded. */
const IT = /(?<!\p{L})(?:it|nó)(?!\p{L})/iu;

function plain(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/u, '').trim() || name;
}

/**
 * A name in the question's language: an English question's search drops Vietnamese words the
 * documents write with diacritics, so "(phòng họp nhỏ)" beside "how much does it cost?" was lost.
 */
function nameFor(question: string, name: { vi: string; en: string }): string {
  return questionLanguage(question) === 'en' ? name.en : name.vi;
}

function catalog(turn: Turn): SpacesContent | undefined {
  try {
    return spacesCatalog(turn.services);
  } catch {
    return undefined; // a bot without the booking feature
  }
}

/** The space of the booking under way, or undefined. */
function bookingSpace(turn: Turn, spaces: SpacesContent): Space | undefined {
  const flow = activeFlow(turn);
  return flow?.id === BOOKING_FLOW_ID ? spaceById(spaces, flow.answers.space) : undefined;
}

/** The space of the booking under way, else of the founder's latest upcoming booking. */
async function roomOf(turn: Turn, spaces: SpacesContent): Promise<Space | undefined> {
  const current = bookingSpace(turn, spaces);
  if (current) return current;
  const contactId = turn.conversation.contactId ?? turn.contact?.id ?? undefined;
  if (contactId === undefined || contactId === null) return undefined;
  const upcoming = await upcomingBookings(turn.services.store, contactId, turn.services.clock());
  const latest = [...upcoming].sort((a, b) => b.id - a.id)[0];
  return latest ? spaceById(spaces, latest.space_id) : undefined;
}

function rememberedTopic(turn: Turn): string | undefined {
  const parsed = topicStateSchema.safeParse(turn.state.topic);
  if (!parsed.success) return undefined;
  return turn.services.clock().getTime() - Date.parse(parsed.data.at) <= TOPIC_MS ? parsed.data.question : undefined;
}

/** "Is it free?" with a programme in context: "it" is that programme. */
function withProgrammeForIt(turn: Turn, question: string): string {
  if (!IT.test(question) || activeFlow(turn)?.id === BOOKING_FLOW_ID) return question;
  const id = programmeInContext(turn);
  const found = id ? programme(turn.services, id) : undefined;
  if (!found) return question;
  return question.replace(IT, nameFor(question, found.name));
}

/**
 * The question with its left-out topic named (see the module comment); `previous` is the
 * founder's previous answered question, if recent.
 */
export async function withTopicInContext(turn: Turn, question: string, previous?: string): Promise<string> {
  let asked = withProgrammeForIt(turn, withProgrammeInContext(turn, question));
  asked = await withRoomInContext(turn, asked, previous);
  const spaces = catalog(turn);
  const words = ` ${fold(asked).replace(/[^a-z0-9]+/g, ' ').trim()} `;
  if (spaces && EQUIPMENT.test(words) && !namesSpace(spaces, asked)) {
    const room = await roomOf(turn, spaces);
    if (room && room.kind !== 'hot_desk') return `${asked} (${plain(nameFor(asked, room.name)).toLowerCase()})`;
  }
  if (!isTopicless(queryTerms(asked))) {
    // The question's words are kept for the next one only with consent: a founder who declined
    // may write their name in it ("Tôi là Hoàng Yến, …"), and nothing personal is kept for them.
    if (turn.contact?.consentedAt) turn.state.topic = { question: asked.slice(0, 300), at: turn.services.clock().toISOString() } satisfies TopicState;
    return asked;
  }
  const space = spaces ? bookingSpace(turn, spaces) : undefined;
  if (space) return `${asked} (${plain(nameFor(asked, space.name)).toLowerCase()})`;
  // With a recent answered question the knowledge feature searches the follow-up beside it itself
  // (and keeps the kind of fact asked); the topic remembered here is for when it has none.
  const topic = previous ? undefined : rememberedTopic(turn);
  if (topic) return `${asked} (${topic})`;
  const id = previous ? undefined : programmeInContext(turn);
  const found = id ? programme(turn.services, id) : undefined;
  return found ? `${asked} (${nameFor(asked, found.name)})` : asked;
}
