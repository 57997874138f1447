// Issue 12 end to end: hostile strings from the corpus (test/fixtures/hostile) through the
// packaged extension in code-server. Nine members named with script, event-handler, SVG,
// link, Markdown, CSV-formula and bidi payloads (the roster in the workspace settings), then
// contributions, notes, a vote, an action, a check-out and the end of the retro typed in the
// panel, then the participation summary, its Markdown export in VS Code's preview and its CSV
// export, and a transcript whose bad line is quoted in an error notification.
// It fails on a payload run (every payload calls __pwned, which an init script defines in
// every frame), a dialog, a CSP violation (Chromium logs each one), a request away from
// 127.0.0.1 (for a webview, beyond the extensions' own files), a link, image or other live
// element inside people's text, or text not shown as the host keeps it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HOSTILE } from '../fixtures/hostile/index.mjs';
import {
  answerFileDialog, answerTitle, clearNotifications, contributionsList, eventually, notification, oneWorkbench, retroFrame, summaryFrame,
} from './lib/retro.mjs';
import { assertInert, shownName, watchPage } from './lib/hostile.mjs';
import { runCommand, screenshot, waitForQuickInput } from './lib/workbench.mjs';

const text = (id) => {
  const h = HOSTILE.find((x) => x.id === id);
  if (!h) throw new Error(`no corpus string ${id}`);
  return h.text;
};

const NAMES = ['script-0', 'event-handler-14', 'svg-mathml-34', 'javascript-url-29', 'markdown-92', 'csv-formula-113', 'bidi-77', 'bidi-75', 'markdown-98'].map(text);
const SAID = [
  'script-2', 'script-7', 'event-handler-22', 'svg-mathml-38', 'css-42', 'javascript-url-26', 'markdown-95', 'markdown-96',
  'markdown-99', 'csv-formula-112', 'template-51', 'template-55', 'zero-width-73', 'html-misc-127',
].map(text);
const LONG = text('long-66').slice(0, 10_240); // 10 KB of "word word …": shortened to 4,000 characters
const NOTES = ['markdown-93', 'html-misc-124', 'markdown-99'].map(text);
const ACTION = text('markdown-100');
const DUE = text('csv-formula-116');
const CHECKOUT = text('markdown-94');
const EXPORT_NAME = `hostile-${Date.now().toString(36)}.md`;

/** Every cell of an RFC 4180 CSV (quoted cells with doubled quotes, CRLF rows). */
function csvCells(text) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',' || (c === '\r' && text[i + 1] === '\n')) {
      cells.push(cell);
      cell = '';
      if (c === '\r') i++;
    } else cell += c;
  }
  if (cell !== '') cells.push(cell);
  return cells;
}

describe('hostile: corpus strings through the real extension (issue 12)', function () {
  this.timeout(180_000);
  let seen;
  let frame;
  const state = oneWorkbench('hostile', 'hostile-team', { 'reciprocity.roster': NAMES }, {
    onOpen: async ({ page }) => {
      seen = await watchPage(page);
    },
  });

  it('starts a retro with nine hostile names; the roster shows them as text', async function () {
    const { page } = state;
    await runCommand(page, 'Reciprocity: Start Retro');
    const roster = await waitForQuickInput(page, 'who is here');
    await roster.locator('.quick-input-count', { hasText: `${NAMES.length} Selected` }).waitFor();
    await page.keyboard.press('Enter');
    await waitForQuickInput(page, 'which deck');
    await page.keyboard.press('Enter');
    await answerTitle(page, text('svg-mathml-36'));
    frame = await retroFrame(page);
    await frame.locator('.members > li').nth(NAMES.length - 1).waitFor({ timeout: 30_000 });
    const names = await frame.locator('.members bdi.name').allTextContents();
    assert.deepEqual(names, NAMES.map(shownName), 'each name as the host keeps it');
    assert.equal(await frame.locator('#retro-title').textContent(), text('svg-mathml-36'));
    await assertInert(frame, '#app', seen, 'the roster');
  });

  it('records fourteen hostile contributions and a 10 KB one; each shows as typed', async function () {
    const list = await contributionsList(frame);
    await frame.locator('.member-actions button').first().click(); // Give turn to the first member
    const box = frame.getByRole('textbox', { name: 'What was said' });
    for (const [i, said] of [...SAID, LONG].entries()) {
      await eventually(async () => !(await box.isDisabled()), 'the "What was said" box is enabled');
      await box.fill(said);
      await frame.getByRole('button', { name: 'Record', exact: true }).click();
      await eventually(async () => (await list.locator(':scope > li').count()) === i + 1, `contribution ${i + 1} is listed`);
    }
    const rows = await list.locator(':scope > li .contrib-text').evaluateAll((ps) => ps.map((p) => {
      const c = p.cloneNode(true);
      c.querySelectorAll('.muted').forEach((m) => m.remove());
      return { text: c.textContent, note: p.querySelector('.muted')?.textContent ?? '' };
    }));
    assert.deepEqual(rows.slice(0, SAID.length).map((r) => r.text), SAID.map((s) => s.trim()), 'shown as typed');
    const long = rows.at(-1);
    assert.ok(long.text.length <= 4000 && long.text.endsWith('…') && LONG.startsWith(long.text.slice(0, -1).trimEnd()), 'the 10 KB one is shortened, not mangled');
    assert.match(long.note, /shortened/);
    await assertInert(frame, '#app', seen, 'the check-in');
    await screenshot(state.page, 'hostile-01-checkin');
  });

  it('takes hostile notes, a vote, an action with a due date and a check-out to the end of the retro', async function () {
    const next = async (heading) => {
      await frame.getByRole('button', { name: 'Next phase' }).click();
      await frame.getByRole('heading', { name: heading, level: 2 }).waitFor();
    };
    await next('Gather data');
    for (const note of NOTES) {
      const box = frame.locator('input[aria-label^="Add note: "]').first();
      await box.fill(note);
      await box.press('Enter');
      await frame.locator('.note-text', { hasText: note }).waitFor();
    }
    assert.deepEqual(await frame.locator('.note-text').allTextContents(), NOTES);
    await next('Generate insights');
    await frame.locator('#acting-as').selectOption({ index: 1 });
    await frame.getByRole('button', { name: /^Vote for note: .*\(0 votes\)$/ }).first().click();
    await frame.getByRole('button', { name: /^Vote for note: .*\(1 vote\)$/ }).waitFor();
    await next('Decide what to do');
    await frame.getByLabel('Action item', { exact: true }).fill(ACTION);
    await frame.getByLabel('Owner', { exact: true }).selectOption({ index: 1 });
    await frame.getByLabel('Due', { exact: true }).fill(DUE);
    await frame.getByRole('button', { name: 'Add action item' }).click();
    await frame.locator('.action-text', { hasText: ACTION }).waitFor();
    assert.deepEqual(await frame.locator('.actions .muted bdi').allTextContents(), [DUE]);
    await assertInert(frame, '#app', seen, 'decide');
    await next('Close');
    const checkout = frame.locator('.checkouts li').first();
    await checkout.locator('input[name=text]').fill(CHECKOUT);
    await checkout.locator('button[type=submit]').click();
    await checkout.getByText('saved').waitFor();
    assert.equal(await checkout.locator('input[name=text]').inputValue(), CHECKOUT);
    await frame.getByRole('button', { name: 'End retro', exact: true }).click();
    await frame.getByRole('button', { name: 'End retro now' }).click();
    await frame.getByRole('heading', { name: 'This retro has ended' }).waitFor();
    await assertInert(frame, '#app', seen, 'the ended retro');
  });

  it('shows the summary with every hostile string as text', async function () {
    const { page } = state;
    await runCommand(page, 'Reciprocity: Open Participation Summary');
    const summary = await summaryFrame(page);
    const main = summary.locator('main#summary');
    await eventually(async () => (await main.getAttribute('aria-busy')) === 'false', 'the summary has rendered');
    assert.deepEqual(await summary.locator('.share-name').allTextContents(), NAMES.map(shownName));
    assert.equal(await summary.locator('#summary-title').textContent(), text('svg-mathml-36'));
    const shown = await main.textContent();
    for (const s of [ACTION, CHECKOUT, ...NOTES]) assert.ok(shown.includes(s), `the summary shows ${JSON.stringify(s)}`);
    assert.deepEqual(await summary.locator('.insight-text').allTextContents(), [NOTES[0]]);
    await assertInert(summary, 'main#summary', seen, 'the summary');
    await screenshot(page, 'hostile-02-summary');
  });

  it('exports Markdown: VS Code\'s preview shows no link, image or markup from people\'s text', async function () {
    const { page } = state;
    const summary = await summaryFrame(page);
    await summary.getByRole('button', { name: 'Export Markdown' }).click();
    const target = path.join(state.ws.dir, 'exports', EXPORT_NAME);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await answerFileDialog(page, 'Export participation summary', target);
    await page.locator('.tab', { hasText: `Preview ${EXPORT_NAME}` }).waitFor({ timeout: 30_000 });
    const md = await eventually(() => fs.existsSync(target) && fs.readFileSync(target, 'utf8'), `${target} is written`);
    assert.ok(md.length > 0);
    const preview = await eventually(async () => {
      for (const f of page.frames()) {
        if ((await f.locator('.markdown-body, body.vscode-body').count().catch(() => 0)) && (await f.getByText('Action items').count().catch(() => 0))) return f;
      }
      return undefined;
    }, 'the Markdown preview shows the export');
    const live = await preview.evaluate(() => [...document.body.querySelectorAll('a[href], img, iframe, script:not([nonce]), object, embed, svg, math, form, input:not([type=checkbox])')]
      .map((el) => `<${el.tagName.toLowerCase()} ${el.getAttribute('href') ?? el.getAttribute('src') ?? ''}>`));
    assert.deepEqual(live, [], 'nothing in the preview links, loads or runs');
    // The export's word joiners (U+2060, invisible) are left out: what a reader sees.
    const body = (await preview.locator('body').textContent()).replace(/\u2060/g, '');
    for (const s of [ACTION, DUE]) assert.ok(body.includes(s), `the preview reads ${JSON.stringify(s)} as typed`);
    assert.deepEqual(seen.console.filter((m) => /PWNED|__pwned/.test(m)), [], 'no payload ran in the preview');
    assert.deepEqual(seen.requests, [], 'no request away from 127.0.0.1');
    assert.deepEqual(seen.dialogs, [], 'no dialogs');
    await screenshot(page, 'hostile-03-markdown-preview');
    assert.deepEqual(page.errors.map(String), [], 'no uncaught errors in the workbench page');
  });

  it('exports CSV: no cell starts a formula, and the hostile names, action and due date read back behind the guard quote', async function () {
    const { page } = state;
    await page.locator('.tab', { hasText: /^Summary: / }).first().click();
    const summary = await summaryFrame(page);
    await summary.getByRole('button', { name: 'Export CSV' }).click();
    const target = path.join(state.ws.dir, 'exports', EXPORT_NAME.replace(/\.md$/, '.csv'));
    await answerFileDialog(page, 'Export participation summary', target);
    const csv = await eventually(() => fs.existsSync(target) && fs.readFileSync(target, 'utf8'), `${target} is written`);
    const cells = csvCells(csv);
    const FORMULA = /^[=+\-@\t\r]/;
    assert.deepEqual(cells.filter((c) => FORMULA.test(c)), [], 'no cell starts a formula');
    const read = new Set(cells.map((c) => (c.startsWith("'") && FORMULA.test(c.slice(1)) ? c.slice(1) : c)));
    for (const s of [...NAMES.map(shownName), ACTION, DUE]) assert.ok(read.has(s), `the CSV holds ${JSON.stringify(s)} as a cell`);
    assert.deepEqual(seen.dialogs, [], 'no dialogs');
  });

  it('quotes a hostile transcript line in an error notification as text, with no live link or command', async function () {
    const { page } = state;
    // VS Code turns [label](https:…|command:…|file:…) in a notification into a link; a
    // transcript's bad line is quoted in the error, so its links must not survive.
    const bad = `[Open the fix](https://evil.example/track) or [run](command:workbench.action.terminal.new)`;
    const file = path.join(state.ws.dir, 'hostile.vtt');
    fs.writeFileSync(file, `WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Priya>Morning.\n\n2\n${bad}\n<v Sam>Hi.\n`);
    // The summary webview reloaded when its tab came back and may swallow F1 until it has: wait for the palette.
    await eventually(async () => {
      await page.keyboard.press('F1');
      const open = await page.locator('.quick-input-widget input.input').waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
      if (open) await page.keyboard.press('Escape');
      return open;
    }, 'the command palette opens', 60_000);
    await clearNotifications(page);
    await runCommand(page, 'Reciprocity: Import Meeting Transcript');
    await answerFileDialog(page, 'Import meeting transcript', file);
    const toast = await notification(page, 'hostile.vtt');
    const message = toast.locator('.notification-list-item-message');
    assert.match(await message.innerText(), /line 8\b/);
    assert.deepEqual(await message.locator('a').evaluateAll((as) => as.map((a) => `${a.textContent} -> ${a.getAttribute('href') ?? a.dataset.href ?? ''}`)), [], 'no link in the notification');
    assert.ok((await message.innerText()).replace(/\u2060/g, '').includes(bad.slice(0, 40)), 'the line is quoted as it is in the file');
    await screenshot(page, 'hostile-04-transcript-error');
  });
});
