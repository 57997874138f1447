// The retro panel half of the hostile rendering test (issue 12), shared by
// hostileRender.test.mjs (the facilitator's panel) and hostileRenderMember.test.mjs (a
// member's panel and the live region): two files, so `--parallel` renders both in the two
// workers at once. Each snapshot carries the whole corpus at once.
import assert from 'node:assert/strict';
import { HOSTILE } from '../fixtures/hostile/index.mjs';
import { retroView } from './fixtures.mjs';
import { assertInert, pageShape, panelAssets, watch } from './hostileChecks.mjs';
import { crowdedView, unshown, whereShown } from './hostileViews.mjs';

export const TEXTS = HOSTILE.map((h) => h.text);
export const PLAIN = TEXTS.map((_, i) => `plain text ${i}`);

// In insights, decide and close each row of the facilitator's panel has a list of every note
// or member, so those phases take the corpus in three parts: the same strings, a ninth of the
// rows.
const ALL = [{ from: 0, to: TEXTS.length }];
const THIRDS = [0, 1, 2].map((k) => ({ from: Math.round((k * TEXTS.length) / 3), to: Math.round(((k + 1) * TEXTS.length) / 3) }));
export const STEPS = [
  ...[1, 2, 3, 4].map((depth) => ({ role: 'facilitator', phase: 'check-in', depth })),
  ...['gather', 'insights', 'decide', 'close', 'ended'].map((phase) => ({ role: 'facilitator', phase })),
  ...['check-in', 'gather', 'insights', 'decide', 'close', 'ended'].map((phase) => ({ role: 'member', phase })),
].flatMap((step) => (step.role === 'facilitator' && ['insights', 'decide', 'close'].includes(step.phase) ? THIRDS : ALL).map((part) => ({ ...step, ...part })));

/** Installs the view builders and checks in the page, and the corpus, once. */
export async function install(page, texts) {
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

/**
 * The retro panel, in the steps of STEPS for `role` ('facilitator' or 'member'): every place,
 * every phase, the single-valued places, and with `announcements` the live region. Fails on
 * any script run, request, CSP violation, dialog or page error; on any element or attribute a
 * plain-text render of the same snapshot does not have; and on any string not shown as sent.
 */
export async function renderRetro(suite, role, { announcements = false } = {}) {
  const panel = await suite.open({ snapshot: retroView() });
  const { page } = panel;
  const w = await watch(page, panelAssets(page));
  await install(page, TEXTS);
  for (const step of STEPS.filter((s) => s.role === role)) {
    const where = `${step.role} ${step.phase}${step.depth ? ` depth ${step.depth}` : ''}, strings ${step.from}–${step.to - 1}`;
    const r = await page.evaluate(renderStep, step);
    assert.equal(r.shape, null, `${where}: people's text changed the page's elements or attributes`);
    assert.deepEqual(r.fails, [], `${where}: text not shown as sent`);
    await assertInert(page, w, where, { roots: ['#app', '#announcer'] });
  }
  assert.deepEqual(await page.evaluate(renderScalars, role), [], `${role}: single-valued places`);
  await assertInert(page, w, `${role}: single-valued places`);
  if (announcements) {
    // Turn changes and nudges are said through the live region, as text.
    const said = await page.evaluate(renderAnnouncements);
    assert.deepEqual(said, { elements: [], unsaid: [] }, 'every name and nudge said as text, twice each (turn and nudge)');
    await assertInert(page, w, 'announcements', { roots: ['#app', '#announcer'] });
  }
  assert.deepEqual(await panel.violations(), [], 'no CSP violations');
  assert.deepEqual(panel.errors, [], 'no page errors');
  await panel.close({ discard: true }); // not pooled: it carries this test's globals and listeners
}
