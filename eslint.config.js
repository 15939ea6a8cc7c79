import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'web/dist/', 'coverage/', 'bench/results/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // core is pure: no I/O, no process state, nothing of ours outside core.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:fs', 'node:net', 'node:http', 'pg', 'kysely', 'fastify', '../../app/*', '../../adapters/*', '../app/*', '../adapters/*'] }],
      'no-restricted-globals': ['error', 'process'],
    },
  },
  {
    // The web workbench runs in the browser; it may import core/money and API types, nothing else of the server.
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly', crypto: 'readonly', navigator: 'readonly', performance: 'readonly', Blob: 'readonly', AbortController: 'readonly', URLSearchParams: 'readonly', Response: 'readonly', HTMLElement: 'readonly', React: 'readonly' },
    },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/src/app/*', '**/src/adapters/*', 'pg', 'kysely', 'fastify', 'node:*'] }],
    },
  },
  {
    files: ['web/vite.config.ts', 'scripts/**/*.mjs'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
