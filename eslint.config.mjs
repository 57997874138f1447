// @ts-check
// ESLint flat config. Typed linting for the TypeScript sources (both tsconfigs, so the
// webview files are checked with the DOM lib), plain JS rules for the build and test scripts.
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

const TYPED = ['src/**/*.ts', 'bench/**/*.ts', 'test/unit/**/*.ts', 'test/sync/**/*.ts', 'test/fixtures/**/*.ts'];
const SCRIPTS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      '.vscode-test/',
      '.tools/',
      '.bench/',
      '.stryker-tmp/',
      'reports/',
      'test-results/',
      'media/',
      '**/*.vsix',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  eslint.configs.recommended,

  // TypeScript, type-aware.
  {
    files: TYPED,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.webview.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // VS Code's API returns Thenables, not Promises: check those too.
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `async` is kept on purpose where an API wants a promise (VS Code's serializers, the
      // bench runner): it also turns a synchronous throw into a rejection the caller handles.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Tests and benchmarks index arrays with `!` for readability; tests also read untyped JSON.
  { files: ['bench/**/*.ts'], rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' } },
  {
    files: ['test/unit/**/*.ts', 'test/sync/**/*.ts', 'test/fixtures/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // Other TypeScript declarations outside the two projects (hand-written .d.mts for the JS tests).
  {
    files: ['**/*.ts', '**/*.mts'],
    ignores: TYPED,
    extends: [tseslint.configs.recommended],
  },

  // Logs go to a LogOutputChannel (STYLE 16); the CLI prints to stdout/stderr on purpose.
  { files: ['src/**/*.ts'], rules: { 'no-console': 'error' } },
  { files: ['src/cli/**/*.ts'], rules: { 'no-console': 'off' } },

  // Build, packaging and test scripts: plain JavaScript on Node.
  {
    files: SCRIPTS,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.cjs', 'bin/**/*.js', 'test/host/**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['test/**/*.js', 'test/**/*.mjs'], languageOptions: { globals: { ...globals.mocha } } },
  // Callbacks passed to page.evaluate() run in the browser.
  { files: ['test/webview/**/*.mjs', 'test/e2e/**/*.mjs'], languageOptions: { globals: { ...globals.browser } } },
);
