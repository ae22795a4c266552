import { describe, expect, it } from 'vitest';
import { lazyNlu, type Nlu, type Understanding } from '../../src/nlu/index.js';

/** A stand-in model that counts how often it was built; the real one takes seconds to train. */
function counting(): { builds: () => number; build: () => Nlu } {
  let builds = 0;
  return {
    builds: () => builds,
    build: () => {
      builds++;
      return { understand: (text) => ({ intent: text === 'menu' ? 'menu' : 'unknown' }) as unknown as Understanding };
    },
  };
}

describe('lazyNlu', () => {
  it('builds nothing until asked, then builds once', () => {
    const model = counting();
    const nlu = lazyNlu(model.build);
    expect(model.builds()).toBe(0);
    expect(nlu.understand('menu', { now: new Date(0) }).intent).toBe('menu');
    expect(nlu.understand('xin chào', { now: new Date(0) }).intent).toBe('unknown');
    expect(model.builds()).toBe(1);
  });

  it('warm builds ahead of the first message, once', () => {
    const model = counting();
    const nlu = lazyNlu(model.build);
    nlu.warm();
    nlu.warm();
    expect(model.builds()).toBe(1);
    nlu.understand('menu', { now: new Date(0) });
    expect(model.builds()).toBe(1);
  });
});
