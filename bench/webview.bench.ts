// Webview rendering budget (issue 3): a 50-member, 2,000-contribution session must open
// to an interactive panel in < 150 ms of webview time, and recording one contribution
// must re-render in < 16 ms. Issue 11 adds `webview.record_tally`: from a number key to
// the panel showing the new turn (the stub host answers with the next snapshot at once, so
// this is the webview's whole share: key handling, the intent, validating and rendering
// the snapshot, layout). Measured inside headless Chromium with performance.now().
// Run directly: npx tsx bench/webview.bench.ts
//
// What open_50x2000 holds (issue 11, revised): what a person waits for, from the first byte of
// the panel's page (its navigation entry's responseStart) to the first interactive frame
// with the roster and the prompt, in a fresh browser context each time (no HTTP or code cache,
// as a newly opened panel): the page and its style sheets, fetching, compiling and running
// dist/webview.js (lit, valibot, @vscode-elements), `ready`, the round trip for the snapshot,
// checking it, the first render, the vscode-elements' own updates and one forced layout.
// The snapshot is no longer a literal in the page: as in VS Code, it comes after `ready`. On
// `ready` the stub host builds it (bigViewSource in test/webview/fixtures.mjs: the same
// snapshot as bigView, built by code in the page, standing in for the extension host building
// and sending it; since 167c3a2 the first one, as RetroPanel sends it: the newest 20
// contributions and the number left out, the rest once the panel asks) and posts it to the page with window.postMessage, so it arrives as a
// structured clone in a task of its own, as VS Code's webview frame forwards it. In VS Code the
// building and one side of the clone run in other processes; here they are on the panel's own
// thread, which on a 2-core machine is not far from the truth. Not in the figure: the IPC
// between the extension host and the webview, and VS Code's own webview frame and service
// worker. Tried and dropped: a round trip to this process by a Playwright binding (Playwright's
// own protocol work for a megabyte landed on the page's thread: 140-170 ms of CPU, traced),
// and the snapshot as JSON text in the page (25-45 ms to parse the megabyte as HTML or to
// compile it as a string, which the real page does not have).
// The clock does not start at the navigation itself: in a fresh Playwright context that
// counts choosing and starting a renderer process and Playwright's own set-up of the page,
// not VS Code's. Until 2026-12-02 the clock started at an inline script after the head and the snapshot was a
// literal handed over in a microtask, which left out the page load, the bundle's fetch before
// that script and the snapshot's transfer (and counted building the literal's objects).
// Printed beside it, as references: the time to `ready` (page, bundle, boot) and from `ready`
// to the interactive frame (the snapshot's round trip, checking, render, layout). The bench
// waits for the interactive mark without touching the page (openQuietly).
// Figures, 2026-12-02 (one renderer process for all pages, 022c0ea, which the bench no longer
// uses), the renderer's main-thread CPU (trace thread time, with tracing on) from
// the page's first byte to the mark, 6 opens each side interleaved, load 25-32: waiting with
// waitForFunction as before 285.6 ms (base) / 288.4 ms (quick check 72026e3); waiting quietly
// 234.0 / 233.8 ms. The wall time at that load was 1.6-4.3 s, and the whole bench read
// open 1822 / rerender 155 / tally 178 ms at load 26-38 (9.4 ms rerender when idle): no idle
// window today to read the budget. Where the CPU goes in the old window (instrumented build,
// traced at load ~20): the bundle's top level 7.6 ms, boot to `ready` 4.6, checking the
// snapshot 15.4, lit's first render 23.1, the vscode-elements' updates 6.3, style and layout 22.7.
// Later that day (3e2b2a4): `ready` was posted with the bundle's top level on the stack, and
// Chromium, noting where a postMessage was called from, worked out source positions for the whole
// bundle (one function of 120 KB): the first postMessage took 40-480 ms of wall time at load 14-25,
// timed in the page with no debugger attached (0.4-10 ms from a microtask). Boot now runs in a
// microtask. Same CPU measure, 8 opens each interleaved at load 20-30: 240.1 -> 213.4 ms.
// Where that CPU goes now (marks in an instrumented build, their thread time, load 15-20): page,
// style sheets and the bundle up to its first line ~45 ms; the bundle's top level ~8; boot ~5; the
// stub host building and posting the 2,000-contribution snapshot ~33; the message's dispatch ~6;
// checking the snapshot ~9; lit's first render ~40 (vscode-button's own updates among it);
// the vscode-elements settling ~8; style and layout ~22. The next large item is the snapshot's size:
// the stub building and posting one of 21 contributions instead of 2,000 saved ~45 ms of that CPU
// (224 -> 180 ms, 4 opens each, before the microtask change).
// That evening (167c3a2): the first snapshot after `ready` carries the newest 20 contributions
// (FIRST_CONTRIBUTIONS) and the number left out; the panel asks for the rest (`history`) once its
// first frame is marked, and the stub host here answers as RetroPanel does (newest 20 on `ready`,
// all on `history`, in a task of its own). Traced (toplevel categories only; the heavier set used
// above adds its own overhead to the main thread), 6 opens each interleaved against 2173707 in one
// browser, load 16-19: the page's main-thread CPU to the mark, median 178.2 -> 111.4 ms; wall
// 888.8 -> 455.4 ms. (With the heavier categories, load 19-27: 280.1 -> 243.6 ms.)
// The wall-vs-CPU gap (455e51a): traced with every process and thread, the window also held
// Chromium's own browser UI: headless Chromium 156 is the whole browser, and each fresh context is
// a window that loads the omnibox popups as web pages (chrome://omnibox-popup.top-chrome and its
// AI-mode page) in a "WebUI Top Renderer" process, 180-540 ms of CPU inside the window in 3 of 5
// opens, on 2 cores. VS Code's webview has nothing of it; the bench now launches Chromium with those
// features off (launchChromium's disableFeatures, merged with Playwright's own list) and checks that no such page loads. Same build, 5 opens each
// interleaved at load ~20: CPU of all processes in the window 405.0 -> 338.6 ms, wall 569.5 -> 455.0
// ms, the page's main thread unchanged (117.1 / 118.2). What is left of the gap, per open at load
// ~20 (the CPU of the window, the page's main thread aside): the browser process ~100-130 ms
// (navigation, the four requests, Playwright's protocol and the trace itself), the page's other
// threads ~65-75 (compositor, IO, the bundle's compile off the main thread), the GPU process ~30
// (software compositing of the frames); and on the main thread, tasks whose wall time is several
// times their CPU time (waiting for one of the two cores), plus idle waits for the page's files
// (the bundle's response 50-150 ms after its request from this process's server under load). No
// rAF or vsync wait is in the window: the mark is set in the task that handles the snapshot.
// Not measured on an idle machine: there was no idle window. The whole bench at load ~20 (after
// 455e51a): open 895.5 ms (to ready 613.3, ready to interactive 432.5), rerender 74.0, tally 40.7.
// Then one after the other, base (2173707, its own bench) at load 17-18: open 1823.1 (739.6 /
// 932.2), rerender 119.3, tally 53.6; this at load 10-13: open 641.2 (351.6 / 238.9), rerender
// 46.6, tally 23.2. The loads differ: read the CPU A/Bs above, not these, for the change.
//
// 2026-12-03, an idle machine at last (load 0.9-2.1, nothing else running): the whole bench
// read open 159.8 ms (to ready 96.0, ready to interactive 62.5), rerender 6.2, tally 6.8. Then,
// alternately, the same build in the whole browser (with its UI pages off, as above) and in
// chromium-headless-shell (the same engine and version without the browser's window, tab strip
// and omnibox; the webview suite's browser since b4d3b66): open 156.1 / 136.0, 157.0 / 130.0 ms.
// The whole browser's own work (its window, compositing frames for its UI, its browser process)
// competes with the page for the two cores; a VS Code webview has none of it. The bench now uses
// the shell when it is installed (.ci/run installs it), and says so when it falls back.
// On the issue's question (222-239 ms when idle, against 85 ms at issue 3's resolution): the
// 85 ms was the old, shorter measure (from a script in the page, after its load; see below).
// The same code measured 156-160 ms here idle today in the whole browser, so the issue's
// figures were most likely a busier or slower machine, or code from before the first snapshot
// carried only the newest 20 contributions (167c3a2) and the browser's WebUI pages were off
// (455e51a); that is not verified.
// Then (228d7c7) the page says `ready` from an inline script in its head (src/webview/early.ts)
// and holds what the host sends until the bundle takes it: the snapshot is handled in the
// bundle's boot, with no waiting state rendered, laid out and painted first. Idle (load
// 1.1-2.4), 15 opens each, alternately: without / with the early script 151.4 / 144.9,
// 158.7 / 150.7, 158.2 / 143.9 ms; f56d0d8 (this morning's code, its own page) / HEAD 145.2 /
// 136.2, 144.3 / 133.8 ms. Where the rest goes now (instrumented, idle; ms from the first
// byte): the navigation's commit and the page's context ~20, the style sheets' and the
// bundle's requests leave at ~30 and the bundle is in by ~50-60, its top level runs (~13: lit,
// the vscode-elements' definitions and styles, valibot's schemas) and boot starts at ~78;
// then the quick check ~2, lit's first render ~23, the vscode-elements settling ~4, style and
// layout ~20 (hiding the whole panel makes that ~1; the main column ~6 of it). Tried, no gain:
// templates precompiled by @lit-labs/compiler (a bigger bundle, the same render), flatter
// roster rows, rows laid out by flex instead of grid, no ellipsis, one font for the key caps.
// 2026-12-03 (later): codicons as inline SVG in the roster, nudges and override cost nothing
// measurable (15 opens each, alternately, before / after: 125.2 / 124.2, 122.4 / 121.3 ms). The
// machine's own speed moves the figure more than today's changes: this morning's build read
// 122-125 ms at 06:15 and 137.8-139.3 ms at 07:10, alternating with the current build (138.1-
// 142.8 ms), both idle. A whole `npm run bench` at 07:01 read 142.8 ms, in budget.
//
// Before that revision (the old measure, same figure name), it held this:
// from an inline script before the bundle to the first interactive frame, in a fresh browser context each time (no HTTP or code cache, as a newly
// opened panel): fetching dist/webview.js from the page server, compiling and running it
// (lit, valibot, @vscode-elements), checking the snapshot, the first render, the
// vscode-elements' own updates and one forced layout. The snapshot's JSON literal in the page
// is parsed before the clock starts (in VS Code it arrives by postMessage instead). Traced on
// this 2-core machine (2026-12-02, load 16-20): the renderer's main thread spends 110-150 ms
// of CPU in that window; the rest of the wall time is waiting for the bundle (its request
// started only once the inline script had run, and took 15-180 ms) and for a CPU.
// Since then (issue 11) the page loads the bundle as the real panel does, deferred from the
// head, so its request starts with the head; before, the stub host's script with its megabyte
// of snapshot literal sat in front of it, which the real page does not have (its snapshot comes
// by postMessage after `ready`). The clock still starts at that script and stops at the same mark.
// The first render at the bench's 1100x900 has the roster's first screenful and no contribution
// rows: the list is below the fold there, so its rows follow in chunks (a list in view gets its
// newest 20 in the first frame; test/webview/panel.test.mjs). 619 -> 439 elements at the mark.
// Where the rest of the CPU goes (traced, 2026-12-02, load 12-30, so only proportions hold):
// the bundle's top level ~15 ms (valibot schemas in src/protocol.ts ~4.5 of it, the three
// vscode-elements with vscode-icon ~3), checking the snapshot ~10 ms (src/quickCheck.ts), lit's
// first render and the vscode-elements' own updates ~50 ms, style and layout ~20 ms.
// The 85 ms noted when issue 3 was resolved is not reproducible here: the code of that time
// (7cb01d0, built and served side by side with today's, interleaved) was no faster, and the
// measure was the same then (fresh context, no-store, the cold first open even counted).
// Since then the bundle grew from 87 to 117 KB (l10n, team mode, edits), and the machine is
// shared by several sessions: idle here is rarely idle, and under load the wall time is 3-5
// times the CPU time. The likeliest explanation is a quieter or faster machine then.
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
  await page.goto(server.page(options), { waitUntil: 'commit' });
  await interactive;
  return { page, errors, close: () => context.close() };
}

/**
 * From the page's first byte to the first render with layout done, and to the bundle's boot
 * (the page said `ready` from its head, src/webview/early.ts, long before: boot is where the
 * bundle's own share ends and the snapshot's handling begins).
 */
async function openTime(page: Page): Promise<{ interactive: number; boot: number }> {
  return page.evaluate(() => {
    const start = (performance.getEntriesByType('navigation' as never)[0] as unknown as { responseStart: number }).responseStart;
    return {
      interactive: performance.getEntriesByName('reciprocity:interactive')[0].startTime - start,
      boot: performance.getEntriesByName('reciprocity:boot')[0].startTime - start,
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
    for (let i = 0; i < OPEN_RUNS; i++) {
      let view = bigView(50, 2000);
      const panel = await openQuietly(browser, server, { snapshotSource: bigViewSource(50, 2000) });
      const ms = await openTime(panel.page);
      if (i > 0) {
        opens.push(ms.interactive);
        boots.push(ms.boot);
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
      { name: 'webview.open_50x2000.to_boot', value: round(median(boots)), unit: 'ms', budget: 0, reference: true },
      { name: 'webview.open_50x2000.boot_to_interactive', value: round(median(opens.map((o, k) => o - boots[k]))), unit: 'ms', budget: 0, reference: true },
      { name: 'webview.record_rerender', value: round(median(rerenders)), unit: 'ms', budget: 16 },
      { name: 'webview.record_tally', value: round(median(tallies)), unit: 'ms', budget: 16 },
    ];
  } finally {
    await server.close();
    await browser.close();
  }
}

runWhenMain(module, run);
