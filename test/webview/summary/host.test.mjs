// SummaryPanel against a stub `vscode` module, and the summary protocol validators.
// Both are bundled with esbuild (the stub stays external, so the test shares it).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { baseSummary, baseTrend, summaryMessage } from './fixtures.mjs';
import { ROOT } from './harness.mjs';
import * as vscode from './vscodeStub.mjs';

const STUB = path.join(ROOT, 'test/webview/summary/vscodeStub.mjs');
const tick = () => new Promise((r) => setTimeout(r, 0));

async function bundle() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summary-host-'));
  await esbuild.build({
    entryPoints: { panel: path.join(ROOT, 'src/host/summaryPanel.ts'), protocol: path.join(ROOT, 'src/summaryProtocol.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outdir: dir,
    logLevel: 'warning',
    plugins: [{ name: 'vscode-stub', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: pathToFileURL(STUB).href, external: true })) }],
  });
  const [panel, protocol] = await Promise.all(['panel', 'protocol'].map((n) => import(pathToFileURL(path.join(dir, `${n}.js`)).href)));
  return { dir, panel, protocol };
}

function provider(key = 's-2024-18', overrides = {}) {
  const p = {
    key,
    title: 'Summary: Sprint 18 retro',
    builds: [],
    exports: [],
    async build(options) {
      p.builds.push(options);
      const s = baseSummary();
      return { summary: options.pseudonymise ? { ...s, pseudonymised: true } : s, trend: baseTrend() };
    },
    async export(format, options) {
      p.exports.push([format, options]);
    },
    ...overrides,
  };
  return p;
}

const EXT = vscode.Uri.file('/ext');
const OFF = { pseudonymise: false, namedTable: false };

describe('summary host: SummaryPanel and protocol', function () {
  this.timeout(20_000);
  let mod;
  let SummaryPanel;

  before(async () => {
    mod = await bundle();
    SummaryPanel = mod.panel.SummaryPanel;
  });
  after(() => rmSync(mod.dir, { recursive: true, force: true }));
  // The panel logs failures to the console (the extension host log); keep test output clean.
  const quiet = ['log', 'warn', 'error'].map((k) => [k, console[k]]);
  beforeEach(() => {
    vscode.reset();
    for (const [k] of quiet) console[k] = () => {};
  });
  afterEach(() => {
    for (const [k, fn] of quiet) console[k] = fn;
    vscode.calls.panels.forEach((p) => p.dispose());
  });

  it('serves a strict CSP page limited to dist/ and media/', () => {
    SummaryPanel.show(EXT, provider(), OFF);
    const [panel] = vscode.calls.panels;
    assert.equal(panel.viewType, 'reciprocity.summary');
    assert.equal(panel.webview.options.enableScripts, true);
    assert.equal(panel.webview.options.retainContextWhenHidden, undefined);
    assert.deepEqual(panel.webview.options.localResourceRoots.map((u) => u.path), ['/ext/dist', '/ext/media']);
    const html = panel.webview.html;
    assert.match(html, /default-src 'none'; script-src 'nonce-[A-Za-z0-9]+'; style-src https:\/\/fake\.vscode-cdn\.net/);
    assert.match(html, /<script nonce="[A-Za-z0-9]+" src="https:\/\/fake\.vscode-cdn\.net\/ext\/dist\/summary\.js" defer>/);
    assert.match(html, /href="https:\/\/fake\.vscode-cdn\.net\/ext\/media\/summary\.css"/);
    assert.doesNotMatch(html, /style=/);
  });

  it('queues the summary until the webview is ready, and resends it when shown again', async () => {
    SummaryPanel.show(EXT, provider(), OFF);
    const [panel] = vscode.calls.panels;
    await tick();
    assert.deepEqual(panel.posted, [], 'nothing before ready');
    panel.receive({ type: 'ready' });
    assert.equal(panel.posted.length, 1);
    assert.deepEqual(panel.posted[0], JSON.parse(JSON.stringify(summaryMessage(baseSummary(), OFF, baseTrend()))));
    panel.setVisible(false);
    panel.setVisible(true);
    assert.equal(panel.posted.length, 1, 'a torn-down webview gets nothing until it is ready again');
    panel.receive({ type: 'ready' });
    assert.equal(panel.posted.length, 2);
    assert.equal(panel.posted[1].type, 'summary');
  });

  it('reveals the existing panel for the same key instead of opening another', () => {
    const a = SummaryPanel.show(EXT, provider('k1'), OFF);
    const b = SummaryPanel.show(EXT, provider('k1'), OFF);
    SummaryPanel.show(EXT, provider('k2'), OFF);
    assert.equal(a, b);
    assert.equal(vscode.calls.panels.length, 2);
    assert.equal(vscode.calls.panels[0].revealed, 1);
  });

  it('rebuilds with new options on setOptions and exports with the current options', async () => {
    const p = provider();
    SummaryPanel.show(EXT, p, OFF);
    const [panel] = vscode.calls.panels;
    panel.receive({ type: 'ready' });
    await tick();
    panel.receive({ type: 'setOptions', options: { pseudonymise: true, namedTable: true } });
    await tick();
    assert.deepEqual(p.builds.at(-1), { pseudonymise: true, namedTable: true });
    const last = panel.posted.at(-1);
    assert.deepEqual(last.options, { pseudonymise: true, namedTable: true });
    assert.equal(last.summary.pseudonymised, true);
    panel.receive({ type: 'export', format: 'csv' });
    await tick();
    assert.deepEqual(p.exports, [['csv', { pseudonymise: true, namedTable: true }]]);
  });

  it('drops a stale build when a newer one finishes first', async () => {
    let release;
    const slow = new Promise((r) => (release = r));
    const p = provider('k', {
      async build(options) {
        if (!options.pseudonymise) await slow;
        return { summary: { ...baseSummary(), pseudonymised: options.pseudonymise }, trend: null };
      },
    });
    SummaryPanel.show(EXT, p, OFF);
    const [panel] = vscode.calls.panels;
    panel.receive({ type: 'ready' });
    panel.receive({ type: 'setOptions', options: { pseudonymise: true, namedTable: false } });
    await tick();
    release();
    await tick();
    assert.deepEqual(panel.posted.map((m) => m.summary.pseudonymised), [true]);
  });

  it('rejects malformed webview messages with an error, without crashing', async () => {
    const p = provider();
    SummaryPanel.show(EXT, p, OFF);
    const [panel] = vscode.calls.panels;
    panel.receive({ type: 'ready' });
    await tick();
    for (const bad of [null, 'ready', { type: 'export', format: 'pdf' }, { type: 'setOptions', options: { pseudonymise: 'yes' } }, { type: 'ready', extra: 1 }]) {
      panel.receive(bad);
    }
    const errors = panel.posted.filter((m) => m.type === 'error');
    assert.equal(errors.length, 5);
    assert.match(errors[2].message, /format/);
    assert.deepEqual(p.exports, []);
  });

  it('shows build and export failures to the user and posts them to the webview', async () => {
    const p = provider('k', {
      build: async () => {
        throw new Error('retro file is corrupt');
      },
      export: async () => {
        throw new Error('disk full');
      },
    });
    SummaryPanel.show(EXT, p, OFF);
    const [panel] = vscode.calls.panels;
    await tick();
    assert.deepEqual(vscode.calls.errors, ['Reciprocity: Could not build the participation summary: retro file is corrupt']);
    panel.receive({ type: 'ready' });
    assert.deepEqual(panel.posted, [{ type: 'error', message: 'Could not build the participation summary: retro file is corrupt' }]);
    panel.receive({ type: 'export', format: 'md' });
    await tick();
    assert.equal(vscode.calls.errors.at(-1), 'Reciprocity: Export failed: disk full');
    assert.deepEqual(panel.posted.at(-1), { type: 'error', message: 'Export failed: disk full' });
  });

  it('reports a summary that does not match the protocol instead of sending it', async () => {
    const p = provider('k', { build: async () => ({ summary: { ...baseSummary(), gini: Number.NaN }, trend: null }) });
    SummaryPanel.show(EXT, p, OFF);
    await tick();
    assert.match(vscode.calls.errors[0], /malformed \(summary\.gini/);
  });

  it('revives from webview state, keeping pseudonymise and turning the named table off', async () => {
    const p = provider('s-9');
    const panel = new vscode.FakePanel('reciprocity.summary', 'old', {});
    const seen = [];
    SummaryPanel.revive(EXT, panel, { key: 's-9', options: { pseudonymise: true, namedTable: true } }, (k) => (seen.push(k), p), OFF);
    await tick();
    assert.deepEqual(seen, ['s-9']);
    assert.deepEqual(p.builds, [{ pseudonymise: true, namedTable: false }]);
    assert.match(panel.webview.html, /summary\.js/);
    assert.equal(panel.webview.options.enableScripts, true);
  });

  it('closes a panel it cannot revive and says why', () => {
    const lost = new vscode.FakePanel('reciprocity.summary', 'old', {});
    SummaryPanel.revive(EXT, lost, { key: 'gone' }, () => undefined, OFF);
    const garbage = new vscode.FakePanel('reciprocity.summary', 'old', {});
    SummaryPanel.revive(EXT, garbage, { nope: 1 }, () => provider(), OFF);
    assert.equal(lost.disposed, true);
    assert.equal(garbage.disposed, true);
    assert.equal(vscode.calls.warnings.length, 2);
  });

  it('disposes safely twice, drops its listeners, and frees the key', async () => {
    const a = SummaryPanel.show(EXT, provider('k'), OFF);
    const [panel] = vscode.calls.panels;
    a.dispose();
    a.dispose();
    assert.equal(panel.disposed, true);
    assert.equal(panel.listenerCount(), 0);
    SummaryPanel.show(EXT, provider('k'), OFF);
    assert.equal(vscode.calls.panels.length, 2, 'a new panel for the same key');
    vscode.calls.panels[1].dispose(); // closed by the user
    SummaryPanel.show(EXT, provider('k'), OFF);
    assert.equal(vscode.calls.panels.length, 3);
  });

  it('validates host and webview messages with a path and a reason', () => {
    const { parseSummaryHostMessage, parseSummaryWebviewMessage, parseSummaryWebviewState } = mod.protocol;
    assert.equal(parseSummaryHostMessage(summaryMessage()).ok, true);
    assert.equal(parseSummaryHostMessage({ type: 'error', message: 'x' }).ok, true);
    const bad = summaryMessage();
    bad.summary.layers[0].depth = 5;
    const r = parseSummaryHostMessage(bad);
    assert.equal(r.ok, false);
    assert.match(r.error, /summary\.layers\.0\.depth/);
    assert.equal(parseSummaryHostMessage({ ...summaryMessage(), extra: true }).ok, false);
    for (const ok of [{ type: 'ready' }, { type: 'export', format: 'md' }, { type: 'setOptions', options: OFF }, { type: 'log', level: 'warn', message: 'm' }]) {
      assert.equal(parseSummaryWebviewMessage(ok).ok, true, JSON.stringify(ok));
    }
    assert.equal(parseSummaryWebviewMessage({ type: 'log', level: 'debug', message: 'm' }).ok, false);
    assert.equal(parseSummaryWebviewState({ key: '' }).ok, false);
    assert.equal(parseSummaryWebviewState({ key: 'file:///a.vtt' }).ok, true);
  });
});
