// Builds the production bundles and writes reciprocity-<version>.vsix at the repo root.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
const BUDGET_BYTES = 1024 * 1024;

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
run(process.execPath, ['esbuild.mjs', '--production']);
run(process.execPath, [
  join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
  '--out',
  out,
]);
const size = statSync(join(root, out)).size;
const line = `vsix.size: ${(size / 1024).toFixed(1)} KiB (budget: ${BUDGET_BYTES / 1024} KiB)`;
console.log(line);
if (size > BUDGET_BYTES) {
  console.error(`${out} is over budget.`);
  process.exit(1);
}
