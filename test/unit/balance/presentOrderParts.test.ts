// The parts of presentOrder.ts one at a time, on a core built by hand (the handlers' own
// addMember, flags.ts's raise and clear), each against a plain scan written here. The
// property test in presentOrder.test.ts drives them through the engine, where random small
// sessions rarely have more than two dominant members at once or a long line of acts.
import { strict as assert } from 'node:assert';
import { BalanceEngine } from '../../../src/domain/balance';
import { clear, raise } from '../../../src/domain/balance/flags';
import { leastDominant, roundMissedBy } from '../../../src/domain/balance/presentOrder';
import type { BalanceCore, MemberState } from '../../../src/domain/balance/state';
import { Log } from './events';
import { core, lcg } from './handBuilt';


describe('presentOrder: the least dominant amount (a heap settled lazily)', () => {
  /** The least amount among members whose dominant flag stands, by a scan of the roster; null when none. */
  const leastByScan = (members: readonly MemberState[], amount: (m: MemberState) => number): number | null => {
    let least: number | null = null;
    for (const m of members) if (m.dominant !== null && (least === null || amount(m) < least)) least = amount(m);
    return least;
  };

  function check(c: BalanceCore, members: readonly MemberState[], amount: (m: MemberState) => number, what: string): void {
    const got = leastDominant(c);
    const want = leastByScan(members, amount);
    if (want === null) assert.equal(got, null, `${what}: nobody dominant`);
    else {
      assert.notEqual(got, null, `${what}: someone is dominant`);
      const m = got as MemberState;
      assert.notEqual(m.dominant, null, `${what}: ${m.id} is dominant`);
      assert.equal(amount(m), want, `${what}: least dominant amount`);
    }
  }

  it('many dominant at once: raised, cleared, grown and lowered in random order, the least amount every time', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const n = 5 + seed * 3;
      const { core: c, members } = core(n);
      const rnd = lcg(seed);
      let seq = n;
      for (let step = 0; step < 400; step++) {
        const m = members[Math.floor(rnd() * n)];
        const r = rnd();
        if (r < 0.4) {
          if (m.dominant === null) m.dominant = raise(c, m, 'dominant', seq++, 0);
          else m.dominant = clear(c, m.dominant, seq++, 0);
        } else if (r < 0.5) {
          // A withdrawn turn: an amount falls, and the heap is marked for a rebuild (as handlers.ts does).
          m.turns = Math.max(0, m.turns - 1 - Math.floor(rnd() * 3));
          c.dominantHeapStale = true;
        } else {
          // Amounts only grow between rebuilds: a turn taken.
          m.turns += 1 + Math.floor(rnd() * 3);
        }
        check(c, members, (x) => x.turns, `seed ${seed} step ${step}`);
      }
    }
  });

  it('keys pushed in decreasing order come out least first, one clear at a time', () => {
    // Each push sifts to the top, and each clear leaves the last entry to sift down past
    // both children: the heap's two directions over several levels.
    const { core: c, members } = core(15);
    for (let i = 0; i < 15; i++) members[i].turns = 100 - 5 * i; // m14 the least, m0 the most
    for (let i = 0; i < 15; i++) members[i].dominant = raise(c, members[i], 'dominant', 15 + i, 0);
    const seen: number[] = [];
    for (let k = 0; k < 15; k++) {
      const m = leastDominant(c) as MemberState;
      seen.push(m.turns);
      m.dominant = clear(c, m.dominant as NonNullable<MemberState['dominant']>, 30 + k, 0);
    }
    assert.deepEqual(seen, [...Array(15).keys()].map((i) => 30 + 5 * i));
    assert.equal(leastDominant(c), null);
  });

  it('a member whose amount grew after the push is found at the amount they have now', () => {
    const { core: c, members } = core(3);
    const [a, b, x] = members;
    a.turns = 1;
    b.turns = 4;
    x.turns = 9;
    for (const m of members) m.dominant = raise(c, m, 'dominant', 3, 0);
    assert.equal(leastDominant(c), a);
    a.turns = 6; // spoke since: now between b and x
    assert.equal(leastDominant(c), b);
    b.dominant = clear(c, b.dominant as NonNullable<MemberState['dominant']>, 4, 0);
    assert.equal(leastDominant(c), a, 'a, at 6, is below x at 9');
    assert.equal(a.turns, 6);
  });

  it('after an amount fell (a withdrawn turn marks the heap stale), it is rebuilt from the dominant', () => {
    const { core: c, members } = core(4);
    members.forEach((m, i) => { m.turns = 10 + i; });
    for (const m of members) m.dominant = raise(c, m, 'dominant', 4, 0);
    assert.equal(leastDominant(c), members[0]);
    members[3].turns = 2; // a withdrawn turn: the heap's key for m3 is now above its amount
    c.dominantHeapStale = true;
    assert.equal(leastDominant(c), members[3]);
    assert.equal(c.dominantHeapStale, false, 'rebuilt once');
    members[0].dominant = clear(c, members[0].dominant as NonNullable<MemberState['dominant']>, 5, 0);
    members[3].dominant = clear(c, members[3].dominant as NonNullable<MemberState['dominant']>, 5, 0);
    assert.equal(leastDominant(c), members[1]);
  });

  it('under the words driver the heap is keyed by words, not turns', () => {
    const { core: c, members } = core(3, { driver: 'words' });
    const [a, b, x] = members;
    a.turns = 1; a.words = 30;
    b.turns = 5; b.words = 10;
    x.turns = 3; x.words = 20;
    for (const m of members) m.dominant = raise(c, m, 'dominant', 3, 0);
    assert.equal(leastDominant(c), b);
  });
});

describe('presentOrder: the member a round closed on (the line by last act)', () => {
  /** The engine after `build`'s events, and who the round closed on (roundMissedBy). */
  function missedAfter(build: (log: Log) => void): string | null {
    const log = new Log();
    build(log);
    const engine = new BalanceEngine();
    engine.applyAll(log.events);
    const c = (engine as unknown as { core: BalanceCore }).core;
    return roundMissedBy(c)?.id ?? null;
  }

  /** Walks the line from its head (after the read that rebuilds a stale one): ids in order, and checks each link back. */
  function line(c: BalanceCore): string[] {
    roundMissedBy(c);
    const ids: string[] = [];
    let prev: MemberState | null = null;
    for (let m = c.actHead; m !== null; m = m.actNext) {
      assert.equal(m.actPrev, prev, `${m.id} links back to ${ids[ids.length - 1] ?? 'nobody'}`);
      ids.push(m.id);
      prev = m;
      assert.ok(ids.length <= c.members.length, 'the line ends');
    }
    assert.equal(c.actTail, prev, 'the tail is the last of the line');
    return ids;
  }

  it('nobody before anyone spoke, and nobody with one member present', () => {
    assert.equal(missedAfter((l) => l.members('a', 'b', 'c')), null);
    assert.equal(missedAfter((l) => l.members('a')), null);
    assert.equal(missedAfter((l) => l.members('a').say('a')), null);
  });

  it('the one silent member once everyone else spoke after they arrived', () => {
    assert.equal(missedAfter((l) => l.members('a', 'b').say('b')), 'a');
    assert.equal(missedAfter((l) => l.members('a', 'b', 'c').say('b')), null, 'c has not spoken either');
    assert.equal(missedAfter((l) => l.members('a', 'b', 'c').say('b').say('c')), 'a');
    assert.equal(missedAfter((l) => l.members('a', 'b', 'c').say('c').say('b').say('c')), 'a');
    assert.equal(missedAfter((l) => l.members('a', 'b', 'c').say('b').say('c').say('a')), null, 'a spoke');
  });

  it('someone who spoke before others arrived is not waited on until the newcomers speak', () => {
    assert.equal(missedAfter((l) => l.members('a').say('a').member('b').say('b')), null, 'a spoke after arriving');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('b').member('c')), null, 'c has not spoken');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('b').member('c').say('c')), 'a', 'b and c both spoke after a arrived');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a').member('c').say('b')), null, 'only b spoke after c arrived');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a').member('c').say('b').say('a')), 'c');
  });

  it('a member back from a break is judged from their return', () => {
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a').say('b').presence('a', false).presence('a', true)), null);
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a').say('b').presence('a', false).presence('a', true).say('b')), 'a');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('b').presence('b', false)), null, 'a alone');
    assert.equal(missedAfter((l) => l.members('a', 'b', 'c').say('b').say('c').presence('c', false)), 'a', 'b spoke');
  });

  it('a withdrawn turn: the member is silent again', () => {
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a', 'x', 1, { id: 'ta' }).say('b').remove('ta')), 'a');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a').say('b', 'x', 1, { id: 'tb' }).remove('tb')), 'b', 'a spoke after b arrived');
    assert.equal(missedAfter((l) => l.members('a', 'b').say('a', 'x', 1, { id: 'ta' }).say('b', 'x', 1, { id: 'tb' }).remove('ta').remove('tb')), null, 'neither spoke');
  });

  it('the line holds the present, oldest act first, linked both ways, through joins, acts, leaving and withdrawn turns', () => {
    const log = new Log().members('a', 'b', 'c');
    const engine = new BalanceEngine();
    const c = (engine as unknown as { core: BalanceCore }).core;
    const after = (build: (l: Log) => void): string[] => {
      const from = log.events.length;
      build(log);
      for (const e of log.events.slice(from)) engine.apply(e);
      return line(c);
    };
    engine.applyAll(log.events);
    const lastAct = (id: string): number => (c.byId.get(id) as MemberState).lastActSeq;
    const inOrder = (ids: string[]): void => {
      assert.deepEqual([...ids].sort(), c.present.map((m) => m.id).sort(), 'the line holds the present');
      for (let i = 1; i < ids.length; i++) assert.ok(lastAct(ids[i - 1]) <= lastAct(ids[i]), `${ids[i - 1]} before ${ids[i]}`);
    };
    inOrder(line(c));
    assert.deepEqual(after((l) => l.say('a')).slice(-1), ['a']);
    assert.deepEqual(after((l) => l.say('c')).slice(-2), ['a', 'c']);
    assert.deepEqual(after((l) => l.say('a')), ['b', 'c', 'a'], 'the tail acting again stays last');
    assert.deepEqual(after((l) => l.say('a')), ['b', 'c', 'a']);
    assert.deepEqual(after((l) => l.say('b')), ['c', 'a', 'b'], 'the head moves to the end');
    assert.deepEqual(after((l) => l.member('d')), ['d', 'c', 'a', 'b'], 'a newcomer has no act: first');
    assert.deepEqual(after((l) => l.say('a')), ['d', 'c', 'b', 'a'], 'from the middle to the end');
    inOrder(after((l) => l.presence('c', false)));
    assert.deepEqual(line(c), ['d', 'b', 'a']);
    assert.deepEqual(after((l) => l.say('c')), ['d', 'b', 'a'], 'an absent member is not in the line');
    assert.deepEqual(after((l) => l.presence('c', true)), ['d', 'b', 'a', 'c']);
    assert.deepEqual(after((l) => l.say('d', 'x', 1, { id: 'td' }).remove('td')), ['d', 'b', 'a', 'c']);
    assert.deepEqual(after((l) => l.member('e')), ['e', 'd', 'b', 'a', 'c'], 'rebuilt, then a newcomer first again');
    assert.deepEqual(after((l) => l.say('e')), ['d', 'b', 'a', 'c', 'e']);
  });
});

describe('presentOrder: time present after a break and a late join (exposureOffset)', () => {
  it('one who came back and one who joined late, equal in offset sums but not in time present, are judged by rate', () => {
    // Seqs: 0 x joins, 1 z joins, 2 x speaks (team turn 1), 3 x leaves, 4 x comes back,
    // 5 z speaks (turn 2), 6 y joins, 7 y speaks (turn 3).
    // 2: x 1 turn, z 0, median 1/2: x dominant, z quiet. 3: x leaves (its flag with it); z
    // alone with no turns, nothing re-checked. 4: as at 2, x dominant again. 5: one turn each
    // over 2 turns present: x's dominant and z's quiet clear; x silent since coming back while
    // z spoke: quiet (a round closed on x). 6: y has not spoken, the round is open: cleared.
    // 7: time present x 1 + 2 = 3, z 3, y 1; one turn each: rates 1/3, 1/3 and 1, median 1/3;
    // y is above 1.5 × median and above the fair share (1 of 3 turns against 1/3): dominant;
    // the round closed on x again: quiet. Offsets (closed − base) x 0, z 0, y −2, so the
    // judged do not share one stretch of presence and raw amounts must not be compared.
    const log = new Log().members('x', 'z').say('x').presence('x', false).presence('x', true).say('z').member('y').say('y');
    const engine = new BalanceEngine({ minTurnsPerMember: 0, hysteresis: 0 });
    engine.applyAll(log.events);
    const c = (engine as unknown as { core: BalanceCore }).core;
    const flags = c.flagHistory
      .filter((f) => f.kind !== 'over-disclosure')
      .map((f) => `${f.kind} ${f.memberId} ${f.raisedAtSeq}-${f.clearedAtSeq ?? ''}`);
    assert.deepEqual(flags, ['dominant x 2-3', 'quiet z 2-5', 'dominant x 4-5', 'quiet x 5-6', 'dominant y 7-', 'quiet x 7-']);
  });
});
