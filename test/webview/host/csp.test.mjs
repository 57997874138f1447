// Defect 13: the webview's Content-Security-Policy. The policy is read from the HTML the
// host really generates (src/host/webviewHtml.ts, bundled against the stub `vscode`), and
// the two browser harnesses must serve that same policy, so every webview test runs
// behind what VS Code gets.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT, startServer } from '../harness.mjs';
import * as vscode from '../summary/vscodeStub.mjs';

const STUB = path.join(ROOT, 'test/webview/summary/vscodeStub.mjs');
const CDN = 'https://fake.vscode-cdn.net';

/** `default-src 'none'; script-src …` → Map(directive → [sources]). */
export function parseCsp(policy) {
  const map = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!map.has(name), `directive ${name} appears twice`);
    map.set(name.toLowerCase(), sources);
  }
  return map;
}

function cspOf(html) {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  return m[1];
}

/** What every page must say, `origin` being the webview resource origin (cspSource). */
function assertStrict(csp, origin, where, { dataImages = false } = {}) {
  const d = parseCsp(csp);
  const at = (k) => `${where}: ${k} in "${csp}"`;
  assert.deepEqual(d.get('default-src'), ["'none'"], at('default-src'));
  assert.deepEqual(d.get('base-uri'), ["'none'"], at('base-uri'));
  assert.deepEqual(d.get('form-action'), ["'none'"], at('form-action'));
  const script = d.get('script-src') ?? [];
  assert.equal(script.length, 1, at('script-src'));
  assert.match(script[0], /^'nonce-[A-Za-z0-9+/=]{16,}'$/, at('script-src'));
  for (const k of ['style-src', 'font-src']) assert.deepEqual(d.get(k), [origin], at(k));
  // data: images only where vscode-textarea's resize grip needs them (the retro panel).
  assert.deepEqual(d.get('img-src'), dataImages ? [origin, 'data:'] : [origin], at('img-src'));
  for (const [k, sources] of d) {
    for (const s of sources) {
      if (k === 'img-src' && s === 'data:') continue;
      assert.ok(!/^'unsafe-|^\*$|^data:$|^blob:$|^https?:$|^filesystem:$/.test(s), at(`${k} allows ${s}`));
    }
  }
  // Nothing else may be allowed: every directive present is one of these.
  const known = ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'base-uri', 'form-action'];
  for (const k of d.keys()) assert.ok(known.includes(k), at(`unexpected directive ${k}`));
}

/** The bundle's <script> is in the <head> and deferred: fetched early, run once the page is parsed. */
function assertScriptInHead(html, src) {
  const head = html.slice(0, html.indexOf('</head>'));
  const tag = [...head.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`src="${src}"`));
  assert.ok(tag, `the <script src="${src}"> is in the <head>`);
  assert.match(tag, /\sdefer[\s>]/, 'and deferred');
}

async function bundleWebviewHtml() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-'));
  await esbuild.build({
    stdin: { contents: [
        "export { webviewHtml } from './src/host/webviewHtml';",
        "export { RetroPanel } from './src/host/retroPanel';",
        "export { SummaryPanel } from './src/host/summaryPanel';",
      ].join('\n'), resolveDir: ROOT, sourcefile: 'csp-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: path.join(dir, 'csp.js'),
    logLevel: 'warning',
    plugins: [{ name: 'vscode-stub', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: pathToFileURL(STUB).href, external: true })) }],
  });
  return { dir, mod: await import(pathToFileURL(path.join(dir, 'csp.js')).href) };
}

const fetchText = (url) =>
  new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });

describe('webview Content-Security-Policy (defect 13)', function () {
  this.timeout(20_000);
  let built;
  before(async () => (built = await bundleWebviewHtml()));
  after(() => rmSync(built.dir, { recursive: true, force: true }));

  for (const [script, styles, dataImages] of [['webview.js', ['retro.css'], true], ['summary.js', ['summary.css'], false]]) {
    it(`the ${script} page: base-uri and form-action 'none', data: images ${dataImages ? 'for the resize grip only' : 'refused'}, nothing unsafe`, () => {
      const panel = new vscode.FakePanel('x', 'x', {});
      const html = built.mod.webviewHtml(panel.webview, vscode.Uri.file('/ext'), { title: 'T', script, styles, dataImages });
      assertStrict(cspOf(html), CDN, script, { dataImages });
      // The nonce in the policy is the one on the page's only script, and it changes per page.
      const nonce = /'nonce-([^']+)'/.exec(cspOf(html))[1];
      assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [`<script nonce="${nonce}" src="${CDN}/ext/dist/${script}" defer>`]);
      // Issue 11: in the head, deferred: its request starts with the head, not once the body is read.
      assertScriptInHead(html, `${CDN}/ext/dist/${script}`);
      const again = built.mod.webviewHtml(panel.webview, vscode.Uri.file('/ext'), { title: 'T', script, styles });
      assert.notEqual(/'nonce-([^']+)'/.exec(cspOf(again))[1], nonce);
    });
  }

  it('the real RetroPanel and SummaryPanel pages carry those policies', async () => {
    vscode.reset();
    const source = { id: 's', state: { title: 'T', createdAt: 0 }, titleSuffix: '', facilitates: true, onDidChange: () => ({ dispose() {} }), view: () => ({}) };
    built.mod.RetroPanel.create(vscode.Uri.file('/ext'), source, { openSummary() {} });
    built.mod.SummaryPanel.show(vscode.Uri.file('/ext'), { key: 'k', title: 'T', build: () => new Promise(() => {}), export: async () => {} }, { pseudonymise: false, namedTable: false });
    const [retro, summary] = vscode.calls.panels;
    assertStrict(cspOf(retro.webview.html), CDN, 'RetroPanel', { dataImages: true });
    assertStrict(cspOf(summary.webview.html), CDN, 'SummaryPanel');
    vscode.calls.panels.forEach((p) => p.dispose());
  });

  it('the retro page\'s early script: dist/early.js inline with the page\'s nonce, first in the head, before the style sheets', () => {
    const panel = new vscode.FakePanel('x', 'x', {});
    const html = built.mod.webviewHtml(panel.webview, vscode.Uri.file(ROOT), { title: 'T', script: 'webview.js', styles: ['retro.css'], dataImages: true, early: true });
    assertStrict(cspOf(html), CDN, 'early', { dataImages: true });
    const nonce = /'nonce-([^']+)'/.exec(cspOf(html))[1];
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    assert.deepEqual(scripts.map((m) => m[1]), [` nonce="${nonce}"`, ` nonce="${nonce}" src="${CDN}${ROOT}/dist/webview.js" defer`]);
    const early = readFileSync(path.join(ROOT, 'dist/early.js'), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '').trim();
    assert.equal(scripts[0][2], early, 'the built early script, whole');
    assert.ok(html.indexOf(early) < html.indexOf('<link rel="stylesheet"'), 'before the style sheets: it does not wait for them');
  });

  it('leaves the early script out when dist/early.js is missing or could end its <script> element', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'early-'));
    try {
      const panel = new vscode.FakePanel('x', 'x', {});
      const page = () => built.mod.webviewHtml(panel.webview, vscode.Uri.file(dir), { title: 'T', script: 'webview.js', styles: [], early: true });
      assert.equal((page().match(/<script\b/g) ?? []).length, 1, 'missing: only the bundle');
      mkdirSync(path.join(dir, 'dist'));
      writeFileSync(path.join(dir, 'dist/early.js'), 'window.x = "</script><script>window.__pwned()</script>";');
      const html = page();
      assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'hostile: only the bundle');
      assert.ok(!html.includes('__pwned'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a hostile title stays text inside <title>', () => {
    const panel = new vscode.FakePanel('x', 'x', {});
    const title = '</title><script>window.__pwned()</script><base href="https://evil.example/">"\'&';
    const html = built.mod.webviewHtml(panel.webview, vscode.Uri.file('/ext'), { title, script: 'summary.js', styles: [] });
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.ok(!/<base\b/i.test(html));
    assert.match(html, /<title>&#60;\/title&#62;&#60;script&#62;window\.__pwned\(\)&#60;\/script&#62;&#60;base href=&#34;https:\/\/evil\.example\/&#34;&#62;&#34;&#39;&#38;<\/title>/);
  });

  it('the retro harness page serves the same policy as the real panel', async () => {
    const server = await startServer();
    try {
      const html = await fetchText(server.page());
      assertStrict(cspOf(html), server.origin, 'test/webview/harness.mjs', { dataImages: true });
      // Loaded as the real page loads it (issue 11): deferred, from the head; the early script
      // inline before the style sheets, as the real panel has it.
      assertScriptInHead(html, `${server.origin}/dist/webview.js`);
      const early = readFileSync(path.join(ROOT, 'dist/early.js'), 'utf8').trim();
      assert.ok(html.includes(early) && html.indexOf(early) < html.indexOf('<link rel="stylesheet"'), 'the early script, before the style sheets');
    } finally {
      await server.close();
    }
  });

  it('the summary harness page serves the same policy as the real panel', () => {
    const html = readFileSync(path.join(ROOT, 'test/webview/summary/harness.html'), 'utf8');
    // The fixed test nonce is the harness's own choice; the directives are what matters.
    assertStrict(cspOf(html).replace("'nonce-TESTNONCE'", "'nonce-TESTNONCETESTNONCE'"), 'https://summary.test', 'test/webview/summary/harness.html');
  });
});
