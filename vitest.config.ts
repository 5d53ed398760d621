import { defineConfig } from 'vitest/config';

// One runner for every suite; `npm test` runs them all (see scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'bff', root: 'apps/bff', include: ['src/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'github-stub', root: 'apps/github-stub', include: ['src/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'notes-api', root: 'apps/notes-api', include: ['src/**/*.test.ts'], environment: 'node' } },
      'apps/web',
      {
        test: {
          name: 'integration',
          root: 'tests',
          include: ['integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: 'tests',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          // Two cores: one browser and one product at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
