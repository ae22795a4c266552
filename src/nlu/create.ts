/**
 * Builds the NLU of a content folder (placeholder classifier while the trained one lands).
 *
 * @example
 * const nlu = createNlu({ contentDir: 'content', timeZone: 'Asia/Ho_Chi_Minh' });
 */
import { loadCasualSpellings } from './casual.js';
import { normalizeForMatching } from './normalize.js';
import { parseDate } from './entities/date.js';
import { parseTime } from './entities/time.js';
import { parseDuration } from './entities/duration.js';
import { parseBookingCode } from './entities/code.js';
import type { Nlu, Slots, Understanding } from './types.js';

/** A space id with the names founders call it by (any language, any spelling). */
export interface SpaceNames {
  id: string;
  names: readonly string[];
}

/** A programme id with the names founders call it by. */
export interface ProgrammeNames {
  id: string;
  names: readonly string[];
}

/** Options of `createNlu`. */
export interface CreateNluOptions {
  /** The content folder (examples in `<contentDir>/nlu/`, spaces, programmes). */
  contentDir: string;
  /** The centre's time zone (config), for relative dates. */
  timeZone: string;
  /** Spaces; default: read from `<contentDir>/spaces.yaml` plus `nlu/entities.yaml`. */
  spaces?: readonly SpaceNames[];
  /** Programmes; default: read from `<contentDir>/programmes/`. */
  programmes?: readonly ProgrammeNames[];
}

/**
 * Trains the classifier on the content's examples and returns the NLU.
 *
 * @example
 * createNlu({ contentDir: 'content', timeZone: 'Asia/Ho_Chi_Minh' }).understand('menu', { now: new Date() }).intent // 'menu'
 */
export function createNlu(options: CreateNluOptions): Nlu {
  const casual = loadCasualSpellings(options.contentDir);
  return {
    understand(text, { now }): Understanding {
      const normalized = normalizeForMatching(text, casual);
      const slots: Slots = {};
      const date = parseDate(text, { now, timeZone: options.timeZone });
      if (date.ok) slots.date = date.value;
      const start = parseTime(text);
      if (start.ok) slots.start = start.value;
      const minutes = parseDuration(text);
      if (minutes.ok) slots.minutes = minutes.value;
      const code = parseBookingCode(text);
      if (code.ok) slots.code = code.value;
      return { text, normalized, intent: 'out_of_scope', confidence: 0, ranked: [{ intent: 'out_of_scope', score: 0 }], slots, unsure: true };
    },
  };
}
