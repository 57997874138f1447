// Mocha runner loaded by VS Code's extension host through `extensionTestsPath`
// (code-server payload or @vscode/test-electron). It runs every *.test.js next
// to it and writes a JSON summary, because a browser-driven run has no other
// reliable channel for the result than a file on the server's disk.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const DEFAULT_RESULTS = path.resolve(__dirname, '..', '..', 'test-results', 'host-tests.json');

function writeResults(file, summary) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(summary, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function collect(runner, summary) {
  runner.on('pass', (test) => summary.tests.push({ title: test.fullTitle(), state: 'passed', ms: test.duration }));
  runner.on('fail', (test, err) => {
    summary.tests.push({ title: test.fullTitle(), state: 'failed', error: String(err && (err.stack || err.message || err)) });
  });
  runner.on('pending', (test) => summary.tests.push({ title: test.fullTitle(), state: 'pending' }));
}

/** Entry point called by the extension host. Rejects when any test fails. */
function run() {
  const resultsFile = process.env.RECIPROCITY_HOST_TEST_RESULTS || DEFAULT_RESULTS;
  const vscode = require('vscode');
  const summary = {
    startedAt: new Date().toISOString(),
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    tests: [],
  };
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        summary.failures = failures;
        summary.finishedAt = new Date().toISOString();
        writeResults(resultsFile, summary);
        if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
        else resolve();
      });
      collect(runner, summary);
    } catch (err) {
      summary.failures = 1;
      summary.error = String(err && (err.stack || err));
      writeResults(resultsFile, summary);
      reject(err);
    }
  });
}

module.exports = { run };
