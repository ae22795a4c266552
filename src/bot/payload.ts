/**
 * Button payloads through one codec. A feature declares its payloads once —
 * `namespace:action[:arg…]`, each argument checked by a pattern — and builds and reads them
 * through that declaration instead of string templates and a regex per feature. Building
 * checks the platforms' size limit (Telegram's `callback_data` is 1–64 bytes, the tightest of
 * our channels), so an over-long payload fails where it is made, in a test, not when sending.
 *
 * @example
 * const bookingPayloads = payloadCodec('booking', { cancel: [ID], confirm: [ID], mine: [] });
 * bookingPayloads.encode('cancel', 42);          // 'booking:cancel:42'
 * bookingPayloads.decode('booking:cancel:42');   // { action: 'cancel', args: ['42'] }
 * bookingPayloads.decode('menu:booking');        // null
 */

/** The longest payload any channel carries back (Telegram `callback_data`: 64 bytes). */
export const PAYLOAD_MAX_BYTES = 64;

/**
 * An argument's shape: the characters it may hold. No `:` (which separates arguments), except
 * in the last argument, which takes the rest of the payload (a flow answer's value).
 */
export type PayloadArg = RegExp | OptionalArg;

/** A trailing argument that may be left out (`handoff:request` and `handoff:request:booking:…`). */
export interface OptionalArg {
  readonly optional: RegExp;
}

/**
 * Marks a trailing argument optional.
 *
 * @example
 * payloadCodec('handoff', { request: [optional(SLUG), optional(SLUG)] });
 */
export function optional(shape: RegExp): OptionalArg {
  return { optional: shape };
}

/** A database id or a number shown on a button. */
export const ID: RegExp = /^\d{1,15}$/;
/** A lower-case slug (programme, survey, space and step ids; short words). */
export const SLUG: RegExp = /^[a-z0-9][a-z0-9_.-]{0,40}$/;
/** A template placeholder filled by SQL when the row is sent (e.g. `{booking_id}`). */
export const PLACEHOLDER: RegExp = /^\{[a-z_]{1,30}\}$/;

function shapeOf(arg: PayloadArg): RegExp {
  return arg instanceof RegExp ? arg : arg.optional;
}

function required(shapes: readonly PayloadArg[]): number {
  return shapes.filter((s) => s instanceof RegExp).length;
}

/** Checks the arguments against their shapes and the whole against the size limit; the payload. */
function build(label: string, head: string[], shapes: readonly PayloadArg[], args: readonly (string | number)[]): string {
  if (args.length < required(shapes) || args.length > shapes.length) {
    throw new PayloadError(`${label} takes ${required(shapes)}–${shapes.length} argument(s), got ${args.length}`);
  }
  const parts = args.map((arg, i) => {
    const text = String(arg);
    const shape = shapeOf(shapes[i]!);
    const last = i === shapes.length - 1;
    if (!shape.test(text) || (!last && text.includes(':'))) throw new PayloadError(`${label}: argument ${i + 1} "${text}" does not match ${shape}`);
    return text;
  });
  const payload = [...head, ...parts].join(':');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > PAYLOAD_MAX_BYTES) throw new PayloadError(`${label}: payload of ${bytes} bytes is over ${PAYLOAD_MAX_BYTES}`);
  return payload;
}

/** Splits `a:b:c…` into at most `shapes.length` arguments (the last takes the rest) and checks them. */
function parse(rest: string | undefined, shapes: readonly PayloadArg[]): string[] | null {
  const args: string[] = [];
  if (rest !== undefined) {
    let remaining = rest;
    while (args.length < shapes.length - 1 && remaining.includes(':')) {
      const colon = remaining.indexOf(':');
      args.push(remaining.slice(0, colon));
      remaining = remaining.slice(colon + 1);
    }
    args.push(remaining);
  }
  if (args.length < required(shapes) || args.length > shapes.length) return null;
  return args.every((arg, i) => shapeOf(shapes[i]!).test(arg)) ? args : null;
}

/** Raised when building a payload that is malformed or too long for a platform. */
export class PayloadError extends Error {
  readonly code = 'PAYLOAD_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

type Actions = Readonly<Record<string, readonly PayloadArg[]>>;

/** What `decode` returns: the action and its arguments as strings (already pattern-checked). */
export interface DecodedPayload<A extends string> {
  action: A;
  args: string[];
}

export interface PayloadCodec<A extends string> {
  readonly namespace: string;
  /** `namespace:action:arg…`; throws `PayloadError` for a bad argument or a payload over the limit. */
  encode(action: A, ...args: (string | number)[]): string;
  /** The action and arguments of a payload of this namespace, or null for anything else. */
  decode(payload: string): DecodedPayload<A> | null;
  /** True when the payload belongs to this namespace (any action). */
  owns(payload: string): boolean;
}

/**
 * Declares the payloads of one feature.
 *
 * @example
 * const handoffPayloads = payloadCodec('handoff', { claim: [ID], resolve: [ID] });
 */
export function payloadCodec<const T extends Actions>(namespace: string, actions: T): PayloadCodec<Extract<keyof T, string>> {
  if (!/^[a-z][a-z_]{0,15}$/.test(namespace)) throw new PayloadError(`bad payload namespace "${namespace}"`);
  type A = Extract<keyof T, string>;
  const prefix = `${namespace}:`;
  return {
    namespace,
    encode(action: A, ...args: (string | number)[]): string {
      return build(`${namespace}:${action}`, [namespace, action], actions[action]!, args);
    },
    decode(payload: string): DecodedPayload<A> | null {
      if (payload !== namespace && !payload.startsWith(prefix)) return null;
      const body = payload.slice(prefix.length);
      const colon = body.indexOf(':');
      const action = colon < 0 ? body : body.slice(0, colon);
      if (!action || !Object.hasOwn(actions, action)) return null;
      const args = parse(colon < 0 ? undefined : body.slice(colon + 1), actions[action]!);
      return args ? { action: action as A, args } : null;
    },
    owns(payload: string): boolean {
      return payload.startsWith(prefix);
    },
  };
}

/** A codec whose payloads are `namespace:arg…` with no fixed action (the flow engine's `flow:<step>:<value>`). */
export interface PositionalCodec {
  readonly namespace: string;
  /** `namespace:arg…`; throws `PayloadError` for a bad argument or a payload over the limit. */
  encode(...args: (string | number)[]): string;
  /** The arguments of a payload of this namespace, or null for anything else. */
  decode(payload: string): string[] | null;
  owns(payload: string): boolean;
}

/**
 * Declares payloads made of arguments only, checked like `payloadCodec`'s.
 *
 * @example
 * const flowPayloads = positionalCodec('flow', [STEP, ANSWER]);
 * flowPayloads.encode('day', '2026-11-23'); // 'flow:day:2026-11-23'
 * flowPayloads.decode('flow:day:2026-11-23'); // ['day', '2026-11-23']
 */
export function positionalCodec(namespace: string, shapes: readonly PayloadArg[]): PositionalCodec {
  if (!/^[a-z][a-z_]{0,15}$/.test(namespace)) throw new PayloadError(`bad payload namespace "${namespace}"`);
  const prefix = `${namespace}:`;
  return {
    namespace,
    encode: (...args) => build(namespace, [namespace], shapes, args),
    decode: (payload) => (payload.startsWith(prefix) ? parse(payload.slice(prefix.length), shapes) : null),
    owns: (payload) => payload.startsWith(prefix),
  };
}
