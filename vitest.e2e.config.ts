import { defineConfig } from 'vitest/config';

// Browser tests against the real hub (scripts/e2e.mjs finds the Chromium).
// Each spec file starts its own hub; files run one at a time on two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
