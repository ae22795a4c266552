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

/** An argument's shape: the characters it may hold (no `:`, which separates arguments). */
export type PayloadArg = RegExp;

/** A database id or a number shown on a button. */
export const ID: PayloadArg = /^\d{1,15}$/;
/** A lower-case slug (programme, survey, space and step ids; short words). */
export const SLUG: PayloadArg = /^[a-z0-9][a-z0-9_.-]{0,40}$/;
/** A template placeholder filled by SQL when the row is sent (e.g. `{booking_id}`). */
export const PLACEHOLDER: PayloadArg = /^\{[a-z_]{1,30}\}$/;

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
      const shapes = actions[action]!;
      if (args.length !== shapes.length) throw new PayloadError(`${namespace}:${action} takes ${shapes.length} argument(s), got ${args.length}`);
      const parts = args.map((arg, i) => {
        const text = String(arg);
        if (!shapes[i]!.test(text)) throw new PayloadError(`${namespace}:${action}: argument ${i + 1} "${text}" does not match ${shapes[i]}`);
        return text;
      });
      const payload = [namespace, action, ...parts].join(':');
      if (Buffer.byteLength(payload, 'utf8') > PAYLOAD_MAX_BYTES) {
        throw new PayloadError(`${namespace}:${action}: payload of ${Buffer.byteLength(payload, 'utf8')} bytes is over ${PAYLOAD_MAX_BYTES}`);
      }
      return payload;
    },
    decode(payload: string): DecodedPayload<A> | null {
      if (!payload.startsWith(prefix)) return null;
      const [action, ...args] = payload.slice(prefix.length).split(':');
      if (!action || !Object.hasOwn(actions, action)) return null;
      const shapes = actions[action]!;
      if (args.length !== shapes.length || !args.every((arg, i) => shapes[i]!.test(arg))) return null;
      return { action: action as A, args };
    },
    owns(payload: string): boolean {
      return payload.startsWith(prefix);
    },
  };
}
