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
}

export class Router {
  readonly features: readonly Feature[];

  constructor(features: readonly Feature[]) {
    this.features = [...features].sort((a, b) => a.order - b.order);
  }

  /** Runs the features in order until one handles the turn. */
  async route(turn: Turn): Promise<void> {
    const run = async (index: number): Promise<void> => {
      const feature = this.features[index];
      if (!feature) return;
      await feature.handle(turn, () => run(index + 1));
    };
    await run(0);
  }
}
