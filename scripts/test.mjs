// `npm test`: every layer, in order of cost. Stops at the first failing layer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const node = process.execPath;

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck webview', cmd: bin('tsc'), args: ['-p', 'tsconfig.webview.json', '--noEmit'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'build', cmd: node, args: ['esbuild.mjs'] },
  { name: 'unit', cmd: bin('mocha'), args: [], counts: true },
  // Team mode: Hocuspocus servers, clients and Debian's redis-server, all on 127.0.0.1.
  { name: 'sync', cmd: bin('mocha'), args: ['--config', 'test/sync/.mocharc.json'], counts: true },
  // Two worker processes, each with its own browser: test/webview/setup.mjs says why.
  { name: 'webview', cmd: bin('mocha'), args: ['--config', 'test/webview/.mocharc.json', '--parallel', '--jobs', '2'], counts: true },
  { name: 'package', cmd: node, args: ['scripts/package.mjs'] },
  { name: 'e2e (code-server)', cmd: node, args: ['scripts/e2e.mjs'], counts: true },
  { name: 'integration (@vscode/test-electron)', cmd: node, args: ['test/electron/runTest.mjs'], counts: true, optional: true },
];

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(step) {
  return new Promise((resolve) => {
    console.log(`\n━━ ${step.name} ━━`);
    const started = Date.now();
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const tee = (stream, target) =>
      stream.on('data', (d) => {
        out += d.toString();
        target.write(d);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => {
      if (step.counts) count(out);
      console.log(`━━ ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code ?? 1);
    });
  });
}

function count(out) {
  const num = (re) => [...out.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  totals.passed += num(/^\s*(\d+) passing/gm);
  totals.failed += num(/^\s*(\d+) failing/gm);
  totals.skipped += num(/^\s*(\d+) pending/gm) + (out.match(/: skipped \(/g)?.length ?? 0);
}

if (!existsSync(join(root, 'node_modules'))) {
  console.error('node_modules is missing: run `npm install` (or `npm ci`) first.');
  process.exit(1);
}
let failedStep = null;
for (const step of steps) {
  const code = await run(step);
  if (code !== 0) {
    failedStep = step.name;
    if (!step.counts) totals.failed += 1;
    break;
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failedStep) {
  console.error(`npm test failed at: ${failedStep}`);
  process.exit(1);
}
