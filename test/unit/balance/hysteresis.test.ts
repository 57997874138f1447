// The dominant and quiet rules at their thresholds, worked by hand: exact ties, the fair-share
// band, large rosters, shares over a break, and the per-event shortcut (which re-checks only
// the contributor, the dominant and the silent) at the events where it has to act. Every log
// runs through an engine with the shortcut and one without, and both must agree with the hand.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BalanceEngine, type BalanceSettings, type BalanceSnapshot } from '../../../src/domain/balance';
import type { Depth, SessionEvent } from '../../../src/domain/types';
import { Log } from './events';

const flags = (s: BalanceSnapshot): string[] => s.activeFlags.map((f) => `${f.kind}:${f.memberId}`).sort();

/** The snapshot after the log, from an engine with the shortcut and one without; they must agree. */
function after(log: Log, settings: Partial<BalanceSettings> = {}): BalanceSnapshot {
  const quick = new BalanceEngine(settings);
  const full = new BalanceEngine(settings, { shortcut: false });
  quick.applyAll(log.events);
  full.applyAll(log.events);
  const s = quick.snapshot();
  assert.deepEqual(s, full.snapshot(), 'shortcut and full check agree');
  return s;
}

describe('share flags: exact ties', () => {
  it('exactly 1.5 × the median is not dominant', () => {
    // 2 per member judges three members at 6 turns; a 3, b 2, c 2: median 2, and 3 = 1.5 × 2.
    const log = new Log().members('a', 'b', 'c').round('b', 'c', 'b', 'c', 'a', 'a', 'a');
    assert.deepEqual(flags(after(log)), []);
    log.say('a'); // 4 > 3
    assert.deepEqual(flags(after(log)), ['dominant:a']);
  });

  it('exactly 0.5 × the median is not quiet', () => {
    const log = new Log().members('a', 'b', 'c', 'd').round('a', 'b', 'c', 'd').round('a', 'b', 'c', 'd');
    log.round('b', 'c', 'd').round('b', 'c', 'd'); // a 2, b c d 4: median 4, and 2 = 0.5 × 4
    assert.deepEqual(flags(after(log)), []);
    log.say('b').say('c'); // a 2, b 5, c 5, d 4: median 4.5, 2 < 2.25
    assert.deepEqual(flags(after(log)), ['quiet:a']);
  });

  it('a quiet flag clears at exactly (0.5 + hysteresis) × the median', () => {
    const log = new Log().members('a', 'b', 'c', 'd').round('a', 'b', 'c', 'd').round('a', 'b', 'c', 'd');
    log.round('b', 'c', 'd').round('b', 'c', 'd').round('b', 'c', 'd'); // a 2, others 5: median 5, 2 < 2.5
    assert.deepEqual(flags(after(log)), ['quiet:a']);
    log.say('a'); // a 3 = 0.6 × 5: back inside the band
    const snap = after(log);
    assert.deepEqual(flags(snap), []);
    assert.equal(snap.flagHistory.find((f) => f.kind === 'quiet')?.clearedAtSeq, log.events.length - 1);
    // With more hysteresis the same 3 is still below 0.75 × 5.
    assert.deepEqual(flags(after(log, { hysteresis: 0.25 })), ['quiet:a']);
  });
});

describe('share flags: the fair-share band', () => {
  it('a dominant flag is kept down to (1 − hysteresis) of the fair share, and cleared below it', () => {
    // highFactor 1, hysteresis 0.5: raised above the median and above 1/3; kept while at least
    // half the median and half the fair share (1/6).
    const s = { highFactor: 1, hysteresis: 0.5, minTurnsPerMember: 0 };
    const log = new Log().members('a', 'b', 'c').say('a'); // median 0: a 1 > 0, share 1 > 1/3
    assert.deepEqual(flags(after(log, s)), ['dominant:a']);
    log.say('b').say('c'); // all 1: share 1/3 ≥ 1/6 and 1 ≥ 0.5: kept
    assert.deepEqual(flags(after(log, s)), ['dominant:a']);
    const log2 = new Log().members('a', 'b', 'c').say('a');
    for (let i = 0; i < 5; i++) log2.say('b'); // a 1, b 5, c 0: median 1; a's share 1/6: kept (not below)
    assert.ok(flags(after(log2, s)).includes('dominant:a'));
    log2.say('b'); // a's share 1/7 < 1/6, median still 1: cleared by the shortcut's look at the dominant
    const snap = after(log2, s);
    assert.deepEqual(flags(snap), ['dominant:b', 'quiet:c']);
    assert.equal(snap.flagHistory.find((f) => f.memberId === 'a')?.clearedAtSeq, log2.events.length - 1);
  });

  it('two dominant members both clear in one event when another member\'s turns push them out of the band', () => {
    const s = { highFactor: 1, hysteresis: 0.5, minTurnsPerMember: 0 };
    // a, then b: both dominant (median 0, then 0.5). c talks on; the median stays 1 from c's second turn.
    const log = new Log().members('a', 'b', 'c', 'd').say('a').say('b');
    assert.deepEqual(flags(after(log, s)), ['dominant:a', 'dominant:b', 'quiet:c', 'quiet:d']);
    for (let i = 0; i < 6; i++) log.say('c');
    // a and b: 1 of 8, 1/8 = half the fair share of 1/4: kept.
    assert.deepEqual(flags(after(log, s)), ['dominant:a', 'dominant:b', 'dominant:c', 'quiet:d']);
    log.say('c'); // 1 of 9 < 1/8: both go
    assert.deepEqual(flags(after(log, s)), ['dominant:c', 'quiet:d']);
  });
});

describe('share flags: rosters, drivers and breaks', () => {
  it('judges a roster larger than the engine\'s first buffers', () => {
    const ids = Array.from({ length: 21 }, (_, i) => `m${i}`);
    const log = new Log().members(...ids);
    log.say('m20'); // m20: one turn, then silent
    for (let r = 0; r < 3; r++) log.round(...ids.slice(0, 20));
    // 61 turns ≥ 2 × 21: m0..m19 3 each, m20 1: median 3, 1 < 1.5.
    const s = after(log);
    assert.deepEqual(flags(s), ['quiet:m20']);
    assert.equal(s.team.sampleReady, true);
  });

  it('with the words driver, no share flag while nobody present has said a word', () => {
    const s = { driver: 'words' as const, minTurnsPerMember: 0 };
    const log = new Log().members('a', 'b', 'c').say('a', '—').say('b', '—'); // turns, but no words
    let snap = after(log, s);
    assert.equal(snap.team.totalWords, 0);
    assert.deepEqual(flags(snap), []); // c missed a round, but there is nothing to compare yet
    log.say('a', 'one');
    snap = after(log, s);
    assert.deepEqual(flags(snap), ['dominant:a', 'quiet:c']);
  });

  it('after a break the whole team took together, shares count the turns present', () => {
    // Judged from 1 turn per member. a b c 1 each, everyone away and back, then a again:
    // a 2, b 1, c 1 over 4 turns present each: median 1, 2 > 1.5, share 2/4 > 1/3: dominant.
    const log = new Log().members('a', 'b', 'c').round('a', 'b', 'c');
    log.presence('a', false).presence('b', false).presence('c', false).presence('a', true).presence('b', true).presence('c', true);
    const s = { minTurnsPerMember: 1 };
    assert.deepEqual(flags(after(log, s)), []);
    log.say('a');
    const snap = after(log, s);
    assert.deepEqual(flags(snap), ['dominant:a']);
    assert.equal(snap.members[0].presenceWeight, 1);
  });

  it('someone away is never flagged, however much they say', () => {
    const log = new Log().members('a', 'b', 'c').round('a', 'b', 'c').presence('c', false);
    for (let i = 0; i < 4; i++) log.say('c');
    const s = after(log, { minTurnsPerMember: 1 });
    assert.deepEqual(flags(s), []);
    assert.equal(s.members[2].turns, 5);
  });

  it('a lone member back from a break has missed no round', () => {
    const log = new Log().members('a', 'b').say('a').say('a').presence('b', false).presence('a', false).presence('a', true);
    assert.deepEqual(flags(after(log, { minTurnsPerMember: 1 })), []);
  });

  it('the round closes for someone back from a break at the turn of the last one to act, shortcut or not', () => {
    // lowFactor 0: quiet only by a missed round. Five members, two rounds each (median 2), d steps out and back.
    const s = { lowFactor: 0, minTurnsPerMember: 0 };
    const log = new Log().members('a', 'b', 'c', 'd', 'e').round('a', 'b', 'c', 'd', 'e').round('a', 'b', 'c', 'd', 'e');
    log.presence('d', false).presence('d', true).say('a').say('b').say('c');
    assert.deepEqual(flags(after(log, s)), []);
    log.say('e'); // a b c e 3, d 2: the median stays 3, and everyone else has acted since d came back
    const snap = after(log, s);
    assert.deepEqual(flags(snap), ['quiet:d']);
    assert.equal(snap.activeFlags[0].raisedAtSeq, log.events.length - 1);
  });

  it('a late joiner is not judged after the order by time present is rebuilt, however much they say, until the minimum sample', () => {
    // Judged from 2 turns per member present. a, b and c take 3 rounds (9 turns), then d joins:
    // with 4 present the minimum is 8 turns, which a, b and c have and d has not. c steps out
    // and back with no turn between, so the order by time present is rebuilt; then d speaks
    // 8 times in a row. Until d's 8th turn d is not judged: no flag for anyone (a, b, c 3
    // each, median 3). At the 8th (seq 22) d is judged: rates d 8/8, a, b, c 3/17, median
    // 3/17, and 1 > 1.5 × 3/17 with a share of 8/17 > 1/4: dominant. (Only the random property
    // below, whose seed changes each run, caught an order rebuild that left everyone judged.)
    const log = new Log().members('a', 'b', 'c').round('a', 'b', 'c').round('a', 'b', 'c').round('a', 'b', 'c')
      .member('d').presence('c', false).presence('c', true);
    for (let i = 0; i < 7; i++) log.say('d');
    let snap = after(log);
    assert.deepEqual(snap.flagHistory, [], 'd not judged yet (7 turns present of 8)');
    assert.deepEqual(snap.nudgeHistory, []);
    log.say('d');
    snap = after(log);
    assert.deepEqual(snap.flagHistory.map((f) => [f.kind, f.memberId, f.raisedAtSeq, f.clearedAtSeq]), [['dominant', 'd', 22, null]]);
  });

  it('two members flagged quiet by one event are invited in join order, when time present orders them otherwise', () => {
    // Judged from 2 turns per member present. m0 steps out after 3 turns and is back before the
    // 5th; m3 joins late. At seq 14 (the 9th turn) the times present are m1 9, m2 9, m0 8, m3 5:
    // with 4 present the minimum is 8, so m0, m1 and m2 are judged (m3 is not), and by time
    // present m0 comes after m2. Amounts m0 2, m1 1, m2 3: rates 2/8, 1/9, 3/9, median 1/4.
    // m1 is below half of it (1/9 < 1/8), and the round has closed on m0 (silent since coming
    // back at seq 9, while m1, m3 and m2 acted): both are flagged quiet at seq 14, and the
    // invitations come in join order, m0 before m1 (the plain full check, not the equal-amounts one).
    const log = new Log().members('m0', 'm1', 'm2').say('m0').say('m2').say('m0').presence('m0', false).say('m2')
      .member('m3').presence('m0', true).say('m1').say('m3').say('m3').say('m3');
    const s = { minTurnsPerMember: 2 };
    assert.deepEqual(flags(after(log, s)), [], 'at seq 13 only m1 and m2 are judged: 1/8 is not below half their median 3/16');
    log.say('m2');
    const snap = after(log, s);
    assert.deepEqual(flags(snap), ['quiet:m0', 'quiet:m1']);
    assert.deepEqual(snap.nudgeHistory.map((n) => [n.kind, n.memberId, n.seq]), [
      ['invite', 'm0', 14], ['invite', 'm1', 14], ['round-robin', null, 14],
    ]);
  });
});

describe('share flags: the shortcut agrees with the full check after every event', () => {
  const step = fc.oneof(
    { weight: 12, arbitrary: fc.record({ k: fc.constant('say' as const), m: fc.nat(6), words: fc.nat(3) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('pass' as const), m: fc.nat(6) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), back: fc.nat(6) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('presence' as const), m: fc.nat(6), p: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('join' as const) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('stage' as const), d: fc.integer({ min: 1, max: 4 }) }) },
  );
  const settings = fc.record({
    driver: fc.constantFrom<'turns' | 'words'>('turns', 'words'),
    lowFactor: fc.constantFrom(0, 0.5),
    highFactor: fc.constantFrom(1, 1.5),
    minTurnsPerMember: fc.integer({ min: 0, max: 2 }),
    hysteresis: fc.constantFrom(0, 0.1, 0.5),
  });

  function toEvents(initial: number, steps: readonly (typeof step extends fc.Arbitrary<infer T> ? T : never)[]): SessionEvent[] {
    const log = new Log();
    let members = initial;
    for (let i = 0; i < members; i++) log.member(`m${i}`);
    const said: string[] = [];
    let k = 0;
    for (const o of steps) {
      if (o.k === 'say') {
        const id = `s${k++}`;
        said.push(id);
        log.say(`m${o.m}`, ['—', 'one', 'one two', 'one two three'][o.words], 1, { id });
      } else if (o.k === 'pass') log.pass(`m${o.m}`);
      else if (o.k === 'remove') log.remove(said[said.length - 1 - o.back] ?? 'none');
      else if (o.k === 'presence') log.presence(`m${o.m}`, o.p);
      else if (o.k === 'join') log.member(`m${members++}`);
      else log.stage(o.d as Depth);
    }
    return log.events;
  }

  it('flags and nudges, event by event', () => {
    const logs = fc.tuple(fc.integer({ min: 2, max: 6 }), fc.array(step, { minLength: 5, maxLength: 60 })).map(([n, s]) => toEvents(n, s));
    fc.assert(fc.property(logs, settings, (events, s) => {
      const quick = new BalanceEngine(s);
      const full = new BalanceEngine(s, { shortcut: false });
      for (let i = 0; i < events.length; i++) {
        quick.apply(events[i]);
        full.apply(events[i]);
        const a = quick.snapshot();
        const b = full.snapshot();
        assert.deepEqual(a.flagHistory, b.flagHistory, `flags after event ${i}`);
        assert.deepEqual(a.nudgeHistory, b.nudgeHistory, `nudges after event ${i}`);
      }
    }), { numRuns: 60, ...(process.env.REPLAY_SEED ? { seed: Number(process.env.REPLAY_SEED), path: process.env.REPLAY_PATH, endOnFailure: true } : {}) });
  }).timeout(30_000);
});
