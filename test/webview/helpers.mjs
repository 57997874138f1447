// Small helpers shared by the webview tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { buildWebview, clockPool, openPanel, ROOT, sharedBrowser, sharedServer } from './harness.mjs';

/** The focused element, looking inside shadow roots (vscode-elements). */
export function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      label: a.getAttribute('aria-label') ?? '',
      text: (a.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match(focusedInfo)` holds; fails after `max` presses. */
export async function tabTo(page, match, { max = 60, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && match(f)) return i + 1;
  }
  throw new Error(`Focus never reached the target after ${max} Tab presses (last: ${JSON.stringify(await focused(page))})`);
}

export const byLabel = (label) => (f) => f.label === label || f.text === label;

/** Chromium's own accessibility tree, so names are exactly what a screen reader gets. */
export async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored)
    .map((n) => ({ role: n.role?.value ?? '', name: (n.name?.value ?? '').trim(), disabled: isDisabled(n) }));
}

function isDisabled(node) {
  return (node.properties ?? []).some((p) => p.name === 'disabled' && p.value?.value === true);
}

let axeText;
const axeSource = () => (axeText ??= readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));

/** Runs axe-core in the page. The CSP blocks injected scripts, so the test context bypasses it. */
export async function runAxe(page) {
  // Once per page load: axe is half a megabyte of script to parse.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * Installs Playwright's fake clock in the page and pauses it, so the page's timers fire only
 * when the test moves time (`page.clock.runFor`). Left running, the fake clock runs on in real
 * time: on a loaded machine the seconds between two steps added to a `runFor`, and a check
 * that nothing happened before a deadline failed (liveness.test.mjs at load 30 and more).
 * Paused, animation frames (requestAnimationFrame, faked too) also wait for `runFor`. The
 * pause lands 10 s after install: a time that cannot have passed yet (pausing in the past
 * throws), so timers the page set after install and due within those 10 s fire first.
 * Open the panel with `{ isolated: true }`: the clock belongs to the page's context.
 */
export async function pausedClock(page) {
  await page.clock.install();
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 10_000);
}

/**
 * The shared browser and page server (one per run, see harness.mjs), and the checks every
 * panel test ends with (no CSP violation, no page error). `open(options)` opens a panel on a
 * pooled page; every panel a test opened is checked and given back after it.
 */
export function panelSuite() {
  const s = { browser: undefined, server: undefined, panels: [] };
  before(async function () {
    await buildWebview();
    s.browser = await sharedBrowser();
    s.server = await sharedServer();
  });
  afterEach(async function () {
    const panels = s.panels;
    s.panels = [];
    // A failed or timed-out test may still be driving its pages: those are not reused.
    const discard = this.currentTest?.state !== 'passed';
    try {
      for (const panel of panels.filter((p) => !p.closed)) {
        assert.deepEqual(await panel.violations(), [], 'no CSP violations');
        assert.deepEqual(panel.errors, [], 'no page errors');
      }
    } finally {
      // The panel `show` keeps stays open for the next test of this file, unless this one failed.
      if (discard) s.kept = undefined;
      for (const panel of panels) if (panel !== s.kept?.panel) await panel.close({ discard });
    }
  });
  after(async function () {
    await s.kept?.panel.close();
    s.kept = undefined;
  });
  const open = async (options = {}) => {
    const pool = options.isolated ? await clockPool() : undefined;
    const panel = await openPanel(s.browser, s.server, { ...options, pool });
    const close = panel.close;
    panel.closed = false;
    panel.close = async (how) => {
      if (panel.closed) return;
      panel.closed = true;
      await close(how);
    };
    s.panels.push(panel);
    return panel;
  };
  return {
    /**
     * Opens a panel; with `isolated: true` on a page of the run's clockPool (harness.mjs), for
     * a test that installs Playwright's clock (pausedClock).
     */
    open,
    /**
     * A panel showing `snapshot`, for a test that only reads what a snapshot renders: it
     * types, clicks and listens to nothing, and it does not test what a panel does on its first
     * snapshot. The panel the last such test of this file showed is kept open, and when it was
     * opened with the same theme, l10n and viewport it is reused: its messages, errors and CSP
     * violations so far are cleared and it gets the snapshot as an update from the host does
     * (a new document costs the panel's whole start-up, about 0.6-0.8 s of CPU). Otherwise, and
     * after a failed test, a new panel is opened. The checks after each test run on it as on
     * any panel.
     */
    show: async ({ snapshot, theme, l10n, viewport, ...rest }) => {
      const other = Object.keys(rest);
      if (other.length > 0) throw new Error(`show() takes snapshot, theme, l10n and viewport, not ${other.join(', ')}: use open()`);
      const key = JSON.stringify([theme ?? 'dark', l10n ?? null, viewport ?? null]);
      const kept = s.kept;
      if (kept && kept.key === key && !kept.panel.closed) {
        const { panel } = kept;
        panel.errors.length = 0;
        await panel.page.evaluate((view) => {
          window.__sent.length = 0;
          window.__violations.length = 0;
          window.__push({ type: 'snapshot', view });
        }, snapshot);
        s.panels.push(panel);
        return panel;
      }
      s.kept = undefined;
      await kept?.panel.close();
      const panel = await open({ snapshot, theme, l10n, viewport });
      s.kept = { key, panel };
      return panel;
    },
  };
}

/**
 * Runs in the page: the focused element (looking inside shadow roots) and whether anything on
 * its way down from the document (a shadow host or the element itself) draws a focus
 * indicator: an outline of some width that is not transparent, or a box-shadow.
 */
export function focusIndicator() {
  const chain = [];
  for (let a = document.activeElement; a; a = a.shadowRoot?.activeElement ?? null) {
    chain.push(a);
    if (!a.shadowRoot) break;
  }
  const el = chain.at(-1);
  if (!el || el === document.body) return null;
  const shows = (e) => {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*,\s*0\)|transparent/.test(s.outlineColor);
    return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
  };
  // The same element gets the same key on every visit, whatever it is called.
  const ids = (window.__focusIds ??= new WeakMap());
  const idOf = (e) => {
    if (!ids.has(e)) ids.set(e, (window.__focusNext = (window.__focusNext ?? 0) + 1));
    return ids.get(e);
  };
  const host = chain[0];
  const text = (host.getAttribute('aria-label') || host.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return {
    key: idOf(el),
    what: `<${el.tagName.toLowerCase()}${host !== el ? ` in ${host.tagName.toLowerCase()}` : ''}${host.id ? ` #${host.id}` : ''}> "${text}"`,
    visible: chain.some(shows),
  };
}

/**
 * Tabs through every focusable control once, from the top of the page, and returns what it
 * met: `{ key, what, visible }` per stop, stopping when focus comes back to the first one.
 *
 * A listener in the page (focusin on window, after the element's own focus handlers) notes
 * focusIndicator() at each focus change, so the Tabs go in batches of `batch` real key
 * presses with one read of the notes after each batch, not a read after every press (the
 * Tabs past the end of the cycle land on stops seen already). A stop noted twice in a row is
 * one stop.
 */
export async function tabCycle(page, max = 250, batch = 8) {
  await page.evaluate(`(() => {
    window.__focusIndicator = ${focusIndicator.toString()};
    document.activeElement?.blur?.();
    window.getSelection()?.removeAllRanges();
    window.__tabStops = [];
    if (window.__tabStopsListening) return;
    window.__tabStopsListening = true;
    window.addEventListener('focusin', () => {
      const f = window.__focusIndicator();
      if (f && window.__tabStops.at(-1)?.key !== f.key) window.__tabStops.push(f);
    });
  })()`);
  for (let pressed = 0; pressed < max; ) {
    for (let k = 0; k < batch && pressed < max; k++, pressed++) await page.keyboard.press('Tab');
    const stops = [];
    const seen = new Set();
    for (const f of await page.evaluate(() => window.__tabStops)) {
      if (seen.has(f.key)) return stops;
      seen.add(f.key);
      stops.push(f);
    }
  }
  throw new Error(`Tab never came back round after ${max} presses`);
}

/**
 * Runs in the page: every element (shadow roots included) with a transition or an animation
 * that would run, as `tag#id`. Adds a probe with both (once), so a test can see that the
 * check finds motion when nothing turns it off.
 */
export function movingElements() {
  if (!document.getElementById('motion-probe')) {
    const probe = document.body.appendChild(document.createElement('div'));
    probe.id = 'motion-probe';
    probe.style.transition = 'opacity 2s';
    probe.style.animation = 'probe-spin 1s infinite';
  }
  const moving = [];
  const seconds = (list) => list.split(',').some((t) => parseFloat(t) > 0);
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        const transition = seconds(s.transitionDuration) && s.transitionProperty !== 'none';
        const animation = s.animationName !== 'none' && seconds(s.animationDuration);
        if (transition || animation) moving.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${pseudo ?? ''}`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return [...new Set(moving)];
}

/**
 * An init script (page.addInitScript) that taps the harness's stub host as the page installs it:
 * each message the page posts goes through `window.__tapHost(message, post)` when a later init
 * script has set one (it calls `post` to pass the message on), else straight to the stub.
 */
export function tapStubHost() {
  let host;
  Object.defineProperty(window, '__reciprocityHost', {
    configurable: true,
    get: () => host,
    set(value) {
      const post = value.postMessage.bind(value);
      value.postMessage = (message) => (window.__tapHost ? window.__tapHost(message, post) : post(message));
      host = value;
    },
  });
}

/**
 * What draws a ring or frame around something that does not have the focus (issue 11: "No
 * decoration that looks like a focus ring"): an outline on a control or standing off its
 * element, a pseudo-element framing its element, a dashed or dotted border on a control. The focus is taken off everything first.
 */
export function unfocusedRings(page) {
  return page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    const drawn = (style, what) => style[`${what}Style`] !== 'none' && parseFloat(style[`${what}Width`]) > 0;
    const sides = ['borderTop', 'borderRight', 'borderBottom', 'borderLeft'];
    const label = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const found = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!el.checkVisibility()) continue;
      const s = getComputedStyle(el);
      // An outline standing off its element, or on a control, reads as a focus ring; one on
      // the edge of a shape (high contrast draws bars that way) is the shape's edge.
      const control = el.matches('button, input, select, textarea, a[href], vscode-textarea, [tabindex], summary');
      if (drawn(s, 'outline') && (control || parseFloat(s.outlineOffset) > 0)) found.push(`${label(el)}: a ${s.outlineStyle} outline`);
      for (const pseudo of ['::before', '::after']) {
        const p = getComputedStyle(el, pseudo);
        if (p.content === 'none' || p.content === 'normal') continue;
        if (drawn(p, 'outline') || sides.every((side) => drawn(p, side))) found.push(`${label(el)}${pseudo}: a frame around it`);
      }
      if (control && sides.some((side) => ['dashed', 'dotted'].includes(s[`${side}Style`]))) {
        found.push(`${label(el)}: a dashed or dotted border`);
      }
    }
    return found;
  });
}
