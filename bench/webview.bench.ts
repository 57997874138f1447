// Webview rendering budgets (issues 3 and 11), measured inside headless Chromium with
// performance.now(). Run directly: npx tsx bench/webview.bench.ts
//
// - webview.open_50x2000 (150 ms): a 50-member, 2,000-contribution retro, from the first byte
//   of the panel's page (its navigation entry's responseStart) to the first interactive frame
//   (the `reciprocity:interactive` mark: the roster and the prompt rendered and laid out), in a
//   fresh browser context each time (no HTTP or code cache, as a newly opened panel). In the
//   window: the page (the harness's pageHtml, shaped as src/host/webviewHtml.ts's, with a stub
//   host and our early script), fetching and running dist/webview.js, `ready`, the snapshot
//   built by the stub host and posted as VS Code's frame forwards it (the newest 20
//   contributions first, as RetroPanel sends it), checking it, lit's first render and one
//   forced layout. Not in it: VS Code's IPC and its own webview frame. The median of 16 opens.
// - webview.open_blank_panel (reference) and webview.open_50x2000_vs_blank_panel (2.0x): an
//   empty panel (the same page, with a bundle that renders one heading) opened beside each real
//   open, and the median of the per-pair ratios. This machine's speed moves by 1.3-2x within an
//   hour; the ratio much less (1.61-1.82x, quick and slow minutes alike, same build).
// - webview.open_50x2000.first_paint (reference): from the same first byte to the page's
//   first-contentful-paint entry, when that frame was presented. The mark comes before the
//   frame's own lifecycle (its style, the layout of the roster rows in view, which are
//   content-visibility: auto and so skipped by the mark's forced layout, and paint: ~25 ms)
//   and before raster and compositing (software here, ~25-45 ms more).
// - webview.record_rerender (16 ms): a snapshot with one more contribution, to layout done.
// - webview.record_tally (16 ms): a number key, to the panel showing the new turn (the stub
//   host answers with the next snapshot at once: key handling, the intent, checking and
//   rendering the snapshot, layout).
//
// What each figure holds, where the time goes, what was tried, and the history of
// open_50x2000 (issue 11 asked why it moved from the 85 ms of issue 3): docs/performance.md.
import type { Browser, Page } from 'playwright-core';
import type { PanelOptions, Server } from '../test/webview/harness.mjs';
import { round, runWhenMain, type BenchResult } from './lib';

/** What the harness page exposes; typed here because the benchmark compiles without DOM types. */
interface PageGlobals {
  __push(message: unknown): void;
  __reciprocityHost: { postMessage(message: unknown): void };
  document: {
    body: { offsetHeight: number };
    dispatchEvent(event: unknown): boolean;
    querySelector(selector: string): { textContent: string | null } | null;
  };
  KeyboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
}

interface ViewLike {
  members: { id: string; present: boolean; turns: number }[];
  contributions: Record<string, unknown>[];
}

// The first is a cold start and is discarded; the median of the other 16 moves less between runs on a
// shared machine than the median of 8 did (each open takes about a second).
const OPEN_RUNS = 17;

/**
 * The panel may take this many times what an empty panel takes, each pair opened side by side in
 * one run. The absolute budget (150 ms) over what the empty panel read in a quick minute of this
 * 2-core machine (75.7 ms, 2026-12-03, when the panel read 128.8 ms): the same budget, in a unit
 * that the machine's own speed does not move much. The same build read 128.8 / 75.7 ms (1.72x)
 * and 126.3 / 69.6 ms (1.81x) in quick minutes, 173.4 / 99.1 ms (1.68x) and 175.9 / 110.6 ms
 * (1.61x) in slow ones, idle each time (docs/performance.md).
 */
const RATIO_BUDGET = 2;
const RERENDER_RUNS = 21;
const RERENDER_WARMUP = 5;

/**
 * Chromium's features that load its own browser UI as web pages (WebUI) in each new window: the
 * omnibox's suggestion popups (chrome://omnibox-popup.top-chrome, with the AI-mode one) and the
 * preloaded top-chrome WebUI. Headless Chromium 156 is the whole browser, and each fresh context
 * of the bench is a new window: traced, a "WebUI Top Renderer" process built those pages during
 * the open (180-480 ms of CPU in the measured window, besides the browser process's own share),
 * on a machine of two cores. A VS Code webview has no omnibox.
 */
const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'];

/** Fails when a new Chromium loads its browser UI pages under other feature names. */
async function assertNoBrowserUi(browser: Browser): Promise<void> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
  await cdp.detach();
  const ui = targetInfos.filter((t) => t.url.startsWith('chrome://') && t.url.includes('top-chrome'));
  if (ui.length) throw new Error(`Chromium loads its own UI in the bench's windows: ${ui.map((t) => t.url).join(', ')} (see BROWSER_UI_FEATURES)`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Opens the panel in a fresh context and waits, without touching the page, until it says it is
 * interactive (the harness's stub logs the mark). Playwright's waitForFunction, as openPanel
 * uses it, compiles its injected script and polls on the page's main thread while the panel
 * loads: 60-80 ms of that thread's CPU in the measured window, traced, which VS Code does not have.
 */
async function openQuietly(browser: Browser, server: Server, options: PanelOptions): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const interactive = page.waitForEvent('console', { predicate: (m) => m.text() === 'reciprocity:interactive', timeout: 120_000 });
  const painted = page.waitForEvent('console', { predicate: (m) => m.text() === 'reciprocity:first-paint', timeout: 120_000 });
  await page.goto(server.page(options), { waitUntil: 'commit' });
  await Promise.all([interactive, painted]);
  return { page, errors, close: () => context.close() };
}

/**
 * The same page with an empty panel's bundle (the harness's `blank` option): the page, the stub
 * host, the early script, the style sheet, a bundle fetched and run, one heading rendered and laid
 * out. What any panel costs on this machine at this minute, opened beside each real open.
 */
async function openBlank(browser: Browser, server: Server, snapshotSource: string): Promise<number> {
  const panel = await openQuietly(browser, server, { blank: true, snapshotSource });
  try {
    if (panel.errors.length) throw new Error(`blank panel: page errors: ${panel.errors.join('; ')}`);
    return (await openTime(panel.page)).interactive;
  } finally {
    await panel.close();
  }
}

/**
 * From the page's first byte to the first render with layout done, and to the bundle's boot
 * (the page said `ready` from its head, src/webview/early.ts, long before: boot is where the
 * bundle's own share ends and the snapshot's handling begins).
 */
async function openTime(page: Page): Promise<{ interactive: number; boot: number; painted: number }> {
  return page.evaluate(() => {
    const start = (performance.getEntriesByType('navigation' as never)[0] as unknown as { responseStart: number }).responseStart;
    return {
      interactive: performance.getEntriesByName('reciprocity:interactive')[0].startTime - start,
      boot: performance.getEntriesByName('reciprocity:boot')[0].startTime - start,
      painted: performance.getEntriesByName('first-contentful-paint')[0].startTime - start,
    };
  });
}

/** Receipt of a snapshot with one more contribution to the end of render, forced layout included. */
async function rerenderTime(page: Page, view: unknown): Promise<number> {
  return page.evaluate((next) => {
    const w = globalThis as unknown as PageGlobals;
    const t0 = performance.now();
    w.__push({ type: 'snapshot', view: next });
    void w.document.body.offsetHeight;
    return performance.now() - t0;
  }, view);
}

/** The host's answer to a tally of the second person present: their turn, with no words. */
function withTally(view: ViewLike): ViewLike {
  const who = view.members.filter((m) => m.present)[1];
  const last = view.contributions[view.contributions.length - 1];
  const i = view.contributions.length;
  const turn = { ...last, id: `c-${i}`, memberId: who.id, text: '', words: 0, pass: false, truncated: false, seconds: 9 };
  return {
    ...view,
    members: view.members.map((m) => (m.id === who.id ? { ...m, turns: m.turns + 1 } : m)),
    contributions: [...view.contributions, turn],
  };
}

/** Key 2 pressed to the panel laid out with the new turn; the stub host replies synchronously. */
async function tallyTime(page: Page, reply: ViewLike): Promise<number> {
  return page.evaluate((next) => {
    const w = globalThis as unknown as PageGlobals;
    const host = w.__reciprocityHost;
    const post = host.postMessage.bind(host);
    host.postMessage = (m: unknown) => {
      post(m);
      const intent = (m as { type?: string; intent?: { kind?: string } }).intent;
      if ((m as { type?: string }).type === 'intent' && intent?.kind === 'contribute') w.__push({ type: 'snapshot', view: next });
    };
    try {
      const t0 = performance.now();
      w.document.dispatchEvent(new w.KeyboardEvent('keydown', { key: '2', code: 'Digit2', bubbles: true }));
      void w.document.body.offsetHeight;
      const ms = performance.now() - t0;
      const shown = w.document.querySelector('.contributions summary .muted')?.textContent;
      if (shown !== `(${next.contributions.length})`) throw new Error(`the panel shows ${shown}, not (${next.contributions.length})`);
      return ms;
    } finally {
      host.postMessage = post;
    }
  }, reply);
}

export async function run(): Promise<BenchResult[]> {
  const { buildWebview, startServer } = await import('../test/webview/harness.mjs');
  // Not the suite's launch(): with its one renderer process for every page (022c0ea) an open
  // can reuse what the last one compiled (V8 caches per process); here each gets its own.
  const { findHeadlessShell, launchChromium } = await import('../scripts/lib/chromium.mjs');
  const { bigView, bigViewSource, withOneMore } = await import('../test/webview/fixtures.mjs');
  await buildWebview();
  // The headless shell when installed (.ci/run installs it, as the webview suite uses it); else
  // the whole browser. Either way without the WebUI pages the whole browser loads in each window.
  if (!findHeadlessShell()) console.error('webview bench: chromium-headless-shell is not installed; the whole Chromium browser runs beside the page, and its own UI takes CPU from it');
  const browser = await launchChromium({ shell: true, disableFeatures: BROWSER_UI_FEATURES });
  const server = await startServer();
  try {
    const opens: number[] = [];
    const boots: number[] = [];
    const rerenders: number[] = [];
    const tallies: number[] = [];
    const source = bigViewSource(50, 2000);
    const blanks: number[] = [];
    const paints: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) {
      // The baseline first in odd runs, second in even ones: a machine slowing down or speeding
      // up during a pair does not favour either side.
      const blank = i % 2 ? await openBlank(browser, server, source) : undefined;
      let view = bigView(50, 2000);
      const panel = await openQuietly(browser, server, { snapshotSource: source });
      const ms = await openTime(panel.page);
      const baseline = blank ?? (await openBlank(browser, server, source));
      if (i > 0) {
        opens.push(ms.interactive);
        boots.push(ms.boot);
        paints.push(ms.painted);
        blanks.push(baseline);
        ratios.push(ms.interactive / baseline);
      }
      if (i === OPEN_RUNS - 1) {
        // Let the older rows finish rendering in the background first.
        await panel.page.waitForSelector('.contrib-list[aria-busy="false"]');
        await panel.page.waitForSelector('.members[aria-busy="false"]');
        const members = await panel.page.locator('.members > li').count();
        if (members !== 50) throw new Error(`expected 50 members in the roster, found ${members}`);
        for (let r = 0; r < RERENDER_RUNS + RERENDER_WARMUP; r++) {
          view = withOneMore(view);
          const ms = await rerenderTime(panel.page, view);
          if (r >= RERENDER_WARMUP) rerenders.push(ms);
        }
        for (let r = 0; r < RERENDER_RUNS + RERENDER_WARMUP; r++) {
          view = withTally(view as unknown as ViewLike) as unknown as typeof view;
          const ms = await tallyTime(panel.page, view as unknown as ViewLike);
          if (r >= RERENDER_WARMUP) tallies.push(ms);
        }
        const expected = 2000 + 2 * (RERENDER_RUNS + RERENDER_WARMUP);
        const rows = await panel.page.locator('.contrib-list > li').count();
        if (rows !== expected) throw new Error(`expected ${expected} rows, found ${rows}`);
      }
      if (panel.errors.length) throw new Error(`page errors: ${panel.errors.join('; ')}`);
      if (i === 0) await assertNoBrowserUi(browser);
      await panel.close();
    }
    return [
      { name: 'webview.open_50x2000', value: round(median(opens)), unit: 'ms', budget: 150 },
      // The baseline, opened beside each open above: shown, and gated only through the ratio.
      { name: 'webview.open_blank_panel', value: round(median(blanks)), unit: 'ms', budget: 0, reference: true },
      { name: 'webview.open_50x2000_vs_blank_panel', value: round(median(ratios), 2), unit: 'x', budget: RATIO_BUDGET },
      { name: 'webview.open_50x2000.to_boot', value: round(median(boots)), unit: 'ms', budget: 0, reference: true },
      { name: 'webview.open_50x2000.boot_to_interactive', value: round(median(opens.map((o, k) => o - boots[k]))), unit: 'ms', budget: 0, reference: true },
      // When that first frame was on screen (see the header): after the mark come the frame's own
      // style, layout of the roster rows in view and paint, then raster and compositing.
      { name: 'webview.open_50x2000.first_paint', value: round(median(paints)), unit: 'ms', budget: 0, reference: true },
      { name: 'webview.record_rerender', value: round(median(rerenders)), unit: 'ms', budget: 16 },
      { name: 'webview.record_tally', value: round(median(tallies)), unit: 'ms', budget: 16 },
    ];
  } finally {
    await server.close();
    await browser.close();
  }
}

runWhenMain(module, run);
