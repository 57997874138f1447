// Issue 12: the hostile-string corpus typed into the retro panel's action items, due dates
// and check-outs; hostile.test.mjs has the other boxes and says what both check.
import assert from 'node:assert/strict';
import { retroView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';
import { KEYED, SHORT, assertTypedAsSent, assertTypedInert, showBoxes, typeEach, typeKeys, typingSession } from './hostileTyping.mjs';

describe('hostile text in the panels (issue 12): actions and check-outs', function () {
  this.timeout(120_000);
  const suite = panelSuite();

  it('retro panel: the corpus typed into the action items, due dates and check-outs is sent verbatim and stays inert', async function () {
    const session = await typingSession(suite, retroView());

    // Decide: an action item (every string, and a few typed key by key), then a due date with it.
    const decide = (page) => [page.locator('#action-text'), page.locator('#action-due')];
    let boxes = await showBoxes(session, retroView({ phase: 'decide' }), decide);
    await typeEach(session, boxes, { field: 'decide box', strings: SHORT, fills: (h) => [[0, h.text]], key: 'Enter', kind: 'addAction' });
    await typeKeys(session, boxes, { field: 'decide box', strings: KEYED, box: 0, key: 'Enter', kind: 'addAction' });
    await assertTypedInert(session, 'typed in decide');
    const dues = SHORT.filter((x) => x.text.length <= 40);
    boxes = await showBoxes(session, retroView({ phase: 'decide' }), decide);
    await typeEach(session, boxes, {
      field: 'due date',
      strings: dues,
      // The due date, then the action: Enter goes to the action box, as a person would send it.
      fills: (h) => [[1, h.text], [0, 'an action']],
      valueBox: () => 1,
      key: 'Enter',
      kind: 'addAction',
      read: (intent) => intent.due,
    });
    await assertTypedInert(session, 'typed due dates');

    // Close: a check-out for each member in turn.
    const people = ['Sam', 'Priya', 'Alex', 'نور'];
    boxes = await showBoxes(session, retroView({ phase: 'close' }), (page) => people.map((p) => page.getByRole('textbox', { name: `Check-out for ${p}` })));
    await typeEach(session, boxes, { field: 'close box', strings: SHORT, fills: (h, i) => [[i % 4, h.text]], key: 'Enter', kind: 'checkout' });
    await assertTypedInert(session, 'typed in close');

    const sent = await assertTypedAsSent(session);
    assert.ok(sent >= 2 * SHORT.length + KEYED.length, `sent ${sent}`);
    assert.ok(session.keyed >= 10, `typed ${session.keyed} strings key by key`);
    await session.panel.close({ discard: true }); // not pooled: it carries this test's listeners
  });
});
