import { strict as assert } from 'node:assert';
import * as v from 'valibot';
import { analyseLog } from '../../../src/domain/replica';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds, steppingClock } from '../../../src/domain/ids';
import { decide, startSession } from '../../../src/domain/retro';
import { replay } from '../../../src/domain/session';
import type { SessionEvent } from '../../../src/domain/types';
import { buildRetroView } from '../../../src/host/retroView';
import { RetroViewSchema, type Intent } from '../../../src/protocol';

function retro(names: string[]) {
  const newId = sequentialIds('t');
  const clock = steppingClock();
  const events: SessionEvent[] = startSession({
    title: 'Sprint 12',
    teamId: 'team',
    members: names,
    deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 },
    now: clock(),
    newId,
    recentPromptIds: [],
  });
  const act = (intent: Intent) => {
    const state = replay(events);
    const d = decide(state, intent, { actor: state.facilitatorId!, now: clock(), newId, gate: () => analyseLog(events).balance.gate, recentPromptIds: [] });
    if (!d.ok) throw new Error(d.error);
    events.push(...d.events);
  };
  return { events, act, state: () => replay(events) };
}

const view = (events: SessionEvent[], readOnly = false) =>
  buildRetroView(replay(events), analyseLog(events).balance, { readOnly, dismissedNudges: new Set(), suggestedNext: null });

describe('retro view model', () => {
  it('is a valid host→webview snapshot and reflects contributions and passes', () => {
    const r = retro(['Ada', 'Grace', '<img src=x onerror=alert(1)>', 'Linus']);
    const [ada, grace, hostile] = r.state().members;
    r.act({ kind: 'contribute', memberId: ada.id, text: 'Calm', pass: false });
    r.act({ kind: 'contribute', memberId: grace.id, text: '', pass: true });
    r.act({ kind: 'contribute', memberId: hostile.id, text: '<script>alert(1)</script>', pass: false });
    const out = view(r.events);
    assert.ok(v.safeParse(RetroViewSchema, out).success, 'passes the protocol schema');
    assert.equal(out.contributions.length, 3);
    assert.equal(out.contributions[1].pass, true);
    assert.equal(out.contributions[2].text, '<script>alert(1)</script>', 'text is carried as data, untouched');
    assert.equal(out.members.find((m) => m.id === ada.id)?.answeredAtDepth, true);
    const g = out.members.find((m) => m.id === grace.id);
    assert.equal(g?.answeredAtDepth, false, 'a pass is not counted as sharing, as in the gate');
    assert.equal(g?.passedAtDepth, true, 'the pass is shown as a choice');
    assert.equal(out.members.find((m) => m.name === 'Linus')?.answeredAtDepth, false);
    assert.equal(out.gate.present, 4);
    assert.equal(out.gate.reciprocated, 2, 'the pass does not count as disclosure');
    assert.equal(out.gate.passed, 1, "the gate's passes travel with it, for a member's view that lists only some members");
    assert.equal(v.parse(RetroViewSchema, out).gate.passed, 1, 'and the protocol keeps them');
    assert.ok(out.prompt && out.prompt.depth === 1);
  });

  it('a first snapshot (newestContributions) carries the newest rows and the whole retro\'s counts', () => {
    const r = retro(['Ada', 'Grace', 'Linus']);
    const members = r.state().members;
    const said: string[] = [];
    for (let i = 0; i < 33; i++) {
      const text = i % 5 === 4 ? '' : `answer ${i}`;
      r.act({ kind: 'contribute', memberId: members[i % 3].id, text, pass: text === '' });
      said.push(text);
    }
    const state = replay(r.events);
    const balance = analyseLog(r.events).balance;
    const opts = { readOnly: false, dismissedNudges: new Set<string>(), suggestedNext: null, now: 0 };
    const whole = buildRetroView(state, balance, opts);
    const first = buildRetroView(state, balance, { ...opts, newestContributions: 20 });
    assert.ok(v.safeParse(RetroViewSchema, first).success, 'passes the protocol schema');
    assert.equal(first.contributions.length, 20);
    assert.equal(first.omittedContributions, 13, '33 recorded, 20 carried');
    assert.deepEqual(first.contributions.map((c) => c.text), said.slice(-20).map((t) => (t === '' ? '' : t)), 'the newest, oldest first');
    assert.deepEqual(first.contributions, whole.contributions.slice(-20), 'each row as the whole view has it');
    assert.equal(whole.omittedContributions, undefined, 'the whole view leaves nothing out');
    const { contributions: _a, omittedContributions: _b, ...rest } = first;
    const { contributions: _c, ...wholeRest } = whole;
    assert.deepEqual(rest, wholeRest, 'members, turns, gate and balance count every contribution');
    const short = buildRetroView(state, balance, { ...opts, newestContributions: 40 });
    assert.equal(short.contributions.length, 33);
    assert.equal(short.omittedContributions, undefined, 'nothing left out when all fit');
  });

  it('marks an ended retro read-only with a reason', () => {
    const r = retro(['Ada', 'Grace']);
    r.act({ kind: 'endRetro' });
    const out = view(r.events);
    assert.equal(out.readOnly, true);
    assert.equal(out.ended, true);
    assert.match(out.readOnlyReason ?? '', /ended/);
  });

  it('hides dismissed nudges only', () => {
    const r = retro(['Ada', 'Grace', 'Linus']);
    const [ada] = r.state().members;
    for (let i = 0; i < 8; i++) r.act({ kind: 'contribute', memberId: ada.id, text: `long answer number ${i}`, pass: false });
    const balance = analyseLog(r.events).balance;
    assert.ok(balance.nudges.length > 0, 'one person talking alone raises a nudge');
    const first = balance.nudges[0].id;
    const out = buildRetroView(replay(r.events), balance, { readOnly: false, dismissedNudges: new Set([first]), suggestedNext: null });
    assert.equal(out.nudges.length, balance.nudges.length - 1);
    assert.ok(!out.nudges.some((n) => n.id === first));
    const off = buildRetroView(replay(r.events), balance, { readOnly: false, showNudges: false, dismissedNudges: new Set(), suggestedNext: null });
    assert.deepEqual(off.nudges, [], 'nudges turned off for screen-sharing');
    assert.equal(off.gate.reason, out.gate.reason, 'the gate explanation stays');
  });
});
