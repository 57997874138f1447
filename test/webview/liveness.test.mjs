// Issue 9 follow-up: a panel whose extension host died (killed, crashed) says so instead of
// showing the retro as if alive. The stub host here sends the heartbeat by hand; the page's
// clock is Playwright's fake one, paused (helpers.mjs pausedClock), so 15 s of silence take no
// real time and only the time a test moves passes.
import assert from 'node:assert/strict';
import { facilitatorTeamView, memberTeamView, retroView } from './fixtures.mjs';
import { panelSuite, pausedClock } from './helpers.mjs';

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
    panel = await suite.open({ snapshot: retroView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
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

  it('a host that was only slow: its next heartbeat alone clears the notice and why clicks were refused, and requests go again', async function () {
    panel = await suite.open({ snapshot: retroView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
    await panel.push({ type: 'alive' });
    // A stall longer than three beats (a busy extension host), then it beats again.
    await page.clock.runFor(20_000);
    await page.getByRole('alert').filter({ hasText: LOST }).waitFor();
    await panel.clearSent();
    await page.getByRole('button', { name: 'Give turn to Sam' }).click();
    await page.locator('.banner.error:not(#host-lost)').filter({ hasText: LOST }).waitFor();
    assert.deepEqual(await panel.intents(), []);

    await panel.push({ type: 'alive' }); // the heartbeat only: no snapshot, no other message
    await page.locator('#host-lost').waitFor({ state: 'hidden' });
    assert.equal(await page.getByText(LOST).count(), 0, 'nothing says contact is lost once the host answers again');
    await page.getByRole('button', { name: 'Give turn to Sam' }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'startTurn', memberId: retroView().members.find((m) => m.name === 'Sam').id }]);
    // And the clock starts again: another stall is noticed again.
    await page.clock.runFor(15_500);
    await page.getByRole('alert').filter({ hasText: LOST }).waitFor();
  });

  it("team mode: the facilitator's banner stops saying Connected and Hosting, and says so again with the next heartbeat", async function () {
    // The team server lives in the extension host: when that is gone, so is the server.
    panel = await suite.open({ snapshot: facilitatorTeamView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
    await panel.push({ type: 'alive' });
    const banner = page.getByRole('status', { name: 'Team connection' });
    assert.match(await banner.innerText(), /Connected\s+Hosting on 127\.0\.0\.1:41234/);
    await page.clock.runFor(15_500);
    await page.getByRole('alert').filter({ hasText: LOST }).waitFor();
    const text = await banner.innerText();
    assert.doesNotMatch(text, /\bConnected\b|Hosting on/, `the banner still claims a live connection: ${text}`);
    assert.match(text, /Disconnected/);
    assert.equal(await page.getByRole('list', { name: 'Connected now' }).count(), 0, 'no one is shown as here');
    const roster = page.getByRole('list', { name: 'Team members' });
    assert.equal(await roster.getByText('connected', { exact: true }).count(), 0, 'no member is shown as connected');
    for (const name of ['Copy join code', 'Copy join link']) assert.equal(await page.getByRole('button', { name }).isDisabled(), true, `${name} is disabled`);

    await panel.push({ type: 'alive' });
    await banner.getByText('Connected', { exact: true }).waitFor();
    assert.match(await banner.innerText(), /Hosting on 127\.0\.0\.1:41234/);
    await page.getByRole('list', { name: 'Connected now' }).waitFor();
    assert.equal(await roster.getByText('connected', { exact: true }).count(), facilitatorTeamView().team.here.length, 'the members here are shown connected again');
    await page.getByRole('button', { name: 'Copy join code' }).click();
    assert.deepEqual((await panel.sent()).filter((m) => m.type === 'team'), [{ type: 'team', action: 'copyCode' }]);
  });

  it('team mode: with the host lost, both copy buttons are disabled and look it, in every theme', async function () {
    // Copying goes through the extension host (it writes the clipboard), so neither button can
    // work while the host is gone; the code stays in its read-only box, selectable by hand. The
    // e2e screenshot showed 'Copy join code' (a primary button: its colour at half opacity)
    // looking enabled beside a disabled-looking 'Copy join link'.
    for (const theme of ['dark', 'light', 'hc']) {
      panel = await suite.open({ snapshot: facilitatorTeamView(), theme, isolated: true });
      const { page } = panel;
      await pausedClock(page);
      await panel.push({ type: 'alive' });
      const code = page.getByRole('button', { name: 'Copy join code' });
      const link = page.getByRole('button', { name: 'Copy join link' });
      const look = (button) => button.evaluate((b) => {
        const c = getComputedStyle(b);
        return { background: c.backgroundColor, color: c.color, opacity: c.opacity, border: c.borderColor };
      });
      const [enabledPrimary, enabledSecondary] = [await look(code), await look(link)];
      await page.clock.runFor(15_500);
      await page.getByRole('alert').filter({ hasText: LOST }).waitFor();
      assert.equal(await code.isDisabled(), true, `${theme}: Copy join code is disabled`);
      assert.equal(await link.isDisabled(), true, `${theme}: Copy join link is disabled`);
      const [codeLook, linkLook] = [await look(code), await look(link)];
      assert.deepEqual(codeLook, linkLook, `${theme}: the two disabled copy buttons look alike`);
      // (High contrast gives both kinds one background; they differ by their border there.)
      if (enabledPrimary.background !== enabledSecondary.background) {
        assert.notEqual(codeLook.background, enabledPrimary.background, `${theme}: a disabled button does not keep the enabled primary colour`);
      }
    }
  });

  it("team mode: a member's banner stops saying Connected while their extension host is gone", async function () {
    panel = await suite.open({ snapshot: memberTeamView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
    await panel.push({ type: 'alive' });
    const banner = page.getByRole('status', { name: 'Team connection' });
    await banner.getByText('Connected', { exact: true }).waitFor();
    await page.clock.runFor(15_500);
    await page.getByRole('alert').filter({ hasText: LOST }).waitFor();
    assert.doesNotMatch(await banner.innerText(), /\bConnected\b/);
    assert.match(await banner.innerText(), /Disconnected/);
  });

  it('judges only while visible and restarts the clock when shown again', async function () {
    panel = await suite.open({ snapshot: retroView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
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
    panel = await suite.open({ snapshot: retroView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
    await panel.snapshot(retroView());
    await page.clock.runFor(60_000);
    assert.equal(await page.locator('#host-lost').count(), 0);
  });
});
