// Issue 5, real meetings: Import Meeting Transcript in code-server. A Teams WebVTT
// export becomes a summary of its speakers; a broken file is refused with an error
// that names the line, and no summary opens for it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  answerFileDialog, clearNotifications, eventually, notification, oneWorkbench, summaryFrame,
} from './lib/retro.mjs';
import { runCommand, screenshot } from './lib/workbench.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'transcripts');
const TEAMS_SPEAKERS = ['Priya Raman', 'Lee, Sam (Contractor)', 'Jonas Müller', 'Aiko Tanaka'];
const DIALOG_TITLE = 'Import meeting transcript';

describe('transcript: Import Meeting Transcript in code-server (issue 5)', function () {
  this.timeout(120_000);
  const state = oneWorkbench('transcript', 'transcript-team');

  it('imports a Teams .vtt through the open dialog and shows its speakers in the summary', async function () {
    const { page } = state;
    await runCommand(page, 'Reciprocity: Import Meeting Transcript');
    await answerFileDialog(page, DIALOG_TITLE, path.join(fixtures, 'teams.vtt'));
    await page.locator('.tab', { hasText: 'Summary: teams.vtt' }).waitFor({ timeout: 30_000 });
    const frame = await summaryFrame(page);
    const main = frame.locator('main#summary');
    await eventually(async () => (await main.getAttribute('aria-busy')) === 'false', 'the summary has rendered');
    await frame.getByText('Imported meeting transcript').waitFor();
    const text = await main.innerText();
    for (const speaker of TEAMS_SPEAKERS) assert.ok(text.includes(speaker), `${speaker} is in the summary`);
    await frame.getByRole('heading', { name: 'Unattributed speech' }).waitFor();
    // The per-person table is opt-in; turn it on and check each speaker has a row.
    await frame.getByRole('checkbox', { name: 'Show named per-person table' }).check();
    const table = frame.getByRole('table', { name: 'Per person (named)' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[0].textContent));
    assert.deepEqual([...rows].sort(), [...TEAMS_SPEAKERS].sort());
    await screenshot(page, 'transcript-01-teams');
  });

  it('refuses a bad .vtt with an error naming the line, and opens no summary for it', async function () {
    const { page } = state;
    await clearNotifications(page);
    await runCommand(page, 'Reciprocity: Import Meeting Transcript');
    await answerFileDialog(page, DIALOG_TITLE, path.join(fixtures, 'bad.vtt'));
    const toast = await notification(page, 'bad.vtt');
    const message = await toast.locator('.notification-list-item-message').innerText();
    assert.match(message, /^Reciprocity: .*bad\.vtt.*line 8\b/i, message);
    assert.match(message, /expected a cue timing/i, message);
    assert.ok(await toast.locator('.codicon-error').count(), 'shown as an error');
    await screenshot(page, 'transcript-02-bad-file');
    assert.equal(await page.locator('.tab', { hasText: 'Summary: bad.vtt' }).count(), 0, 'no summary panel for a bad file');
    assert.deepEqual(page.errors.map(String), [], 'no uncaught errors in the workbench page');
  });
});
