import { createRequire } from 'node:module';

// Mutation testing of the pure domain (`npm run mutation`, not in CI: too slow for 2 cores).
// The unit tests run as `npx mocha` runs them (.mocharc.json: tsx/cjs), with a longer timeout.
// A scoped run (scripts/mutation.mjs --tests <glob>) replaces their spec list with its globs,
// given here as a JSON array in RECIPROCITY_MUTATION_TESTS; a glob starting with ! is left out
// (added to the mocharc's ignore list).
const require = createRequire(import.meta.url);
const scopedTests = process.env.RECIPROCITY_MUTATION_TESTS ? JSON.parse(process.env.RECIPROCITY_MUTATION_TESTS) : null;
const scoped = scopedTests && {
  spec: scopedTests.filter((g) => !g.startsWith('!')),
  ignore: [...require('./test/mutation/mocharc.cjs').ignore, ...scopedTests.filter((g) => g.startsWith('!')).map((g) => g.slice(1))],
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  mochaOptions: { config: 'test/mutation/mocharc.cjs', ...scoped },
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.d.ts'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code: deck texts, valibot schemas, constant tables) need a
  // fresh module load and the whole suite each: 37 % of the mutants but 83 % of the time.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10000,
  // The dry run (every test once, with coverage per test) takes minutes when others share the
  // 2 cores (the unit suite alone is ~110 s idle); Stryker's default allows 5.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Committed, so a later run only re-tests mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Only what the unit tests read goes into the sandboxes.
  ignorePatterns: [
    '/.tools',
    '/.bench',
    '/.vscode-test',
    '/dist',
    '/out',
    '/test-results',
    '/*.vsix',
    '/test/e2e',
    '/test/electron',
    '/test/host',
    '/test/webview',
  ],
};
