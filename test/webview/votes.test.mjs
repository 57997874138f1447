// Issue 11, "votes work": a vote always has a voter (no silent "Anonymous" default), each
// voter sees their dots left, "Take back" shows only where the voter has a dot, the cap
// is explained inline, and notes are ordered by column, then votes, groups together.
import assert from 'node:assert/strict';
import { panelSuite } from './helpers.mjs';
import { retroView } from './fixtures.mjs';

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

  it('orders notes by column, then votes, with grouped notes together', async function () {
    const panel = await suite.open({ snapshot: view() });
    const texts = await panel.page.getByRole('list', { name: 'Notes to group and vote on' }).locator(':scope > li .note-text').allInnerTexts();
    // Mad first; Sad's group (Flaky CI with CI took 40 minutes: 4 votes) as one block; Glad.
    assert.deepEqual(texts, ['Too many meetings', 'Flaky CI', 'CI took 40 minutes', 'Pairing on the migration']);
  });
});
