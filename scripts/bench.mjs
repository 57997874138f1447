// `npm run bench`: one line per figure, `name: value unit (budget: limit unit)`; exits 1 when a budget is missed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort();
const runner = `
  const file = process.argv[1];
  import(file).then(async (m) => {
    const results = await (m.run ?? m.default?.run)();
    process.stdout.write('\\n@@BENCH@@' + JSON.stringify(results) + '\\n');
  }).catch((e) => { console.error(e); process.exit(1); });
`;
/**
 * Lets the machine settle before each bench file: the one before may leave it busy (the sync
 * bench's minute of 50 clients), and on a shared 2-core machine the next one's figures then
 * carry that load (the webview open read 124.6 ms first in a whole run, 158.8 ms after the
 * sync bench in another, 127.6 ms alone a minute later). Waits until the 1-minute load average
 * is under half the cores, at most SETTLE_MAX_MS.
 */
const SETTLE_MAX_MS = 30_000;
function settle() {
  const until = Date.now() + SETTLE_MAX_MS;
  const quiet = cpus().length / 2;
  while (loadavg()[0] > quiet && Date.now() < until) spawnSync('sleep', ['1']);
}

let missed = 0;
let failed = 0;
for (const f of files) {
  settle();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', runner, join(root, 'bench', f)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RECIPROCITY_BENCH_QUIET: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const marker = r.stdout.lastIndexOf('@@BENCH@@');
  if (r.status !== 0 || marker < 0) {
    console.error(`${f}: failed\n${r.stderr}`);
    failed++;
    continue;
  }
  for (const res of JSON.parse(r.stdout.slice(marker + 9).trim())) {
    const ok = res.reference || (res.higherIsBetter ? res.value >= res.budget : res.value <= res.budget);
    if (!ok) missed++;
    const v = Number.isInteger(res.value) ? res.value : Number(res.value.toPrecision(4));
    const budget = res.reference ? 'none, reference' : `${res.higherIsBetter ? '≥ ' : ''}${res.budget} ${res.unit}`;
    console.log(`${res.name}: ${v} ${res.unit} (budget: ${budget})${ok ? '' : '  <-- over budget'}`);
  }
}
if (missed || failed) {
  console.error(`${missed} figure(s) over budget, ${failed} bench file(s) failed`);
  process.exit(1);
}
