/**
 * The loaded programmes of a bot, shared by its finder, details view and application flows:
 * loaded by the programmes feature's `init` into that bot (`services.slots`), so two bots in
 * one process may offer different programmes.
 *
 * @example
 * setProgrammes(services, loadProgrammes('content'));
 * programme(turn.services, 'mekong-innovation')?.name.vi;
 */
import { botSlot, type Services } from '../../bot/services.js';
import type { Programme } from './schema.js';

type Slotted = Pick<Services, 'slots'>;

const PROGRAMMES = botSlot<{ loaded: ReadonlyMap<string, Programme> }>('programmes', () => ({ loaded: new Map() }));

/**
 * Installs a bot's catalogue (the feature's `init`).
 *
 * @example
 * setProgrammes(services, loadProgrammes('content'));
 */
export function setProgrammes(services: Slotted, next: ReadonlyMap<string, Programme>): void {
  services.slots.get(PROGRAMMES).loaded = next;
}

/** This bot's catalogue. @example programmesOf(turn.services).size // 6 */
export function programmesOf(services: Slotted): ReadonlyMap<string, Programme> {
  return services.slots.get(PROGRAMMES).loaded;
}

/**
 * One programme by id, from this bot's catalogue.
 *
 * @example
 * programme(turn.services, 'lang-son-coworking')?.source // 'programme-lang-son-coworking.md'
 */
export function programme(services: Slotted, id: string): Programme | undefined {
  return programmesOf(services).get(id);
}

/**
 * Every programme of this bot, in file order.
 *
 * @example
 * allProgrammes(turn.services).length // 6
 */
export function allProgrammes(services: Slotted): Programme[] {
  return [...programmesOf(services).values()];
}
