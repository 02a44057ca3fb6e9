import { defineConfig } from 'vitest/config';

// Unit and integration tests (real sockets on loopback). Browser tests run
// separately (scripts/e2e.mjs) because they need a built UI and a Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: integration tests start real servers; keep parallelism modest.
    maxWorkers: 2,
    pool: 'forks',
  },
});
