import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'tests/**', 'bench/**', '**/src/test/**', '**/src/testing/**'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'test-results/**',
      'bench/results/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  // Type-aware: floating promises, unsafe `any` flows, awaiting non-promises… need the types.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      // An async implementation of an interface that is async elsewhere (a store) is fine.
      '@typescript-eslint/require-await': 'off',
      // Node's and Koa's callbacks take async functions everywhere; the promise is awaited where it matters.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // A classic script the page loads before its bundle (no modules, no bundler).
    files: ['apps/web/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'vitest.config.ts', 'vitest.mutate.config.ts', 'bench/baseline-app/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests may assert what they just set up (`!`, expect.any, stubs); remote data is narrowed in
    // the product, not here.
    files: TESTS,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // The project service sometimes types a test file with another tsconfig than tsc -b does.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // koa-session lives behind session/: routes use session-context.ts, never its object.
    files: ['apps/bff/src/**/*.ts'],
    ignores: ['apps/bff/src/session/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ctx'][property.name='session']",
          message: 'Use session/session-context.ts (currentSession, changeSession, endSession, startSession).',
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['simple-oauth2'], message: 'simple-oauth2 lives behind github/github-oauth.ts.' }] },
      ],
    },
  },
  {
    files: ['apps/bff/src/github/github-oauth.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
