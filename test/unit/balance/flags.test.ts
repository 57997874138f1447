import { strict as assert } from 'node:assert';
import { BalanceEngine, computeBalance, type BalanceSnapshot } from '../../../src/domain/balance';
import { Log } from './events';

const quietRaises = (s: BalanceSnapshot, id: string): number =>
  s.flagHistory.filter((f) => f.kind === 'quiet' && f.memberId === id).length;

/** q speaks only when they fall below half of what the others have said: worst case for blinking. */
function hoveringLog(): Log {
  const others = ['a', 'b', 'c', 'd'];
  const log = new Log().members(...others, 'q');
  let q = 0;
  for (let r = 1; r <= 60; r++) {
    log.round(...others);
    if (r > 10 && q < r / 2) {
      log.say('q');
      q++;
    }
  }
  return log;
}

describe('balance engine: flags and nudges', () => {
  it('raises nothing before the minimum sample', () => {
    const log = new Log().members('a', 'b', 'c', 'd');
    for (let i = 0; i < 7; i++) log.say('a');
    let s = computeBalance(log.events);
    assert.equal(s.team.sampleReady, false);
    assert.deepEqual(s.activeFlags, []);
    log.say('a'); // 8 turns = 2 × 4 present
    s = computeBalance(log.events);
    assert.equal(s.team.sampleReady, true);
    assert.deepEqual(s.activeFlags.map((f) => [f.kind, f.memberId, f.raisedAtSeq]), [['dominant', 'a', 11]]);
    // The one who shares a lot is never named: the nudge is for the whole room.
    // Named after the event that raised it (e12, at seq 11), never after a position alone.
    assert.deepEqual(s.nudges, [{ id: 'round-robin:e12', kind: 'round-robin', memberId: null, text: 'Try a round-robin', seq: 11, at: 12000 }]);
  });

  it('flags quiet below half the median, and after a full round without a word', () => {
    const log = new Log().member('a').member('b').member('c').member('d').member('e', 'Sam');
    log.round('a', 'b', 'c', 'd').round('a', 'b', 'c', 'd').round('a', 'b');
    const s = computeBalance(log.events);
    assert.deepEqual(s.activeFlags.map((f) => [f.kind, f.memberId]), [['quiet', 'e']]);
    const seq = log.events.length - 1;
    assert.deepEqual(s.nudges, [{ id: `invite:e:${log.events[seq]!.id}`, kind: 'invite', memberId: 'e', text: 'Invite Sam — quiet so far', seq, at: (seq + 1) * 1000 }]);
    assert.equal(s.members[4].flag, 'quiet');
    assert.equal(s.suggestedNext, 'e');
  });

  it('a full round alone flags someone who never spoke, even when the median is zero', () => {
    const s = computeBalance(new Log().members('a', 'b', 'c').say('a').say('b').say('a').say('b').say('a').say('b').events,
      { lowFactor: 0 });
    assert.deepEqual(s.activeFlags.map((f) => [f.kind, f.memberId]), [['quiet', 'c']]);
  });

  it('two quiet members suggest a round-robin as well as the invitations', () => {
    const log = new Log().members('a', 'b', 'c', 'd', 'e');
    for (let i = 0; i < 4; i++) log.round('a', 'b', 'c');
    const kinds = computeBalance(log.events).nudges.map((n) => n.kind);
    assert.deepEqual(kinds, ['round-robin', 'invite', 'invite']);
  });

  it('hysteresis: a member hovering at the threshold does not blink', () => {
    const log = hoveringLog();
    const steady = computeBalance(log.events);
    assert.equal(quietRaises(steady, 'q'), 1);
    assert.equal(steady.members[4].flag, 'quiet');
    // Without hysteresis the same log blinks, which is what the setting is for.
    const blinking = computeBalance(log.events, { hysteresis: 0 });
    assert.ok(quietRaises(blinking, 'q') > 5, `${quietRaises(blinking, 'q')} raises`);
  });

  it('a quiet flag clears once the member is well inside the band', () => {
    const log = hoveringLog();
    for (let i = 0; i < 20; i++) log.say('q');
    const s = computeBalance(log.events);
    const f = s.flagHistory.find((x) => x.memberId === 'q');
    assert.ok(f && f.clearedAtSeq !== null);
    assert.equal(s.members[4].flag, null);
    assert.deepEqual(s.nudges, []);
    assert.equal(s.nudgeHistory.filter((n) => n.kind === 'invite').length, 1);
  });

  it('a dominant flag clears only below (high − hysteresis) × median', () => {
    const log = new Log().members('a', 'b', 'c');
    for (let i = 0; i < 4; i++) log.round('a', 'b', 'c');
    log.say('a').say('a').say('a'); // a 7, b 4, c 4: 7 > 1.5 × 4
    assert.equal(computeBalance(log.events).members[0].flag, 'dominant');
    log.say('b').say('c'); // median 5: 7 is back under 1.5 × 5, but not under 1.4 × 5
    assert.equal(computeBalance(log.events).members[0].flag, 'dominant');
    log.say('b'); // median 6: 7 < 1.4 × 6
    const s = computeBalance(log.events);
    assert.equal(s.members[0].flag, null);
    assert.equal(s.flagHistory.length, 1);
    assert.equal(s.flagHistory[0].clearedAtSeq, log.events.length - 1);
  });

  it('late joiners are not judged until the team has taken the sample since they arrived', () => {
    const log = new Log().members('a', 'b');
    for (let i = 0; i < 5; i++) log.round('a', 'b');
    log.member('c').round('a', 'b').round('a', 'b');
    assert.deepEqual(computeBalance(log.events).activeFlags, []); // 4 turns since c came < 2 × 3
    log.round('a', 'b');
    assert.deepEqual(computeBalance(log.events).activeFlags.map((f) => [f.kind, f.memberId]), [['quiet', 'c']]);
  });

  it('leaving clears a member\'s flags', () => {
    const log = new Log().members('a', 'b', 'c', 'd', 'e');
    for (let i = 0; i < 4; i++) log.round('a', 'b', 'c', 'd');
    assert.equal(computeBalance(log.events).activeFlags.length, 1);
    const s = computeBalance(log.presence('e', false).events);
    assert.deepEqual(s.activeFlags, []);
    assert.equal(s.flagHistory[0].clearedAtSeq, log.events.length - 1);
  });

  it('over-disclosure: hold the depth, kindly and without naming anyone', () => {
    const log = new Log().members('a', 'b', 'c').say('a').say('b', 'what I need from you', 3);
    let s = computeBalance(log.events);
    assert.deepEqual(s.activeFlags.map((f) => [f.kind, f.memberId]), [['over-disclosure', 'b']]);
    assert.deepEqual(s.nudges.map((n) => [n.kind, n.memberId, n.text]), [['hold-depth', null, 'Hold this depth for now']]);
    log.stage(2); // moving the stage does not match anyone's disclosure
    s = computeBalance(log.events);
    assert.deepEqual(s.activeFlags.map((f) => f.kind), ['over-disclosure']);
    log.say('c', 'also this', 2); // now most of the group has answered at 2: within one layer of b
    s = computeBalance(log.events);
    assert.deepEqual(s.activeFlags, []);
    assert.deepEqual(s.nudges, []);
    assert.equal(computeBalance(new Log().members('a').say('a', 'x', 4, { id: 'x' }).remove('x').events).activeFlags.length, 0);
    assert.equal(computeBalance(new Log().members('a').say('a', 'x', 2).events).activeFlags.length, 0);
  });

  it('moving deeper before the gate opened asks to slow down, until the new depth is matched', () => {
    const log = new Log().members('a', 'b', 'c').say('a').stage(2);
    assert.deepEqual(computeBalance(log.events).nudges.map((n) => n.kind), ['slow-down']);
    log.say('a', 'x', 2).say('b', 'y', 2);
    assert.deepEqual(computeBalance(log.events).nudges, []);
    const gated = new Log().members('a', 'b', 'c').round('a', 'b').stage(2);
    assert.deepEqual(computeBalance(gated.events).nudges, []);
  });

  it('shows no nudges once the retro has ended, but keeps the history', () => {
    const log = new Log().members('a', 'b', 'c', 'd');
    for (let i = 0; i < 8; i++) log.say('a');
    const s = computeBalance(log.end().events);
    assert.deepEqual(s.nudges, []);
    assert.equal(s.nudgeHistory.length, 1);
    assert.equal(s.activeFlags.length, 1);
  });

  it('nudge ids are deterministic across replays', () => {
    const log = hoveringLog();
    const e = new BalanceEngine();
    e.applyAll(log.events);
    assert.deepEqual(e.snapshot().nudgeHistory, computeBalance(log.events).nudgeHistory);
  });
});
