// Accessibility of the retro panel in every phase and theme: axe-core, the names in
// Chromium's own accessibility tree, and screenshots to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildWebview, launch, openPanel, startServer } from './harness.mjs';
import { retroView } from './fixtures.mjs';
import { axNodes, runAxe } from './helpers.mjs';

const PHASES = ['check-in', 'gather', 'insights', 'decide', 'close', 'ended'];
const THEMES = ['light', 'dark', 'hc'];
const CONTROL_ROLES = new Set(['button', 'textbox', 'checkbox', 'combobox', 'radio', 'slider', 'spinbutton', 'switch']);
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

describe('retro webview: accessibility', function () {
  let browser;
  let server;
  let panel;

  before(async function () {
    await buildWebview();
    browser = await launch();
    server = await startServer();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async function () {
    await server?.close();
    await browser?.close();
  });
  afterEach(async function () {
    if (panel) {
      assert.deepEqual(await panel.violations(), [], 'no CSP violations');
      await panel.close();
    }
    panel = undefined;
  });

  for (const theme of THEMES) {
    it(`has no serious or critical axe violations in any phase (${theme})`, async function () {
      panel = await openPanel(browser, server, { theme, snapshot: retroView() });
      for (const phase of PHASES) {
        await panel.snapshot(retroView({ phase }));
        const serious = (await runAxe(panel.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious, [], `${theme} / ${phase}`);
      }
    });
  }

  it('has no serious or critical axe violations read-only and with errors showing', async function () {
    panel = await openPanel(browser, server, { snapshot: retroView({ readOnly: true, readOnlyReason: 'Another window is writing.' }) });
    await panel.push({ type: 'bogus' });
    const serious = (await runAxe(panel.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, []);
  });

  it('gives every button, textbox, checkbox and combobox a non-empty accessible name', async function () {
    panel = await openPanel(browser, server, { snapshot: retroView() });
    const seen = new Set();
    for (const phase of PHASES) {
      await panel.snapshot(retroView({ phase }));
      const controls = (await axNodes(panel.page)).filter((n) => CONTROL_ROLES.has(n.role));
      assert.ok(controls.length > 3, `${phase}: found ${controls.length} controls`);
      const unnamed = controls.filter((n) => n.name === '');
      assert.deepEqual(unnamed, [], `${phase}: unnamed controls`);
      for (const c of controls) seen.add(`${c.role}:${c.name}`);
    }
    for (const expected of [
      'textbox:What was said', 'button:Record', 'button:Pass', 'button:Next speaker', 'button:Stay at this depth',
      'button:Step back', 'button:New prompt', 'button:Skip phase', 'button:Next phase', 'button:Open summary',
      'button:Give turn to Sam', 'checkbox:Sam is present', 'button:Remove contribution by Sam',
      'textbox:Add note: Sad', 'combobox:Group for note: Flaky CI', 'textbox:Action item', 'combobox:Owner',
      'textbox:Due', 'button:Add action item', 'checkbox:Done: Quarantine flaky tests', 'button:End retro',
      'textbox:Check-out for Sam', 'combobox:Return on time for Sam', 'button:Dismiss nudge: Invite نور — quiet so far.',
    ]) {
      assert.ok(seen.has(expected), `missing ${expected}`);
    }
    assert.ok([...seen].some((s) => s.startsWith('button:Vote for note: Pairing on the migration')));
    assert.ok([...seen].some((s) => s.startsWith('button:Go deeper')));
  });

  it('shows a visible focus ring from --vscode-focusBorder', async function () {
    panel = await openPanel(browser, server, { snapshot: retroView() });
    await panel.page.keyboard.press('Tab');
    await panel.page.keyboard.press('Tab');
    const outline = await panel.page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { width: s.outlineWidth, style: s.outlineStyle, color: s.outlineColor };
    });
    assert.notEqual(outline.style, 'none');
    assert.equal(outline.color, 'rgb(0, 120, 212)');
  });

  it('exposes shortcuts with aria-keyshortcuts', async function () {
    panel = await openPanel(browser, server, { snapshot: retroView() });
    const { page } = panel;
    assert.equal(await page.getByRole('button', { name: 'Pass' }).getAttribute('aria-keyshortcuts'), 'Alt+P');
    assert.equal(await page.getByRole('button', { name: 'Next speaker' }).getAttribute('aria-keyshortcuts'), 'Alt+N');
    assert.equal(await page.getByRole('button', { name: 'Record' }).getAttribute('aria-keyshortcuts'), 'Control+Enter');
  });

  it('saves screenshots of every phase in light, dark and high contrast', async function () {
    this.timeout(120_000);
    for (const theme of THEMES) {
      panel = await openPanel(browser, server, { theme, snapshot: retroView() });
      await panel.page.screenshot({ path: path.join(SHOTS, `webview-${theme}.png`), fullPage: true });
      for (const phase of PHASES.slice(1)) {
        await panel.snapshot(retroView({ phase }));
        await panel.page.screenshot({ path: path.join(SHOTS, `webview-${theme}-${phase}.png`), fullPage: true });
      }
      assert.deepEqual(await panel.violations(), []);
      await panel.close();
    }
    panel = await openPanel(browser, server, { theme: 'dark', snapshot: retroView({ readOnly: true, readOnlyReason: 'Another window is writing to this retro.' }) });
    await panel.push({ type: 'snapshot', view: { bad: true } });
    await panel.page.screenshot({ path: path.join(SHOTS, 'webview-dark-readonly.png'), fullPage: true });
    await panel.page.setViewportSize({ width: 480, height: 900 });
    await panel.snapshot(retroView());
    await panel.page.screenshot({ path: path.join(SHOTS, 'webview-dark-narrow.png'), fullPage: true });
  });
});
