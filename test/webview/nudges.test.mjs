// Issue 11, "nudges that act": an invitation carries a button that gives the turn, "Try a
// round-robin" starts one, a nudge leaves with the phase that raised it, and the
// screen-reader line about the soft cap follows the current speaker.
import assert from 'node:assert/strict';
import { panelSuite } from './helpers.mjs';
import { retroView } from './fixtures.mjs';

const ROUND_ROBIN = { id: 'round-robin:e9', kind: 'round-robin', text: 'Try a round-robin', memberId: null };
const INVITE = { id: 'invite:m-noor:e7', kind: 'invite', text: 'Invite نور — quiet so far.', memberId: 'm-noor' };

describe('retro webview: nudges that act', function () {
  const suite = panelSuite();

  it('gives the invited member the turn from the invitation itself', async function () {
    const panel = await suite.open({ snapshot: retroView({ nudges: [INVITE] }) });
    const nudges = panel.page.getByRole('group', { name: 'Nudges for the facilitator' });
    // The invitation's button reads "Give turn", as the roster's does; its name says whose turn.
    const give = nudges.getByRole('button', { name: 'Give turn now to نور', exact: true });
    assert.equal((await give.innerText()).trim(), 'Give turn');
    assert.equal(await give.getAttribute('title'), 'Give the turn to نور');
    await give.click();
    assert.deepEqual(await panel.intents(), [{ kind: 'startTurn', memberId: 'm-noor' }]);
    // The roster's own button keeps its name, and it alone matches it even by substring
    // (Playwright's default): a test outside this suite that clicks "Give turn to نور" while
    // the invitation shows finds one button, not two.
    assert.equal(await panel.page.getByRole('button', { name: 'Give turn to نور', exact: true }).count(), 1);
    assert.equal(await panel.page.getByRole('button', { name: 'Give turn to نور' }).count(), 1);
  });

  it('starts a round-robin that goes around everyone present, quietest first, then stops', async function () {
    const view = retroView({ nudges: [ROUND_ROBIN], turn: { memberId: null, startedAt: null, elapsedMs: null }, suggestedNext: 'm-noor' });
    const panel = await suite.open({ snapshot: view });
    const { page } = panel;
    await page.getByRole('button', { name: 'Start a round-robin' }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'startTurn', memberId: 'm-noor' }]);
    await page.getByRole('status').filter({ hasText: 'Round-robin: 3 more after نور' }).waitFor();
    // The host gives Noor the turn, Noor answers, the turn ends: the next one follows by itself.
    await panel.snapshot({ ...view, turn: { memberId: 'm-noor', startedAt: 1, elapsedMs: 0 } });
    await panel.clearSent();
    await panel.snapshot({ ...view, suggestedNext: 'm-alex', turn: { memberId: null, startedAt: null, elapsedMs: null } });
    assert.deepEqual(await panel.intents(), [{ kind: 'startTurn', memberId: 'm-alex' }]);
    for (const [next, suggested] of [['m-sam', 'm-sam'], ['m-priya', 'm-sam']]) {
      await panel.clearSent();
      await panel.snapshot({ ...view, turn: { memberId: 'x', startedAt: 2, elapsedMs: 0 } });
      await panel.snapshot({ ...view, suggestedNext: suggested, turn: { memberId: null, startedAt: null, elapsedMs: null } });
      assert.deepEqual(await panel.intents(), [{ kind: 'startTurn', memberId: next }], `then ${next}`);
    }
    // Everyone had a turn: the round ends, and as after Record the quietest is next (the
    // e2e found nobody had the turn after a round, the box disabled and the focus lost).
    await panel.clearSent();
    await panel.snapshot({ ...view, turn: { memberId: 'm-priya', startedAt: 3, elapsedMs: 0 } });
    await panel.snapshot({ ...view, turn: { memberId: null, startedAt: null, elapsedMs: null } });
    assert.deepEqual(await panel.intents(), [{ kind: 'nextSpeaker' }]);
    assert.equal(await page.getByRole('status').filter({ hasText: 'Round-robin:' }).count(), 0);
    // The host gives the quietest the turn: the focus is in the box, ready for what they say.
    await panel.snapshot({ ...view, turn: { memberId: 'm-noor', startedAt: 4, elapsedMs: 0 } });
    await page.waitForFunction(() => document.activeElement?.id === 'say');
    assert.deepEqual(await panel.intents(), [{ kind: 'nextSpeaker' }], 'one next speaker, no second round');
  });

  // A control that goes away under the keyboard's focus (Start, once the round-robin runs; the
  // invitation's Give turn, once that person has the turn) must not drop the focus to the page: the e2e saw focus
  // fall out of the panel after Start.
  it('keeps the focus in the panel when the nudge button pressed goes away', async function () {
    const view = retroView({ nudges: [ROUND_ROBIN, { id: 'invite:m-noor:e7', kind: 'invite', text: 'Invite نور — quiet so far.', memberId: 'm-noor' }], turn: { memberId: null, startedAt: null, elapsedMs: null }, suggestedNext: 'm-noor' });
    const panel = await suite.open({ snapshot: view });
    const { page } = panel;
    const where = () => page.evaluate(() => {
      const a = document.activeElement;
      return !a || a === document.body ? 'the page' : a.id || a.getAttribute('aria-label') || a.textContent.trim();
    });
    await page.getByRole('button', { name: 'Start a round-robin' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Stop the round-robin' }).waitFor();
    assert.notEqual(await where(), 'the page', 'after Start');
    // The host gives Noor the turn: the invitation's Give turn goes too.
    await panel.snapshot({ ...view, nudges: [view.nudges[1]], turn: { memberId: 'm-noor', startedAt: 1, elapsedMs: 0 } });
    assert.notEqual(await where(), 'the page', 'after the host gave the turn');
    const fresh = await suite.open({ snapshot: { ...view, nudges: [view.nudges[1]] } });
    await fresh.page.getByRole('button', { name: 'Give turn now to نور' }).focus();
    await fresh.page.keyboard.press('Enter');
    await fresh.snapshot({ ...view, nudges: [view.nudges[1]], turn: { memberId: 'm-noor', startedAt: 1, elapsedMs: 0 } });
    assert.equal(await fresh.page.getByRole('button', { name: 'Give turn now to نور' }).count(), 0, "the invitation's button went");
    const there = await fresh.page.evaluate(() => document.activeElement?.id ?? '');
    assert.equal(there, 'say', 'the box, ready for what Noor says');
  });

  it('lets the facilitator stop a round-robin', async function () {
    const view = retroView({ nudges: [ROUND_ROBIN], turn: { memberId: null, startedAt: null, elapsedMs: null } });
    const panel = await suite.open({ snapshot: view });
    await panel.page.getByRole('button', { name: 'Start a round-robin' }).click();
    await panel.page.getByRole('button', { name: 'Stop the round-robin' }).click();
    await panel.clearSent();
    await panel.snapshot({ ...view, turn: { memberId: 'm-noor', startedAt: 1, elapsedMs: 0 } });
    await panel.snapshot(view);
    assert.deepEqual(await panel.intents(), []);
  });

  it('shows check-in nudges in the check-in only', async function () {
    const panel = await suite.open({ snapshot: retroView({ nudges: [INVITE, ROUND_ROBIN], phase: 'gather' }) });
    await panel.page.getByRole('heading', { name: 'Gather data' }).waitFor();
    assert.equal(await panel.page.getByText('Try a round-robin').count(), 0);
    assert.equal(await panel.page.getByText(/Invite نور/).count(), 0);
  });

  it("keeps the soft-cap announcement about the current speaker", async function () {
    const over = retroView({ turn: { memberId: 'm-priya', startedAt: 5, elapsedMs: 100_000 }, softCapSeconds: 90 });
    const panel = await suite.open({ snapshot: over });
    const live = panel.page.locator('#timer-cap-live');
    assert.match(await live.innerText(), /Priya's turn is past the soft cap/);
    await panel.snapshot(retroView({ turn: { memberId: 'm-alex', startedAt: 6, elapsedMs: 1_000 }, softCapSeconds: 90 }));
    assert.doesNotMatch(await live.innerText(), /Priya/);
  });
});
