// Issue 11 (webview.open_50x2000): a long retro's first snapshot carries only its newest
// contributions and how many are left out (src/host/retroPanel.ts); the panel shows the whole
// retro's count at once, asks for the history once its first frame is up, and then shows every
// contribution. Nothing is lost on the way, not even an answer recorded in between.
import assert from 'node:assert/strict';
import { bigView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';

const FIRST = 20; // src/protocol.ts FIRST_CONTRIBUTIONS

describe('retro webview: a first snapshot of the newest rows, then the history', function () {
  const suite = panelSuite();
  let panel;

  /** What the panel holds when it marks itself interactive (its first frame, before any paint). */
  const atFirstFrame = (page) => page.evaluate(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      if (name === 'reciprocity:interactive') {
        const list = document.querySelector('.contrib-list');
        window.__first = {
          rows: list.querySelectorAll(':scope > li').length,
          busy: list.getAttribute('aria-busy'),
          count: document.querySelector('.contributions summary .muted').textContent,
          asked: window.__sent.filter((m) => m.type === 'history').length,
        };
      }
      return mark(name, ...rest);
    };
  });
  /** The contributions the list shows, by id (each row's Remove button carries it). */
  const ids = (page) => page.locator('.contrib-list > li').evaluateAll((lis) => lis.map((li) => li.querySelector('button[data-label]')?.dataset.id));
  const all = (n) => Array.from({ length: n }, (_, i) => `c-${i}`);
  const asked = async () => (await panel.sent()).filter((m) => m.type === 'history').length;

  it('shows the whole count from the first snapshot, asks for the history after its first frame, then shows every row', async function () {
    panel = await suite.open({ viewport: { width: 1100, height: 4000 } });
    const { page } = panel;
    await atFirstFrame(page);
    const first = bigView(50, 600, FIRST);
    assert.equal(first.contributions.length, FIRST);
    await panel.snapshot(first);
    await page.waitForFunction(() => window.__first !== undefined);
    assert.deepEqual(await page.evaluate(() => window.__first), { rows: FIRST, busy: 'true', count: '(600)', asked: 0 }, 'the newest rows and the whole count; not asked before the frame');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'history'));
    assert.equal(await asked(), 1, 'asked once');
    assert.equal(await page.locator('.contrib-list').getAttribute('aria-busy'), 'true', 'busy until the older rows are in');
    await panel.snapshot(bigView(50, 600));
    await page.waitForSelector('.contrib-list[aria-busy="false"]');
    assert.deepEqual(await ids(page), all(600), 'all 600, oldest first');
    assert.equal(await page.locator('.contributions summary .muted').textContent(), '(600)');
    assert.equal(await asked(), 1, 'and never again');
  });

  it('keeps the newest rows it showed when the history comes (the same DOM nodes)', async function () {
    panel = await suite.open({ viewport: { width: 1100, height: 4000 } });
    const { page } = panel;
    await panel.snapshot(bigView(50, 600, FIRST));
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'history'));
    await page.waitForFunction((n) => document.querySelectorAll('.contrib-list > li').length === n, FIRST);
    await page.evaluate(() => document.querySelectorAll('.contrib-list > li').forEach((li) => (li.__kept = true)));
    await panel.snapshot(bigView(50, 600));
    await page.waitForSelector('.contrib-list[aria-busy="false"]');
    const kept = await page.locator('.contrib-list > li').evaluateAll((lis) => lis.map((li) => li.__kept === true));
    assert.deepEqual(kept.map((k, i) => (k ? i : -1)).filter((i) => i >= 0), Array.from({ length: FIRST }, (_, k) => 600 - FIRST + k));
  });

  it('loses nothing recorded between the first snapshot and the history', async function () {
    panel = await suite.open();
    const { page } = panel;
    await panel.snapshot(bigView(50, 600, FIRST));
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'history'));
    // The host's next snapshot, before it heard the ask: still the newest, one more of them.
    await panel.snapshot(bigView(50, 601, FIRST));
    assert.equal(await page.locator('.contributions summary .muted').textContent(), '(601)');
    await panel.snapshot(bigView(50, 601));
    await page.waitForSelector('.contrib-list[aria-busy="false"]');
    assert.deepEqual(await ids(page), all(601));
    assert.equal(await asked(), 1);
  });

  it('does not ask when the first snapshot holds every contribution', async function () {
    panel = await suite.open();
    const { page } = panel;
    await panel.snapshot(bigView(50, 600));
    await page.waitForSelector('.contrib-list[aria-busy="false"]');
    assert.equal(await asked(), 0);
    assert.equal(await page.locator('.contrib-list > li').count(), 600);
  });

  it('the stub host, as the real one: a first snapshot of the newest rows after ready, the rest when asked', async function () {
    const { bigViewSource } = await import('./fixtures.mjs');
    panel = await suite.open({ snapshotSource: bigViewSource(50, 300) });
    const { page } = panel;
    await page.waitForSelector('.contrib-list[aria-busy="false"]');
    assert.equal(await page.locator('.contrib-list > li').count(), 300);
    const views = await page.evaluate(() => window.__views);
    assert.deepEqual(views.map((v) => [v.contributions, v.omitted]), [[FIRST, 300 - FIRST], [300, 0]]);
  });
});
