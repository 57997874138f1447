// Small helpers shared by the webview tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { buildWebview, launch, openPanel, ROOT, startServer } from './harness.mjs';

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

/** Runs axe-core in the page. The CSP blocks injected scripts, so the test context bypasses it. */
export async function runAxe(page) {
  const source = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
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
 * One browser and one page server per suite, and the checks every panel test ends with
 * (no CSP violation, no page error). `open(options)` opens a panel closed after the test.
 */
export function panelSuite() {
  const s = { browser: undefined, server: undefined, panel: undefined };
  before(async function () {
    await buildWebview();
    s.browser = await launch();
    s.server = await startServer();
  });
  after(async function () {
    await s.server?.close();
    await s.browser?.close();
  });
  afterEach(async function () {
    if (s.panel) {
      assert.deepEqual(await s.panel.violations(), [], 'no CSP violations');
      assert.deepEqual(s.panel.errors, [], 'no page errors');
      await s.panel.close();
    }
    s.panel = undefined;
  });
  return { open: async (options) => (s.panel = await openPanel(s.browser, s.server, options)) };
}
