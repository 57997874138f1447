// Issue 12: the hostile-string corpus (test/fixtures/hostile) typed into every box people
// type in on the retro panel. This file: What was said, the gather notes and a member's own
// answer; hostileActions.test.mjs: action items, due dates and check-outs (two files, so
// `--parallel` types in both workers at once). Each fails on any script run (each payload
// calls window.__pwned), any request other than the page's own assets, any CSP violation, any
// dialog, any live link or element made from people's text, and any text not shown as is.
// hostileTyping.mjs says how the strings are typed.
import assert from 'node:assert/strict';
import { memberTeamView, retroView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';
import { HOSTILE, KEYED, SHORT, assertTypedAsSent, assertTypedInert, showBoxes, typeEach, typeKeys, typingSession } from './hostileTyping.mjs';

describe('hostile text in the panels (issue 12)', function () {
  this.timeout(120_000);
  const suite = panelSuite();

  it('retro panel: the corpus typed into What was said, the notes and a member\'s answer is sent verbatim and stays inert', async function () {
    const session = await typingSession(suite, retroView());

    // Check-in: What was said (every string, the long ones too), and a few typed key by key.
    let boxes = await showBoxes(session, retroView(), (page) => [page.getByRole('textbox', { name: 'What was said' })]);
    await typeEach(session, boxes, { field: 'What was said', strings: HOSTILE, fills: (h) => [[0, h.text]], key: 'Control+Enter', kind: 'contribute' });
    await typeKeys(session, boxes, { field: 'What was said', strings: KEYED, box: 0, key: 'Control+Enter', kind: 'contribute' });
    await assertTypedInert(session, 'typed at check-in');

    // Gather: a note in each column in turn.
    const columns = ['Mad', 'Sad', 'Glad'];
    boxes = await showBoxes(session, retroView({ phase: 'gather' }), (page) => columns.map((c) => page.getByRole('textbox', { name: `Add note: ${c}` })));
    await typeEach(session, boxes, { field: 'gather box', strings: SHORT, fills: (h, i) => [[i % 3, h.text]], key: 'Enter', kind: 'addNote' });
    await assertTypedInert(session, 'typed in gather');

    // Team mode, a member's own answer box.
    boxes = await showBoxes(session, memberTeamView(), (page) => [page.getByRole('textbox', { name: 'Your answer' })]);
    await typeEach(session, boxes, { field: 'Your answer', strings: SHORT, fills: (h) => [[0, h.text]], key: 'Control+Enter', kind: 'contribute' });
    await assertTypedInert(session, 'typed as a member');

    const sent = await assertTypedAsSent(session);
    assert.ok(sent >= HOSTILE.length + SHORT.length + KEYED.length, `sent ${sent}`);
    assert.ok(session.keyed >= 10, `typed ${session.keyed} strings key by key`);
    await session.panel.close({ discard: true }); // not pooled: it carries this test's listeners
  });
});
