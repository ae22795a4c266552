/**
 * The flow engine's button payloads: `flow:<step>:<value>`, the answer `value` to the step
 * `step` (or a control word under the step `_`: `flow:_:cancel`). The value is the last
 * argument, so it may itself hold a `:`; the whole is checked against the 64-byte limit when built.
 *
 * @example
 * flowPayloads.encode('stage', 'idea'); // 'flow:stage:idea'
 * flowPayloads.decode('flow:day:2026-11-23'); // ['day', '2026-11-23']
 */
import { positionalCodec } from '../../bot/payload.js';

/** A step id (`_` and `_edit` are the engine's own). */
const STEP = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/;
/** An answer: a choice value, a day, an index, a control word. */
const VALUE = /^\S(?:.{0,58}\S)?$/s;

export const flowPayloads = positionalCodec('flow', [STEP, VALUE]);
