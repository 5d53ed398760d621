import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Stryker runs this in a copy of the project whose node_modules is the original's: without these
// aliases `@github-bff/bff/testing` would resolve to the original (unmutated) sources, and the
// integration suite could never notice a mutant. They point at this copy's own sources.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const alias = [
  { find: /^@github-bff\/bff\/testing$/, replacement: here('./apps/bff/src/testing.ts') },
  { find: /^@github-bff\/bff\/contract$/, replacement: here('./apps/bff/src/contract.ts') },
];

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
          alias,
          include: ['integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
