/**
 * The spaces content the booking flow works with, loaded once at start-up by the booking
 * feature (`init`) and read by the flow's steps. Kept in one place so the steps stay plain data.
 *
 * @example
 * setSpacesCatalog(loadSpaces('content'));
 * spacesOfKind('meeting_room').map((s) => s.id); // ['meeting-room']
 */
import type { Space, SpaceKind, SpacesContent } from './spaces.js';
import { SPACE_KINDS } from './spaces.js';

let current: SpacesContent | undefined;

/** Installs the content (the feature's `init`). @example setSpacesCatalog(loadSpaces('content')) */
export function setSpacesCatalog(content: SpacesContent): void {
  current = content;
}

/** The installed content; throws when the booking feature was not initialised. @example spacesCatalog().centre.address.vi */
export function spacesCatalog(): SpacesContent {
  if (!current) throw new Error('booking: spaces not loaded (the booking feature was not initialised)');
  return current;
}

/** One space by id. @example spaceById('hall')?.kind // 'hall' */
export function spaceById(id: unknown): Space | undefined {
  return typeof id === 'string' ? spacesCatalog().spaces.find((s) => s.id === id) : undefined;
}

/** The spaces of a kind, in content order. @example spacesOfKind('hall').length // 1 */
export function spacesOfKind(kind: unknown): Space[] {
  return spacesCatalog().spaces.filter((s) => s.kind === kind);
}

/** The kinds that have at least one space, in a fixed order. @example kindsOffered() // ['hot_desk', 'meeting_room', …] */
export function kindsOffered(): SpaceKind[] {
  return SPACE_KINDS.filter((k) => spacesOfKind(k).length > 0);
}

/** Whether the centre is closed on a local day for a space (weekday hours or public holiday). @example closedOn(hall, '2026-09-02') // true */
export function closedOn(space: Space, day: string): boolean {
  if (spacesCatalog().closedDates.some((d) => d.date === day)) return true;
  const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
  return space.rules.hours[weekday] === 'closed';
}
