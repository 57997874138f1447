#!/usr/bin/env node
// @vscode/test-electron entry: runs the test/host suites in desktop VS Code.
// It needs a VS Code: VSCODE_EXECUTABLE_PATH, or a download from Microsoft, which is
// attempted only when RECIPROCITY_ALLOW_VSCODE_DOWNLOAD=1 (tests otherwise talk only to
// loopback, and the build machines cannot reach Microsoft). Without one it explains why and exits 0
// with "electron integration: skipped (...)", which counts as neither a pass nor
// a failure; the code-server run (npm run test:e2e) is the one CI relies on.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { createDemoWorkspace } from '../../scripts/lib/demoWorkspace.mjs';
import { repoRoot, testResultsDir } from '../../scripts/lib/paths.mjs';
import { runInherited, which } from '../../scripts/lib/proc.mjs';

const SKIPPED = 'electron integration: skipped (no VS Code available)';
const DOWNLOAD_TIMEOUT_MS = Number(process.env.VSCODE_DOWNLOAD_TIMEOUT_MS ?? 15_000);
// The engine floor and the current release, as rust-analyzer does.
const VERSIONS = (process.env.VSCODE_TEST_VERSIONS ?? '1.100.0,stable').split(',').map((v) => v.trim()).filter(Boolean);

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** [{ label, executable }] to test against, and the reasons for any that are missing. */
async function findVsCodes() {
  const fromEnv = process.env.VSCODE_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`VSCODE_EXECUTABLE_PATH=${fromEnv} does not exist`);
    return { found: [{ label: 'VSCODE_EXECUTABLE_PATH', executable: fromEnv }], reasons: [] };
  }
  const found = [];
  const reasons = ['VSCODE_EXECUTABLE_PATH is not set'];
  if (process.env.RECIPROCITY_ALLOW_VSCODE_DOWNLOAD !== '1') {
    reasons.push('downloading VS Code is off (set RECIPROCITY_ALLOW_VSCODE_DOWNLOAD=1 to allow it)');
    return { found, reasons };
  }
  for (const version of VERSIONS) {
    try {
      const executable = await withTimeout(
        downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test'), timeout: DOWNLOAD_TIMEOUT_MS }),
        DOWNLOAD_TIMEOUT_MS * 2,
        `downloading VS Code ${version}`,
      );
      found.push({ label: version, executable });
    } catch (err) {
      reasons.push(`download of VS Code ${version} failed: ${String(err?.message ?? err).split('\n')[0]}`);
    }
  }
  return { found, reasons };
}

/** Electron needs an X display; start Xvfb when there is none and it is installed. */
function ensureDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY) return { env: {}, stop: () => {} };
  const xvfb = which('Xvfb');
  if (!xvfb) return { missing: 'no X display: DISPLAY is unset and Xvfb is not installed (apt-get install -y xvfb)' };
  const display = `:${90 + Math.floor(Math.random() * 9)}`;
  const child = spawn(xvfb, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  return { env: { DISPLAY: display }, stop: () => child.kill() };
}

async function runOne({ label, executable }, display, workspace) {
  const results = path.join(testResultsDir, `electron-host-tests-${label.replace(/\W+/g, '_')}.json`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-ud-'));
  console.log(`electron integration: VS Code ${label} (${executable})`);
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'test', 'host', 'index.js'),
      extensionTestsEnv: { ...display.env, RECIPROCITY_HOST_TEST_RESULTS: results },
      launchArgs: [workspace, '--disable-extensions', '--disable-gpu', '--disable-workspace-trust', '--user-data-dir', userDataDir],
    });
    return true;
  } catch (err) {
    console.error(`electron integration: VS Code ${label} FAILED: ${err?.message ?? err}`);
    return false;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { found, reasons } = await findVsCodes();
  if (found.length === 0) {
    for (const r of reasons) console.log(`  - ${r}`);
    console.log(SKIPPED);
    return 0;
  }
  const display = ensureDisplay();
  if (display.missing) {
    console.log(`  - VS Code found, but ${display.missing}`);
    console.log('electron integration: skipped (no X display for VS Code)');
    return 0;
  }
  if ((await runInherited('npm', ['run', 'build'], { cwd: repoRoot })) !== 0) throw new Error('npm run build failed');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocity-electron-'));
  try {
    const workspace = createDemoWorkspace(path.join(tmp, 'demo-team'));
    let ok = true;
    for (const vscode of found) ok = (await runOne(vscode, display, workspace)) && ok;
    console.log(`electron integration: ${ok ? 'passed' : 'FAILED'}`);
    return ok ? 0 : 1;
  } finally {
    display.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`electron integration: FAILED: ${err?.stack ?? err}`);
  process.exitCode = 1;
}
// A stalled download keeps sockets open; the verdict is already printed.
setTimeout(() => process.exit(), 100).unref();
