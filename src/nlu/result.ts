/**
 * The outcome of parsing what a founder typed: a value, or a reason code the caller turns into
 * a hint ("expected a date like 25/12"). Parsers never throw for bad input.
 *
 * @example
 * const r: Parsed<string> = parsePhone('0912 345 678'); // { ok: true, value: '+84912345678' }
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ParseFailure };

/** Why an answer was not accepted; each has a hint text in content/messages/flows.yaml. */
export type ParseFailure = 'empty' | 'invalid' | 'past' | 'too_long' | 'out_of_range';

/** Shorthand constructors. @example ok(3) // { ok: true, value: 3 } */
export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** @example fail('invalid') // { ok: false, reason: 'invalid' } */
export function fail<T = never>(reason: ParseFailure): Parsed<T> {
  return { ok: false, reason };
}
