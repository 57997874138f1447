// Issue 12: the hostile-string corpus rendered in a member's retro panel, and said through
// the live region; hostileRender.test.mjs says what is checked.
import { panelSuite } from './helpers.mjs';
import { renderRetro } from './hostileRenderRetro.mjs';

describe('hostile text rendered in the panels (issue 12): a member', function () {
  this.timeout(120_000);
  const suite = panelSuite();

  it('retro panel, member: the corpus in every place and every phase shows as sent and stays inert, and every name and nudge is said as text', async function () {
    await renderRetro(suite, 'member', { announcements: true });
  });
});
