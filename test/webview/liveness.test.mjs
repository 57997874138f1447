// Issue 9 follow-up: a panel whose extension host died (killed, crashed) says so instead of
// showing the retro as if alive. The stub host here sends the heartbeat by hand; the page's
// clock is Playwright's fake one, so 15 s of silence take no real time.
import assert from 'node:assert/strict';
import { retroView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';

const LOST = /Lost contact with VS Code's extension host\. Reload the window \(Developer: Reload Window\) to resume/;

/** Pretends the panel is hidden or shown, as VS Code does when its tab is switched. */
async function setVisible(page, visible) {
  await page.evaluate((v) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (v ? 'visible' : 'hidden') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

describe('retro webview: lost contact with the extension host', function () {
  const suite = panelSuite();
  let panel;

  it('says so after 15 s without a message, sends nothing while it lasts, and clears on the next message', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    await page.clock.install();
    await panel.push({ type: 'alive' });
    const alert = page.getByRole('alert').filter({ hasText: LOST });
    // Beats keep it quiet: 3 × 10 s with a beat in between is 30 s, never 15 s of silence.
    for (let i = 0; i < 3; i++) {
      await page.clock.runFor(10_000);
      await panel.push({ type: 'alive' });
    }
    assert.equal(await alert.count(), 0, 'no status while the host beats');
    await page.clock.runFor(14_000);
    assert.equal(await alert.count(), 0, 'not before 15 s of silence');
    await page.clock.runFor(1_500);
    await alert.waitFor();

    await panel.clearSent();
    await page.getByRole('button', { name: 'Give turn to Sam' }).click();
    await page.getByRole('button', { name: 'Pass' }).click();
    assert.deepEqual(await panel.intents(), [], 'no request goes to a host that is gone');
    // The clicks are not silent: the panel's error list says why nothing happened.
    await page.locator('.banner.error:not(#host-lost)').filter({ hasText: LOST }).waitFor();

    // Any message from the host (a busy host that recovered) clears it, and requests go again.
    await panel.snapshot(retroView());
    await page.locator('#host-lost').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Give turn to Sam' }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'startTurn', memberId: retroView().members.find((m) => m.name === 'Sam').id }]);
  });

  it('judges only while visible and restarts the clock when shown again', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    await page.clock.install();
    await panel.push({ type: 'alive' });
    await setVisible(page, false);
    await page.clock.runFor(60_000);
    await setVisible(page, true);
    await page.clock.runFor(14_000);
    assert.equal(await page.locator('#host-lost').isVisible(), false, 'hidden time does not count');
    await page.clock.runFor(1_500);
    await page.getByRole('alert').filter({ hasText: LOST }).waitFor();
  });

  it('is never judged by a page that has not heard a heartbeat', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    await page.clock.install();
    await panel.snapshot(retroView());
    await page.clock.runFor(60_000);
    assert.equal(await page.locator('#host-lost').count(), 0);
  });
});
