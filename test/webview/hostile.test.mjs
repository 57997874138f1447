// Issue 12: the hostile-string corpus (test/fixtures/hostile) typed into every box people
// type in on the retro panel (What was said, notes, action items and due dates, check-outs,
// a member's own answer), in one page. It fails on any script run (each payload calls
// window.__pwned), any request other than the page's own assets, any CSP violation, any
// dialog, any live link or element made from people's text, and any text not shown as is.
import assert from 'node:assert/strict';
import { HOSTILE } from '../fixtures/hostile/index.mjs';
import { memberTeamView, retroView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';
import { assertInert, panelAssets, watch } from './hostileChecks.mjs';

const SHORT = HOSTILE.filter((h) => h.text.length <= 2000);

describe('hostile text in the panels (issue 12)', function () {
  this.timeout(120_000);
  const suite = panelSuite();

  it('retro panel: the corpus typed into every box is sent verbatim and stays inert', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    const w = await watch(page, panelAssets(page));
    const typed = []; // [field, value in the box, intent text]
    const valueOf = (locator) => locator.evaluate((el) => (el.value ?? el.shadowRoot?.querySelector('textarea')?.value ?? ''));
    // Each box is found by its role and name once per view, then typed into through its handle
    // (each action still waits for it to be visible, enabled and editable, and fails if the
    // panel replaced it): a role query walks the whole panel for accessible names, and
    // re-running it for every fill, read and key press was most of this test's time.
    let boxes = new Map();
    const box = async (locator) => {
      const key = String(locator);
      if (!boxes.has(key)) boxes.set(key, await locator.elementHandle());
      return boxes.get(key);
    };
    const show = async (view) => {
      boxes = new Map();
      await panel.snapshot(view);
    };

    // Check-in: What was said (every string, the long ones too).
    const say = await box(page.getByRole('textbox', { name: 'What was said' }));
    for (const h of HOSTILE) {
      await say.fill(h.text);
      const value = await valueOf(say);
      await panel.clearSent();
      await say.press('Control+Enter');
      const [intent] = (await panel.intents()).filter((i) => i.kind === 'contribute');
      typed.push(['What was said', h, value, intent?.text]);
    }
    await assertInert(page, w, 'typed at check-in');

    // Gather: a note in each column; decide: an action and its due date; close: check-outs.
    const forms = [
      ['gather', (i) => page.getByRole('textbox', { name: `Add note: ${['Mad', 'Sad', 'Glad'][i % 3]}` }), 'addNote'],
      ['decide', () => page.locator('#action-text'), 'addAction'],
      ['close', (i) => page.getByRole('textbox', { name: `Check-out for ${['Sam', 'Priya', 'Alex', 'نور'][i % 4]}` }), 'checkout'],
    ];
    for (const [phase, locate, kind] of forms) {
      await show(retroView({ phase }));
      for (let i = 0; i < SHORT.length; i++) {
        const h = SHORT[i];
        const field = await box(locate(i));
        await field.fill(h.text);
        const value = await valueOf(field);
        await panel.clearSent();
        await field.press('Enter');
        const [intent] = (await panel.intents()).filter((x) => x.kind === kind);
        typed.push([`${phase} box`, h, value, intent?.text]);
      }
      await assertInert(page, w, `typed in ${phase}`);
    }
    await show(retroView({ phase: 'decide' }));
    const [action, due] = [await box(page.locator('#action-text')), await box(page.locator('#action-due'))];
    for (const h of SHORT.filter((x) => x.text.length <= 40)) {
      await action.fill('an action');
      await due.fill(h.text);
      const value = await valueOf(due);
      await panel.clearSent();
      await action.press('Enter');
      const [intent] = (await panel.intents()).filter((x) => x.kind === 'addAction');
      typed.push(['due date', h, value, intent?.due]);
    }
    await assertInert(page, w, 'typed due dates');

    // Team mode, a member's own answer box.
    await show(memberTeamView());
    const answer = await box(page.getByRole('textbox', { name: 'Your answer' }));
    for (const h of SHORT) {
      await answer.fill(h.text);
      const value = await valueOf(answer);
      await panel.clearSent();
      await answer.press('Control+Enter');
      const [intent] = (await panel.intents()).filter((x) => x.kind === 'contribute');
      typed.push(['Your answer', h, value, intent?.text]);
    }
    await assertInert(page, w, 'typed as a member');

    // What reached the box is what was typed (a one-line box drops line breaks, as browsers
    // do), and what was sent is that value, at most trimmed and capped to the protocol's
    // 8000 characters; never escaped, decoded or dropped.
    let sent = 0;
    for (const [field, h, value, text] of typed) {
      const oneLine = h.text.replace(/[\r\n]/g, '');
      const lf = h.text.replace(/\r\n?/g, '\n'); // a text area keeps line breaks as LF
      // Chromium inserts text into a one-line input with each line break (CR LF, CR or LF)
      // turned into one space; U+2028 and U+2029 stay.
      const spaced = h.text.replace(/\r\n|[\r\n]/g, ' ');
      // Typing goes through the browser's input as UTF-8: a lone surrogate arrives as U+FFFD.
      const wellFormed = (t) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
      assert.ok([h.text, oneLine, lf, spaced].map(wellFormed).includes(value) || [h.text, oneLine, lf, spaced].includes(value), `${field} ${h.id}: the box holds ${JSON.stringify(value.slice(0, 60))} ${[...value.slice(0, 40)].map((c) => c.codePointAt(0).toString(16)).join(",")}`);
      if (value.trim() === '' && text === undefined) continue; // an empty answer is not sent
      assert.equal(typeof text, 'string', `${field} ${h.id}: nothing was sent`);
      const expected = [value, value.trim()].map((s) => s.slice(0, 8000));
      assert.ok(expected.includes(text), `${field} ${h.id}: sent ${JSON.stringify(text.slice(0, 60))} for ${JSON.stringify(value.slice(0, 60))}`);
      sent++;
    }
    assert.ok(sent >= HOSTILE.length + 3 * SHORT.length, `sent ${sent}`);
    assert.deepEqual(await panel.violations(), [], 'no CSP violations');
    assert.deepEqual(panel.errors, [], 'no page errors');
    await panel.close({ discard: true }); // not pooled: it carries this test's listeners
  });
});
