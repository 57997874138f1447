// The findings of "One truth for many writers", each reproduced as it was reported. Every
// test failed on the 0.1.0 model (wall-clock merge, facts derived at apply time, rules
// only in decide, no actors, three rules for "answered") and passes on the v2 model.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { mergeLogs } from '../../../src/domain/merge';
import { analyseLog, SessionReplica } from '../../../src/domain/replica';
import { decide, startSession, type DecideContext } from '../../../src/domain/retro';
import { applyEvent, replay } from '../../../src/domain/session';
import { buildSummary } from '../../../src/domain/summary';
import type { Command } from '../../../src/domain/commands';
import type { SessionEvent } from '../../../src/domain/types';
import { buildRetroView } from '../../../src/host/retroView';

const NAMES = ['Ada', 'Bo', 'Cy', 'Di', 'Ed'];

/** A started retro and a way to decide commands as any actor, from any (stale) copy of the log. */
function retro(names = NAMES) {
  const newId = sequentialIds('f');
  const log: SessionEvent[] = startSession({
    title: 'Sprint 9',
    teamId: 'core',
    members: names,
    deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
    now: 1_000,
    newId,
    recentPromptIds: [],
  });
  const state0 = replay(log);
  const fac = state0.facilitatorId!;
  const id = (name: string): string => state0.members.find((m) => m.name === name)!.id;
  let now = 2_000;
  const ctx = (actor: string, over: Partial<DecideContext> = {}): DecideContext => ({
    actor,
    now: (now += 1_000),
    newId,
    gate: () => analyseLog(log).balance.gate,
    recentPromptIds: [],
    ...over,
  });
  /** Decides against `view` (default: the whole log so far) without appending. */
  const propose = (command: Command, actor = fac, view: readonly SessionEvent[] = log): SessionEvent[] => {
    const d = decide(replay(view), command, { ...ctx(actor), gate: () => analyseLog(view).balance.gate });
    assert.ok(d.ok, d.ok ? '' : d.error);
    return d.ok ? d.events : [];
  };
  const run = (command: Command, actor = fac): SessionEvent[] => {
    const events = propose(command, actor);
    log.push(...events);
    return events;
  };
  return { log, fac, id, run, propose, ctx };
}

describe('findings: one truth for many writers', () => {
  it('merging never resurrects deleted work, whatever the writers’ clocks', () => {
    const r = retro();
    const [added] = r.run({ kind: 'contribute', memberId: r.id('Ada'), text: 'Calm', pass: false });
    const base = [...r.log];
    // Window B's clock runs 4 s behind: its removal carries an earlier time than the add.
    const removal = { ...r.propose({ kind: 'removeContribution', contributionId: (added as { contributionId: string }).contributionId })[0]!, at: added!.at - 4_000 };
    const other = r.propose({ kind: 'contribute', memberId: r.id('Bo'), text: 'Busy', pass: false });
    const disk = [...base, removal];
    const merged = mergeLogs(disk, [...base, ...other]);
    const s = replay(merged);
    assert.deepEqual(s.contributions.map((c) => c.text), ['Busy'], 'the removed answer stays removed');
    assert.deepEqual(merged.map((e) => e.id), [...disk, ...other].map((e) => e.id), 'the persisted log keeps its order');
  });

  it('a check-in answer that lands after a concurrent phase change is still filed under the check-in', () => {
    const r = retro();
    const stale = [...r.log];
    r.run({ kind: 'setPhase', phase: 'gather', skip: false });
    // Bo answered from a copy that had not seen the phase change yet.
    const late = r.propose({ kind: 'contribute', memberId: r.id('Bo'), text: 'Fine', pass: false }, r.id('Bo'), stale);
    const s = replay([...r.log, ...late]);
    assert.equal(s.phase, 'gather');
    assert.deepEqual(s.contributions.map((c) => c.phase), ['check-in']);
  });

  it('a move records where it came from, and a late joiner is late by the event, not by replay order', () => {
    const r = retro();
    const stale = [...r.log];
    r.run({ kind: 'contribute', memberId: r.id('Ada'), text: 'Calm', pass: false });
    const joined = r.propose({ kind: 'addMember', name: 'Fay' }, r.fac, stale); // decided before any answer
    const moved = r.propose({ kind: 'stage', move: 'deeper' });
    const s = replay([...r.log, ...joined, ...moved]);
    assert.equal(s.members.find((m) => m.name === 'Fay')!.joinedLate, false, 'she was there before the first answer');
    assert.deepEqual(s.stageMoves.slice(1).map((m) => [m.from, m.to]), [[1, 2]]);
    const stale2 = replay([...r.log, ...moved.slice(0, 1), { ...moved[0]!, id: 'again' }]);
    assert.equal(stale2.depth, 2, 'a second move from a depth already left is stale and ignored');
    assert.equal(stale2.rejected.at(-1)?.reason, 'stale');
  });

  it('nudge ids do not change when a remote event is inserted earlier, and a dismissal stays', () => {
    const r = retro();
    for (let round = 0; round < 3; round++) {
      for (const n of ['Ada', 'Bo', 'Cy', 'Di']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'something to say', pass: false });
    }
    const before = analyseLog(r.log).balance.nudges;
    const invite = before.find((n) => n.kind === 'invite');
    assert.ok(invite, 'Ed is invited in');
    r.run({ kind: 'dismissNudge', nudgeId: invite.id });
    // A note from another writer arrives and is merged in before the last twelve events.
    const note = r.propose({ kind: 'addNote', memberId: r.id('Ed'), text: 'Later', column: 'Ideas' }, r.id('Ed'));
    const insertAt = r.log.length - 13;
    const merged = [...r.log.slice(0, insertAt), ...note, ...r.log.slice(insertAt)];
    const { state, balance } = analyseLog(merged);
    assert.deepEqual(balance.nudges.map((n) => n.id), before.map((n) => n.id), 'same ids after the insert shifted every position');
    const view = buildRetroView(state, balance, { readOnly: false, dismissedNudges: new Set(state.dismissedNudges), suggestedNext: null });
    assert.ok(!view.nudges.some((n) => n.id === invite.id), 'the dismissed nudge stays dismissed');
  });

  it('two concurrent vote casts never exceed the cap', () => {
    const r = retro();
    r.run({ kind: 'setPhase', phase: 'gather', skip: false });
    r.run({ kind: 'addNote', memberId: r.id('Ada'), text: 'CI', column: 'Ideas' });
    r.run({ kind: 'setPhase', phase: 'insights', skip: false });
    const noteId = replay(r.log).notes[0]!.id;
    r.run({ kind: 'vote', memberId: r.id('Bo'), noteId, retract: false });
    r.run({ kind: 'vote', memberId: r.id('Bo'), noteId, retract: false });
    const stale = [...r.log];
    // Bo votes from his own copy while the facilitator records a vote for him from hers.
    const mine = r.propose({ kind: 'vote', memberId: r.id('Bo'), noteId, retract: false }, r.id('Bo'), stale);
    const onBehalf = r.propose({ kind: 'vote', memberId: r.id('Bo'), noteId, retract: false }, r.fac, stale);
    const s = replay([...stale, ...mine, ...onBehalf]);
    assert.equal(s.votes.filter((v) => v.memberId === r.id('Bo')).length, 3);
    assert.deepEqual(s.rejected.map((x) => x.reason), ['vote-cap']);
  });

  it('two members can never both be called "Sam"', () => {
    const r = retro();
    const stale = [...r.log];
    const first = r.propose({ kind: 'addMember', name: 'Sam' }, r.fac, stale);
    const second = r.propose({ kind: 'addMember', name: ' sam ' }, r.fac, stale); // another window
    const s = replay([...stale, ...first, ...second]);
    assert.deepEqual(s.members.filter((m) => m.name.toLowerCase() === 'sam').length, 1);
    assert.equal(s.rejected[0]?.reason, 'duplicate-name');
  });

  it('a member cannot move the stage, end the retro, or answer for someone else', () => {
    const r = retro();
    const bo = r.id('Bo');
    for (const command of [{ kind: 'stage', move: 'deeper' }, { kind: 'endRetro' }, { kind: 'addMember', name: 'X' }] as const) {
      const d = decide(replay(r.log), command, r.ctx(bo));
      assert.deepEqual(d, { ok: false, error: 'Only the facilitator can do that.', said: { key: 'facilitatorOnly' } });
    }
    const forAda = decide(replay(r.log), { kind: 'contribute', memberId: r.id('Ada'), text: 'I am Ada', pass: false }, r.ctx(bo));
    assert.equal(forAda.ok, false);
    const forged: SessionEvent[] = [
      { id: 'x1', at: 1, actor: bo, type: 'stage.moved', from: 1, to: 2, kind: 'deeper', override: true },
      { id: 'x2', at: 1, actor: bo, type: 'session.ended' },
      { id: 'x3', at: 1, actor: bo, type: 'contribution.added', contributionId: 'k', memberId: r.id('Ada'), phase: 'check-in', promptId: null, depth: 4, topic: 't', text: 'I am Ada', pass: false },
      { id: 'x4', at: 1, actor: 'stranger', type: 'contribution.added', contributionId: 'k2', memberId: 'stranger', phase: 'check-in', promptId: null, depth: 1, topic: 't', text: 'hi', pass: false },
    ];
    const s = replay([...r.log, ...forged]);
    const clean = replay(r.log);
    assert.deepEqual([s.depth, s.endedAt, s.contributions.length], [clean.depth, clean.endedAt, 0]);
    assert.deepEqual(s.rejected.map((x) => x.reason), ['forbidden', 'forbidden', 'forbidden', 'forbidden']);
  });

  it('the facilitator may record for someone in the room, and it is recorded as such', () => {
    const r = retro();
    r.run({ kind: 'contribute', memberId: r.id('Ada'), text: 'Calm', pass: false });
    r.run({ kind: 'contribute', memberId: r.id('Bo'), text: 'Mine', pass: false }, r.id('Bo'));
    const [ada, bo] = replay(r.log).contributions;
    assert.equal(ada!.recordedBy, r.fac);
    assert.equal(bo!.recordedBy, undefined);
  });

  it('the turn timer is one machine’s: the decider times the turn, whatever a client sends', () => {
    const r = retro();
    r.run({ kind: 'startTurn', memberId: r.id('Ada') }); // at t
    // A client whose clock is far ahead sends its own idea of the seconds.
    const [added] = r.run({ kind: 'contribute', memberId: r.id('Ada'), text: 'Calm', pass: false, seconds: 7_200 });
    assert.equal((added as { seconds?: number }).seconds, 1, 'one second on the decider’s clock');
  });

  it('one rule for "answered": after Go deeper, an override and Step back, every count agrees', () => {
    const r = retro();
    for (const n of ['Ada', 'Bo', 'Cy']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'fine', pass: false });
    r.run({ kind: 'stage', move: 'deeper' }); // gate open: 3 of 5
    r.run({ kind: 'contribute', memberId: r.id('Ada'), text: 'surprised', pass: false });
    r.run({ kind: 'contribute', memberId: r.id('Di'), text: '', pass: true });
    const override = r.run({ kind: 'stage', move: 'deeper' })[0] as { override: boolean };
    assert.equal(override.override, true);
    r.run({ kind: 'contribute', memberId: r.id('Bo'), text: 'stuck for days', pass: false });
    r.run({ kind: 'stage', move: 'back' });
    const { state, balance } = analyseLog(r.log);
    const view = buildRetroView(state, balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null });
    const ticks = view.members.filter((m) => m.present && m.answeredAtDepth).map((m) => m.name);
    assert.equal(state.depth, 2);
    assert.deepEqual(ticks, ['Ada', 'Bo'], 'Ada answered at 2, Bo deeper; Di only passed');
    assert.equal(view.gate.reciprocated, ticks.length);
    assert.equal(view.gate.reason, '2 of 5 have answered at this depth (1 passed)');
    assert.deepEqual(view.members.filter((m) => m.passedAtDepth).map((m) => m.name), ['Di']);
    const summary = buildSummary(r.log);
    assert.equal(summary.layers[1]!.matched, ticks.length, 'the summary counts layer 2 the same way');
    assert.equal(summary.layers[0]!.matched, 3);
  });

  it('the gate is closed at the deepest layer', () => {
    const r = retro(['Ada', 'Bo']);
    for (let d = 1; d < 4; d++) {
      for (const n of ['Ada', 'Bo']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'yes', pass: false });
      r.run({ kind: 'stage', move: 'deeper' });
    }
    for (const n of ['Ada', 'Bo']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'yes', pass: false });
    const gate = analyseLog(r.log).balance.gate;
    assert.deepEqual([gate.open, gate.reciprocated, gate.present], [false, 2, 2]);
  });

  it('the over-disclosure guard fires when someone goes two layers past what the group matched, after an override', () => {
    const r = retro();
    for (const n of ['Ada', 'Bo', 'Cy']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'fine', pass: false });
    r.run({ kind: 'stage', move: 'deeper' });
    r.run({ kind: 'contribute', memberId: r.id('Ada'), text: 'surprised', pass: false });
    r.run({ kind: 'stage', move: 'deeper' }); // override: only 1 of 5 answered at 2
    r.run({ kind: 'contribute', memberId: r.id('Bo'), text: 'I felt stuck and alone', pass: false }); // at 3, matched is 1
    let b = analyseLog(r.log).balance;
    assert.deepEqual(b.activeFlags.map((f) => [f.kind, f.memberId]), [['over-disclosure', r.id('Bo')]]);
    assert.ok(b.nudges.some((n) => n.kind === 'hold-depth'));
    for (const n of ['Cy', 'Di']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'me too', pass: false }); // now 2 is matched
    b = analyseLog(r.log).balance;
    assert.deepEqual(b.activeFlags.filter((f) => f.kind === 'over-disclosure'), []);
  });

  it('a pass is neutral: not invited again at that depth, and the summary agrees with itself', () => {
    const r = retro();
    for (let round = 0; round < 3; round++) {
      for (const n of ['Ada', 'Bo', 'Cy', 'Di']) r.run({ kind: 'contribute', memberId: r.id(n), text: 'something', pass: false });
    }
    assert.ok(analyseLog(r.log).balance.nudges.some((n) => n.kind === 'invite' && n.memberId === r.id('Ed')));
    r.run({ kind: 'contribute', memberId: r.id('Ed'), text: '', pass: true });
    const { state, balance } = analyseLog(r.log);
    assert.ok(!balance.nudges.some((n) => n.kind === 'invite' && n.memberId === r.id('Ed')), 'no invite right after a pass');
    assert.notEqual(balance.suggestedNext, r.id('Ed'));
    const view = buildRetroView(state, balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null });
    assert.equal(view.members.find((m) => m.name === 'Ed')!.flag, null, 'not shown as "quiet so far" either');
    r.run({ kind: 'setPresence', memberId: r.id('Ed'), present: false });
    const summary = buildSummary(r.log);
    const layerPasses = summary.layers.reduce((n, l) => n + l.passes, 0);
    assert.equal(summary.totalPasses, 1);
    assert.equal(layerPasses, summary.totalPasses, 'the figure, the layer table and the sentence count the same passes');
  });

  it('src/domain imports nothing outside itself', () => {
    const root = resolve(__dirname, '../../../src/domain');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          for (const [, fromSpec, callSpec] of readFileSync(p, 'utf8').matchAll(/^(?:import|export)\b[^;]*?from\s*'([^']+)'|\b(?:import|require)\s*\(\s*'([^']+)'/gm)) {
            const spec = fromSpec ?? callSpec;
            const target = spec!.startsWith('.') ? resolve(dirname(p), spec!) : spec!;
            const inside = spec!.startsWith('.') && !relative(root, target).startsWith('..');
            const allowed = inside || ['valibot', 'markdown-escape'].includes(spec!);
            if (!allowed) offenders.push(`${relative(root, p)} imports ${spec}`);
          }
        }
      }
    };
    walk(root);
    assert.deepEqual(offenders, []);
  });

  it('replicas that apply the same merged order agree, including the balance', () => {
    const r = retro();
    for (const n of NAMES) r.run({ kind: 'contribute', memberId: r.id(n), text: `${n} here`, pass: n === 'Cy' });
    const a = new SessionReplica();
    for (const e of r.log) a.apply(e);
    const b = new SessionReplica(r.log);
    assert.deepEqual(a.state, b.state);
    assert.deepEqual(a.balance, b.balance);
    assert.deepEqual(applyEvent(a.state, r.log[0]!), a.state, 'a duplicate changes nothing');
  });
});
