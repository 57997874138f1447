// Loads the built summary webview (dist/summary.js + media/summary.css) into headless
// Chromium behind the same strict CSP as in VS Code, with a stub acquireVsCodeApi that
// records every posted message. Files are served from a fake origin via page.route.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquirePage, routeShared, sharedBrowser } from '../harness.mjs';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ORIGIN = 'https://summary.test';
const SERVED = ['dist/', 'media/', 'test/webview/summary/'];
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.map': 'application/json' };

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

/** Serves the harness page, the bundle and the CSS from the fake origin. */
function serve(route) {
  const url = new URL(route.request().url());
  const rel = decodeURIComponent(url.pathname.slice(1));
  const file = path.join(ROOT, rel);
  if (!SERVED.some((p) => rel.startsWith(p)) || !file.startsWith(ROOT) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
  const bundle = bundles.get(url.searchParams.get('l10n'));
  if (bundle && rel.endsWith('harness.html')) {
    // As the host puts VS Code's bundle in the page (src/host/webviewHtml.ts), before the script.
    const json = JSON.stringify(bundle).replace(/</g, '\\u003c');
    const body = readFileSync(file, 'utf8').replace(
      '<script nonce="TESTNONCE" src=',
      `<script nonce="TESTNONCE" type="application/json" id="reciprocity-l10n">${json}</script>\n    <script nonce="TESTNONCE" src=`,
    );
    return route.fulfill({ status: 200, contentType: TYPES['.html'], body });
  }
  return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
}

/**
 * A page with the harness loaded; `theme` is the VS Code body class, `l10n` a translation
 * bundle placed in the page as the host does. The page comes from the shared pool (`browser`
 * is the one `launch()` gives); `context.close()` gives it back.
 */
export async function open(_browser, { theme = 'vscode-light', width = 1100, height = 900, l10n } = {}) {
  await routeShared(`${ORIGIN}/**`, serve);
  const { page, context: shared, release } = await acquirePage({ width, height });
  const context = new Proxy(shared, {
    get: (target, key) => (key === 'close' ? release : bound(target, key)),
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  let query = '';
  if (l10n) {
    const id = String(bundles.size + 1);
    bundles.set(id, l10n);
    query = `?l10n=${id}`;
  }
  await page.goto(`${ORIGIN}/test/webview/summary/harness.html${query}`);
  // One round trip: the theme class set, then wait for the webview's first message.
  await page.waitForFunction((cls) => {
    if (document.body.className !== cls) document.body.className = cls;
    return window.__posted.length > 0;
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
