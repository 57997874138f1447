// `npm run mutation`: StrykerJS over src/domain (stryker.config.mjs), then one score line per
// group read from the JSON report. Fails when a gated group (the balance engine, the reducer,
// the stage rules) is under its budget. Not part of `npm test`: too slow for CI's 2 cores.
//
//   npm run mutation                      incremental run, then the scores
//   npm run mutation -- --force           re-test every mutant (rebuilds the incremental file)
//   node scripts/mutation.mjs --report    scores from the last report, without running Stryker
//   node scripts/mutation.mjs --report --survivors
//                                         also list the surviving mutants of the gated groups
//
// A scoped run mutates one file (or a few) and runs only the tests given with --tests (a glob,
// repeatable; it replaces the unit suite's spec list, as mochaOptions.spec). Stryker's dry run
// otherwise runs the whole unit suite (~830 tests) before the first mutant, which on the shared
// 2-core machine takes many minutes; coverage is per test (stryker.config.mjs), so each mutant
// then runs only the given tests that reach it. The file's score line is printed first:
//
//   node scripts/mutation.mjs --mutate src/domain/balance/ranking.ts \
//     --tests 'test/unit/balance/**/*.test.ts' --concurrency 2
//
// A glob starting with ! leaves files out: --tests '!test/unit/balance/scale.test.ts' takes ~3/5
// of the balance tests' time away (they count the engine's work at up to 150k members), and a
// mutant that only costs work (a shortcut not taken) then survives.
//
// A mutant that only tests outside --tests kill shows as Survived (or NoCoverage): a scoped
// score is a lower bound. A scoped run also forgets which tests outside --tests killed the other
// files' mutants, so it never writes the committed incremental file: it keeps its own in
// reports/mutation/ (copied from the committed one when that is newer), and successive scoped
// runs reuse each other's results there. Only a full run updates test/mutation/.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, matchesGlob, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = join(root, 'reports', 'mutation', 'mutation.json');
const INCREMENTAL = join(root, 'test', 'mutation', 'stryker-incremental.json');
const SCOPED_INCREMENTAL = join(root, 'reports', 'mutation', 'stryker-incremental.scoped.json');
const BUDGET = 85;

/** Named groups first; every other mutated file falls into the group of its folder. */
const GROUPS = [
  { name: 'src/domain/balance', gated: true, match: (f) => f.startsWith('src/domain/balance/') },
  { name: 'src/domain/session.ts', gated: true, match: (f) => f === 'src/domain/session.ts' },
  { name: 'src/domain/stages.ts+answered.ts', gated: true, match: (f) => f === 'src/domain/stages.ts' || f === 'src/domain/answered.ts' },
  { name: 'src/domain/permissions.ts', gated: false, match: (f) => f === 'src/domain/permissions.ts' },
];

// Stryker's statuses that count; CompileError, RuntimeError, Ignored and Pending do not.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Splits off `--tests <glob>` (or `--tests=<glob>`, repeatable); everything else but --report and --survivors goes to Stryker. */
function parseArgs(argv) {
  const tests = [];
  const stryker = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--tests') {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) {
        console.error('mutation: --tests needs a glob of test files, e.g. --tests \'test/unit/balance/**/*.test.ts\'');
        process.exit(2);
      }
      tests.push(argv[++i]);
    } else if (a.startsWith('--tests=')) tests.push(a.slice('--tests='.length));
    else if (a !== '--report' && a !== '--survivors') stryker.push(a);
  }
  return { tests, stryker };
}

const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const listSurvivors = args.includes('--survivors');
const { tests, stryker: strykerArgs } = parseArgs(args);
/** The files given with --mutate (a range suffix such as `:10-20` dropped), whose scores are printed first. */
const mutated = strykerArgs
  .flatMap((a, i) => (a === '--mutate' || a === '-m' ? (strykerArgs[i + 1] ?? '').split(',') : a.startsWith('--mutate=') ? a.slice(9).split(',') : []))
  .map((f) => f.replace(/:\d+(:\d+)?-\d+(:\d+)?$/, ''))
  .filter(Boolean);

/** For a scoped run: its own incremental file, started from the committed one when that is newer. */
function scopedIncrementalFile() {
  if (existsSync(INCREMENTAL) && (!existsSync(SCOPED_INCREMENTAL) || statSync(INCREMENTAL).mtimeMs > statSync(SCOPED_INCREMENTAL).mtimeMs)) {
    mkdirSync(dirname(SCOPED_INCREMENTAL), { recursive: true });
    copyFileSync(INCREMENTAL, SCOPED_INCREMENTAL);
  }
  return relative(root, SCOPED_INCREMENTAL);
}

function runStryker() {
  const bin = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  // stryker.config.mjs reads the test globs from here (Stryker's CLI has no flag for mochaOptions).
  const env = tests.length > 0 ? { ...process.env, RECIPROCITY_MUTATION_TESTS: JSON.stringify(tests) } : process.env;
  const scoped = tests.length > 0 && !strykerArgs.some((a) => a === '--incrementalFile' || a.startsWith('--incrementalFile='));
  const extra = scoped ? ['--incrementalFile', scopedIncrementalFile()] : [];
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'run', ...strykerArgs, ...extra], { cwd: root, stdio: 'inherit', env });
    child.on('close', (code) => done(code ?? 1));
  });
}

function groupOf(file) {
  const named = GROUPS.find((g) => g.match(file));
  if (named) return named.name;
  const folder = dirname(file);
  return folder === 'src/domain' ? 'src/domain/*.ts (rest)' : folder;
}

function score(mutants) {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
  return valid === 0 ? null : (100 * detected) / valid;
}

function summarise(report) {
  const groups = new Map();
  for (const [key, file] of Object.entries(report.files)) {
    const path = relative(root, resolve(root, key)).split(sep).join('/');
    if (mutated.some((pattern) => path === pattern || (/[*?[{]/.test(pattern) && matchesGlob(path, pattern)))) {
      const s = score(file.mutants);
      console.log(`mutation.${path}: ${s === null ? 'n/a' : `${s.toFixed(1)} %`}${tests.length > 0 ? ` (tests: ${tests.join(' ')})` : ''}`);
    }
    const group = groupOf(path);
    if (!groups.has(group)) groups.set(group, []);
    for (const m of file.mutants) groups.get(group).push({ ...m, path, source: file.source });
  }
  const order = [...GROUPS.map((g) => g.name), ...[...groups.keys()].filter((k) => !GROUPS.some((g) => g.name === k)).sort()];
  let failed = false;
  for (const name of order) {
    const gated = GROUPS.find((g) => g.name === name)?.gated ?? false;
    const s = score(groups.get(name) ?? []);
    const shown = s === null ? 'n/a' : `${s.toFixed(1)} %`;
    console.log(`mutation.${name}: ${shown}${gated ? ` (budget: >= ${BUDGET} %)` : ''}`);
    if (gated && (s === null || s < BUDGET)) failed = true;
  }
  const all = [...groups.values()].flat();
  console.log(`mutation.src/domain (all): ${score(all)?.toFixed(1) ?? 'n/a'} %`);
  return { failed, groups };
}

/** The original text a mutant replaced, on one line and cut short. */
function original(m) {
  const lines = m.source.split('\n');
  const { start, end } = m.location;
  const text =
    start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join(' ');
  return oneLine(text);
}

function oneLine(text, max = 100) {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function printSurvivors(groups) {
  for (const g of GROUPS.filter((x) => x.gated)) {
    const left = (groups.get(g.name) ?? [])
      .filter((m) => UNDETECTED.has(m.status))
      .sort((a, b) => a.path.localeCompare(b.path) || a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    console.log(`\n## ${g.name}: ${left.length} undetected`);
    for (const m of left) {
      const at = `${m.path}:${m.location.start.line}:${m.location.start.column}`;
      console.log(`${at} ${m.status} ${m.mutatorName}: ${original(m)} -> ${oneLine(m.replacement ?? '')}`);
    }
  }
}

if (!reportOnly) {
  const started = Date.now();
  const code = await runStryker();
  console.log(`\nstryker: exit ${code} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (code !== 0) process.exit(code);
}
if (!existsSync(REPORT)) {
  console.error(`No mutation report at ${relative(root, REPORT)}: run \`npm run mutation\` first.`);
  process.exit(1);
}
const { failed, groups } = summarise(JSON.parse(readFileSync(REPORT, 'utf8')));
if (listSurvivors) printSurvivors(groups);
if (failed) {
  console.error(`\nmutation: a gated group is below ${BUDGET} %`);
  process.exit(1);
}
