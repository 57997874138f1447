// Issue 11 (webview.open_50x2000): a long retro's first snapshot carries only its newest
// contributions and how many are left out (src/host/retroPanel.ts); the panel shows the whole
// retro's count at once, asks for the history once its first frame is up, and then shows every
// contribution. Nothing is lost on the way, not even an answer recorded in between.
import assert from 'node:assert/strict';
import { bigView } from './fixtures.mjs';
import { focused, panelSuite, pausedClock } from './helpers.mjs';

const FIRST = 20; // src/protocol.ts FIRST_CONTRIBUTIONS
const UNDO_MS = 6_000; // src/webview/edits.ts

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

  describe('a removal while only the newest rows are shown', function () {
    // bigView(50, 600): contribution i is Member (i % 50) + 1's, its text starts "Contribution i:".
    const TARGET = 590;
    const WHO = `Member ${(TARGET % 50) + 1}`;
    const TEXT = `Contribution ${TARGET}:`;
    const REMOVE = { kind: 'removeContribution', contributionId: `c-${TARGET}` };

    /**
     * A panel on a clock of its own (paused) that got the first snapshot of a 600-row retro and
     * asked for the history, which the test sends when it chooses.
     */
    async function newestOnly() {
      panel = await suite.open({ viewport: { width: 1100, height: 4000 }, isolated: true });
      const { page } = panel;
      await pausedClock(page);
      await panel.snapshot(bigView(50, 600, FIRST));
      await page.clock.runFor(10); // the ask waits for the first frame, in a task of its own
      assert.equal(await asked(), 1, 'the history was asked for');
      const list = page.getByRole('list', { name: 'Contributions' });
      assert.equal(await list.getByRole('listitem').count(), FIRST, 'only the newest rows');
      const row = list.getByRole('listitem').filter({ hasText: TEXT });
      return { page, list, row, remove: row.getByRole('button', { name: `Remove contribution by ${WHO}` }) };
    }

    /** Sends the whole retro as the host does when asked, and lets the older rows fill in. */
    async function history(page, count = 600) {
      await panel.snapshot(bigView(50, count));
      await page.clock.runFor(100);
      await page.waitForSelector('.contrib-list[aria-busy="false"]');
    }

    it('stays removed when the history comes inside its undo window; Undo brings it back', async function () {
      const { page, list, row, remove } = await newestOnly();
      await remove.click();
      assert.equal(await row.count(), 0, 'the row shows as removed');
      assert.match(await list.getByRole('status').innerText(), new RegExp(`Removed ${WHO}'s turn\\.`));
      assert.equal((await focused(page)).text, 'Undo remove');

      // The whole retro still has it: the removal has not been sent.
      await history(page);
      assert.equal(await list.getByRole('listitem').filter({ hasText: 'Contribution 1:' }).count(), 1, 'the oldest rows are in');
      assert.equal(await list.getByRole('listitem').count(), 600, 'every row, the removed one as its Undo');
      assert.equal(await row.count(), 0, 'still shown as removed');
      assert.equal(await list.getByRole('status').count(), 1);
      assert.match(await list.getByRole('status').innerText(), new RegExp(`Removed ${WHO}'s turn\\.`));
      assert.equal((await focused(page)).text, 'Undo remove', 'focus stays on Undo');
      assert.deepEqual(await panel.intents(), [], 'nothing sent inside the window');

      await page.keyboard.press('Enter');
      assert.equal(await row.count(), 1, 'back, as it was');
      assert.equal(await remove.count(), 1);
      assert.equal(await list.getByRole('status').count(), 0);
      assert.equal(await list.getByRole('listitem').count(), 600);
      assert.equal((await focused(page)).label, `Remove contribution by ${WHO}`);
      await page.clock.runFor(UNDO_MS * 2);
      assert.deepEqual(await panel.intents(), [], 'Undo sends nothing, then or later');
    });

    it('sends the removal once when the window closes after the history came, and keeps the row hidden until the host drops it', async function () {
      const { page, list, row, remove } = await newestOnly();
      await remove.click();
      await page.clock.runFor(1_000);
      await history(page);
      assert.equal(await row.count(), 0);
      assert.deepEqual(await panel.intents(), []);

      assert.equal((await focused(page)).text, 'Undo remove');
      await page.clock.runFor(UNDO_MS);
      assert.deepEqual(await panel.intents(), [REMOVE], 'sent once the window closed');
      assert.equal(await list.getByRole('button', { name: 'Undo remove' }).count(), 0);
      const next = TARGET + 1; // the neighbour below, not a pass
      assert.equal((await focused(page)).label, `Remove contribution by Member ${(next % 50) + 1}`, 'focus moved from Undo to the next row');
      assert.equal(await row.count(), 0, 'hidden until the host confirms');
      assert.equal(await list.getByRole('listitem').count(), 599);
      assert.equal(await page.locator('.contributions summary .muted').textContent(), '(599)');

      // The host's next view still has it (it had not handled the removal yet): still hidden.
      await panel.snapshot(bigView(50, 600));
      assert.equal(await row.count(), 0);
      await page.clock.runFor(UNDO_MS * 2);
      assert.deepEqual(await panel.intents(), [REMOVE], 'exactly once');
      // Then the host drops it.
      const whole = bigView(50, 600);
      await panel.snapshot({ ...whole, contributions: whole.contributions.filter((c) => c.id !== REMOVE.contributionId) });
      assert.equal(await row.count(), 0);
      assert.equal(await list.getByRole('listitem').count(), 599);
      assert.equal(await page.locator('.contributions summary .muted').textContent(), '(599)');
    });

    it('sent before the history came: the history that still has it does not bring it back', async function () {
      const { page, list, row, remove } = await newestOnly();
      await remove.click();
      await page.clock.runFor(UNDO_MS + 100);
      assert.deepEqual(await panel.intents(), [REMOVE]);
      assert.equal(await row.count(), 0);
      assert.equal(await list.getByRole('listitem').count(), FIRST - 1);

      await history(page);
      assert.equal(await row.count(), 0, 'still hidden');
      assert.equal(await list.getByRole('listitem').count(), 599);
      assert.equal(await page.locator('.contributions summary .muted').textContent(), '(599)');
      // Every other row is there, oldest first.
      assert.deepEqual(await ids(page), all(600).filter((id) => id !== `c-${TARGET}`));
      await page.clock.runFor(UNDO_MS * 2);
      assert.deepEqual(await panel.intents(), [REMOVE], 'exactly once');
    });
  });
});
