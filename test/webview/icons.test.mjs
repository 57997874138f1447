// Issue 11, "Codicons for icons": the panel's icons are codicons drawn from @vscode/codicons'
// own SVGs (src/webview/codicons.ts), hidden from screen readers, with the meaning in text
// beside them; no text glyph (✓ · – ○) stands in for an icon.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';
import { panelSuite } from './helpers.mjs';
import { retroView } from './fixtures.mjs';

/** The path data in the package's own file: the oracle for what the panel draws. */
function packagePaths(name) {
  const source = readFileSync(path.join(ROOT, 'node_modules', '@vscode', 'codicons', 'src', 'icons', `${name}.svg`), 'utf8');
  return [...source.matchAll(/<path [^>]*?\bd="([^"]+)"/g)].map((m) => m[1]);
}

/** Every codicon in `root`: its name from the class and the path data it draws. */
function drawn(locator) {
  return locator.evaluateAll((svgs) =>
    svgs.map((s) => ({
      name: [...s.classList].find((c) => c.startsWith('codicon-'))?.slice('codicon-'.length),
      hidden: s.getAttribute('aria-hidden'),
      paths: [...s.querySelectorAll('path')].map((p) => p.getAttribute('d')),
      fill: getComputedStyle(s).fill,
      colour: getComputedStyle(s).color,
      width: s.getBoundingClientRect().width,
    })),
  );
}

const NUDGES = [
  { id: 'invite:m-noor:e7', kind: 'invite', text: 'Invite نور — quiet so far.', memberId: 'm-noor' },
  { id: 'round-robin:e9', kind: 'round-robin', text: 'Try a round-robin', memberId: null },
  { id: 'hold-depth:e10', kind: 'hold-depth', text: 'A member went deeper than the group — hold this depth', memberId: null },
  { id: 'slow-down:e11', kind: 'slow-down', text: 'Slow down: give each answer room', memberId: null },
];

describe('retro webview: codicons', function () {
  const suite = panelSuite();

  it("marks each member's answer at this depth with a codicon: check, dash for a pass, a dot for not yet", async function () {
    const view = retroView();
    const panel = await suite.open({ snapshot: view });
    const rows = panel.page.locator('.members > li');
    assert.equal(await rows.count(), view.members.length);
    for (const [i, m] of view.members.entries()) {
      const expected = m.answeredAtDepth ? 'check' : m.passedAtDepth ? 'dash' : 'circle-small-filled';
      const icons = await drawn(rows.nth(i).locator('.answered svg'));
      assert.equal(icons.length, 1, m.name);
      assert.equal(icons[0].name, expected, m.name);
      assert.deepEqual(icons[0].paths, packagePaths(expected), `${m.name}: the package's ${expected}`);
      assert.equal(icons[0].hidden, 'true');
      assert.equal(icons[0].width, 16);
      // Drawn in the text's colour, as a codicon in VS Code is.
      assert.equal(icons[0].fill, icons[0].colour);
      const said = m.answeredAtDepth ? 'answered at this depth' : m.passedAtDepth ? 'passed at this depth' : 'not yet at this depth';
      assert.equal((await rows.nth(i).locator('.answered .visually-hidden').textContent()).trim(), said);
    }
    assert.doesNotMatch(await panel.page.locator('.members').innerText(), /[✓·–○]/);
  });

  it('puts a warning codicon in the override button instead of a frame, with the same accessible name', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    const deeper = panel.page.getByRole('button', { name: 'Go deeper (override)', exact: true });
    const icons = await drawn(deeper.locator('svg'));
    assert.deepEqual(icons.map((i) => [i.name, i.hidden]), [['warning', 'true']]);
    assert.deepEqual(icons[0].paths, packagePaths('warning'));
    // Once the gate is open the button is the plain one again.
    await panel.snapshot(retroView({ gate: { open: true, reciprocated: 4, present: 4, reason: '4 of 4 have answered at this depth' } }));
    await panel.page.getByRole('button', { name: 'Go deeper', exact: true }).waitFor();
    assert.equal(await panel.page.getByRole('button', { name: 'Go deeper', exact: true }).locator('svg').count(), 0);
  });

  it('leads each nudge with the codicon of its kind', async function () {
    const panel = await suite.open({ snapshot: retroView({ nudges: NUDGES }) });
    const nudges = panel.page.locator('.nudge');
    assert.equal(await nudges.count(), NUDGES.length);
    const expected = { invite: 'person', 'round-robin': 'sync', 'hold-depth': 'shield', 'slow-down': 'watch' };
    for (const [i, n] of NUDGES.entries()) {
      const icons = await drawn(nudges.nth(i).locator(':scope > svg'));
      assert.deepEqual(icons.map((x) => [x.name, x.hidden]), [[expected[n.kind], 'true']], n.kind);
      assert.deepEqual(icons[0].paths, packagePaths(expected[n.kind]), n.kind);
    }
  });
});
