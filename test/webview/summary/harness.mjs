// Loads the built summary webview (dist/summary.js + media/summary.css) into headless
// Chromium behind the same strict CSP as in VS Code, with a stub acquireVsCodeApi that
// records every posted message. Files are served by a small server on 127.0.0.1 (one per
// process), at the origin harness.html names as https://summary.test.
//
// Not through page.route: a route makes Playwright turn the browser's cache off and pause
// every request of every page in the shared context, retro panels included, for the rest of
// the run (each page load then fetched and compiled its bundle again).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquirePage, afterCommit, sharedBrowser } from '../harness.mjs';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The origin harness.html is written for; the server puts its own in its place. */
const PLACEHOLDER = 'https://summary.test';
const SERVED = ['dist/', 'media/', 'test/webview/summary/'];
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.map': 'application/json' };

let built;

/** Bundles the summary webview: once per test run (the first call builds, the others wait). */
export function buildBundle() {
  // In parallel mode the main process built it (setup.mjs) before any worker started.
  if (process.env.RECIPROCITY_WEBVIEWS_BUILT === '1') built ??= Promise.resolve();
  built ??= esbuild
    .build({
      entryPoints: [path.join(ROOT, 'src/webview/summaryMain.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      outfile: path.join(ROOT, 'dist/summary.js'),
      logLevel: 'warning',
    })
    .catch((e) => {
      built = undefined;
      throw e;
    });
  return built;
}

/**
 * The run's shared browser (test/webview/harness.mjs), launched on first use. Its `close()`
 * closes nothing: the root hook (setup.mjs) closes the browser after the last file.
 */
export async function launch() {
  const browser = await sharedBrowser();
  return new Proxy(browser, {
    get: (target, key) => (key === 'close' ? async () => {} : bound(target, key)),
  });
}

function bound(target, key) {
  const value = Reflect.get(target, key, target);
  return typeof value === 'function' ? value.bind(target) : value;
}

/** Translation bundles for pages opened with `l10n`, by the id in the page's `?l10n=` query. */
const bundles = new Map();

let server;

/**
 * The origin of the summary's page server (started on first use; it does not keep the
 * process alive). Everything the page loads comes from here.
 */
export function summaryOrigin() {
  server ??= new Promise((resolve, reject) => {
    const s = createServer((req, res) => void serve(req, res).catch(() => res.writeHead(500).end()));
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      s.unref();
      resolve(`http://127.0.0.1:${s.address().port}`);
    });
  });
  return server;
}

/** Serves the harness page (with this server's origin and any translation bundle), the bundle and the CSS. */
async function serve(req, res) {
  const origin = await summaryOrigin();
  const url = new URL(req.url ?? '/', origin);
  const rel = decodeURIComponent(url.pathname.slice(1));
  const file = path.join(ROOT, rel);
  if (rel === 'favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (!SERVED.some((p) => rel.startsWith(p)) || !file.startsWith(ROOT) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (rel.endsWith('.html')) {
    let body = readFileSync(file, 'utf8').replaceAll(PLACEHOLDER, origin);
    const bundle = bundles.get(url.searchParams.get('l10n'));
    if (bundle) {
      // As the host puts VS Code's bundle in the page (src/host/webviewHtml.ts), before the script.
      const json = JSON.stringify(bundle).replace(/</g, '\\u003c');
      body = body.replace(
        '<script nonce="TESTNONCE" src=',
        `<script nonce="TESTNONCE" type="application/json" id="reciprocity-l10n">${json}</script>\n    <script nonce="TESTNONCE" src=`,
      );
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    return;
  }
  // The bundle is built once per run: pages reuse it (and its compiled code) from the cache.
  res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600' }).end(readFileSync(file));
}

/**
 * A page with the harness loaded; `theme` is the VS Code body class, `l10n` a translation
 * bundle placed in the page as the host does. The page comes from the shared pool (`browser`
 * is the one `launch()` gives); `context.close()` gives it back.
 */
export async function open(_browser, { theme = 'vscode-light', width = 1100, height = 900, l10n } = {}) {
  const origin = await summaryOrigin();
  const { page, context: shared, release } = await acquirePage({ width, height });
  const context = new Proxy(shared, {
    get: (target, key) => (key === 'close' ? release : bound(target, key)),
  });
  const errors = [];
  const ours = afterCommit(page); // not what the pooled page's last document logs
  page.on('pageerror', (e) => ours() && errors.push(String(e)));
  page.on('console', (m) => ours() && m.type() === 'error' && errors.push(m.text()));
  let query = '';
  if (l10n) {
    const id = String(bundles.size + 1);
    bundles.set(id, l10n);
    query = `?l10n=${id}`;
  }
  // Not waiting for the load event: the webview's first message (below) comes from its bundle,
  // which runs only once the style sheets have loaded (they block scripts).
  await page.goto(`${origin}/test/webview/summary/harness.html${query}`, { waitUntil: 'commit' });
  // One round trip: the theme class set, then wait for the webview's first message.
  await page.waitForFunction((cls) => {
    if (!document.body) return false;
    if (document.body.className !== cls) document.body.className = cls;
    return (window.__posted?.length ?? 0) > 0;
  }, theme);
  return { page, context, errors };
}

/** What the host would post into the webview. */
export async function send(page, message) {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
  // postMessage is async; let the handler run.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
}

export async function posted(page) {
  return page.evaluate(() => window.__posted);
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}

const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (injected through the debugger, so the page's CSP stays strict). */
export async function axe(page) {
  // Once per page load: axe is half a megabyte of script to parse.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}
