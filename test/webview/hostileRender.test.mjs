// Issue 12: the hostile-string corpus (test/fixtures/hostile) as people's text arriving from
// the host, rendered in every place the panels show it: names (roster, "Give turn to",
// nudges, who is speaking, presence), the title, contributions, notes, columns, actions and
// due dates, check-outs, team mode's waiting and held lists, in every phase and for both the
// facilitator and a member; and the participation summary. Each snapshot carries the whole
// corpus at once. It fails on any script run (each payload calls window.__pwned), request,
// CSP violation, dialog or page error; on any element or attribute a plain-text render of the
// same snapshot does not have; and on any string not shown exactly as sent.
import assert from 'node:assert/strict';
import { HOSTILE } from '../fixtures/hostile/index.mjs';
import { retroView } from './fixtures.mjs';
import { panelSuite } from './helpers.mjs';
import { assertInert, pageShape, panelAssets, watch } from './hostileChecks.mjs';
import { crowdedView, unshown, whereShown } from './hostileViews.mjs';
import { baseSummary, baseTrend, summaryMessage } from './summary/fixtures.mjs';
import { buildBundle, open as openSummary } from './summary/harness.mjs';

const TEXTS = HOSTILE.map((h) => h.text);
const PLAIN = TEXTS.map((_, i) => `plain text ${i}`);

// In insights, decide and close each row of the facilitator's panel has a list of every note
// or member, so those phases take the corpus in three parts: the same strings, a ninth of the
// rows.
const ALL = [{ from: 0, to: TEXTS.length }];
const THIRDS = [0, 1, 2].map((k) => ({ from: Math.round((k * TEXTS.length) / 3), to: Math.round(((k + 1) * TEXTS.length) / 3) }));
const STEPS = [
  ...[1, 2, 3, 4].map((depth) => ({ role: 'facilitator', phase: 'check-in', depth })),
  ...['gather', 'insights', 'decide', 'close', 'ended'].map((phase) => ({ role: 'facilitator', phase })),
  ...['check-in', 'gather', 'insights', 'decide', 'close', 'ended'].map((phase) => ({ role: 'member', phase })),
].flatMap((step) => (step.role === 'facilitator' && ['insights', 'decide', 'close'].includes(step.phase) ? THIRDS : ALL).map((part) => ({ ...step, ...part })));

/** Installs the view builders and checks in the page, and the corpus, once. */
async function install(page, texts) {
  const fns = { crowdedView, whereShown, unshown, pageShape };
  await page.evaluate(Object.entries(fns).map(([name, fn]) => `window.__${name} = ${fn.toString()};`).join('\n'));
  await page.evaluate(([t, p]) => {
    window.__S = t;
    window.__P = p;
  }, [texts, PLAIN]);
}

/**
 * Runs in the page: renders the plain and then the hostile crowded view for `step`; returns
 * where their shapes first differ and what the hostile render does not show as sent.
 */
function renderStep(step) {
  const push = (view) => window.__push({ type: 'snapshot', view });
  const firstDiff = (a, b) => {
    const i = a.findIndex((x, k) => x !== b[k]);
    return i < 0 && a.length === b.length ? null : `element ${i < 0 ? a.length : i}: ${a[i] ?? '(end)'} vs plain ${b[i < 0 ? a.length : i] ?? '(end)'}`;
  };
  push(window.__crowdedView(window.__P.slice(step.from, step.to), step));
  const plain = window.__pageShape(['#app', '#announcer']);
  const view = window.__crowdedView(window.__S.slice(step.from, step.to), step);
  push(view);
  return { shape: firstDiff(window.__pageShape(['#app', '#announcer']), plain), fails: window.__unshown(window.__whereShown(view)) };
}

/**
 * Runs in the page: one snapshot per string with that string in every single-valued place
 * (title, deck, prompt and topic, the gate's reason, the last override, the read-only reason,
 * the team problem and join code), for `role`. Returns the failures.
 */
function renderScalars(role) {
  const push = (view) => window.__push({ type: 'snapshot', view });
  const small = window.__P.slice(0, 12);
  const withText = (s) => {
    const v = window.__crowdedView(small, { role, phase: 'check-in', depth: 2 });
    Object.assign(v, { title: s, deckName: s, readOnly: true, readOnlyReason: s });
    Object.assign(v.prompt, { text: s, topic: s });
    v.gate.reason = s;
    v.overrides[0].text = s;
    v.team.problem = s;
    if (role === 'facilitator') v.team.joinCode = s;
    return v;
  };
  push(withText('plain'));
  const plain = window.__pageShape(['#app']).join('\n');
  const fails = [];
  for (const [i, s] of window.__S.entries()) {
    const v = withText(s);
    push(v);
    if (window.__pageShape(['#app']).join('\n') !== plain) fails.push(`string ${i}: the page's shape differs from a plain render`);
    const checks = window.__whereShown(v).filter(([sel]) => ['#retro-title', '.deck', '#prompt-text', '.prompt-meta', '#gate-text', '#override-done', '.banner.team > p:nth-of-type(2)', '#join-code'].includes(sel));
    checks.push(['.banner.info p', 'includes', [s]]);
    fails.push(...window.__unshown(checks).map((f) => `string ${i}: ${f}`));
  }
  return fails;
}

/**
 * Runs in the page: one snapshot per string that gives the turn to a member of that name and
 * brings a nudge of that text, all before the next frame, so the live region (#announcer)
 * says every one of them at once. Returns the strings it does not say, and any element in it.
 */
async function renderAnnouncements() {
  const base = window.__crowdedView(window.__P.slice(0, 12), { role: 'facilitator', phase: 'check-in', depth: 2 });
  window.__push({ type: 'snapshot', view: base });
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  for (const [i, s] of window.__S.entries()) {
    const v = structuredClone(base);
    const m = v.members[2 + (i % 2)];
    m.name = s;
    v.turn.memberId = m.id;
    v.nudges = [...v.nudges, { id: `nudge-said-${i}`, kind: 'note', text: s }];
    window.__push({ type: 'snapshot', view: v });
  }
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const said = document.getElementById('announcer');
  const text = said.textContent;
  return {
    elements: [...said.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    unsaid: window.__S.map((s, i) => [i, text.split(s).length - 1]).filter(([, n]) => n < 2).map(([i]) => i),
  };
}

describe('hostile text rendered in the panels (issue 12)', function () {
  this.timeout(120_000);
  const suite = panelSuite();

  it('retro panel: the corpus in every place, every phase, both roles, shows as sent and stays inert', async function () {
    const panel = await suite.open({ snapshot: retroView() });
    const { page } = panel;
    const w = await watch(page, panelAssets(page));
    await install(page, TEXTS);
    for (const step of STEPS) {
      const where = `${step.role} ${step.phase}${step.depth ? ` depth ${step.depth}` : ''}, strings ${step.from}–${step.to - 1}`;
      const r = await page.evaluate(renderStep, step);
      assert.equal(r.shape, null, `${where}: people's text changed the page's elements or attributes`);
      assert.deepEqual(r.fails, [], `${where}: text not shown as sent`);
      await assertInert(page, w, where, { roots: ['#app', '#announcer'] });
    }
    for (const role of ['facilitator', 'member']) {
      assert.deepEqual(await page.evaluate(renderScalars, role), [], `${role}: single-valued places`);
      await assertInert(page, w, `${role}: single-valued places`);
    }
    // Turn changes and nudges are said through the live region, as text.
    const said = await page.evaluate(renderAnnouncements);
    assert.deepEqual(said, { elements: [], unsaid: [] }, 'every name and nudge said as text, twice each (turn and nudge)');
    await assertInert(page, w, 'announcements', { roots: ['#app', '#announcer'] });
    assert.deepEqual(await panel.violations(), [], 'no CSP violations');
    assert.deepEqual(panel.errors, [], 'no page errors');
    await panel.close({ discard: true }); // not pooled: it carries this test's globals and listeners
  });

  it('summary panel: the corpus in names, notes, insights, overrides, flags, actions, check-outs and trends shows as sent and stays inert', async function () {
    await buildBundle();
    const { page, context, errors } = await openSummary();
    try {
      const w = await watch(page, (url) => url.startsWith('https://summary.test/'));
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
