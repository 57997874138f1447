// Issue 11: words added to a tallied turn afterwards, gather notes edited and deleted, and
// a removal that can be undone. A removal shows at once and is sent only when its undo
// window closes, so Undo leaves nothing in the log.
import assert from 'node:assert/strict';
import { focused, panelSuite, pausedClock } from './helpers.mjs';
import { memberTeamView, retroView } from './fixtures.mjs';

const UNDO_MS = 6_000;

/** Sam's turn recorded with a number key: no words yet. */
function withTally(overrides = {}) {
  const base = retroView(overrides);
  const tallied = { ...base.contributions[0], id: 'c-7', text: '', words: 0, seconds: 12, at: base.contributions[0].at + 600_000 };
  return { ...base, contributions: [...base.contributions, tallied] };
}

describe('retro webview: add words, edit and delete notes, undo a removal', function () {
  const suite = panelSuite();

  it('adds words to a tallied turn afterwards, from its row; Escape leaves it as it was', async function () {
    const panel = await suite.open({ snapshot: withTally() });
    const { page } = panel;
    const list = page.getByRole('list', { name: 'Contributions' });
    // Only the turn without words offers it: not the answers with words, not the pass.
    assert.equal(await list.getByRole('button', { name: /^Add words to / }).count(), 1);
    const add = list.getByRole('button', { name: "Add words to Sam's turn" });
    await add.click();
    const box = page.getByRole('textbox', { name: 'What Sam said' });
    await page.waitForFunction(() => document.activeElement?.id === 'edit-text');
    await page.keyboard.type('Escape hatch 1');
    await page.keyboard.press('Escape');
    assert.equal(await box.count(), 0, 'the editor closed');
    assert.deepEqual(await panel.intents(), [], 'nothing sent; digits typed in the box recorded no turn');
    assert.equal((await focused(page)).label, "Add words to Sam's turn", 'focus is back on the row');

    await add.click();
    await box.fill('  <img src=x onerror="window.__pwned=1"> busy, but good  ');
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.intents(), [{ kind: 'editContribution', contributionId: 'c-7', text: '<img src=x onerror="window.__pwned=1"> busy, but good' }]);
    assert.equal(await box.count(), 0);

    // The host's next view carries the words: shown as text, and the button is gone.
    const next = withTally();
    next.contributions[6] = { ...next.contributions[6], text: '<img src=x onerror="window.__pwned=1"> busy, but good', words: 6 };
    await panel.snapshot(next);
    assert.equal(await list.getByRole('button', { name: /^Add words to / }).count(), 0);
    assert.equal(await list.locator('img').count(), 0);
    assert.match(await list.locator('li').last().innerText(), /<img src=x onerror="window.__pwned=1"> busy, but good/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  it('an empty edit is not sent, and a refused one keeps its words for the next try', async function () {
    const panel = await suite.open({ snapshot: withTally() });
    const { page } = panel;
    const add = page.getByRole('button', { name: "Add words to Sam's turn" });
    await add.click();
    await page.getByRole('textbox', { name: 'What Sam said' }).fill('   ');
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.intents(), []);
    await page.getByRole('textbox', { name: 'What Sam said' }).fill('what Sam said');
    await page.keyboard.press('Enter');
    const [{ requestId }] = (await panel.sent()).filter((m) => m.type === 'intent');
    await panel.push({ type: 'error', requestId, message: 'No contribution with id c-7' });
    await add.click();
    assert.equal(await page.getByRole('textbox', { name: 'What Sam said' }).inputValue(), 'what Sam said');
  });

  it('removes a contribution at once with Undo; Undo sends nothing; the window closing sends it', async function () {
    const panel = await suite.open({ snapshot: retroView(), isolated: true });
    const { page } = panel;
    await pausedClock(page);
    const list = page.getByRole('list', { name: 'Contributions' });
    const remove = list.getByRole('button', { name: 'Remove contribution by Alex' });
    await remove.click();
    assert.equal(await remove.count(), 0, 'the row shows as removed');
    assert.match(await list.getByRole('status').innerText(), /Removed Alex's turn\./);
    assert.equal((await focused(page)).text, 'Undo remove');
    await page.keyboard.press('Enter');
    assert.equal(await remove.count(), 1, 'back, as it was');
    assert.deepEqual(await panel.intents(), []);
    assert.equal((await focused(page)).label, 'Remove contribution by Alex');

    await remove.click();
    await page.clock.runFor(UNDO_MS - 500);
    assert.deepEqual(await panel.intents(), [], 'still inside the undo window');
    await page.clock.runFor(1_000);
    assert.deepEqual(await panel.intents(), [{ kind: 'removeContribution', contributionId: 'c-3' }]);
    assert.equal(await list.getByRole('button', { name: 'Undo remove' }).count(), 0);
    assert.equal(await remove.count(), 0, 'hidden until the host confirms');
    const f = await focused(page);
    assert.match(f.label, /^(Remove contribution by|Add words to)/, `focus moved to a neighbour: ${JSON.stringify(f)}`);

    // The host refuses: the answer shows again, nothing is lost.
    const [{ requestId }] = (await panel.sent()).filter((m) => m.type === 'intent');
    await panel.push({ type: 'error', requestId, message: 'Only the facilitator can do that.' });
    assert.equal(await remove.count(), 1);
  });

  it('a second removal sends the first at once; hiding the panel sends a pending one', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    await page.getByRole('button', { name: 'Remove contribution by Alex' }).click();
    await page.getByRole('button', { name: 'Remove contribution by Priya' }).first().click();
    assert.deepEqual(await panel.intents(), [{ kind: 'removeContribution', contributionId: 'c-3' }]);
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    assert.deepEqual((await panel.intents()).map((i) => i.contributionId), ['c-3', 'c-2']);
  });

  it('edits a gather note in place and deletes one with Undo', async function () {
    const panel = await suite.open({ snapshot: retroView({ phase: 'gather' }), isolated: true });
    const { page } = panel;
    await pausedClock(page);
    await page.getByRole('button', { name: 'Edit note: Pairing on the migration' }).click();
    const box = page.getByRole('textbox', { name: 'Note text: Pairing on the migration' });
    assert.equal(await box.inputValue(), 'Pairing on the migration', 'starts from the note');
    await page.waitForFunction(() => document.activeElement?.id === 'edit-text');
    await box.fill('Pairing on the DB migration');
    await page.getByRole('button', { name: 'Save note' }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'editNote', noteId: 'n-1', text: 'Pairing on the DB migration' }]);
    await panel.clearSent();

    const sad = page.getByRole('list', { name: 'Notes: Sad' });
    await sad.getByRole('button', { name: 'Delete note: Flaky CI' }).click();
    assert.equal(await sad.getByText('Flaky CI', { exact: true }).count(), 0);
    assert.match(await sad.getByRole('status').innerText(), /Deleted the note “Flaky CI”/);
    assert.equal((await focused(page)).text, 'Undo delete');
    await page.keyboard.press('Enter');
    assert.equal(await sad.getByText('Flaky CI', { exact: true }).count(), 1);
    assert.deepEqual(await panel.intents(), []);

    await sad.getByRole('button', { name: 'Delete note: Flaky CI' }).click();
    await page.clock.runFor(UNDO_MS + 100);
    assert.deepEqual(await panel.intents(), [{ kind: 'removeNote', noteId: 'n-2' }]);
    assert.equal(await sad.getByText('Flaky CI', { exact: true }).count(), 0);
    const view = retroView({ phase: 'gather' });
    await panel.snapshot({ ...view, notes: view.notes.filter((n) => n.id !== 'n-2').map((n) => ({ ...n, groupId: null })) });
    assert.equal(await sad.locator('li').count(), 1);
  });

  it('removes an action item at once with Undo; Undo sends nothing; the window closing sends it', async function () {
    const base = retroView({ phase: 'decide' });
    const actions = [...base.actions, { id: 'a-2', text: 'Pair on the CI cache', ownerId: null, done: false }];
    const panel = await suite.open({ snapshot: { ...base, actions }, isolated: true });
    const { page } = panel;
    await pausedClock(page);
    const list = page.getByRole('list', { name: 'Action items' });
    const remove = list.getByRole('button', { name: 'Remove action item: Quarantine flaky tests' });
    await remove.click();
    assert.deepEqual(await panel.intents(), [], 'nothing sent on the click');
    assert.equal(await remove.count(), 0, 'the row shows as removed');
    assert.equal(await list.getByText('Quarantine flaky tests', { exact: true }).count(), 0);
    assert.match(await list.getByRole('status').innerText(), /Removed the action item “Quarantine flaky tests”\./);
    assert.equal((await focused(page)).text, 'Undo remove');
    await page.keyboard.press('Enter');
    assert.equal(await remove.count(), 1, 'back, as it was');
    assert.deepEqual(await panel.intents(), []);
    assert.equal((await focused(page)).label, 'Remove action item: Quarantine flaky tests', 'focus is back on its Remove');

    await remove.click();
    await page.clock.runFor(UNDO_MS - 500);
    assert.deepEqual(await panel.intents(), [], 'still inside the undo window');
    await page.clock.runFor(1_000);
    assert.deepEqual(await panel.intents(), [{ kind: 'removeAction', actionId: 'a-1' }]);
    assert.equal(await list.getByRole('button', { name: 'Undo remove' }).count(), 0);
    assert.equal(await remove.count(), 0, 'hidden until the host confirms');
    assert.equal((await focused(page)).label, 'Remove action item: Pair on the CI cache', 'focus moved from Undo to the next row');
    // A snapshot the host sent before it applied the removal still has the item: it stays hidden.
    await panel.snapshot({ ...base, actions });
    assert.equal(await remove.count(), 0, 'a snapshot from before the removal does not bring it back');

    // The host refuses: the action item shows again.
    const [{ requestId }] = (await panel.sent()).filter((m) => m.type === 'intent');
    await panel.push({ type: 'error', requestId, message: 'Only the facilitator can do that.' });
    assert.equal(await remove.count(), 1);

    // Removed for real: the host's view no longer has it, and the row stays gone.
    await remove.click();
    await page.clock.runFor(UNDO_MS + 100);
    await panel.snapshot({ ...base, actions: actions.slice(1) });
    assert.equal(await remove.count(), 0);
    assert.equal(await list.getByRole('listitem').count(), 1);
  });

  it('a member sees the action items without any Remove', async function () {
    const panel = await suite.open({ snapshot: memberTeamView({ phase: 'decide' }) });
    const list = panel.page.getByRole('list', { name: 'Action items' });
    assert.equal(await list.getByText('Quarantine flaky tests', { exact: true }).count(), 1);
    assert.equal(await list.getByRole('button').count(), 0, 'a member cannot remove or change them');
    assert.equal(await panel.page.getByRole('button', { name: /^Remove action item/ }).count(), 0);
  });

  it('a member edits and deletes only their own notes', async function () {
    const panel = await suite.open({ snapshot: memberTeamView({ phase: 'gather' }) });
    const { page } = panel;
    const edits = await page.getByRole('button', { name: /^(Edit|Delete) note: / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(edits, ['Edit note: CI took 40 minutes', 'Delete note: CI took 40 minutes']);
  });

  it('new controls keep out of the names other controls are found by', async function () {
    const panel = await suite.open({ snapshot: withTally({ phase: 'check-in' }) });
    const { page } = panel;
    await page.getByRole('button', { name: 'Remove contribution by Alex' }).click();
    const names = await page.locator('#app button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent.trim()));
    const added = names.filter((n) => /^(Add words|Undo|Edit note|Delete note|Save|Cancel)/.test(n));
    assert.ok(added.length >= 2, JSON.stringify(names));
    for (const n of added) assert.doesNotMatch(n, /Record|Pass|Give turn to/, n);
  });
});
