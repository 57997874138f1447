// Issue 11, "votes work", for a member in team mode with anonymous votes: the authority tells
// only the voting member's machine which dots are theirs (team.myVotes), so their own panel
// shows how many are left, offers Take back only where they have a dot, and explains the cap
// inline; nobody else's panel learns any of it.
import assert from 'node:assert/strict';
import { panelSuite } from './helpers.mjs';
import { facilitatorTeamView, memberTeamView } from './fixtures.mjs';

const NOTES = [
  { id: 'n-1', memberId: null, text: 'Pairing on the migration', column: 'Glad', groupId: null, votes: 2 },
  { id: 'n-2', memberId: null, text: 'Flaky CI', column: 'Sad', groupId: null, votes: 1 },
  { id: 'n-3', memberId: null, text: 'CI took 40 minutes', column: 'Sad', groupId: null, votes: 3 },
  { id: 'n-4', memberId: null, text: 'Too many meetings', column: 'Mad', groupId: null, votes: 0 },
];

/** Priya's panel, anonymous votes, with her own dots as the authority told her machine. */
const member = (myVotes) => {
  const base = memberTeamView({ phase: 'insights', anonymous: true, notes: NOTES, columns: ['Mad', 'Sad', 'Glad'], dotsPerMember: 3 });
  return { ...base, team: { ...base.team, ...(myVotes ? { myVotes } : {}) } };
};

const takeBacks = (page) => page.getByRole('button', { name: /^Take back my vote for note:/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).sort());
const voteButtons = (page) => page.locator('.insight-list button[data-retract="false"]');

describe('retro webview: anonymous votes in a member panel', function () {
  const suite = panelSuite();

  it('shows the dots left and no Take back before any dot is placed', async function () {
    const panel = await suite.open({ snapshot: member([]) });
    const { page } = panel;
    await page.getByRole('status').filter({ hasText: '3 of 3 dots left.' }).waitFor();
    assert.deepEqual(await takeBacks(page), [], 'no dot placed: nothing to take back');
    assert.equal(await voteButtons(page).count(), NOTES.length);
    for (const b of await voteButtons(page).all()) assert.equal(await b.isDisabled(), false);
    await page.getByRole('button', { name: /^Vote for note: Too many meetings/ }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'vote', memberId: 'm-priya', noteId: 'n-4', retract: false }]);
  });

  it('offers Take back only on the notes where the member has a dot, and counts every dot', async function () {
    const panel = await suite.open({ snapshot: member(['n-1']) });
    const { page } = panel;
    await page.getByRole('status').filter({ hasText: '2 of 3 dots left.' }).waitFor();
    assert.deepEqual(await takeBacks(page), ['Take back my vote for note: Pairing on the migration']);
    // Two dots on one note are two dots; Take back still shows once on it.
    await panel.snapshot(member(['n-3', 'n-3']));
    await page.getByRole('status').filter({ hasText: '1 of 3 dots left.' }).waitFor();
    assert.deepEqual(await takeBacks(page), ['Take back my vote for note: CI took 40 minutes']);
    await page.getByRole('button', { name: 'Take back my vote for note: CI took 40 minutes' }).click();
    assert.deepEqual(await panel.intents(), [{ kind: 'vote', memberId: 'm-priya', noteId: 'n-3', retract: true }]);
  });

  it('turns Vote off at the cap and says why inline, with no error banner', async function () {
    const panel = await suite.open({ snapshot: member(['n-1', 'n-2', 'n-2']) });
    const { page } = panel;
    await page.getByRole('status').filter({ hasText: 'No dots left (3 placed): take one back to move it.' }).waitFor();
    for (const b of await voteButtons(page).all()) assert.equal(await b.isDisabled(), true, await b.getAttribute('aria-label'));
    assert.deepEqual(await takeBacks(page), ['Take back my vote for note: Flaky CI', 'Take back my vote for note: Pairing on the migration']);
    assert.equal(await page.getByRole('alert').count(), 0, 'no error banner');
    assert.equal(await page.locator('#dots-left').getAttribute('class'), 'hint warn');
    // Taking one back frees a dot again.
    await panel.snapshot(member(['n-1', 'n-2']));
    await page.getByRole('status').filter({ hasText: '1 of 3 dots left.' }).waitFor();
    for (const b of await voteButtons(page).all()) assert.equal(await b.isDisabled(), false);
  });

  it("shows the facilitator totals only: no dots of anyone's, no Take back", async function () {
    const panel = await suite.open({ snapshot: facilitatorTeamView({ phase: 'insights', anonymous: true, notes: NOTES, columns: ['Mad', 'Sad', 'Glad'], dotsPerMember: 3 }) });
    const { page } = panel;
    await page.getByRole('heading', { name: /Generate insights/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Take back/ }).count(), 0);
    assert.equal(await page.getByText(/dots left/).count(), 0);
  });
});
