/**
 * An NLU trained on first use. Training takes seconds of CPU on a small machine; a process that
 * builds the bot only to send (`uom broadcast send`, the staff tools) never reads a founder's
 * text and should not pay for it. A running bot trains at start-up (`warm`), not on the first
 * founder's message.
 *
 * @example
 * const nlu = lazyNlu(() => createNlu({ contentDir: 'content', timeZone: 'Asia/Ho_Chi_Minh' }));
 * nlu.warm(); // at start-up; otherwise the first `understand` trains
 */
import type { Nlu } from './types.js';

/** An `Nlu` that builds its model when first asked (or warmed). */
export interface LazyNlu extends Nlu {
  /** Builds the model now, if it is not built yet. */
  warm(): void;
}

export function lazyNlu(build: () => Nlu): LazyNlu {
  let model: Nlu | undefined;
  const get = (): Nlu => (model ??= build());
  return {
    understand: (text, options) => get().understand(text, options),
    warm: () => void get(),
  };
}
