import { strict as assert } from 'node:assert';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { startSession } from '../../../src/domain/retro';
import { applyEvent, replay } from '../../../src/domain/session';
import { gateFromState, overrides, stageEvent, targetDepth, type GateAdvice } from '../../../src/domain/stages';
import { suggestNext, waitingAtDepth } from '../../../src/domain/turns';
import type { Depth, SessionEvent, SessionState } from '../../../src/domain/types';

function session(n = 5): SessionState {
  return replay(
    startSession({
      title: 'r',
      teamId: 't',
      members: ['Ada', 'Bo', 'Cy', 'Di', 'Ed'].slice(0, n),
      deck: defaultDeck(),
      settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
      now: 0,
      newId: sequentialIds('s'),
      recentPromptIds: [],
    }),
  );
}

let k = 0;
/** session()'s first id is the creator's seat, which facilitates. */
const FAC = 's1';
function say(s: SessionState, index: number, opts: { pass?: boolean; depth?: Depth; promptId?: string | null } = {}): SessionState {
  const e: SessionEvent = {
    id: `x${++k}`,
    at: k,
    actor: FAC,
    type: 'contribution.added',
    phase: 'check-in',
    contributionId: `c${k}`,
    memberId: s.members[index]!.id,
    promptId: opts.promptId === undefined ? s.promptId : opts.promptId,
    depth: opts.depth ?? s.depth,
    topic: 't',
    text: opts.pass ? '' : 'something',
    pass: opts.pass ?? false,
  };
  return applyEvent(s, e);
}

/** Moves the stage one layer at a time to `to`. */
function stepTo(s: SessionState, to: Depth): SessionState {
  while (s.depth < to) s = applyEvent(s, { id: `d${++k}`, at: 0, actor: FAC, type: 'stage.moved', from: s.depth, to: (s.depth + 1) as Depth, kind: 'deeper', override: false });
  return s;
}

const absent = (s: SessionState, index: number) =>
  applyEvent(s, { id: `x${++k}`, at: k, actor: FAC, type: 'member.presence', memberId: s.members[index]!.id, present: false });

describe('gateFromState', () => {
  it('is closed until strictly more than half of those present have disclosed', () => {
    let s = session(4);
    assert.equal(gateFromState(s).open, false);
    s = say(say(s, 0), 1);
    const half = gateFromState(s);
    assert.deepEqual([half.open, half.reciprocated, half.present], [false, 2, 4], 'exactly half is not enough');
    s = say(s, 2);
    assert.equal(gateFromState(s).open, true);
  });

  it('does not count a pass as disclosure, but mentions it', () => {
    let s = session(5);
    s = say(say(s, 0), 1, { pass: true });
    const g = gateFromState(s);
    assert.equal(g.reciprocated, 1);
    assert.equal(g.reason, '1 of 5 have answered at this depth (1 passed)');
  });

  it('counts only present members, and an answer at this depth or deeper', () => {
    let s = say(say(session(4), 0, { depth: 2 }), 1, { pass: true });
    s = absent(absent(s, 2), 3);
    const g = gateFromState(s);
    assert.deepEqual([g.reciprocated, g.present, g.open], [1, 2, false], 'the deeper answer counts; the pass does not');
    assert.equal(gateFromState(say(s, 1)).open, true);
    const shallow = say(stepTo(session(2), 2), 0, { depth: 1 });
    assert.equal(gateFromState(shallow).reciprocated, 0, 'an answer at a shallower depth does not count');
  });

  it('honours a custom quorum and stays closed at depth 4 or with no one present', () => {
    const s = say(session(4), 0);
    assert.equal(gateFromState(s, 0.2).open, true);
    let deep = s;
    deep = stepTo(deep, 4);
    deep = say(say(say(say(deep, 0), 1), 2), 3);
    assert.deepEqual(gateFromState(deep), { open: false, reciprocated: 4, present: 4, reason: '4 of 4 have answered at this depth' }, 'closed at the deepest layer');
    let empty = session(2);
    empty = absent(absent(empty, 0), 1);
    assert.equal(gateFromState(empty).reason, 'No one is here yet');
  });
});

describe('stageEvent', () => {
  const closed: GateAdvice = { open: false, reciprocated: 1, present: 4, reason: '' };
  const open: GateAdvice = { open: true, reciprocated: 3, present: 4, reason: '' };

  it('moves deeper with the gate open: no override', () => {
    const r = stageEvent(session(), 'deeper', open, { id: 'e1', at: 5, actor: FAC });
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.event, { type: 'stage.moved', id: 'e1', at: 5, actor: FAC, from: 1, to: 2, kind: 'deeper', override: false, gate: { reciprocated: 3, present: 4, open: true } });
  });

  it('records an override when going deeper against the gate, and keeps it in state', () => {
    const s = session();
    const r = stageEvent(s, 'deeper', closed, { id: 'e1', at: 5, actor: FAC });
    assert.ok(r.ok && r.event.override);
    const after = r.ok ? applyEvent(s, r.event) : s;
    assert.equal(overrides(after).length, 1);
    assert.deepEqual(overrides(after)[0]!.gate, { reciprocated: 1, present: 4, open: false });
  });

  it('never calls staying or stepping back an override', () => {
    let s = stepTo(session(), 2);
    const stay = stageEvent(s, 'stay', open, { id: 'e', at: 1, actor: FAC });
    const back = stageEvent(s, 'back', closed, { id: 'e', at: 1, actor: FAC });
    assert.ok(stay.ok && !stay.event.override && stay.event.to === 2);
    assert.ok(back.ok && !back.event.override && back.event.to === 1 && back.event.from === 2);
    s = stepTo(s, 4);
    assert.ok(!stageEvent(s, 'deeper', open, { id: 'e', at: 1, actor: FAC }).ok);
  });

  it('refuses to step back below layer 1 or deeper than layer 4', () => {
    const r = stageEvent(session(), 'back', open, { id: 'e', at: 1, actor: FAC });
    assert.deepEqual(r, { ok: false, error: 'Already at the first layer (1).', said: { key: 'firstLayer', depth: 1 } });
    assert.equal(targetDepth(4, 'deeper'), null);
    assert.equal(targetDepth(1, 'back'), null);
    assert.equal(targetDepth(3, 'stay'), 3);
  });
});

describe('turn order', () => {
  it('goes round the roster from the current speaker', () => {
    const s = session(4);
    assert.equal(suggestNext(s), s.members[0]!.id, 'starts at the top');
    const turn = applyEvent(s, { id: 't1', at: 0, actor: FAC, type: 'turn.started', memberId: s.members[1]!.id });
    assert.equal(suggestNext(turn), s.members[2]!.id);
    const last = applyEvent(s, { id: 't2', at: 0, actor: FAC, type: 'turn.started', memberId: s.members[3]!.id });
    assert.equal(suggestNext(last), s.members[0]!.id, 'wraps around');
  });

  it('skips people who already answered this prompt, and the absent', () => {
    let s = session(4);
    s = say(s, 1);
    s = say(s, 2, { pass: true }); // a pass is a choice: not invited again at this depth
    s = absent(s, 3);
    assert.equal(suggestNext(s), s.members[0]!.id);
    assert.deepEqual(waitingAtDepth(s), [s.members[0]!.id]);
    s = say(s, 0);
    assert.equal(suggestNext(s), s.members[1]!.id, 'those who answered come round again before whoever passed');
  });

  it('prefers people who have not spoken at this depth over those who answered an earlier prompt', () => {
    let s = session(3);
    s = say(s, 0, { promptId: 'old' });
    s = say(s, 1);
    assert.equal(suggestNext(s), s.members[2]!.id);
  });

  it('goes round again once everyone answered, never suggesting the current speaker twice', () => {
    let s = session(3);
    s = say(say(say(s, 0), 1), 2);
    assert.equal(suggestNext(s), s.members[0]!.id);
    const alone = absent(absent(session(3), 1), 2);
    const speaking = applyEvent(alone, { id: 't3', at: 0, actor: FAC, type: 'turn.started', memberId: alone.members[0]!.id });
    assert.equal(suggestNext(speaking), alone.members[0]!.id, 'only one person present');
    assert.equal(suggestNext(absent(alone, 0)), null);
  });

  it('blends in the balance ranking (quietest first) among those equally due', () => {
    let s = session(5);
    s = say(s, 0);
    const ranking = [s.members[0]!.id, s.members[4]!.id, s.members[2]!.id];
    assert.equal(suggestNext(s, ranking), s.members[4]!.id, 'quietest who has not answered');
    assert.equal(suggestNext(s, []), s.members[1]!.id, 'plain round-robin without a ranking');
  });
});
