// Issue 12: the hostile-string corpus rendered in the participation summary panel;
// hostileRender.test.mjs says what is checked.
import assert from 'node:assert/strict';
import { assertInert, watch } from './hostileChecks.mjs';
import { PLAIN, TEXTS, install } from './hostileRenderRetro.mjs';
import { baseSummary, baseTrend, summaryMessage } from './summary/fixtures.mjs';
import { buildBundle, open as openSummary, summaryOrigin } from './summary/harness.mjs';

describe('hostile text rendered in the panels (issue 12): the summary', function () {
  this.timeout(120_000);

  it('summary panel: the corpus in names, notes, insights, overrides, flags, actions, check-outs and trends shows as sent and stays inert', async function () {
    await buildBundle();
    const { page, context, errors } = await openSummary();
    try {
      const origin = await summaryOrigin();
      const w = await watch(page, (url) => url.startsWith(`${origin}/`));
      // The summary's schema caps a string at 10,000 characters (src/summaryProtocol.ts).
      const texts = TEXTS.map((t) => (t.length > 10_000 ? t.slice(0, 10_000) : t));
      const plainMsg = crowdedSummary(PLAIN);
      const msg = crowdedSummary(texts);
      await install(page, []);
      const shapes = await page.evaluate(
        async ([plain, hostile]) => {
          const render = async (m) => {
            window.postMessage(m, '*');
            await new Promise((r) => setTimeout(r, 0));
            return window.__pageShape(['#app']).join('\n');
          };
          return { plain: await render(plain), hostile: await render(hostile) };
        },
        [plainMsg, msg],
      );
      assert.equal(shapes.hostile.split('\n').length, shapes.plain.split('\n').length, 'as many elements as a plain render');
      assert.ok(shapes.hostile === shapes.plain, "people's text changed the summary's elements or attributes");
      const s = msg.summary;
      const checks = [
        ['#summary-title', 'text', [s.title]],
        ['.share-name', 'text', s.members.map((m) => m.name)],
        ['#named-table tbody tr > :first-child', 'text', s.members.map((m) => m.name)],
        ['.notes-table tbody tr > :nth-child(1)', 'text', s.gatherNotes.map((n) => n.column)],
        ['.notes-table tbody tr > :nth-child(2)', 'text', s.gatherNotes.map((n) => n.text)],
        ['.notes-table tbody tr > :nth-child(3)', 'text', s.gatherNotes.map((n) => n.author)],
        ['.insight-text', 'text', s.topInsights.map((n) => n.text)],
        ['.insight-votes', 'includes', s.topInsights.map((n) => n.column)],
        ['.action-text', 'text', s.actions.map((a) => a.text)],
        ['.action-owner', 'includes', s.actions.map((a) => a.owner)],
        ['.action-due', 'includes', s.actions.map((a) => a.due)],
        ['.checkout-member', 'text', s.checkouts.map((c) => c.member)],
        ['.checkout-text', 'text', s.checkouts.map((c) => c.text)],
        ['.trend-messages li', 'text', msg.trend.messages],
        ['#timeline-data tbody td', 'some', s.flags.filter((f) => f.kind === 'newer-kind').map((f) => f.text)],
      ];
      const fails = await page.evaluate((c) => window.__unshown(c), checks);
      assert.deepEqual(fails.filter((f) => !f.startsWith('error banner')), [], 'text not shown as sent');
      assert.equal(await page.isVisible('[role="alert"]'), false, 'the summary was accepted');
      await assertInert(page, w, 'summary', { roots: ['#app'] });
      assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violations');
      assert.deepEqual(errors, [], 'no page errors');
    } finally {
      await context.close();
    }
  });
});

/** A summary message with one string of `S` in every place the summary shows people's text. */
function crowdedSummary(S) {
  const N = S.length;
  const base = baseSummary();
  const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);
  const members = S.map((name, i) => ({
    ...base.members[i % base.members.length], key: `k${i}`, name, share: 1 / N, shareTurns: 1 / N, shareWords: 1 / N,
  }));
  const summary = {
    ...base,
    title: S[0],
    members,
    fairShare: 1 / N,
    maxShare: 1 / N,
    // The panel words the kinds it knows itself (a quiet flag names its member); a kind it
    // does not know (from a newer version) shows the summary's text as sent.
    flags: S.map((text, i) => ({ kind: i % 2 ? 'quiet' : 'newer-kind', memberKey: `k${i}`, text, offsetMs: i * 1000, clearedOffsetMs: i % 3 ? null : i * 1000 + 500 })),
    actions: S.map((text, i) => ({ text, owner: S[(i + 1) % N], due: cut(S[(i + 2) % N], 100), done: i % 2 === 0 })),
    checkouts: S.map((text, i) => ({ member: S[(i + 3) % N], text, roti: 1 + (i % 5) })),
    gatherNotes: S.map((text, i) => ({ column: cut(S[(i + 4) % N], 200), text, author: S[(i + 5) % N], votes: i % 4 })),
    topInsights: S.map((text, i) => ({ column: cut(S[(i + 6) % N], 200), text, author: null, votes: N - i })),
    // Worded by the panel from the numbers; the text is the exports' English.
    overrides: S.map((text, i) => ({ offsetMs: i * 1000, from: 1, to: 2, answered: 1, present: 4, text })),
  };
  const trend = {
    ...baseTrend(),
    points: baseTrend().points.map((p, i) => ({ ...p, title: S[(i + 7) % N] })),
    messages: S.slice(0, 100),
  };
  return summaryMessage(summary, { pseudonymise: false, namedTable: true }, trend);
}
