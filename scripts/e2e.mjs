#!/usr/bin/env node
// e2e: the packaged .vsix in a real VS Code (code-server 4.100.3) driven by
// playwright-core and Debian's chromium. Runs test/e2e/*.e2e.mjs with mocha.
// A missing browser or code-server is a failure with the command that fixes it,
// in CI and outside it: this layer never passes by skipping.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireChromium } from './lib/chromium.mjs';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { createDemoWorkspace, writeUserSettings } from './lib/demoWorkspace.mjs';
import { repoRoot, testResultsDir } from './lib/paths.mjs';
import { MissingPrerequisite } from './lib/prereqs.mjs';
import { runInherited } from './lib/proc.mjs';
import { provisionCodeServer } from './lib/provision.mjs';
import { ensureVsix, installedExtensionDir } from './lib/vsix.mjs';

const runDir = path.join(testResultsDir, 'e2e');
const screenshots = path.join(testResultsDir, 'screenshots');
const hostResults = path.join(testResultsDir, 'host-tests.json');
const timings = [];

async function timed(label, fn) {
  const started = Date.now();
  const result = await fn();
  timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Other test layers save screenshots in the same folder; remove only ours (e2e-*.png). */
function clearOwnScreenshots() {
  if (!fs.existsSync(screenshots)) return;
  for (const f of fs.readdirSync(screenshots)) {
    if (f.startsWith('e2e-') && f.endsWith('.png')) fs.rmSync(path.join(screenshots, f));
  }
}

async function prepare() {
  requireChromium();
  await timed('provision', () => provisionCodeServer());
  const vsix = await timed('package', () => ensureVsix());
  fs.rmSync(runDir, { recursive: true, force: true });
  clearOwnScreenshots();
  fs.rmSync(hostResults, { force: true });
  const dirs = { userData: path.join(runDir, 'user-data'), extensions: path.join(runDir, 'extensions') };
  writeUserSettings(dirs.userData);
  await timed('install vsix', () => installVsix(vsix, dirs.extensions, { userDataDir: dirs.userData }));
  const extensionPath = installedExtensionDir(dirs.extensions);
  if (!fs.existsSync(path.join(extensionPath, 'package.json'))) throw new Error(`the vsix did not install into ${extensionPath}`);
  // Workspaces live in the system temp dir so their git repos sit outside this clone's.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocity-e2e-'));
  const workspace = createDemoWorkspace(path.join(tmp, 'demo-team'));
  const hostWorkspace = createDemoWorkspace(path.join(tmp, 'host-tests'));
  return { vsix, dirs, extensionPath, tmp, workspace, hostWorkspace };
}

function mochaArgs() {
  const files = fs.readdirSync(path.join(repoRoot, 'test', 'e2e')).filter((f) => f.endsWith('.e2e.mjs')).sort();
  const grep = process.env.E2E_GREP ? ['--grep', process.env.E2E_GREP] : [];
  return [
    path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--timeout', '180000',
    '--reporter', 'spec', ...grep, ...files.map((f) => path.join('test', 'e2e', f)),
  ];
}

function reportHostTests() {
  if (!fs.existsSync(hostResults)) return;
  const summary = JSON.parse(fs.readFileSync(hostResults, 'utf8'));
  console.log(`\nhost tests (inside ${summary.appName} ${summary.vscodeVersion} extension host):`);
  for (const t of summary.tests) console.log(`  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✘' : '-'} ${t.title}`);
}

async function main() {
  const setup = await prepare();
  const server = await timed('start code-server', () => startCodeServer({
    userDataDir: setup.dirs.userData,
    extensionsDir: setup.dirs.extensions,
    folder: setup.workspace,
    logFile: path.join(runDir, 'code-server.log'),
    env: { RECIPROCITY_HOST_TEST_RESULTS: hostResults },
  }));
  console.log(`code-server ${server.url} (log: ${path.relative(repoRoot, path.join(runDir, 'code-server.log'))})`);
  let code;
  try {
    code = await timed('mocha', () => runInherited(process.execPath, mochaArgs(), {
      cwd: repoRoot,
      env: {
        ...process.env,
        E2E_BASE_URL: server.url,
        E2E_WORKSPACE: setup.workspace,
        E2E_HOST_WORKSPACE: setup.hostWorkspace,
        E2E_EXTENSION_PATH: setup.extensionPath,
        E2E_HOST_RESULTS: hostResults,
        E2E_SCREENSHOTS: screenshots,
      },
    }));
  } finally {
    await server.stop();
    fs.rmSync(setup.tmp, { recursive: true, force: true });
  }
  reportHostTests();
  console.log(`\nscreenshots: ${path.relative(repoRoot, screenshots)}/e2e-*.png`);
  console.log(`e2e timings: ${timings.join(', ')}`);
  return code;
}

const started = Date.now();
try {
  const code = await main();
  console.log(`e2e: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = code === 0 ? 0 : 1;
} catch (err) {
  if (err instanceof MissingPrerequisite) {
    console.error(`e2e: FAILED, ${err.message}`);
  } else {
    console.error(`e2e: FAILED: ${err.stack ?? err}`);
  }
  process.exitCode = 1;
}
