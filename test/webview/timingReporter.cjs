// A mocha reporter for finding where the webview suite's time goes (issue 12, "A faster suite"):
// the spec reporter's output, then every test and hook that took at least 0.5 s, slowest
// first, and the time per file (tests plus hooks). In parallel mode the durations are measured
// in the workers, so the sums add up the work of both, not wall time.
//   npx mocha --config test/webview/.mocharc.json --parallel --jobs 2 --reporter test/webview/timingReporter.cjs
'use strict';
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_HOOK_END, EVENT_RUN_END } = Mocha.Runner.constants;

class TimingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const rows = [];
    let began = Date.now();
    runner.once(EVENT_RUN_BEGIN, () => (began = Date.now()));
    const fileOf = (runnable) => {
      for (let r = runnable; r; r = r.parent) if (r.file) return path.relative(process.cwd(), r.file);
      return '(root)';
    };
    const record = (kind) => (runnable) => {
      if (typeof runnable.duration !== 'number') return;
      rows.push({ kind, file: fileOf(runnable), title: runnable.fullTitle(), ms: runnable.duration });
    };
    runner.on(EVENT_TEST_PASS, record('test'));
    runner.on(EVENT_TEST_FAIL, record('test'));
    runner.on(EVENT_HOOK_END, record('hook'));
    runner.once(EVENT_RUN_END, () => {
      const s = (ms) => (ms / 1000).toFixed(1).padStart(6);
      const total = rows.reduce((n, r) => n + r.ms, 0);
      console.log('\n  Slowest tests and hooks (s):');
      for (const r of [...rows].sort((a, b) => b.ms - a.ms).filter((r) => r.ms >= 500)) {
        console.log(`  ${s(r.ms)}  ${r.kind === 'hook' ? '[hook] ' : ''}${r.title.slice(0, 110)}  (${r.file})`);
      }
      const files = new Map();
      for (const r of rows) files.set(r.file, (files.get(r.file) ?? 0) + r.ms);
      console.log('\n  Per file, tests plus hooks (s):');
      for (const [file, ms] of [...files].sort((a, b) => b[1] - a[1])) console.log(`  ${s(ms)}  ${file}`);
      const tests = rows.filter((r) => r.kind === 'test');
      console.log(`\n  Sum of ${tests.length} test durations: ${s(tests.reduce((n, r) => n + r.ms, 0)).trim()} s; with hooks: ${s(total).trim()} s`);
      // With --jobs 2, near 2 means both workers were busy all along (no long pole at the end).
      const wall = Date.now() - began;
      console.log(`  Wall time of the run: ${s(wall).trim()} s; tests and hooks per second of it: ${(total / wall).toFixed(2)}`);
    });
  }
}

module.exports = TimingReporter;
