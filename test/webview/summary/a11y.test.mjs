// Accessibility in light, dark and high contrast (axe-core, accessible names), and the
// screenshots a person looks at to judge readability.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { baseSummary, summaryMessage } from './fixtures.mjs';
import { axe, buildBundle, launch, open, ROOT, send } from './harness.mjs';
import { movingElements, tabCycle, unfocusedRings } from '../helpers.mjs';

const THEMES = [
  ['light', 'vscode-light'],
  ['dark', 'vscode-dark'],
  ['high-contrast', 'vscode-high-contrast'],
];
const SHOTS = path.join(ROOT, 'test-results/screenshots');

describe('summary webview: accessibility and themes', function () {
  this.timeout(60_000);
  let browser;

  before(async () => {
    await buildBundle();
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => browser?.close());

  // One page per theme: the summary with its named table and a data table open is checked by
  // axe, photographed, then tabbed through.
  for (const [name, cls] of THEMES) {
    it(`has no serious or critical axe violations and shows a visible focus indicator on every control Tab reaches (${name})`, async () => {
      const { page, context } = await open(browser, { theme: cls });
      try {
        await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: true }));
        await page.click('[data-chart="shares"] .show-data');
        const bad = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, []);
        await page.screenshot({ path: path.join(SHOTS, `summary-${name}.png`), fullPage: true });
        // Only the focus draws a ring (issue 11): nothing else is framed like it.
        assert.deepEqual(await unfocusedRings(page), [], 'a ring around something without the focus');
        const stops = await tabCycle(page);
        assert.ok(stops.length >= 5, `Tab reached only ${stops.map((s) => s.what).join(', ')}`);
        assert.deepEqual(stops.filter((s) => !s.visible).map((s) => s.what), [], 'focus not visible on');
      } finally {
        await context.close();
      }
    });
  }

  it('gives every control and every chart an accessible name', async () => {
    const { page, context } = await open(browser);
    try {
      await send(page, summaryMessage());
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const interactive = nodes.filter((n) => !n.ignored && ['button', 'checkbox', 'link', 'textbox', 'image', 'img'].includes(n.role?.value));
      const unnamed = interactive.filter((n) => !n.name?.value?.trim()).map((n) => n.role.value);
      assert.deepEqual(unnamed, []);
      const names = interactive.map((n) => `${n.role.value}:${n.name.value}`);
      for (const expected of [
        'checkbox:Pseudonymise names',
        'checkbox:Show named per-person table',
        'button:Export Markdown',
        'button:Export JSON',
        'button:Export CSV',
      ]) {
        assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
      }
      assert.equal(names.filter((n) => n.startsWith('image:')).length, 8);
    } finally {
      await context.close();
    }
  });

  it("has no transitions or animations under prefers-reduced-motion or VS Code's reduce-motion", async () => {
    const { page, context } = await open(browser);
    try {
      await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: true }));
      // The check sees motion: a probe with a transition and an animation moves by default.
      assert.deepEqual(await page.evaluate(movingElements), ['div#motion-probe'], 'without a preference');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.deepEqual(await page.evaluate(movingElements), [], 'prefers-reduced-motion');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await page.evaluate(() => document.body.classList.add('vscode-reduce-motion'));
      assert.deepEqual(await page.evaluate(movingElements), [], 'body.vscode-reduce-motion');
    } finally {
      await context.close();
    }
  });

  it('has one h1 and a section heading for each part', async () => {
    const { page, context } = await open(browser);
    try {
      await send(page, summaryMessage(baseSummary(), { pseudonymise: false, namedTable: true }));
      assert.equal(await page.$$eval('h1', (els) => els.length), 1);
      const h2 = await page.$$eval('h2', (els) => els.map((e) => e.textContent));
      assert.deepEqual(h2, [
        'Share of participation',
        'Evenness: Lorenz curve',
        'Depth and reciprocity',
        'Flags and nudges',
        'Passes',
        'Action items',
        'Check-outs',
        'Per-person table',
        'Trends across retros',
      ]);
    } finally {
      await context.close();
    }
  });
});
