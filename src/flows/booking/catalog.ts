/**
 * The spaces content the booking flow works with: loaded by the booking feature's `init` into
 * its bot (`services.slots`), so two bots in one process may offer different spaces. The
 * helpers below read a loaded `SpacesContent`, which the CLI may also load on its own.
 *
 * @example
 * setSpacesCatalog(services, loadSpaces('content'));
 * spacesOfKind(spacesCatalog(turn.services), 'meeting_room').map((s) => s.id); // ['meeting-room']
 */
import { botSlot, type Services } from '../../bot/services.js';
import type { Space, SpaceKind, SpacesContent } from './spaces.js';
import { SPACE_KINDS } from './spaces.js';

const SPACES = botSlot<{ content?: SpacesContent }>('booking.spaces', () => ({}));

/** Installs this bot's spaces (the feature's `init`). @example setSpacesCatalog(services, loadSpaces('content')) */
export function setSpacesCatalog(services: Pick<Services, 'slots'>, content: SpacesContent): void {
  services.slots.get(SPACES).content = content;
}

/** This bot's spaces; throws when its booking feature was not initialised. @example spacesCatalog(turn.services).centre.address.vi */
export function spacesCatalog(services: Pick<Services, 'slots'>): SpacesContent {
  const content = services.slots.get(SPACES).content;
  if (!content) throw new Error('booking: spaces not loaded (the booking feature was not initialised)');
  return content;
}

/** One space by id. @example spaceById(spaces, 'hall')?.kind // 'hall' */
export function spaceById(spaces: SpacesContent, id: unknown): Space | undefined {
  return typeof id === 'string' ? spaces.spaces.find((s) => s.id === id) : undefined;
}

/** The spaces of a kind, in content order. @example spacesOfKind(spaces, 'hall').length // 1 */
export function spacesOfKind(spaces: SpacesContent, kind: unknown): Space[] {
  return spaces.spaces.filter((s) => s.kind === kind);
}

/** The kinds that have at least one space, in a fixed order. @example kindsOffered(spaces) // ['hot_desk', 'meeting_room', …] */
export function kindsOffered(spaces: SpacesContent): SpaceKind[] {
  return SPACE_KINDS.filter((k) => spacesOfKind(spaces, k).length > 0);
}

/** Whether the centre is closed on a local day for a space (weekday hours or public holiday). @example closedOn(spaces, hall, '2026-09-02') // true */
export function closedOn(spaces: SpacesContent, space: Space, day: string): boolean {
  if (spaces.closedDates.some((d) => d.date === day)) return true;
  const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
  return space.rules.hours[weekday] === 'closed';
}
