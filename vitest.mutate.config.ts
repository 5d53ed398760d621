import { defineConfig } from 'vitest/config';

// What `npm run mutate` runs against each mutant: the BFF's unit tests and the integration
// suite (the real BFF in this process, so Stryker sees which tests cover which line). The e2e
// suites start the product in processes of their own, where mutants cannot be seen.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'bff', root: 'apps/bff', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          root: 'tests',
          include: ['integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
