// Issue 3 end to end: a whole guided retro in code-server, the way a facilitator
// runs it. Four members from the workspace roster, two depth layers with a pass,
// the reciprocity gate (normal move and an override), a window reload that brings
// back the panel and every contribution, then gather → insights → decide → close →
// End retro, with the status bar and the Past Retros tree checked along the way.
import assert from 'node:assert/strict';
import {
  contributionRows, contributionsList, eventually, oneWorkbench, openPastRetros, pass, record, RETRO_VIEW_TYPE, retroFrame, sessionOnDisk, startRetro,
} from './lib/retro.mjs';
import { reloadWindow, runCommand, screenshot, waitForQuickInput } from './lib/workbench.mjs';

const tag = Date.now().toString(36);
const LAYER1 = [
  ['Ada', `Busy but good (${tag})`],
  ['Grace', `Mostly code review this sprint (${tag})`],
  ['Linus', null], // a pass
  ['Margaret', `The release checklist (${tag})`],
];
const LAYER2 = [
  ['Linus', `The flaky tests wore me down (${tag})`],
  ['Ada', `I liked pairing more than I expected (${tag})`],
];
const NOTE = `CI got faster after the cache change (${tag})`;
const ACTION = `Quarantine the flaky integration tests (${tag})`;
const CHECKOUT = `Lighter than I came in (${tag})`;

// The facilitator's moves carry the gate's advice; the retro's own opening "stay" does not.
const stageMoves = (json) => json.events.filter((e) => e.type === 'stage.moved' && e.gate);
const statusItem = (page, text) => page.locator('.statusbar-item', { hasText: text }).first();

describe('retro: a whole guided retro in code-server (issue 3)', function () {
  this.timeout(120_000);
  const state = oneWorkbench('retro', 'retro-team');
  let frame;
  let sessionId;

  it('starts a retro with the four members from the workspace roster', async function () {
    const { page } = state;
    frame = await startRetro(page);
    const members = frame.getByRole('list', { name: 'Team members' });
    for (const name of ['Ada', 'Grace', 'Linus', 'Margaret']) {
      await members.getByRole('checkbox', { name: `${name} is present` }).waitFor();
    }
    assert.equal(await members.getByRole('listitem').count(), 4);
    await frame.getByRole('img', { name: 'Depth indicator, Layer 1 of 4: Orientation' }).waitFor();
    await statusItem(page, 'Set the stage · Layer 1 Orientation').waitFor({ timeout: 15_000 });
    sessionId = (await sessionOnDisk('retro-team')).json.id;
  });

  it('layer 1: records three members and a pass, shown as "passed"', async function () {
    for (const [name, text] of LAYER1) {
      if (text) await record(frame, name, text);
      else await pass(frame, name);
    }
    const rows = await contributionRows(frame);
    assert.deepEqual(rows.map((r) => r.name), LAYER1.map(([n]) => n));
    const passed = rows.find((r) => r.name === 'Linus');
    assert.equal(passed.pass, true);
    assert.equal(passed.text, 'passed');
    const list = await contributionsList(frame);
    await list.getByRole('listitem').filter({ hasText: 'Linus' }).getByText(/^passed — a choice, not silence$/).waitFor();
    await frame.getByText('3 of 4 have answered at this depth').waitFor();
    await screenshot(state.page, 'retro-01-layer1');
  });

  it('goes deeper through the open gate, which is not an override', async function () {
    // 3 of 4 disclosed: the gate is open, so the button is the plain one.
    assert.equal(await frame.getByRole('button', { name: 'Go deeper (override)' }).count(), 0);
    await frame.getByRole('button', { name: 'Go deeper', exact: true }).click();
    await frame.getByRole('img', { name: 'Depth indicator, Layer 2 of 4: Exploratory' }).waitFor();
    await statusItem(state.page, 'Set the stage · Layer 2 Exploratory').waitFor({ timeout: 15_000 });
    const { json } = await sessionOnDisk('retro-team', (j) => stageMoves(j).length === 1, 'the move to layer 2');
    assert.deepEqual(
      (({ to, kind, override, gate }) => ({ to, kind, override, gate }))(stageMoves(json)[0]),
      { to: 2, kind: 'deeper', override: false, gate: { reciprocated: 3, present: 4, open: true } },
    );
  });

  it('layer 2: records two more; going deeper now is offered as an override', async function () {
    for (const [name, text] of LAYER2) await record(frame, name, text);
    const rows = await contributionRows(frame);
    assert.deepEqual(rows.slice(4).map((r) => [r.name, r.depth]), [['Linus', 'Layer 2'], ['Ada', 'Layer 2']]);
    // 2 of 4 is not "most": the gate is closed and the button says so.
    await frame.getByRole('button', { name: 'Go deeper (override)' }).waitFor();
    await frame.getByText('Going deeper now would be an override').waitFor();
    await screenshot(state.page, 'retro-02-layer2');
  });

  it('records an override when going deeper with the gate closed, and steps back', async function () {
    await frame.getByRole('button', { name: 'Go deeper (override)' }).click();
    await frame.getByRole('img', { name: 'Depth indicator, Layer 3 of 4: Affective' }).waitFor();
    await frame.getByRole('button', { name: 'Step back' }).click();
    await frame.getByRole('img', { name: 'Depth indicator, Layer 2 of 4: Exploratory' }).waitFor();
    const { json } = await sessionOnDisk('retro-team', (j) => stageMoves(j).length === 3, 'the override and the step back');
    const [, override, back] = stageMoves(json);
    assert.equal(override.to, 3);
    assert.equal(override.override, true);
    assert.deepEqual(override.gate, { reciprocated: 2, present: 4, open: false });
    assert.equal(back.kind, 'back');
    assert.equal(back.to, 2);
    assert.equal(back.override, false);
  });

  it('brings back the panel and every contribution after a window reload', async function () {
    const { page } = state;
    const before = await contributionRows(frame);
    assert.equal(before.length, 6);
    await reloadWindow(page, [RETRO_VIEW_TYPE, new RegExp(`sessionId\\\\*":\\\\*"${sessionId}`)]);
    frame = await retroFrame(page);
    await frame.getByRole('heading', { name: 'Contributions (6)' }).waitFor({ timeout: 30_000 });
    await eventually(async () => (await contributionRows(frame)).length === 6, 'six contributions are rendered');
    assert.deepEqual(await contributionRows(frame), before);
    for (const [, text] of [...LAYER1, ...LAYER2].filter(([, t]) => t)) await frame.getByText(text).waitFor();
    await frame.getByRole('img', { name: 'Depth indicator, Layer 2 of 4: Exploratory' }).waitFor();
    // Still the writer after the reload, not a read-only viewer of its own retro.
    assert.equal(await frame.getByText('Read-only.').count(), 0);
    assert.equal(await frame.getByRole('button', { name: 'Give turn to Ada' }).isDisabled(), false);
    await statusItem(page, 'Set the stage · Layer 2 Exploratory').waitFor({ timeout: 30_000 });
    await screenshot(page, 'retro-03-restored');
  });

  it('lists the running retro under Past Retros in the activity bar', async function () {
    const pane = await openPastRetros(state.page);
    const row = pane.locator('.monaco-list-row', { hasText: 'Retro ' });
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.first().innerText();
    // Status and phase, people, date and time: two retros on one day differ.
    assert.match(text, /in progress, set the stage · 4 people · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · open/);
    // A retro in progress can resume: its row offers Resume Retro beside Open Participation Summary.
    await row.first().hover();
    await row.first().getByRole('button', { name: 'Open Participation Summary' }).waitFor({ timeout: 15_000 });
    assert.equal(await row.first().getByRole('button', { name: 'Resume Retro' }).count(), 1, 'Resume on a retro in progress');
    await screenshot(state.page, 'retro-04-past-retros');
  });

  it('renames the retro: the heading, the tab and Past Retros follow, and the log records it', async function () {
    const { page } = state;
    const title = `Sprint 12 retro (${tag})`;
    await runCommand(page, 'Reciprocity: Rename Retro');
    const box = await waitForQuickInput(page, 'Rename Retro');
    const input = box.locator('input.input');
    assert.match(await input.inputValue(), /^Retro \d{4}-\d{2}-\d{2}$/, 'it offers the current title');
    await input.fill(title);
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden', timeout: 15_000 });
    await frame.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
    // The tab names the title and the time it started, so two retros on one day differ.
    const tab = page.locator('.tabs-container .tab', { hasText: title }).first();
    await tab.waitFor({ timeout: 15_000 });
    assert.match(await tab.innerText(), / · \d{2}:\d{2}/);
    const pane = await openPastRetros(page);
    await pane.locator('.monaco-list-row', { hasText: title }).waitFor({ timeout: 15_000 });
    const { json } = await sessionOnDisk('retro-team', (j) => j.events.some((e) => e.type === 'session.renamed'), 'the renamed session');
    assert.equal(json.events.filter((e) => e.type === 'session.renamed').at(-1).title, title);
  });

  it('gather data: adds a note', async function () {
    await phase(frame, 'Next phase', 'Gather data');
    await frame.getByLabel('Writing as').selectOption({ label: 'Grace' });
    await frame.getByRole('textbox', { name: 'Add note: Went well' }).fill(NOTE);
    await frame.getByRole('button', { name: 'Add note to Went well' }).click();
    const notes = frame.getByRole('list', { name: 'Notes: Went well' });
    await notes.getByRole('listitem').filter({ hasText: NOTE }).filter({ hasText: 'Grace' }).waitFor();
    await statusItem(state.page, 'Gather data').waitFor({ timeout: 15_000 });
    await screenshot(state.page, 'retro-05-gather');
  });

  it('generate insights: votes for the note', async function () {
    await phase(frame, 'Next phase', 'Generate insights');
    await frame.getByLabel('Voting as').selectOption({ label: 'Margaret' });
    await frame.getByRole('button', { name: /^Vote for note: .*\(0 votes\)$/ }).click();
    await frame.getByRole('button', { name: /^Vote for note: .*\(1 vote\)$/ }).waitFor();
    await frame.getByRole('button', { name: /^Take back a vote for note:/ }).waitFor();
    await screenshot(state.page, 'retro-06-insights');
  });

  it('decide what to do: adds an action item with an owner', async function () {
    await phase(frame, 'Next phase', 'Decide what to do');
    await frame.getByLabel('Action item', { exact: true }).fill(ACTION);
    await frame.getByLabel('Owner', { exact: true }).selectOption({ label: 'Linus' });
    await frame.getByLabel('Due', { exact: true }).fill('next sprint');
    await frame.getByRole('button', { name: 'Add action item' }).click();
    const items = frame.getByRole('list', { name: 'Action items' });
    await items.getByRole('listitem').filter({ hasText: ACTION }).waitFor();
    const owner = items.getByRole('combobox', { name: /^Owner of: / });
    await eventually(async () => (await owner.evaluate((s) => s.selectedOptions[0]?.textContent)) === 'Linus', 'the owner shows Linus');
    await items.getByText('next sprint').waitFor();
    await screenshot(state.page, 'retro-07-decide');
  });

  it('close: saves a check-out with a return-on-time rating', async function () {
    await phase(frame, 'Next phase', 'Close');
    await frame.getByRole('textbox', { name: 'Check-out for Ada' }).fill(CHECKOUT);
    await frame.getByRole('combobox', { name: 'Return on time for Ada' }).selectOption('4');
    await frame.getByRole('button', { name: 'Save check-out for Ada' }).click();
    await frame.getByRole('list', { name: 'Check-outs' }).getByRole('listitem').filter({ hasText: 'Ada' }).getByText('saved').waitFor();
    await screenshot(state.page, 'retro-08-close');
  });

  it('ends the retro; the stepper, the status bar and Past Retros say so', async function () {
    const { page } = state;
    await frame.getByRole('button', { name: 'End retro', exact: true }).click();
    await frame.getByRole('button', { name: 'End retro now' }).click();
    await frame.getByRole('heading', { name: 'This retro has ended' }).waitFor();
    const steps = frame.getByRole('navigation', { name: 'Retro phases' });
    assert.equal(await steps.getByText('(skipped)').count(), 0, 'no phase was skipped');
    await statusItem(page, 'Ended').waitFor({ timeout: 15_000 });
    const pane = await openPastRetros(page);
    // The tree follows the phase on its own: no manual refresh.
    const endedRow = pane.locator('.monaco-list-row', { hasText: /ended · 4 people · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · open/ });
    await endedRow.waitFor({ timeout: 15_000 });
    // An ended retro cannot resume: its row offers the summary and no Resume.
    await endedRow.hover();
    await endedRow.getByRole('button', { name: 'Open Participation Summary' }).waitFor({ timeout: 15_000 });
    assert.equal(await endedRow.getByRole('button', { name: 'Resume Retro' }).count(), 0, 'no Resume on an ended retro');
    await screenshot(page, 'retro-09-ended');
    const { json } = await sessionOnDisk('retro-team', (j) => j.events.some((e) => e.type === 'session.ended'), 'the ended session');
    const count = (type) => json.events.filter((e) => e.type === type).length;
    assert.deepEqual(
      Object.fromEntries(['contribution.added', 'note.added', 'vote.cast', 'action.added', 'checkout.added', 'session.ended'].map((t) => [t, count(t)])),
      { 'contribution.added': 6, 'note.added': 1, 'vote.cast': 1, 'action.added': 1, 'checkout.added': 1, 'session.ended': 1 },
    );
    assert.deepEqual(page.errors.map(String), [], 'no uncaught errors in the workbench page');
  });
});

/** Next phase / Skip phase, then waits for the new phase's heading and the stepper. */
async function phase(frame, button, heading) {
  await frame.getByRole('button', { name: button, exact: true }).click();
  await frame.getByRole('heading', { name: heading, level: 2 }).waitFor({ timeout: 15_000 });
  const current = frame.getByRole('navigation', { name: 'Retro phases' }).locator('[aria-current="step"]');
  await eventually(async () => (await current.innerText()).includes(heading), `the stepper marks ${heading} as current`);
}
