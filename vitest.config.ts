import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // PGlite is CPU-bound WebAssembly; two workers match the CI machine's two cores.
    maxWorkers: 2,
    // Each test file builds its own stores, bots and servers (no module-level registries), so
    // the workers keep the modules they imported between files instead of importing the whole
    // source tree again for each of the ~110 files: about a third off the suite's time.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
