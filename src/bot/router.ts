/**
 * The router decides who answers a turn. Features are middleware in a fixed order (grammY's
 * composer in miniature): each handles the turn or calls `next()` to pass it on. The order in
 * `features.ts` says who wins: an open handoff ticket, then universal words, then an active
 * flow, then commands and buttons, and finally the knowledge base.
 *
 * @example
 * const router = new Router([handoff, flows, menu]);
 * await router.route(turn);
 */
import { inboundText, type Inbound, type InboundBase } from './inbound.js';
import { z, type ZodType } from 'zod';
import type { Services } from './services.js';
import type { Turn, TurnHandler } from './turn.js';

/** A part of the bot: a turn handler plus optional start-up and background work. */
export interface Feature {
  readonly name: string;
  /** Lower runs first. Conventions: 10 handoff, 20 consent gate, 30 active flow, 50 menu and commands, 60-80 feature buttons, 90 knowledge base, 1000 fallback. */
  readonly order: number;
  handle: TurnHandler;
  /** Loads content and checks settings at start-up; throw to stop start-up with a clear message. */
  init?(services: Services): Promise<void>;
  /** Starts background work (reminders, SLA checks); stopped by `stop`. */
  start?(services: Services): Promise<void>;
  stop?(): Promise<void>;
  /**
   * The parts of the conversation state this feature owns (`turn.state[key]`), each with the zod
   * schema it must match. The runtime checks them when a turn loads: a slice stored by an older
   * version that no longer matches is dropped with a log line, never a crash mid-turn.
   */
  readonly stateSlices?: Readonly<Record<string, ZodType>>;
}

export class Router {
  readonly features: readonly Feature[];
  /** Every feature's state slices, by key. */
  readonly stateSlices: ReadonlyMap<string, { feature: string; schema: ZodType }>;

  constructor(features: readonly Feature[]) {
    this.features = [...features].sort((a, b) => a.order - b.order);
    const slices = new Map<string, { feature: string; schema: ZodType }>(
      Object.entries(RUNTIME_SLICES).map(([key, schema]) => [key, { feature: 'runtime', schema }]),
    );
    for (const feature of this.features) {
      for (const [key, schema] of Object.entries(feature.stateSlices ?? {})) {
        const owner = slices.get(key);
        if (owner && owner.feature !== feature.name) throw new Error(`state slice "${key}" is claimed by ${owner.feature} and ${feature.name}`);
        slices.set(key, { feature: feature.name, schema });
      }
    }
    this.stateSlices = slices;
  }

  /**
   * Drops the state slices that no longer match their feature's schema (a state written by an
   * older version) and returns which were dropped, for the log.
   *
   * @example
   * router.checkState(turn.state); // ['flow'] when the stored flow state is from an old version
   */
  checkState(state: Record<string, unknown>): string[] {
    const dropped: string[] = [];
    for (const [key, { schema }] of this.stateSlices) {
      if (state[key] === undefined) continue;
      if (!schema.safeParse(state[key]).success) {
        delete state[key];
        dropped.push(key);
      }
    }
    return dropped;
  }

  /** Runs the features in order until one handles the turn. */
  async route(turn: Turn): Promise<void> {
    const run = async (index: number): Promise<void> => {
      const feature = this.features[index];
      if (!feature) return;
      await feature.handle(turn, () => run(index + 1));
    };
    await run(0);
    rememberButtons(turn);
  }
}

/** State key of the buttons of the last reply: typing one's label (or number) presses it. */
export const LAST_BUTTONS_KEY = 'buttons';

/**
 * The runtime's own slices of the conversation state: the conversation's language (the
 * dispatcher's `locale`) and the last reply's buttons (`rememberButtons`). Features own the rest.
 */
export const RUNTIME_SLICES: Readonly<Record<string, ZodType>> = {
  locale: z.enum(['vi', 'en']),
  [LAST_BUTTONS_KEY]: z.array(z.object({ label: z.string(), payload: z.string() })),
};

/**
 * Keeps the buttons of the turn's last reply in the conversation state (labels and payloads
 * only), so a founder who types a label or its number instead of pressing gets the same answer
 * (platforms that show buttons as numbered text, or founders who simply type).
 */
function rememberButtons(turn: Turn): void {
  if (turn.event.chatType === 'group' || turn.conversation.chatType === 'group') return;
  const replies = turn.outbox.filter((item) => !item.channel && !item.recipient);
  const last = replies[replies.length - 1];
  if (!last) return;
  const buttons = (last.payload.buttons ?? []).map((b) => ({ label: b.label, payload: b.payload }));
  if (buttons.length > 0) turn.state[LAST_BUTTONS_KEY] = buttons;
  else delete turn.state[LAST_BUTTONS_KEY];
}

/**
 * The buttons of the last reply, as `rememberButtons` kept them.
 *
 * @example
 * lastButtons(turn).map((b) => b.payload) // ['menu:programmes', …]
 */
export function lastButtons(turn: Turn): { label: string; payload: string }[] {
  const kept = turn.state[LAST_BUTTONS_KEY];
  return Array.isArray(kept) ? (kept as { label: string; payload: string }[]) : [];
}

/**
 * Re-reads the turn's typed message as the press of one of our buttons, for the features after
 * the caller: a typed button label ("đồng ý", "2", "dat phong") is the same as pressing it, so
 * the feature that owns the payload handles it exactly as a press. The typed text is kept as the
 * press's `text` (what staff see when it is relayed).
 *
 * @example
 * treatAsPress(turn, 'menu:booking'); // then `return next()`
 */
export function treatAsPress(turn: Turn, payload: string): void {
  const { event } = turn;
  const typed = inboundText(event);
  const pressed: Inbound = { ...stripKindFields(event as unknown as Record<string, unknown>), kind: 'button', payload, ...(typed ? { text: typed } : {}) };
  (turn as { event: Inbound }).event = pressed;
}

/** The fields common to every inbound event (what is left when the kind's own fields go). */
function stripKindFields(event: Record<string, unknown>): InboundBase {
  const { channel, eventId, chatId, userId, chatType, locale, userName, meta } = event as unknown as InboundBase;
  return {
    channel, eventId, chatId, userId,
    ...(chatType ? { chatType } : {}), ...(locale ? { locale } : {}), ...(userName ? { userName } : {}), ...(meta ? { meta } : {}),
  };
}

/**
 * Re-reads the turn's event as a typed text, for the features after the caller (a founder who
 * chose to leave a flow for what they typed earlier: that text is then handled as if just sent).
 *
 * @example
 * treatAsText(turn, 'đặt phòng họp mai'); // then `return next()`
 */
export function treatAsText(turn: Turn, text: string): void {
  const typed: Inbound = { ...stripKindFields(turn.event as unknown as Record<string, unknown>), kind: 'text', text };
  (turn as { event: Inbound }).event = typed;
}
