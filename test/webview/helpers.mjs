// Small helpers shared by the webview tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

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
