// Runs the mocha suites in test/host inside code-server's real extension host,
// through the workbench URL's `payload` (extensionDevelopmentPath +
// extensionTestsPath), the way VS Code's own browser integration tests do.
// The runner writes a JSON summary to E2E_HOST_RESULTS; the workbench also calls
// window.codeAutomationExit(code) when the extension host finishes the tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eEnv, workbenchUrl } from './lib/env.mjs';
import { VIEWPORT, launchChromium, screenshot } from './lib/workbench.mjs';

const hostRunner = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'host', 'index.js');

function remoteUri(baseUrl, absPath) {
  return `vscode-remote://${new URL(baseUrl).host}${absPath}`;
}

async function waitUntil(check, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  return check();
}

/** The runner's JSON summary, then (briefly) the exit code the workbench reports after it. */
async function waitForResult(exit, file, timeoutMs) {
  if (!(await waitUntil(() => fs.existsSync(file), timeoutMs))) return undefined;
  await waitUntil(() => exit.code !== undefined, 10_000);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('host: mocha inside the real extension host (code-server)', function () {
  this.timeout(150_000);
  let browser;
  let summary;
  const exit = {};

  before(async function () {
    fs.rmSync(e2eEnv.hostResults, { force: true });
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    await page.exposeFunction('codeAutomationExit', (code) => {
      exit.code = code;
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(e2eEnv.baseUrl, e2eEnv.extensionPath)],
      ['extensionTestsPath', remoteUri(e2eEnv.baseUrl, hostRunner)],
    ];
    await page.goto(workbenchUrl(e2eEnv.hostWorkspace, payload), { timeout: 120_000 });
    summary = await waitForResult(exit, e2eEnv.hostResults, 120_000);
    await screenshot(page, 'host-tests-window').catch(() => undefined);
    if (!summary) {
      const tail = consoleLines.slice(-30).join('\n');
      throw new Error(`no result file at ${e2eEnv.hostResults} after 120 s (codeAutomationExit: ${exit.code}); page console tail:\n${tail}`);
    }
  });

  after(async function () {
    await browser?.close();
  });

  it('ran in code-server’s extension host on VS Code 1.100', function () {
    assert.equal(summary.appName, 'code-server');
    assert.match(summary.vscodeVersion, /^1\.100\./);
    assert.ok(summary.tests.length > 0, 'at least one host test ran');
  });

  it('passed every host test', function () {
    const failed = summary.tests.filter((t) => t.state === 'failed');
    assert.deepEqual(failed.map((t) => `${t.title}: ${t.error}`), []);
    assert.equal(summary.failures, 0);
  });

  it('reported the exit code to the workbench (codeAutomationExit)', function () {
    assert.equal(exit.code, 0);
  });
});
