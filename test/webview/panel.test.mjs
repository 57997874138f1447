// The built retro webview in headless Chromium, behind the real panel's CSP, with a stub
// host. Run with `npm run test:webview`.
import assert from 'node:assert/strict';
import { bigView, retroView, withOneMore } from './fixtures.mjs';
import { byLabel, focused, panelSuite, pausedClock, tapStubHost, tabTo } from './helpers.mjs';

describe('retro webview: rendering and messages', function () {
  const suite = panelSuite();
  let panel;

  it('posts ready on load and nothing else', async function () {
    panel = await suite.open();
    assert.deepEqual(await panel.sent(), [{ type: 'ready' }]);
    await panel.page.getByRole('status').filter({ hasText: 'Waiting for the retro' }).waitFor();
  });

  // A postMessage with the bundle's top level on the stack made Chromium work out source
  // positions for the whole bundle (one function of 120 KB) to note where it was called:
  // 40-150 ms of the open (issue 11), measured with no debugger attached. The page's early
  // script (src/webview/early.ts, a few hundred bytes, inline in the head) says `ready` now;
  // without it the bundle does, from boot in a microtask, once its top level has returned. An
  // anonymous frame in the bundle at the bottom of the stack is that top level (boot and the
  // functions under it have names).
  async function readyStack(options) {
    panel = await suite.open(options);
    await panel.page.addInitScript(tapStubHost);
    await panel.page.addInitScript(() => {
      Error.stackTraceLimit = 100;
      window.__tapHost = (message, post) => {
        if (message?.type === 'ready') window.__readyStack = new Error('ready').stack;
        post(message);
      };
    });
    await panel.page.reload();
    await panel.page.waitForFunction(() => window.__readyStack !== undefined);
    return panel.page.evaluate(() => window.__readyStack);
  }

  it('says ready from the page\'s early script, before the bundle has run', async function () {
    const stack = await readyStack();
    assert.doesNotMatch(stack, /\/dist\/webview\.js:\d+/, `the bundle posted ready:\n${stack}`);
    assert.match(stack, /\/panel\/\d+:\d+:\d+\)?$/m, `ready came from a script in the page:\n${stack}`);
    const booted = await panel.page.evaluate(() => performance.getEntriesByName('reciprocity:boot').length);
    assert.equal(booted, 1, 'the bundle ran after');
    assert.deepEqual((await panel.sent()).filter((m) => m.type === 'ready'), [{ type: 'ready' }], 'once');
  });

  it('without the early script, says ready once its bundle has run: nothing is posted under the script\'s top level', async function () {
    const stack = await readyStack({ early: false });
    const frames = stack.split('\n').filter((line) => /\/dist\/webview\.js:\d+:\d+\)?$/.test(line));
    assert.ok(frames.length > 0, `the bundle posted ready: ${stack}`);
    assert.doesNotMatch(frames[frames.length - 1], /^\s*at https?:\S+$/, `ready was posted from the bundle's top level:\n${stack}`);
  });

  it('keeps turn-taking to the check-in: no turn buttons or depth marks in later phases', async function () {
    panel = await suite.open({ snapshot: retroView({ phase: 'decide' }) });
    const roster = panel.page.getByRole('list', { name: 'Team members' });
    assert.equal(await roster.getByRole('listitem').count(), 4);
    assert.equal(await panel.page.getByRole('button', { name: /^Give turn to/ }).count(), 0);
    assert.equal(await roster.getByText('answered at this depth', { exact: true }).count(), 0);
    await panel.page.getByRole('checkbox', { name: 'Sam is present' }).waitFor();
    // The balance flags judge the check-in's turns: they are not carried onto later phases.
    assert.ok(retroView({ phase: 'decide' }).members.some((m) => m.flag), 'the fixture has a flagged member');
    assert.equal(await roster.getByText('quiet so far').count(), 0);
    assert.equal(await roster.getByText('sharing a lot').count(), 0);
  });

  it('remembers which retro it shows, for the panel serializer after a reload', async function () {
    panel = await suite.open({ snapshot: retroView() });
    await panel.page.getByRole('heading', { level: 1 }).waitFor();
    const state = await panel.page.evaluate(() => window.__uiState);
    assert.equal(state?.sessionId, retroView().sessionId);
  });

  it('renders phase, depth, prompt, turn, roster and contributions from a snapshot', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    assert.equal(await page.locator('[aria-current="step"]').innerText(), '1\nSet the stage');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sprint 42 retro');
    await page.getByText('Layer 2 of 4: Exploratory', { exact: true }).waitFor();
    await page.getByRole('img', { name: 'Depth indicator, Layer 2 of 4: Exploratory' }).waitFor();
    assert.equal(await page.locator('.onion .ring.current').count(), 1);
    assert.equal(await page.locator('#prompt-text').innerText(), 'What surprised you this sprint?');
    assert.match(await page.locator('.speaker').innerText(), /Now speaking: Alex/);
    assert.match(await page.locator('.suggested').innerText(), /Suggested next: نور/);
    const roster = page.getByRole('list', { name: 'Team members' });
    assert.equal(await roster.getByRole('listitem').count(), 4);
    assert.equal(await roster.getByText('answered at this depth', { exact: true }).count(), 2);
    assert.equal(await roster.getByText('passed at this depth', { exact: true }).count(), 1, 'a pass is shown as a choice');
    await page.getByText('(4 present, 2 answered, 1 passed)').waitFor();
    await roster.getByText('quiet so far').waitFor();
    await page.getByRole('button', { name: 'Give turn to Sam' }).waitFor();
    const list = page.getByRole('list', { name: 'Contributions' });
    assert.equal(await list.getByRole('listitem').count(), 6);
    assert.match(await list.getByRole('listitem').nth(3).innerText(), /passed/);
    assert.match(await list.getByRole('listitem').nth(5).innerText(), /\(shortened\)/);
    assert.equal(await page.getByRole('button', { name: 'Remove contribution by Sam' }).count(), 2);
    await page.getByText('2 of 4 have answered at this depth').waitFor();
    await page.getByText('Going deeper now would be an override', { exact: false }).waitFor();
    await page.getByText('Evenness 0.82').waitFor();
    await page.getByRole('group', { name: 'Nudges for the facilitator' }).filter({ hasText: 'Invite نور' }).waitFor();
  });

  it('hides nudges and flags from members who are not the facilitator', async function () {
    panel = await suite.open({ snapshot: retroView({ viewer: { role: 'member', memberId: 'm-alex' } }) });
    assert.equal(await panel.page.getByText('quiet so far').count(), 0);
    assert.equal(await panel.page.locator('.nudges').count(), 0);
  });

  it('shows the timer in mm:ss and turns amber past the soft cap, announcing it once', async function () {
    // The host's clock runs an hour ahead of this one: only its own reading of the elapsed
    // time may count, never its start time against this clock.
    const view = retroView({ turn: { memberId: 'm-alex', startedAt: Date.now() + 3_600_000, elapsedMs: 100_000 }, softCapSeconds: 90 });
    panel = await suite.open({ snapshot: view });
    const timer = panel.page.getByRole('timer');
    assert.match(await timer.innerText(), /^01:4\d$/);
    assert.match(await timer.getAttribute('class'), /over/);
    assert.match(await panel.page.locator('#timer-cap-live').innerText(), /Alex's turn is past the soft cap of 01:30/);
  });

  it('shows an error banner for malformed host messages, logs them, and keeps working', async function () {
    panel = await suite.open({ snapshot: retroView() });
    await panel.clearSent();
    for (const bad of [null, 'hello', { type: 'nope' }, { type: 'snapshot', view: {} }, { type: 'snapshot', view: { ...retroView(), depth: 7 } }]) {
      await panel.push(bad);
    }
    const alert = panel.page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /malformed message/);
    const logs = (await panel.sent()).filter((m) => m.type === 'log' && m.level === 'error');
    assert.equal(logs.length, 5);
    assert.equal(await panel.page.locator('#prompt-text').innerText(), 'What surprised you this sprint?', 'last good view stays');
    await panel.snapshot(retroView({ title: 'Still alive' }));
    assert.equal(await panel.page.getByRole('heading', { level: 1 }).innerText(), 'Still alive');
    await panel.page.getByRole('button', { name: 'Dismiss errors' }).click();
    assert.equal(await panel.page.getByRole('alert').count(), 0);
  });

  it('shows host errors and restores the draft of a contribution the host refused', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const box = panel.page.getByRole('textbox', { name: 'What was said' });
    await box.fill('Refused words');
    await box.press('Control+Enter');
    const [sent] = (await panel.sent()).filter((m) => m.type === 'intent');
    await panel.push({ type: 'error', requestId: sent.requestId, message: 'Session is locked' });
    await panel.page.getByRole('alert').filter({ hasText: 'Session is locked' }).waitFor();
    assert.equal(await box.inputValue(), 'Refused words');
  });

  it('keeps hostile text as text everywhere', async function () {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '<script>window.__pwned = 1</script>',
      'مرحبا بالفريق — שלום ‮evil‬',
      '🙂👩🏽‍💻🎉 emoji',
      'x'.repeat(10_000),
    ];
    const base = retroView();
    const contributions = hostile.map((text, i) => ({ ...base.contributions[0], id: `h-${i}`, text, memberName: hostile[i % 2] }));
    const view = {
      ...base,
      title: hostile[0],
      prompt: { ...base.prompt, text: hostile[1] },
      members: base.members.map((m, i) => ({ ...m, name: i === 0 ? hostile[0] : m.name })),
      contributions,
      notes: base.notes.map((n) => ({ ...n, text: hostile[0] })),
      columns: [hostile[0], 'Sad', 'Glad'],
      nudges: [{ id: 'x', kind: 'invite', text: hostile[1] }],
    };
    const dialogs = [];
    panel = await suite.open({ snapshot: view });
    panel.page.on('dialog', (d) => dialogs.push(d.message()) && d.dismiss());
    const { page } = panel;
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('#app script').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    const texts = await page.locator('.contrib-text').evaluateAll((els) => els.map((e) => e.textContent));
    assert.deepEqual(texts, hostile);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), hostile[0]);
    assert.equal(await page.locator('#prompt-text').textContent(), hostile[1]);
    await page.getByRole('button', { name: `Give turn to ${hostile[0]}` }).waitFor();
    for (const phase of ['gather', 'insights', 'decide', 'close']) {
      await panel.snapshot({ ...view, phase });
      assert.equal(await page.locator('img').count(), 0, phase);
    }
    assert.deepEqual(dialogs, []);
  });

  it('sends what was typed, verbatim, even when it looks like markup', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const box = panel.page.getByRole('textbox', { name: 'What was said' });
    const text = '<img src=x onerror=alert(1)> 🙂 שלום';
    await box.fill(text);
    await box.press('Control+Enter');
    const long = 'y'.repeat(10_000);
    await box.fill(long);
    await panel.page.getByText('it will be shortened to 4000').waitFor();
    await box.press('Control+Enter');
    const intents = (await panel.intents()).filter((i) => i.kind === 'contribute');
    assert.equal(intents[0].text, text);
    assert.equal(intents[1].text.length, 8000, 'capped to what the protocol accepts; the host shortens and marks it');
  });

  it('disables every input in read-only mode and says why', async function () {
    panel = await suite.open({ snapshot: retroView({ readOnly: true, readOnlyReason: 'Open in another window.' }) });
    const { page } = panel;
    await page.getByRole('status').filter({ hasText: 'Open in another window.' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'What was said' }).isDisabled(), true);
    for (const name of ['Record', 'Pass', 'Next speaker', 'Go deeper', 'Stay at this depth', 'Step back', 'Next phase', 'Skip phase', 'New prompt']) {
      const button = page.getByRole('button', { name, exact: false }).first();
      assert.equal(await button.getAttribute('aria-disabled'), 'true', name);
    }
    const enabled = await page.locator('#app button:not([disabled]), #app input:not([disabled]), #app select:not([disabled])').evaluateAll(
      (els) => els.map((e) => e.textContent || e.getAttribute('aria-label')),
    );
    // Opening the summary changes nothing in the retro: it stays available (clicked below).
    assert.deepEqual(enabled, ['Open summary']);
    await page.getByRole('button', { name: 'Open summary' }).click();
    await page.locator('body').press('Alt+P');
    assert.deepEqual(await panel.intents(), [{ kind: 'openSummary' }]);
    for (const phase of ['gather', 'insights', 'decide', 'close']) {
      await panel.snapshot(retroView({ readOnly: true, phase }));
      const open = await page.locator('#app input:not([disabled]), #app select:not([disabled]), #app button:not([disabled])').evaluateAll(
        (els) => els.map((e) => e.textContent || e.getAttribute('aria-label')),
      );
      assert.deepEqual(open, ['Open summary'], phase);
    }
  });

  it('keeps drafts in UI state and restores them after a reload', async function () {
    panel = await suite.open({ snapshot: retroView() });
    await panel.page.getByRole('textbox', { name: 'What was said' }).fill('half a thought');
    await panel.page.waitForFunction(() => window.__uiState?.drafts?.['say:m-alex'] === 'half a thought');
    const uiState = await panel.page.evaluate(() => window.__uiState);
    await panel.close();
    panel = await suite.open({ snapshot: retroView(), uiState });
    assert.equal(await panel.page.getByRole('textbox', { name: 'What was said' }).inputValue(), 'half a thought');
    assert.deepEqual(Object.keys(uiState).sort(), ['collapsed', 'drafts', 'scrollY', 'selectedMemberId', 'sessionId', 'v']);
  });

  it('moves focus to a neighbour when a contribution is removed', async function () {
    panel = await suite.open({ snapshot: retroView(), isolated: true });
    await pausedClock(panel.page);
    await panel.page.locator('button[data-id="c-2"]').focus();
    await panel.page.keyboard.press('Enter');
    // Removed on screen with Undo offered (test/webview/edits.test.mjs); sent when the window closes.
    assert.equal((await focused(panel.page)).text, 'Undo remove');
    await panel.page.clock.runFor(6_100);
    assert.deepEqual(await panel.intents(), [{ kind: 'removeContribution', contributionId: 'c-2' }]);
    const view = retroView();
    await panel.snapshot({ ...view, contributions: view.contributions.filter((c) => c.id !== 'c-2') });
    const f = await focused(panel.page);
    assert.equal(f.label, 'Remove contribution by Alex');
  });

  it('renders a long history newest first, fills in older rows, and appends without rebuilding', async function () {
    let view = bigView(50, 600);
    panel = await suite.open({ snapshot: view });
    const { page } = panel;
    await page.waitForSelector('.contrib-list[aria-busy="false"]');
    assert.equal(await page.locator('.contrib-list > li').count(), 600);
    await page.evaluate(() => document.querySelectorAll('.contrib-list > li').forEach((li) => (li.__kept = true)));
    view = withOneMore(view);
    await panel.snapshot(view);
    const kept = await page.locator('.contrib-list > li').evaluateAll((lis) => lis.map((li) => li.__kept === true));
    assert.equal(kept.length, 601);
    assert.equal(kept.filter(Boolean).length, 600, 'existing rows are the same DOM nodes');
    assert.equal(kept[600], false, 'the new row is appended last');
    assert.equal(await page.locator('.contrib-list > li').last().locator('.contrib-text').textContent(), 'One more thing, said briefly.');
  });

  it('opens a long history with only the rows in view: none below the fold (busy), the newest when the list is in view', async function () {
    // [viewport, rows in the first frame]: at 900 px the list starts below the roster, out of view.
    for (const [viewport, first] of [[{ width: 1100, height: 900 }, 0], [{ width: 1100, height: 4000 }, 20]]) {
      panel = await suite.open({ viewport });
      const { page } = panel;
      // What the panel holds when it marks itself interactive (the first frame, before any paint).
      await page.evaluate(() => {
        const mark = performance.mark.bind(performance);
        performance.mark = (name, ...rest) => {
          if (name === 'reciprocity:interactive') {
            const list = document.querySelector('.contrib-list');
            const rows = list.querySelectorAll(':scope > li .contrib-text');
            window.__first = {
              rows: rows.length, busy: list.getAttribute('aria-busy'), count: document.querySelector('.contributions summary .muted').textContent,
              oldest: rows[0]?.textContent.split(':')[0] ?? null, newest: rows[rows.length - 1]?.textContent.split(':')[0] ?? null,
            };
          }
          return mark(name, ...rest);
        };
      });
      await panel.snapshot(bigView(50, 600));
      await page.waitForFunction(() => window.__first !== undefined);
      const at = await page.evaluate(() => window.__first);
      // The newest rows, 580 to 599 (none of them a pass), or none at all.
      const ends = first > 0 ? { oldest: 'Contribution 580', newest: 'Contribution 599' } : { oldest: null, newest: null };
      assert.deepEqual(at, { rows: first, busy: 'true', count: '(600)', ...ends }, `viewport ${viewport.height}`);
      await page.waitForSelector('.contrib-list[aria-busy="false"]');
      assert.equal(await page.locator('.contrib-list > li').count(), 600);
      assert.equal(await page.getByRole('list', { name: 'Contributions' }).count(), 1, 'the list keeps its name');
      await panel.close();
    }
  });

  it('opens a long roster with its first screenful and fills in the rest: every member can be reached by name', async function () {
    panel = await suite.open({ snapshot: bigView(50, 30) });
    const { page } = panel;
    await page.waitForSelector('.members[aria-busy="false"]');
    assert.equal(await page.locator('.members > li').count(), 50);
    for (const i of [1, 24, 25, 50]) {
      assert.equal(await page.getByRole('button', { name: `Give turn to Member ${i}`, exact: true }).count(), 1, `Member ${i}`);
      assert.equal(await page.getByRole('checkbox', { name: `Member ${i} is present`, exact: true }).count(), 1, `Member ${i}`);
    }
    // The number keys follow the roster's order, as before.
    assert.equal(await page.locator('.members > li').nth(8).locator('kbd').textContent(), '9');
  });

  it('Tab order reaches the recorder early', async function () {
    panel = await suite.open({ snapshot: retroView() });
    const presses = await tabTo(panel.page, byLabel('What was said'));
    assert.ok(presses <= 6, `took ${presses} Tab presses`);
  });
});
