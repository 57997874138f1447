// Runs the built retro webview (dist/webview.js + media/retro.css) in headless Chromium
// inside a page with the same strict CSP as the real panel. A stub host in the page
// records every message the webview posts and lets a test push host messages.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/lib/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
const THEMES = { light: 'vscode-light', dark: 'vscode-dark', hc: 'vscode-high-contrast' };

let built;

/**
 * Bundles the webview the same way esbuild.mjs does, so tests never run a stale build: once
 * per test run (every file calls it; the first call builds, the others wait for it).
 */
export function buildWebview() {
  // In parallel mode the main process built it (setup.mjs) before any worker started.
  if (process.env.RECIPROCITY_WEBVIEWS_BUILT === '1') built ??= Promise.resolve();
  built ??= bundleWebview().catch((e) => {
    built = undefined;
    throw e;
  });
  return built;
}

async function bundleWebview() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    // early.js is inlined in the page (pageHtml), as src/host/webviewHtml.ts does.
    entryPoints: { webview: path.join(ROOT, 'src/webview/main.ts'), early: path.join(ROOT, 'src/webview/early.ts') },
    outdir: path.join(ROOT, 'dist'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
}

/**
 * One renderer process for every page of the browser. The suite's pages all come from
 * 127.0.0.1 and a test drives one at a time, so nothing is gained from a process per page, and
 * each new page (a test that installs a fake clock gets one) would start a renderer and compile
 * the bundle and Playwright's injected script in it again. Measured, A/B side by side at load
 * ~30: a workload of new pages (24 opened, re-rendered and typed into) 13-16% less CPU (70.6 vs
 * 83.8 s, 70.9 vs 80.9 s swapped); the suite's own files much less, as they mostly reuse pooled
 * pages: liveness + edits (fake clocks, so new pages) 61.3 vs 64.0 s, l10n + layout + nudges +
 * edits 69.8 vs 69.2 s (noise).
 */
const TEST_ARGS = ['--renderer-process-limit=1', '--disable-site-isolation-trials'];
/**
 * Merged with Playwright's own --disable-features list by launchChromium: Chromium reads only the
 * last of repeated switches, and ours, passed after Playwright's, used to replace its list
 * (background services, HTTPS upgrades, media router...) for the whole suite (launch.test.mjs).
 */
export const TEST_DISABLED_FEATURES = ['site-per-process', 'IsolateOrigins'];

/**
 * Debian's chromium-headless-shell when installed (.ci/run installs it), else chromium, with the
 * flags a closed network needs; a missing browser names the apt package. The shell is the same
 * engine without the full browser's own UI, which headless chromium still composites as pages
 * load: panel.test.mjs alone, alternately at load 17-20, 22.3 and 26.5 s of CPU with the shell
 * against 37.9 and 42.5 s with chromium (scripts/lib/chromium.mjs, findHeadlessShell).
 */
export const launch = () => launchChromium({ args: TEST_ARGS, disableFeatures: TEST_DISABLED_FEATURES, shell: true });

/**
 * One browser, one browser context and one page server for the whole run (closed by the root
 * hook in setup.mjs), and a pool of pages in that context: a panel takes an idle page and
 * navigates it to a fresh panel, which resets everything the page held. Launching a browser
 * or a context per test made the suite take minutes.
 */
let shared;

export function sharedHarness() {
  shared ??= (async () => {
    const [browser, server] = await Promise.all([launch(), startServer()]);
    const context = await browser.newContext({ viewport: DEFAULT_VIEWPORT });
    // No route on this context: a route turns the browser's cache off and pauses every request
    // of every page for the rest of the run (the summary harness serves its pages instead).
    return { browser, context, server, idle: [] };
  })();
  return shared;
}

/** The shared browser, launched on first use. */
export const sharedBrowser = async () => (await sharedHarness()).browser;
/** The shared page server, started on first use. */
export const sharedServer = async () => (await sharedHarness()).server;

/** Closes the shared browser and server (root hook, after every file). */
export async function closeShared() {
  if (!shared) return;
  const s = await shared.catch(() => undefined);
  shared = undefined;
  clocked = undefined;
  // The browser first: its pages and connections end with it, then the server has none left.
  await s?.browser.close();
  await s?.server.close();
}

const DEFAULT_VIEWPORT = { width: 1100, height: 900 };

/**
 * An idle page of the shared context, sized to `viewport`. `release()` gives it back: every
 * listener a test added is removed and emulated media reset. The page stays on its last panel
 * until the next test navigates it to its own (a new document: nothing of the last one runs
 * on, and no listener of the last test hears it): a navigation to about:blank in between cost
 * a page load per test. A page that cannot be reset is closed instead, and so is one released
 * with `{ discard: true }` (after a failed or timed-out test, whose code may still be driving
 * it).
 */
export async function acquirePage(viewport = DEFAULT_VIEWPORT, pool = undefined) {
  const s = pool ?? (await sharedHarness());
  const page = s.idle.pop() ?? markLasting(await s.context.newPage(), { clock: s.clock === true });
  // Each call below is a round trip to the browser: skipped when it would change nothing.
  const size = page.viewportSize();
  if (size?.width !== viewport.width || size?.height !== viewport.height) await page.setViewportSize(viewport);
  let released = false;
  const release = async ({ discard = false } = {}) => {
    if (released) return;
    released = true;
    page.removeAllListeners();
    if (page.__lasting || discard) {
      await page.close().catch(() => {});
      return;
    }
    try {
      if (page.__media) await page.emulateMedia({ media: null, colorScheme: null, reducedMotion: null, forcedColors: null });
      page.__media = false;
      s.idle.push(page);
    } catch {
      await page.close().catch(() => {});
    }
  };
  return { page, context: s.context, release };
}

let clocked;

/**
 * The pool of pages for tests that install Playwright's clock: a second browser context of the
 * shared browser, made on first use, one per run (closed with the browser). The clock belongs to
 * the context, so in the shared one it would fake the timers of every later page of the run.
 * Its pages are pooled like the shared ones: a new context per test cost a renderer process and
 * about twice the time of an open (3.0-6.6 s vs 1.1-2.0 s at load ~30), and its first page load
 * compiles the bundle again (a context has its own cache). A page navigated in it after a clock
 * was installed starts with the clock replayed (paused, if it was): such a test installs and
 * pauses it again (pausedClock in helpers.mjs).
 */
export function clockPool() {
  clocked ??= (async () => {
    const { browser } = await sharedHarness();
    const context = await browser.newContext({ viewport: DEFAULT_VIEWPORT });
    return { context, idle: [], clock: true };
  })();
  return clocked;
}

/**
 * What a test can do to a page that outlives a navigation (a fake clock, init scripts, exposed
 * functions, routes) marks the page so that it is closed, not pooled, when released.
 */
function markLasting(page, { clock = false } = {}) {
  const mark = (target, names) => {
    for (const name of names) {
      if (typeof target[name] !== 'function') continue;
      const original = target[name].bind(target);
      target[name] = (...args) => {
        page.__lasting = true;
        return original(...args);
      };
    }
  };
  mark(page, ['addInitScript', 'exposeBinding', 'exposeFunction', 'route', 'routeFromHAR', 'routeWebSocket']);
  // Playwright's clock belongs to the browser context, not the page: installed from a pooled page
  // it fakes the timers of every page of the shared context (init scripts, replayed on each
  // navigation) for the rest of the run, and runFor moves them all. Tests that need it open their
  // panel with `{ isolated: true }`: a page of the clockPool.
  if (!clock) page.clock = new Proxy(page.clock, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return () => {
        throw new Error(`page.clock.${String(key)} on a pooled page would fake the timers of every page of the shared context: open the panel with { isolated: true }`);
      };
    },
  });
  // Emulated media is reset on release, and only on pages that emulated some.
  const emulateMedia = page.emulateMedia.bind(page);
  page.emulateMedia = (...args) => {
    page.__media = true;
    return emulateMedia(...args);
  };
  return page;
}

/**
 * For listeners added before a pooled page navigates: true once the page's next navigation
 * has committed, so events of the document it showed before are left out.
 */
export function afterCommit(page) {
  let committed = false;
  const onNavigated = (frame) => {
    if (frame !== page.mainFrame()) return;
    committed = true;
    page.off('framenavigated', onNavigated);
  };
  page.on('framenavigated', onNavigated);
  return () => committed;
}

const FILES = {
  '/dist/webview.js': ['dist/webview.js', 'text/javascript'],
  '/media/retro.css': ['media/retro.css', 'text/css'],
};

/**
 * A theme's variables as VS Code puts them in a webview's page: on the <html> element's style
 * attribute (applyStyles in VS Code's webview/browser/pre/index.html sets each --vscode-*
 * property on documentElement.style before it writes the page into its frame), not as a style
 * sheet the page fetches. Read from test/webview/themes/<theme>.css (one :root block).
 */
function themeStyleAttribute(theme) {
  const css = readFileSync(path.join(ROOT, 'test/webview/themes', `${theme}.css`), 'utf8');
  const body = /:root\s*\{([^}]*)\}/.exec(css)?.[1];
  if (!body) throw new Error(`test/webview/themes/${theme}.css has no :root block`);
  const declarations = body.split(';').map((d) => d.trim()).filter((d) => d.startsWith('--vscode-'));
  return declarations.join('; ').replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * The bundle of an empty panel (`blank` option), the bench's baseline opened beside the real one:
 * the same page, style sheet and early script, and a bundle that renders one heading and marks
 * boot and interactive after one forced layout, as the real bundle does.
 */
const BLANK_PANEL = `performance.mark('reciprocity:boot');
document.getElementById('app').innerHTML = '<h1>Retro</h1><p>Nobody has spoken yet.</p>';
void document.body.offsetHeight;
performance.mark('reciprocity:interactive');
`;

/** dist/early.js as the host inlines it (src/host/webviewHtml.ts earlyScript). */
function earlyScript() {
  const code = readFileSync(path.join(ROOT, 'dist/early.js'), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '').trim();
  if (/<\/script|<!--/i.test(code)) throw new Error('dist/early.js could end its <script> element');
  return code;
}

/** JSON that is safe inside an inline <script>. */
function scriptJson(value) {
  return JSON.stringify(value ?? null).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, ' ');
}

// The bundle is loaded as the real page loads it (src/host/webviewHtml.ts): deferred, from the
// head. So its request does not wait for the stub host's script below, whose snapshot literal
// (a megabyte for 2,000 contributions) the real page does not have: there it comes by postMessage.
// With `snapshotSource` (code that builds the snapshot, e.g. bigViewSource in fixtures.mjs, with
// `newest` in scope) the page has no megabyte at all: on `ready` the stub host builds the first
// snapshot (the newest contributions, as src/host/retroPanel.ts) and posts it with
// window.postMessage, so it arrives as the real one does: a structured clone, in a task of its
// own; when the panel asks for the `history` it builds and posts the whole one. Tried and dropped: the snapshot as JSON text in the page (the megabyte cost 25-45
// ms of CPU to parse as HTML or to compile as a string, which the real page does not have),
// and fetched from the test process by a Playwright binding (Playwright's own protocol work
// for a megabyte landed on the page's thread: 140-170 ms of CPU, traced).
// The stub host's script comes first in the head, standing in for what VS Code puts in the page
// before ours (acquireVsCodeApi); then, as in the real panel, our early script (src/webview/early.ts),
// which says `ready` before the style sheets and the bundle are fetched (`early: false` leaves it
// out, as an older host's page did: the bundle then says `ready` itself).
function pageHtml(origin, nonce, options) {
  const theme = options.theme ?? 'dark';
  // Same policy as the real panel (test/webview/host/csp.test.mjs): nothing by default, scripts by
  // nonce, styles from the origin, data: images for vscode-textarea's resize grip only.
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${origin}; img-src ${origin} data:; font-src ${origin}; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en" style="${themeStyleAttribute(theme)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script nonce="${nonce}">
window.__t0 = performance.now();
window.__sent = [];
window.__violations = [];
window.__uiState = ${scriptJson(options.uiState)};
const initial = ${scriptJson(options.snapshot)};
const later = ${options.snapshotSource ? `(newest) => (${options.snapshotSource.replace(/<\//g, '<\\/')})` : 'null'};
window.__views = [];
// As RetroPanel: after ready the newest contributions only (FIRST_CONTRIBUTIONS in src/protocol.ts),
// every one once the panel asks for the history; each in a task of its own, as a reply from the
// host is (the host cannot answer inside the page's postMessage: built there and then, the
// snapshot held up the parser at the early script, and the style sheets' and bundle's requests
// with it, by the time it took to build).
const sendLater = (newest) => {
  const view = later(newest);
  window.__views.push({ contributions: view.contributions.length, omitted: view.omittedContributions ?? 0 });
  window.postMessage({ type: 'snapshot', view }, '*');
};
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
// Says when the panel is interactive, for a waiter that must not poll the page (bench/webview.bench.ts).
new PerformanceObserver((list) => list.getEntries().some((e) => e.name === 'reciprocity:interactive') && console.debug('reciprocity:interactive')).observe({ type: 'mark' });
// And when the page's first contentful frame was presented (the bench's first_paint reference).
new PerformanceObserver((list) => list.getEntries().some((e) => e.name === 'first-contentful-paint') && console.debug('reciprocity:first-paint')).observe({ type: 'paint', buffered: true });
window.__push = (data) => window.dispatchEvent(new MessageEvent('message', { data }));
window.__reciprocityHost = {
  postMessage(message) {
    window.__sent.push(JSON.parse(JSON.stringify(message)));
    if (message && message.type === 'ready') window.__readyAt ??= performance.now();
    if (message && message.type === 'ready' && initial) queueMicrotask(() => window.__push({ type: 'snapshot', view: initial }));
    if (message && message.type === 'ready' && later !== null) setTimeout(() => sendLater(20), 0);
    if (message && message.type === 'history' && later !== null) setTimeout(() => sendLater(undefined), 0);
  },
  getState() { return window.__uiState; },
  setState(state) { window.__uiState = state; },
};
</script>${options.early === false ? '' : `\n<script nonce="${nonce}">${earlyScript()}</script>`}
<link rel="stylesheet" href="${origin}/media/retro.css">
<script nonce="${nonce}" src="${origin}/${options.blank ? 'blank.js' : 'dist/webview.js'}" defer></script>
<title>Retro</title></head>
<body class="${THEMES[theme]}">
<div id="app"></div>${options.l10n ? `\n<script nonce="${nonce}" type="application/json" id="reciprocity-l10n">${scriptJson(options.l10n)}</script>` : ''}
</body></html>`;
}

/** A tiny static server on 127.0.0.1 serving the page, the bundle, the CSS and themes. */
export async function startServer() {
  const pages = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/blank.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' });
      res.end(BLANK_PANEL);
      return;
    }
    const file = FILES[url.pathname];
    if (file) {
      // Cacheable within the run (one browser context per run, one build per run): pages reuse the
      // compiled bundle instead of parsing it again for every test.
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'max-age=3600' });
      res.end(readFileSync(path.join(ROOT, file[0])));
      return;
    }
    const page = pages.get(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page());
      return;
    }
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  let next = 0;
  return {
    origin,
    /** Registers a page; returns its URL. */
    page(options = {}) {
      const id = `/panel/${next++}`;
      pages.set(id, () => pageHtml(origin, randomBytes(16).toString('base64'), options));
      return origin + id;
    },
    // Not waiting for the browser's keep-alive connections to go idle: close() alone waits for
    // every open connection to end, and a page still loading holds one open.
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/**
 * Opens the panel in a new page. Options: theme ('light' | 'dark' | 'hc'), snapshot (sent
 * right after `ready`), uiState (what getState returns), viewport, l10n (a translation bundle
 * placed in the page as the host does, src/host/webviewHtml.ts), snapshotSource (instead of
 * snapshot: a JS expression that builds it in the page when it says `ready`; it arrives by
 * window.postMessage, a structured clone in a task of its own; see pageHtml), pool (a
 * clockPool to take the page from, for a test that installs Playwright's clock), isolated
 * (without a pool: a page in a browser context of its own, closed with the panel).
 */
export async function openPanel(browser, server, options = {}) {
  let page;
  let close;
  if (options.pool || (shared && browser === (await shared).browser && !options.isolated)) {
    const pooled = await acquirePage(options.viewport ?? DEFAULT_VIEWPORT, options.pool);
    page = pooled.page;
    close = pooled.release;
  } else {
    const context = await browser.newContext({ viewport: options.viewport ?? DEFAULT_VIEWPORT });
    page = await context.newPage();
    close = () => context.close();
  }
  const errors = [];
  // A pooled page still shows the last test's panel until this navigation commits: only what
  // the new panel logs counts.
  const ours = afterCommit(page);
  page.on('pageerror', (e) => ours() && errors.push(String(e)));
  page.on('console', (m) => ours() && m.type() === 'error' && errors.push(m.text()));
  // Not waiting for the load event: the wait below is the one that matters, and the bundle
  // runs only once the page's style sheets have loaded (they block scripts).
  await page.goto(server.page(options), { waitUntil: 'commit' });
  // One round trip: the webview said `ready`, and shows the first snapshot's title if there is
  // one (visible as Playwright means it: a non-empty box, not visibility: hidden).
  await page.waitForFunction((snapshot) => {
    if (!window.__sent?.some((m) => m.type === 'ready')) return false;
    const title = document.querySelector('#retro-title');
    const box = title?.getBoundingClientRect();
    return !snapshot || (box !== undefined && box.width > 0 && box.height > 0 && getComputedStyle(title).visibility !== 'hidden');
  }, Boolean(options.snapshot || options.snapshotSource));
  return {
    page,
    errors,
    close,
    sent: () => page.evaluate(() => window.__sent),
    intents: () => page.evaluate(() => window.__sent.filter((m) => m.type === 'intent').map((m) => m.intent)),
    clearSent: () => page.evaluate(() => (window.__sent.length = 0)),
    push: (message) => page.evaluate((m) => window.__push(m), message),
    snapshot: (view) => page.evaluate((v) => window.__push({ type: 'snapshot', view: v }), view),
    violations: () => page.evaluate(() => window.__violations),
  };
}
