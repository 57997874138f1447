// Team mode in the built webview (issue 9): the facilitator's connection banner and join
// code, and a member's own panel: their answer or pass for themselves, their own numbers,
// who is here, and what waits to be sent while offline.
import assert from 'node:assert/strict';
import { panelSuite } from './helpers.mjs';
import { facilitatorTeamView, memberTeamView } from './fixtures.mjs';

const PHASES = ['check-in', 'gather', 'insights', 'decide', 'close', 'ended'];

describe('retro webview: team mode', function () {
  const suite = panelSuite();

  it("shows the facilitator the connection, who is here and the join code, and copies it through the host", async function () {
    const panel = await suite.open({ snapshot: facilitatorTeamView() });
    const { page } = panel;
    const banner = page.getByRole('status', { name: 'Team connection' });
    assert.match(await banner.innerText(), /Connected\s+Hosting on 127\.0\.0\.1:41234/);
    assert.equal(await page.getByRole('textbox', { name: 'Join code' }).inputValue(), facilitatorTeamView().team.joinCode);
    const here = await page.getByRole('list', { name: 'Connected now' }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(here, ['Facilitator', 'Priya', 'نور']);
    await page.getByRole('button', { name: 'Copy join code' }).click();
    await page.getByRole('button', { name: 'Copy join link' }).click();
    const sent = (await panel.sent()).filter((m) => m.type === 'team');
    assert.deepEqual(sent, [{ type: 'team', action: 'copyCode' }, { type: 'team', action: 'copyLink' }]);
    // The facilitator keeps every facilitator control.
    await page.getByRole('button', { name: 'Give turn to Sam' }).waitFor();
    await page.getByRole('textbox', { name: 'What was said' }).waitFor();
  });

  it("gives a member their own answer box and sends the answer and a pass as theirs", async function () {
    const panel = await suite.open({ snapshot: memberTeamView() });
    const { page } = panel;
    const box = page.getByRole('textbox', { name: 'Your answer' });
    await box.fill('<b>not bold</b> & mine');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.getByRole('button', { name: 'Pass', exact: true }).click();
    const intents = (await panel.sent()).filter((m) => m.type === 'intent').map((m) => m.intent);
    assert.deepEqual(intents, [
      { kind: 'contribute', memberId: 'm-priya', text: '<b>not bold</b> & mine', pass: false },
      { kind: 'contribute', memberId: 'm-priya', text: '', pass: true },
    ]);
  });

  it("shows a member only their own numbers and none of the facilitator's controls", async function () {
    const panel = await suite.open({ snapshot: memberTeamView() });
    const { page } = panel;
    const numbers = (await page.locator('.mine dl').innerText()).replace(/\s+/g, ' ');
    assert.equal(numbers, 'Turns 2 Words 9 Passes 0 Deepest layer 2 (Exploratory)');
    for (const name of [/^Give turn to/, /^Go deeper/, 'Stay at this depth', 'Step back', 'Next phase', 'Open summary', 'New prompt', 'Record']) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name}`);
    }
    assert.equal(await page.getByRole('meter').count(), 0, 'no evenness meter');
    assert.equal(await page.getByRole('list', { name: 'Team members' }).count(), 0, 'no roster of numbers');
    assert.equal(await page.getByText('sharing a lot').count(), 0);
    // The group's own count stays: the gate is about the group, not a person.
    await page.locator('#gate-text', { hasText: '2 of 4 have answered at this depth' }).waitFor();
    // Only Priya's own contributions (two in the fixture) can be removed from her panel.
    const own = memberTeamView().contributions.filter((c) => c.memberId === 'm-priya').length;
    assert.equal(own, 2);
    assert.equal(await page.getByRole('button', { name: /^Remove contribution by/ }).count(), own);
    assert.equal(await page.getByRole('button', { name: 'Remove contribution by Priya' }).count(), own);
  });

  it('lists what waits to be sent while offline, as text', async function () {
    const waiting = [{ kind: 'Answer', text: '<img src=x onerror=alert(1)>' }, { kind: 'Vote', text: '' }];
    const panel = await suite.open({ snapshot: memberTeamView({ team: { ...memberTeamView().team, status: 'offline', waiting } }) });
    const { page } = panel;
    const banner = page.getByRole('status', { name: 'Team connection' });
    assert.match(await banner.innerText(), /Offline: reconnecting.*2 waiting to send/s);
    const items = await page.getByRole('list', { name: 'Waiting to send' }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(items.map((t) => t.trim()), ['Answer <img src=x onerror=alert(1)>', 'Vote']);
    assert.equal(await page.locator('img[src=x]').count(), 0);
  });

  it("lets a member write their own notes, vote, and check out as themselves", async function () {
    const panel = await suite.open({ snapshot: memberTeamView({ phase: 'gather' }) });
    const { page } = panel;
    // Only Priya's notes are listed in her columns.
    // (Each of her own notes also has its Edit and Delete buttons: edits.test.mjs.)
    assert.deepEqual(await page.getByRole('list', { name: 'Your notes: Sad' }).getByRole('listitem').locator('.note-text').allInnerTexts(), ['CI took 40 minutes']);
    await page.getByRole('textbox', { name: 'Add note: Glad' }).fill('Pairing');
    await page.getByRole('button', { name: 'Add note to Glad' }).click();
    await panel.snapshot(memberTeamView({ phase: 'insights' }));
    await page.getByRole('button', { name: /^Vote for note: Flaky CI/ }).click();
    await panel.snapshot(memberTeamView({ phase: 'close' }));
    await page.getByRole('textbox', { name: 'Your check-out' }).fill('Good one');
    await page.getByRole('combobox', { name: 'Return on time' }).selectOption('4');
    await page.getByRole('button', { name: 'Save check-out' }).click();
    const intents = (await panel.sent()).filter((m) => m.type === 'intent').map((m) => m.intent);
    assert.deepEqual(intents, [
      { kind: 'addNote', text: 'Pairing', column: 'Glad', memberId: 'm-priya' },
      { kind: 'vote', memberId: 'm-priya', noteId: 'n-2', retract: false },
      { kind: 'checkout', memberId: 'm-priya', text: 'Good one', roti: 4 },
    ]);
  });

  it('gives the facilitator the anonymity switch and the reveal, in team mode only', async function () {
    const panel = await suite.open({ snapshot: facilitatorTeamView({ phase: 'gather' }) });
    const { page } = panel;
    const toggle = page.getByRole('checkbox', { name: 'Anonymous notes and votes' });
    assert.equal(await toggle.isChecked(), false);
    assert.equal(await page.getByRole('button', { name: 'Reveal notes' }).count(), 0, 'nothing to reveal while it is off');
    await toggle.check();
    await panel.snapshot(facilitatorTeamView({ phase: 'gather', anonymous: true }));
    await page.getByRole('button', { name: 'Reveal notes' }).click();
    await panel.snapshot(facilitatorTeamView({ phase: 'insights', anonymous: true }));
    assert.equal(await page.getByRole('combobox', { name: 'Voting as' }).count(), 0, 'nobody votes as someone else when votes are anonymous');
    const intents = (await panel.sent()).filter((m) => m.type === 'intent').map((m) => m.intent);
    assert.deepEqual(intents, [{ kind: 'setAnonymity', on: true }, { kind: 'revealNotes' }]);
    // On one machine (no team) there is no switch: nobody would hold the notes.
    await panel.snapshot({ ...facilitatorTeamView({ phase: 'gather' }), team: undefined });
    await page.getByRole('heading', { name: 'Gather data' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'Anonymous notes and votes' }).count(), 0);
  });

  it("shows a member their own held notes, from their own machine, until the reveal", async function () {
    const held = [{ column: 'Glad', text: 'My secret <b>praise</b>' }];
    const team = { ...memberTeamView().team, held };
    const panel = await suite.open({ snapshot: memberTeamView({ phase: 'gather', anonymous: true, team }) });
    const { page } = panel;
    await page.getByRole('note').filter({ hasText: 'held on the team server' }).waitFor();
    const glad = await page.getByRole('list', { name: 'Your notes: Glad' }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(glad.map((t) => t.replace(/\s+/g, ' ').trim()), ['My secret <b>praise</b> held until the reveal']);
    // After the reveal the notes are on the board without names.
    const revealed = memberTeamView({ phase: 'gather', anonymous: true });
    revealed.notes = [...revealed.notes, { id: 'n-9', memberId: null, text: 'My secret <b>praise</b>', column: 'Glad', groupId: null, votes: 0 }];
    await panel.snapshot(revealed);
    assert.deepEqual(await page.getByRole('list', { name: 'Revealed notes: Glad' }).getByRole('listitem').allInnerTexts(), ['My secret <b>praise</b>']);
    assert.equal(await page.getByText('held until the reveal').count(), 0);
  });

  it('names every control of the member panel in every phase', async function () {
    const panel = await suite.open({ snapshot: memberTeamView() });
    for (const phase of PHASES) {
      await panel.snapshot(memberTeamView({ phase }));
      const unnamed = await panel.page.evaluate(() =>
        [...document.querySelectorAll('button, input, select, textarea, vscode-button, vscode-textarea')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || el.labels?.length || el.label))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unnamed, [], phase);
    }
  });
});
