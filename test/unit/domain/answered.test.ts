// The one rule for "answered at this depth" and the gate built on it, function by function
// (answered.ts), plus the stage-move refusals. Expected values follow docs/answered.md:
// answered at D ⇔ a disclosure at D or deeper; a pass never answers.
import { strict as assert } from 'node:assert';
import { deepestAnswer, gateAdvice, hasAnsweredAt, hasPassedAt, reciprocated, tallyByMember } from '../../../src/domain/answered';
import { emptyState } from '../../../src/domain/session';
import { gateFromState, stageEvent } from '../../../src/domain/stages';
import type { Contribution, Depth, SessionState } from '../../../src/domain/types';

describe('answered: the rule', () => {
  it('a disclosure at D or deeper answers D; shallower does not', () => {
    const atThree = [0, 0, 1, 0];
    assert.deepEqual([1, 2, 3, 4].map((d) => hasAnsweredAt(atThree, d)), [true, true, true, false]);
    const atOne = [2, 0, 0, 0];
    assert.deepEqual([1, 2, 3, 4].map((d) => hasAnsweredAt(atOne, d)), [true, false, false, false]);
    const atFour = [0, 0, 0, 1];
    assert.deepEqual([1, 2, 3, 4].map((d) => hasAnsweredAt(atFour, d)), [true, true, true, true]);
    assert.deepEqual([1, 2, 3, 4].map((d) => hasAnsweredAt([0, 0, 0, 0], d)), [false, false, false, false]);
    // Depths outside 1..4: below 1 reads as 1; past 4 nothing is deeper.
    assert.equal(hasAnsweredAt(atFour, 0), true);
    assert.equal(hasAnsweredAt(atOne, 0), true);
    assert.equal(hasAnsweredAt(atFour, 5), false);
    // Short or sparse counts read as zeros.
    assert.equal(hasAnsweredAt([1], 2), false);
    assert.equal(hasAnsweredAt([0, 1], 2), true);
  });

  it('the deepest answer is the largest D answered', () => {
    for (const counts of [[0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [3, 0, 1, 0], [0, 0, 0, 2], [1, 1, 1, 1], [1], []]) {
      let deepest = 0;
      for (let d = 1; d <= 4; d++) if (hasAnsweredAt(counts, d)) deepest = d;
      assert.equal(deepestAnswer(counts), deepest, JSON.stringify(counts));
    }
    assert.equal(deepestAnswer([0, 5, 0, 0]), 2);
  });

  it('passed: a pass at this very depth, and no answer at it', () => {
    assert.equal(hasPassedAt([0, 0, 0, 0], [0, 1, 0, 0], 2), true);
    assert.equal(hasPassedAt([0, 0, 0, 0], [0, 1, 0, 0], 1), false, 'a pass at 2 is not a pass at 1');
    assert.equal(hasPassedAt([0, 0, 0, 0], [0, 1, 0, 0], 3), false);
    assert.equal(hasPassedAt([0, 0, 1, 0], [0, 1, 0, 0], 2), false, 'answered deeper: answered, not passed');
    assert.equal(hasPassedAt([1, 0, 0, 0], [0, 1, 0, 0], 2), true, 'an answer shallower does not undo the pass');
  });

  it('reciprocated: strictly more than the quorum of those present, and never with nobody present', () => {
    assert.equal(reciprocated(2, 4, 0.5), false);
    assert.equal(reciprocated(3, 4, 0.5), true);
    assert.equal(reciprocated(1, 4, 0.2), true);
    assert.equal(reciprocated(0, 4, 0), false);
    assert.equal(reciprocated(1, 4, 0), true);
    assert.equal(reciprocated(4, 4, 1), false);
    assert.equal(reciprocated(1, 0, 0.5), false);
    assert.equal(reciprocated(0, 0, 0), false);
  });
});

describe('answered: the gate advice', () => {
  it('states the count, mentions passes, and opens only before the deepest layer', () => {
    assert.deepEqual(gateAdvice(1, 3, 4, 0, 0.5), { open: true, reciprocated: 3, present: 4, reason: '3 of 4 have answered at this depth' });
    assert.deepEqual(gateAdvice(2, 2, 4, 1, 0.5), { open: false, reciprocated: 2, present: 4, reason: '2 of 4 have answered at this depth (1 passed)' });
    assert.deepEqual(gateAdvice(3, 4, 4, 0, 0.5), { open: true, reciprocated: 4, present: 4, reason: '4 of 4 have answered at this depth' });
    assert.deepEqual(gateAdvice(4, 4, 4, 2, 0.5), { open: false, reciprocated: 4, present: 4, reason: '4 of 4 have answered at this depth (2 passed)' });
    assert.deepEqual(gateAdvice(1, 0, 0, 0, 0), { open: false, reciprocated: 0, present: 0, reason: 'No one is here yet' });
  });
});

describe('answered: tallies per member', () => {
  it('counts disclosures and passes per depth, and skips depths outside 1..4', () => {
    const c = (memberId: string, depth: number, pass = false) => ({ memberId, depth, pass });
    const t = tallyByMember([c('a', 1), c('a', 1), c('a', 3), c('a', 2, true), c('b', 4, true), c('b', 0), c('b', 5), c('c', 7)]);
    assert.deepEqual(t.get('a'), { disclosures: [2, 0, 1, 0], passes: [0, 1, 0, 0] });
    assert.deepEqual(t.get('b'), { disclosures: [0, 0, 0, 0], passes: [0, 0, 0, 1] });
    assert.deepEqual(t.get('c'), { disclosures: [0, 0, 0, 0], passes: [0, 0, 0, 0] });
    assert.deepEqual([...t.keys()], ['a', 'b', 'c']);
    assert.equal(tallyByMember([]).size, 0);
  });
});

describe('stages: reading the gate from a state, and refusing moves', () => {
  const member = (id: string, present = true) => ({ id, name: id, present, joinedLate: false, joinedAtSeq: 0 });
  const said = (memberId: string, depth: number, pass = false): Contribution =>
    ({ id: `${memberId}${depth}${pass}`, memberId, promptId: null, phase: 'check-in', depth: depth as Depth, topic: 't', text: 'x', words: 1, pass, at: 0, seq: 0 });
  const at = (depth: Depth, contributions: Contribution[], members = [member('a'), member('b'), member('c'), member('d')]): SessionState =>
    ({ ...emptyState(), id: 's', depth, members, contributions });

  it('counts as passed only who passed at this depth without answering', () => {
    // At depth 2: a answered at 1 only (neither), b passed at 2, c answered at 3 and passed at 2 (answered), d silent.
    const s = at(2, [said('a', 1), said('b', 2, true), said('c', 3), said('c', 2, true)]);
    assert.deepEqual(gateFromState(s), { open: false, reciprocated: 1, present: 4, reason: '1 of 4 have answered at this depth (1 passed)' });
  });

  it('leaves out whoever is away, their answers and passes too', () => {
    const s = at(1, [said('a', 1), said('b', 1), said('c', 1, true)], [member('a'), member('b', false), member('c', false), member('d')]);
    assert.deepEqual(gateFromState(s), { open: false, reciprocated: 1, present: 2, reason: '1 of 2 have answered at this depth' });
    assert.equal(gateFromState(s, 0.4).open, true);
  });

  it('no deeper than 4, no further back than 1', () => {
    const advice = { open: true, reciprocated: 4, present: 4, reason: '' };
    const base = { id: 'e', at: 1, actor: 'f' };
    assert.deepEqual(stageEvent(at(4, []), 'deeper', advice, base), { ok: false, error: 'Already at the deepest layer (4).', said: { key: 'deepestLayer', depth: 4 } });
    assert.deepEqual(stageEvent(at(1, []), 'back', advice, base), { ok: false, error: 'Already at the first layer (1).', said: { key: 'firstLayer', depth: 1 } });
    const stay = stageEvent(at(4, []), 'stay', { ...advice, open: false }, base);
    assert.ok(stay.ok && stay.event.to === 4 && !stay.event.override);
  });
});
