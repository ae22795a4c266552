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
 * The catalogue the last `setProgrammes` installed in this process, for callers that do not yet
 * pass their bot (the staff console's applications page). Per-bot code never reads it.
 */
let lastInstalled: ReadonlyMap<string, Programme> = new Map();

/**
 * Installs a bot's catalogue (the feature's `init`).
 *
 * @example
 * setProgrammes(services, loadProgrammes('content'));
 */
export function setProgrammes(services: Slotted, next: ReadonlyMap<string, Programme>): void {
  services.slots.get(PROGRAMMES).loaded = next;
  lastInstalled = next;
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
export function programme(services: Slotted, id: string): Programme | undefined;
/** @deprecated pass the bot's services: `programme(services, id)` (kept for the staff console). @example programme('lang-son-coworking') */
export function programme(id: string): Programme | undefined;
export function programme(servicesOrId: Slotted | string, id?: string): Programme | undefined {
  return typeof servicesOrId === 'string' ? lastInstalled.get(servicesOrId) : programmesOf(servicesOrId).get(id ?? '');
}

/**
 * Every programme of this bot, in file order.
 *
 * @example
 * allProgrammes(turn.services).length // 6
 */
export function allProgrammes(services: Slotted): Programme[];
/** @deprecated pass the bot's services: `allProgrammes(services)` (kept for the staff console). @example allProgrammes() */
export function allProgrammes(): Programme[];
export function allProgrammes(services?: Slotted): Programme[] {
  return [...(services ? programmesOf(services) : lastInstalled).values()];
}
