// Issue 11, "votes work": a vote always has a voter (no silent "Anonymous" default), each
// voter sees their dots left, "Take back" shows only where the voter has a dot, the cap
// is explained inline, and notes are ordered by column, then votes, groups together.
import assert from 'node:assert/strict';
import { panelSuite } from './helpers.mjs';
import { memberTeamView, retroView } from './fixtures.mjs';

const NOTES = [
  { id: 'n-1', memberId: 'm-sam', text: 'Pairing on the migration', column: 'Glad', groupId: null, votes: 2, voters: ['m-sam', 'm-priya'] },
  { id: 'n-2', memberId: null, text: 'Flaky CI', column: 'Sad', groupId: null, votes: 1, voters: ['m-sam'] },
  { id: 'n-3', memberId: 'm-priya', text: 'CI took 40 minutes', column: 'Sad', groupId: 'n-2', votes: 3, voters: ['m-sam', 'm-alex', 'm-alex'] },
  { id: 'n-4', memberId: 'm-alex', text: 'Too many meetings', column: 'Mad', groupId: null, votes: 0, voters: [] },
];
const view = (over = {}) => retroView({ phase: 'insights', notes: NOTES, columns: ['Mad', 'Sad', 'Glad'], dotsPerMember: 3, ...over });

describe('retro webview: votes', function () {
  const suite = panelSuite();

  it('asks who is voting instead of dropping the vote, then shows their dots left', async function () {
    const panel = await suite.open({ snapshot: view() });
    const { page } = panel;
    const vote = page.getByRole('button', { name: /^Vote for note: Too many meetings/ });
    assert.equal(await vote.isDisabled(), true, 'no voter chosen: nothing to vote with');
    await page.getByRole('status').filter({ hasText: 'Each person has 3 dots. Choose who is voting.' }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Voting as' }).locator('option', { hasText: 'Anonymous' }).count(), 0);
    await page.getByRole('combobox', { name: 'Voting as' }).selectOption({ label: 'Priya' });
    // Priya has one dot (on n-1): 2 of 3 left.
    await page.getByRole('status').filter({ hasText: '2 of 3 dots left.' }).waitFor();
    await vote.click();
    assert.deepEqual(await panel.intents(), [{ kind: 'vote', memberId: 'm-priya', noteId: 'n-4', retract: false }]);
  });

  // "Everyone can see how many dots they have left": in the room one screen shows the board,
  // so the dots left of every person present are on it, not only the chosen voter's.
  it('shows everyone present how many dots they have left, and keeps it current', async function () {
    const panel = await suite.open({ snapshot: view() });
    const line = panel.page.getByRole('list', { name: 'Dots left' });
    const read = async () => (await line.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    // Voters of NOTES: Sam 3 dots (n-1, n-2, n-3), Priya 1 (n-1), Alex 2 (n-3 twice), Noor none.
    const present = retroView().members.filter((m) => m.present).map((m) => m.name);
    const placed = { Sam: 3, Priya: 1, Alex: 2 };
    assert.deepEqual(await read(), present.map((name) => `${name}: ${3 - (placed[name] ?? 0)}`));
    // Alex votes once more (the host's next snapshot): his count follows.
    const notes = NOTES.map((n) => (n.id === 'n-4' ? { ...n, votes: 1, voters: ['m-alex'] } : n));
    await panel.snapshot(view({ notes }));
    assert.deepEqual(await read(), present.map((name) => `${name}: ${3 - (placed[name] ?? 0) - (name === 'Alex' ? 1 : 0)}`));
  });

  it("offers Take back only where the voter has a dot, and explains the cap inline", async function () {
    const panel = await suite.open({ snapshot: view() });
    const { page } = panel;
    await page.getByRole('combobox', { name: 'Voting as' }).selectOption({ label: 'Sam' });
    const takeBack = await page.getByRole('button', { name: /^Take back a vote for note:/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(takeBack.sort(), [
      'Take back a vote for note: CI took 40 minutes',
      'Take back a vote for note: Flaky CI',
      'Take back a vote for note: Pairing on the migration',
    ]);
    // Sam placed all three dots: voting is off, and the reason is said where he looks.
    await page.getByRole('status').filter({ hasText: 'No dots left (3 placed): take one back to move it.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Vote for note: Too many meetings/ }).isDisabled(), true);
    assert.equal(await page.getByRole('alert').count(), 0, 'no error banner');
  });

  it('shows the top-voted notes next to the actions when deciding', async function () {
    const panel = await suite.open({ snapshot: view({ phase: 'decide' }) });
    const items = await panel.page.getByRole('list', { name: 'Top-voted insights' }).getByRole('listitem').allInnerTexts();
    // By votes, at most three, only notes with a vote: 3, 2, 1 (the note with none is left out).
    assert.deepEqual(items.map((t) => t.replace(/\s+/g, ' ').trim()), [
      'CI took 40 minutes 3 votes · Sad',
      'Pairing on the migration 2 votes · Glad',
      'Flaky CI 1 vote · Sad',
    ]);
  });

  // Issue 11: "Each row has the same layout, with no wrapped buttons." Take back, shown on
  // the rows where the voter has a dot, wrapped onto a line of its own under that row.
  // At 420 px the text takes a line of its own and the controls share the next one.
  for (const [who, width] of [['facilitator', 1100], ['facilitator', 760], ['facilitator', 420], ['member', 1100], ['member', 760], ['member', 420]]) {
    it(`lays out every insight row alike, each control on one line, Take back or not (${who}, ${width}px)`, async function () {
      const snapshot = who === 'member' ? memberTeamView({ phase: 'insights', notes: NOTES, columns: ['Mad', 'Sad', 'Glad'], dotsPerMember: 3 }) : view();
      const panel = await suite.open({ snapshot, viewport: { width, height: 900 } });
      const { page } = panel;
      if (who === 'facilitator') await page.getByRole('combobox', { name: 'Voting as' }).selectOption({ label: 'Priya' });
      // Priya has a dot on "Pairing on the migration" only: one row with Take back, three without.
      await page.getByRole('button', { name: /^Take back .*Pairing on the migration/ }).waitFor();
      const rows = await page.locator('.insight-list > li').evaluateAll((lis) =>
        lis.map((li) => {
          const line = (el) => {
            const r = el.getBoundingClientRect();
            const lh = parseFloat(getComputedStyle(el).lineHeight) || 18;
            // One line, and nothing cut off: a label that does not fit is not a layout.
            const whole = el.scrollWidth <= el.clientWidth + 1 && [...el.querySelectorAll('span')].every((s) => s.getClientRects().length <= 1 && s.getBoundingClientRect().height < 2 * lh);
            return { left: Math.round(r.left), right: Math.round(r.right), mid: Math.round(r.top + r.height / 2), oneLine: el.getClientRects().length === 1 && r.height < 2 * lh + 12 && whole };
          };
          const vote = li.querySelector('button[data-retract="false"]');
          const controls = [...li.querySelectorAll('button, select, .votes, label, :scope > .muted')];
          return { text: li.querySelector('.note-text').textContent, vote: line(vote), controls: controls.map(line), rowMid: line(vote).mid };
        }),
      );
      assert.equal(rows.length, NOTES.length);
      for (const r of rows) {
        for (const c of r.controls) {
          assert.ok(c.oneLine, `${r.text}: a control wraps`);
          assert.ok(Math.abs(c.mid - r.rowMid) <= 2, `${r.text}: controls on more than one line (${c.mid} vs ${r.rowMid})`);
        }
      }
      // The Vote buttons line up: the same column in every row, Take back or not. (A grouped
      // note is indented, so compare right edges.)
      if (width > 420) {
        const rights = new Set(rows.map((r) => r.vote.right));
        assert.equal(rights.size, 1, `Vote buttons at ${[...rights].join(', ')}`);
      }
    });
  }

  it('orders notes by column, then votes, with grouped notes together', async function () {
    const panel = await suite.open({ snapshot: view() });
    const texts = await panel.page.getByRole('list', { name: 'Notes to group and vote on' }).locator(':scope > li .note-text').allInnerTexts();
    // Mad first; Sad's group (Flaky CI with CI took 40 minutes: 4 votes) as one block; Glad.
    assert.deepEqual(texts, ['Too many meetings', 'Flaky CI', 'CI took 40 minutes', 'Pairing on the migration']);
  });
});
