// Issue 11, "record a turn in one action": a number key (1–9, shown beside each name) or a
// click on the name records that someone spoke, with the running turn's seconds (whoever had
// the turn: in the room the key is pressed for whoever spoke). Words are optional; the history
// says so.
import assert from 'node:assert/strict';
import { panelSuite } from './helpers.mjs';
import { retroView } from './fixtures.mjs';

describe('retro webview: a turn in one action', function () {
  const suite = panelSuite();

  it('records a turn from a number key and from a click on the name, with the running turn\'s seconds, then the quietest is next', async function () {
    // Alex (third present) has had the turn for 12 s.
    const panel = await suite.open({ snapshot: retroView({ turn: { memberId: 'm-alex', startedAt: 1, elapsedMs: 12_000 } }) });
    const { page } = panel;
    const roster = page.getByRole('list', { name: 'Team members' });
    assert.deepEqual(await roster.locator('kbd.key').allInnerTexts(), ['1', '2', '3', '4']);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('3');
    let intents = await panel.intents();
    assert.deepEqual({ ...intents[0], seconds: undefined }, { kind: 'contribute', memberId: 'm-alex', text: '', pass: false, tally: true, seconds: undefined });
    assert.ok(intents[0].seconds >= 12 && intents[0].seconds <= 60, `Alex's seconds: ${intents[0].seconds}`);
    // As after Record, the turn moves on to the quietest, so the clock runs for the next turn.
    assert.deepEqual(intents.slice(1), [{ kind: 'nextSpeaker' }]);
    // The host gave Noor the turn; Priya spoke up instead, for the 4 s the clock ran, and the
    // facilitator pressed her key (the audit: these seconds were lost).
    await panel.snapshot(retroView({ turn: { memberId: 'm-noor', startedAt: 2, elapsedMs: 4_000 } }));
    await page.keyboard.press('2');
    intents = (await panel.intents()).slice(2);
    assert.deepEqual({ ...intents[0], seconds: undefined }, { kind: 'contribute', memberId: 'm-priya', text: '', pass: false, tally: true, seconds: undefined });
    assert.ok(intents[0].seconds >= 4 && intents[0].seconds <= 60, `Priya's seconds: ${intents[0].seconds}`);
    assert.deepEqual(intents.slice(1), [{ kind: 'nextSpeaker' }]);
    // No turn running: no seconds to give.
    await panel.snapshot(retroView({ turn: { memberId: null, startedAt: null, elapsedMs: null } }));
    await roster.getByRole('button', { name: 'Sam spoke' }).click();
    intents = (await panel.intents()).slice(4);
    assert.deepEqual(intents, [{ kind: 'contribute', memberId: 'm-sam', text: '', pass: false, tally: true }, { kind: 'nextSpeaker' }]);
    assert.equal(await roster.getByRole('button', { name: 'Sam spoke' }).getAttribute('aria-keyshortcuts'), '1');
  });

  it('leaves number keys to the text box while someone types, and to nobody outside the check-in', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    const box = page.getByRole('textbox', { name: 'What was said' });
    await box.click();
    await page.keyboard.type('42');
    assert.deepEqual(await panel.intents(), []);
    await panel.snapshot(retroView({ phase: 'gather' }));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('1');
    assert.deepEqual(await panel.intents(), []);
  });

  it('keeps pace: after Record the quietest is next and the focus stays in the box', async function () {
    const alex = retroView({ turn: { memberId: 'm-alex', startedAt: 1, elapsedMs: 1_000 }, suggestedNext: 'm-noor' });
    const panel = await suite.open({ snapshot: alex });
    const { page } = panel;
    await page.getByRole('textbox', { name: 'What was said' }).fill('Bumpy');
    await page.keyboard.press('Control+Enter');
    const intents = await panel.intents();
    assert.deepEqual(intents.map((i) => i.kind), ['contribute', 'nextSpeaker']);
    assert.equal(intents[0].text, 'Bumpy');
    // The host ends Alex's turn and gives Noor the next: focus is in the box, ready to type.
    await panel.snapshot(retroView({ turn: { memberId: null, startedAt: null, elapsedMs: null }, suggestedNext: 'm-noor' }));
    await panel.snapshot(retroView({ turn: { memberId: 'm-noor', startedAt: 2, elapsedMs: 0 }, suggestedNext: 'm-alex' }));
    await page.waitForFunction(() => document.activeElement?.id === 'say');
    await page.keyboard.type('Calm');
    assert.equal(await page.getByRole('textbox', { name: 'What was said' }).inputValue(), 'Calm');
  });

  it('does not move on by itself when nobody else is present', async function () {
    const view = retroView();
    const alone = { ...view, members: view.members.map((m) => ({ ...m, present: m.id === 'm-alex' })), turn: { memberId: 'm-alex', startedAt: 1, elapsedMs: 1_000 } };
    const panel = await suite.open({ snapshot: alone });
    await panel.page.getByRole('textbox', { name: 'What was said' }).fill('Just me');
    await panel.page.keyboard.press('Control+Enter');
    assert.deepEqual((await panel.intents()).map((i) => i.kind), ['contribute']);
  });

  it('says what an override meant while the group is at the layer it went to', async function () {
    const overrides = [{ to: 2, text: 'Going deeper now, with 2 of 5 answered' }];
    const panel = await suite.open({ snapshot: retroView({ depth: 2, overrides }) });
    await panel.page.locator('#override-done', { hasText: 'Overrode the gate: Going deeper now, with 2 of 5 answered.' }).waitFor();
    await panel.snapshot(retroView({ depth: 1, overrides }));
    await panel.page.getByText('Layer 1 of 4', { exact: false }).first().waitFor();
    assert.equal(await panel.page.locator('#override-done').count(), 0, 'stepped back: the note goes');
  });

  it('asks before ending the retro, and Keep going leaves it running', async function () {
    const panel = await suite.open({ snapshot: retroView({ phase: 'close' }) });
    const { page } = panel;
    await page.getByRole('button', { name: 'End retro', exact: true }).click();
    await page.getByRole('group', { name: 'End the retro now?' }).waitFor();
    await page.getByRole('button', { name: 'Keep going' }).click();
    await page.getByRole('button', { name: 'End retro', exact: true }).waitFor();
    assert.deepEqual(await panel.intents(), []);
    await page.getByRole('button', { name: 'End retro', exact: true }).click();
    await page.getByRole('button', { name: 'End retro now' }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'endRetro' }]);
  });

  it('shows a turn recorded without words as such', async function () {
    const view = retroView();
    const c = { ...view.contributions[0], id: 'c-tally', text: '', words: 0, seconds: 12 };
    const panel = await suite.open({ snapshot: { ...view, contributions: [...view.contributions, c] } });
    await panel.page.getByText('spoke for 12 s (no words recorded)').waitFor();
  });
});
