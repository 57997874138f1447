// A whole retro driven from the keyboard only: no clicks anywhere in this file.
import assert from 'node:assert/strict';
import { retroView } from './fixtures.mjs';
import { byLabel, focused, panelSuite, tabTo } from './helpers.mjs';

describe('retro webview: keyboard only', function () {
  const suite = panelSuite();
  let panel;

  it('records, passes, moves on and changes depth', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    const kb = page.keyboard;
    await tabTo(page, byLabel('What was said'));
    await kb.type('It went better than expected');
    await kb.press('Alt+P'); // typing: the shortcut must not fire
    await kb.press('Control+Enter');
    let intents = await panel.intents();
    // Recording moves on to the quietest present person by itself (issue 11: keep pace).
    assert.deepEqual(intents.map((i) => i.kind), ['contribute', 'nextSpeaker'], JSON.stringify(intents));
    const [record] = intents;
    assert.equal(record.kind, 'contribute');
    assert.equal(record.memberId, 'm-alex');
    assert.equal(record.text, 'It went better than expected');
    assert.equal(record.pass, false);
    assert.ok(record.seconds >= 4 && record.seconds < 60, `seconds ${record.seconds}`);
    assert.equal((await focused(page)).label, 'What was said', 'focus stays in the box');
    assert.equal(await page.getByRole('textbox', { name: 'What was said' }).inputValue(), '');

    await tabTo(page, byLabel('Pass'));
    await kb.press('Enter');
    await kb.press('Alt+N');
    await tabTo(page, (f) => f.text.startsWith('Go deeper'));
    await kb.press('Enter');
    await tabTo(page, byLabel('Step back'));
    await kb.press('Space');
    await tabTo(page, byLabel('Stay at this depth'), { back: true });
    await kb.press('Enter');
    await kb.press('Alt+P'); // on a button: the shortcut passes
    intents = (await panel.intents()).slice(2);
    assert.deepEqual(intents, [
      { kind: 'contribute', memberId: 'm-alex', text: '', pass: true, seconds: intents[0].seconds },
      { kind: 'nextSpeaker' }, // a pass moves on too
      { kind: 'nextSpeaker' }, // Alt+N
      { kind: 'stage', move: 'deeper' },
      { kind: 'stage', move: 'back' },
      { kind: 'stage', move: 'stay' },
      { kind: 'contribute', memberId: 'm-alex', text: '', pass: true, seconds: intents[6].seconds },
      { kind: 'nextSpeaker' },
    ]);
  });

  it('keeps focus on the depth controls when the button pressed is disabled by what it did', async function () {
    panel = await suite.open({ snapshot: retroView({ depth: 3, gate: { open: true, reciprocated: 4, present: 4, reason: '' } }) });
    const { page } = panel;
    await tabTo(page, (f) => f.text === 'Go deeper');
    await page.keyboard.press('Enter');
    // The host's answer: the deepest layer, where Go deeper is disabled.
    await panel.snapshot(retroView({ depth: 4, gate: { open: true, reciprocated: 4, present: 4, reason: '' } }));
    await page.getByRole('button', { name: 'Go deeper', exact: true, disabled: true }).waitFor();
    // A disabled button cannot keep focus: Chromium moves it to the page a frame later.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal((await focused(page))?.text, 'Stay at this depth', 'the next depth control has focus');
    await page.keyboard.press('Enter');
    assert.deepEqual((await panel.intents()).slice(-2), [{ kind: 'stage', move: 'deeper' }, { kind: 'stage', move: 'stay' }]);

    // And at the shallowest layer, Step back hands focus to the control before it.
    await panel.snapshot(retroView({ depth: 2 }));
    await tabTo(page, (f) => f.text === 'Step back');
    await page.keyboard.press('Enter');
    await panel.snapshot(retroView({ depth: 1 }));
    await page.getByRole('button', { name: 'Step back', disabled: true }).waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal((await focused(page))?.text, 'Stay at this depth');
  });

  it('labels Go deeper as an override while the gate is closed', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const deeper = panel.page.getByRole('button', { name: 'Go deeper (override)' });
    assert.equal(await deeper.getAttribute('aria-description'), 'Going deeper now would be an override');
    assert.match(await deeper.getAttribute('aria-describedby'), /override-note/);
    await panel.snapshot(retroView({ gate: { open: true, reciprocated: 4, present: 4, reason: '' } }));
    await panel.page.getByRole('button', { name: 'Go deeper', exact: true }).waitFor();
    assert.equal(await panel.page.locator('#override-note').count(), 0);
  });

  it('gives the turn to someone and moves through phases', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    await tabTo(page, byLabel('Give turn to Priya'));
    await page.keyboard.press('Enter');
    await tabTo(page, byLabel('Next phase'), { back: true, max: 80 });
    await page.keyboard.press('Enter');
    await tabTo(page, byLabel('Skip phase'), { back: true });
    await page.keyboard.press('Space');
    assert.deepEqual(await panel.intents(), [
      { kind: 'startTurn', memberId: 'm-priya' },
      { kind: 'setPhase', phase: 'gather', skip: false },
      { kind: 'setPhase', phase: 'gather', skip: true },
    ]);
    await panel.snapshot(retroView({ phase: 'gather' }));
    assert.equal(await page.locator('[aria-current="step"] .step-name').innerText(), 'Gather data');
  });

  it('adds notes, groups and votes in gather and insights', async function () {
    panel = await suite.open({ snapshot: retroView({ phase: 'gather' }) });
    const { page } = panel;
    await tabTo(page, (f) => f.id === 'acting-as');
    await page.keyboard.press('ArrowDown'); // Sam
    await tabTo(page, byLabel('Add note: Sad'));
    await page.keyboard.type('Deploys were slow');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('textbox', { name: 'Add note: Sad' }).inputValue(), '');
    await panel.snapshot(retroView({ phase: 'insights' }));
    await tabTo(page, (f) => f.label.startsWith('Group for note: Pairing'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (f) => f.label.startsWith('Vote for note: Pairing'));
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.intents(), [
      { kind: 'addNote', text: 'Deploys were slow', column: 'Sad', memberId: 'm-sam' },
      { kind: 'groupNote', noteId: 'n-1', groupId: 'n-2' },
      { kind: 'vote', memberId: 'm-sam', noteId: 'n-1', retract: false },
    ]);
  });

  it('adds an action item with an owner, ticks it done, and checks out', async function () {
    panel = await suite.open({ snapshot: retroView({ phase: 'decide' }) });
    const { page } = panel;
    const kb = page.keyboard;
    await tabTo(page, (f) => f.id === 'action-text');
    await kb.type('Pair on the deploy script');
    await kb.press('Tab');
    assert.equal((await focused(page)).id, 'action-owner');
    await kb.press('ArrowDown'); // Sam
    await kb.press('ArrowDown'); // Priya
    await kb.press('Tab');
    await kb.type('Friday');
    await kb.press('Enter');
    assert.equal((await focused(page)).id, 'action-text');
    await tabTo(page, (f) => f.label === 'Done: Quarantine flaky tests');
    await kb.press('Space');
    await panel.snapshot(retroView({ phase: 'close' }));
    await tabTo(page, byLabel('Check-out for Alex'));
    await kb.type('Lighter than last time');
    await kb.press('Tab');
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    await tabTo(page, byLabel('Save check-out for Alex'));
    await kb.press('Enter');
    await tabTo(page, byLabel('End retro'));
    await kb.press('Enter');
    // Ending asks first, in place; focus is on the answer.
    assert.equal((await panel.intents()).some((i) => i.kind === 'endRetro'), false, 'nothing ended yet');
    await page.waitForFunction(() => document.activeElement?.id === 'end-now');
    await kb.press('Enter');
    assert.deepEqual(await panel.intents(), [
      { kind: 'addAction', text: 'Pair on the deploy script', ownerId: 'm-priya', due: 'Friday' },
      { kind: 'updateAction', actionId: 'a-1', done: true },
      { kind: 'checkout', memberId: 'm-alex', text: 'Lighter than last time', roti: 4 },
      { kind: 'endRetro' },
    ]);
  });
});
