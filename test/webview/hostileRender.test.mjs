// Issue 12: the hostile-string corpus (test/fixtures/hostile) as people's text arriving from
// the host, rendered in every place the panels show it: names (roster, "Give turn to",
// nudges, who is speaking, presence), the title, contributions, notes, columns, actions and
// due dates, check-outs, team mode's waiting and held lists, in every phase and for both the
// facilitator and a member; and the participation summary. Each snapshot carries the whole
// corpus at once. It fails on any script run (each payload calls window.__pwned), request,
// CSP violation, dialog or page error; on any element or attribute a plain-text render of the
// same snapshot does not have; and on any string not shown exactly as sent.
//
// Three files, so `--parallel` shares the work between its two workers: this one, the
// facilitator's retro panel; hostileRenderMember.test.mjs, a member's panel and the live
// region; hostileRenderSummary.test.mjs, the summary panel. hostileRenderRetro.mjs holds the
// retro panel's steps.
import { panelSuite } from './helpers.mjs';
import { renderRetro } from './hostileRenderRetro.mjs';

describe('hostile text rendered in the panels (issue 12)', function () {
  this.timeout(120_000);
  const suite = panelSuite();

  it('retro panel, facilitator: the corpus in every place and every phase shows as sent and stays inert', async function () {
    await renderRetro(suite, 'facilitator');
  });
});
