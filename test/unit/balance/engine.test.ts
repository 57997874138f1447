import { strict as assert } from 'node:assert';
import { BalanceEngine, computeBalance, type MemberBalance } from '../../../src/domain/balance';
import { Log } from './events';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);
const byId = (members: MemberBalance[], id: string): MemberBalance => {
  const m = members.find((x) => x.memberId === id);
  assert.ok(m, id);
  return m;
};

describe('balance engine: measures', () => {
  it('all silent: zeros, perfect evenness, no flags, gate closed', () => {
    const s = computeBalance(new Log().members('a', 'b', 'c').events);
    assert.deepEqual(s.members.map((m) => [m.turns, m.share, m.flag, m.deepest]), [[0, 0, null, 0], [0, 0, null, 0], [0, 0, null, 0]]);
    assert.equal(s.team.gini, 0);
    assert.equal(s.team.evenness, 1);
    assert.equal(s.team.maxShare, 0);
    close(s.team.fairShare, 1 / 3);
    assert.equal(s.team.sampleReady, false);
    assert.deepEqual(s.gate, { open: false, reciprocated: 0, present: 3, reason: '0 of 3 have answered at this depth' });
    assert.deepEqual(s.suggestedOrder, ['a', 'b', 'c']);
    assert.equal(s.suggestedNext, 'a');
    assert.deepEqual(s.layers.map((l) => [l.reached, l.deepestDisclosure, l.matched]), [[true, 0, 0], [false, 0, 0], [false, 0, 0], [false, 0, 0]]);
    assert.deepEqual(s.nudges, []);
  });

  it('a single member: everything is theirs, nothing is uneven', () => {
    const s = computeBalance(new Log().member('a', 'Ada').say('a', 'one two').say('a', 'three').say('a', 'four five six').events);
    const a = byId(s.members, 'a');
    assert.deepEqual([a.name, a.turns, a.words, a.shareTurns, a.shareWords, a.flag], ['Ada', 3, 6, 1, 1, null]);
    assert.deepEqual([s.team.gini, s.team.evenness, s.team.maxShare, s.team.fairShare, s.team.sampleReady], [0, 1, 1, 1, true]);
    assert.deepEqual(s.gate, { open: true, reciprocated: 1, present: 1, reason: '1 of 1 have answered at this depth' });
  });

  it('ties: shares, Gini, entropy and the largest share by hand', () => {
    const s = computeBalance(new Log().members('a', 'b', 'c', 'd').round('a', 'b', 'c').round('a', 'b').events);
    assert.deepEqual(s.members.map((m) => m.turns), [2, 2, 1, 0]);
    assert.deepEqual(s.members.map((m) => m.shareTurns), [0.4, 0.4, 0.2, 0]);
    close(s.team.gini, 14 / 40); // Σ|xi−xj| = 14 over 2·4·5
    close(s.team.evenness, -(2 * 0.4 * Math.log(0.4) + 0.2 * Math.log(0.2)) / Math.log(4));
    assert.equal(s.team.maxShare, 0.4);
    close(s.team.medianShare, 0.3);
    assert.equal(s.team.sampleReady, false); // 5 turns < 2 × 4
    assert.deepEqual(s.suggestedOrder, ['d', 'c', 'a', 'b']);
  });

  it('counts words, seconds, passes and the depth of each disclosure', () => {
    const s = computeBalance(
      new Log().members('a', 'b').say('a', "I felt stuck, didn't ask", 3, { seconds: 30 }).pass('a', 2)
        .say('b', 'ok', 1, { seconds: 5 }).say('b', 'the 3.5 release', 2).events,
    );
    const a = byId(s.members, 'a');
    assert.deepEqual([a.turns, a.words, a.seconds, a.passes, a.disclosures, a.deepest], [1, 5, 30, 1, [0, 0, 1, 0], 3]);
    const b = byId(s.members, 'b');
    assert.deepEqual([b.turns, b.words, b.seconds, b.passes, b.disclosures, b.deepest], [2, 4, 5, 0, [1, 1, 0, 0], 2]);
    assert.deepEqual([s.team.totalTurns, s.team.totalWords, s.team.totalSeconds, s.team.totalPasses], [3, 9, 35, 1]);
    assert.equal(s.layers[0].contributions, 4);
    assert.equal(s.layers[0].passes, 1);
  });

  it('turns since last spoke count standing turns by others', () => {
    const s = computeBalance(new Log().members('a', 'b', 'c').say('a').say('b').say('b').events);
    assert.deepEqual(s.members.map((m) => m.turnsSinceLastSpoke), [2, 0, 3]);
  });

  it('a removed contribution is taken back from every measure', () => {
    const log = new Log().members('a', 'b').say('a', 'x y', 2, { id: 'ca', seconds: 4 }).say('b', 'y', 1, { id: 'cb' })
      .say('a', 'z', 3, { id: 'cz' });
    const before = computeBalance(log.events);
    assert.equal(byId(before.members, 'a').turnsSinceLastSpoke, 0);
    log.remove('cz');
    let s = computeBalance(log.events);
    let a = byId(s.members, 'a');
    assert.deepEqual([a.turns, a.words, a.deepest, a.turnsSinceLastSpoke], [1, 2, 2, 1]);
    log.remove('ca').remove('ca').remove('nope');
    s = computeBalance(log.events);
    a = byId(s.members, 'a');
    assert.deepEqual([a.turns, a.words, a.seconds, a.deepest, a.disclosures, a.turnsSinceLastSpoke], [0, 0, 0, 0, [0, 0, 0, 0], 1]);
    assert.deepEqual([s.team.totalTurns, s.layers[0].contributions], [1, 1]);
  });

  it('absent members are not counted', () => {
    const log = new Log().members('a', 'b', 'c').round('a', 'b').say('a').say('a').presence('c', false);
    let s = computeBalance(log.events);
    assert.deepEqual([s.team.presentCount, s.team.totalTurns, s.team.fairShare], [2, 4, 0.5]);
    assert.deepEqual(s.members.map((m) => [m.present, m.share]), [[true, 0.75], [true, 0.25], [false, 0]]);
    close(s.team.gini, 0.25); // [3, 1]: 2·2 / (2·2·4)
    assert.deepEqual(s.suggestedOrder, ['b', 'a']);
    s = computeBalance(log.presence('a', false).events);
    assert.deepEqual([s.team.presentCount, s.team.totalTurns, s.members[0].turns], [1, 1, 3]);
  });

  it('late joiners are judged over the turns taken while they were present', () => {
    const log = new Log().members('a', 'b');
    for (let i = 0; i < 4; i++) log.round('a', 'b');
    log.member('c').round('a', 'b', 'c');
    const s = computeBalance(log.events);
    const c = byId(s.members, 'c');
    assert.equal(c.joinedLate, true);
    assert.equal(byId(s.members, 'a').joinedLate, false);
    close(c.share, 1 / 11);
    close(c.presenceWeight, 3 / 11);
    close(c.adjustedShare, 1 / 3); // one of the three turns taken since arriving
    close(byId(s.members, 'a').adjustedShare, 5 / 11);
    assert.equal(c.turnsSinceLastSpoke, 0);
  });

  it('layers: how deep each stage went, and who answered at it by the same rule as the gate', () => {
    const log = new Log().members('a', 'b', 'c', 'd', 'e').say('a').say('b');
    assert.equal(computeBalance(log.events).gate.reason, '2 of 5 have answered at this depth');
    log.say('c');
    assert.equal(computeBalance(log.events).gate.open, true);
    log.stage(2).say('a', 'hm', 2).say('e', 'deep', 4);
    const s = computeBalance(log.events);
    assert.deepEqual(s.gate, { open: false, reciprocated: 2, present: 5, reason: '2 of 5 have answered at this depth' });
    assert.deepEqual(s.layers[0], {
      depth: 1, reached: true, deepestDisclosure: 1, matched: 4, present: 5, reciprocated: true, contributions: 3, passes: 0,
    });
    assert.deepEqual(s.layers[1], {
      depth: 2, reached: true, deepestDisclosure: 4, matched: 2, present: 5, reciprocated: false, contributions: 2, passes: 0,
    });
    assert.equal(s.layers[1].matched, s.gate.reciprocated, 'the layer table and the gate count the same people');
    assert.equal(s.depth, 2);
  });

  it('quietest first: not yet answered, then answered, and whoever passed last', () => {
    const s = computeBalance(new Log().members('a', 'b', 'c').say('a').pass('b').events);
    assert.deepEqual(s.suggestedOrder, ['c', 'a', 'b']);
  });

  it('agrees with the session reducer on duplicates, unknown members and renames', () => {
    const s = computeBalance(
      new Log().member('a', 'Ann').member('a', 'Other').say('a', 'x', 1, { id: 'same' }).say('a', 'x', 1, { id: 'same' })
        .say('ghost').rename('a', 'Annie').events,
    );
    assert.equal(s.members.length, 1);
    assert.deepEqual([s.members[0].name, s.members[0].turns], ['Annie', 1]);
  });

  it('snapshot() does not disturb the engine, and applyAll equals apply one by one', () => {
    const log = new Log().members('a', 'b', 'c').round('a', 'b', 'c').say('a').say('a').say('a').say('a');
    const e = new BalanceEngine();
    for (const ev of log.events) {
      e.apply(ev);
      e.snapshot();
    }
    assert.deepEqual(e.snapshot(), computeBalance(log.events));
    assert.equal(e.seq, log.events.length);
  });
});
