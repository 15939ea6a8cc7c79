import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files run in parallel processes. Vitest's default is one process fewer than the cores — a single one on a
 * 2-core machine — yet much of a database suite's time is spent waiting (on PostgreSQL, on PGlite's I/O, on the
 * HTTP server of the same process), so one process per core. KX_TEST_WORKERS overrides it. The tests that start
 * whole server processes (test/e2e) or drive Chromium (test/browser) wait on start-ups and time what a user
 * sees: they run afterwards, one file at a time, so the database suites do not starve them.
 */
const workers = Number(process.env.KX_TEST_WORKERS) || availableParallelism();

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'suites',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/e2e/**'],
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'processes', include: ['test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
