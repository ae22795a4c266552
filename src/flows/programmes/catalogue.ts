/**
 * The loaded programmes, shared by the finder, the details view and the application flows.
 * Loaded once at start-up by the programmes feature (`init`), or directly in tests.
 *
 * @example
 * setProgrammes(loadProgrammes('content'));
 * programme('mekong-innovation')?.name.vi;
 */
import type { Programme } from './schema.js';

let programmes: ReadonlyMap<string, Programme> = new Map();

/**
 * Replaces the catalogue (start-up, tests).
 *
 * @example
 * setProgrammes(loadProgrammes('content'));
 */
export function setProgrammes(next: ReadonlyMap<string, Programme>): void {
  programmes = next;
}

/**
 * One programme by id.
 *
 * @example
 * programme('lang-son-coworking')?.source // 'programme-lang-son-coworking.md'
 */
export function programme(id: string): Programme | undefined {
  return programmes.get(id);
}

/**
 * Every programme, in file order.
 *
 * @example
 * allProgrammes().length // 6
 */
export function allProgrammes(): Programme[] {
  return [...programmes.values()];
}
