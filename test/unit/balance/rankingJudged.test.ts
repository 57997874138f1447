// The median of the judged members, read from the ranking through the marks of the judged
// (ranking.ts judgedMedian), and whether their amounts are all equal (judgedAmountsEqual):
// checked against a plain median and a plain comparison of the judged members' amounts as
// amounts move, members join and who is judged changes. order.test.ts checks the ranking
// itself and the median of everyone present.
import { strict as assert } from 'node:assert';
import { addMember } from '../../../src/domain/balance/handlers';
import { judgedAmountsEqual, judgedMarks, judgedMedian, rebuildRanking, reposition } from '../../../src/domain/balance/ranking';
import type { BalanceCore, MemberState } from '../../../src/domain/balance/state';
import { core, lcg } from './handBuilt';


/** The median of the amounts of the judged present members, by a plain sort; 0 for none. */
function plainJudgedMedian(c: BalanceCore, amount: (m: MemberState) => number): number {
  const xs = c.present.filter((m) => m.judged).map(amount).sort((p, q) => p - q);
  if (xs.length === 0) return 0;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

const judgedCount = (c: BalanceCore): number => c.present.filter((m) => m.judged).length;

/** Who is judged changed: the marks are rebuilt when next read (as presentOrder.ts's byExposure leaves them). */
function setJudged(c: BalanceCore, m: MemberState, judged: boolean): void {
  m.judged = judged;
  c.marksStale = true;
}

describe('balance ranking: the median of the judged', () => {
  it('matches a plain median of the judged as amounts rise and fall, members join and the judged change', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { core: c, members } = core(1 + (seed % 5));
      const rnd = lcg(seed);
      for (const m of members) setJudged(c, m, rnd() < 0.6);
      for (let step = 0; step < 400; step++) {
        const r = rnd();
        if (r < 0.08) members.push(addMember(c, `m${members.length}`, 'x', step)); // not judged: a mark of 0 appended
        else if (r < 0.2) {
          const m = members[Math.floor(rnd() * members.length)];
          setJudged(c, m, !m.judged);
        } else {
          const m = members[Math.floor(rnd() * members.length)];
          m.turns = Math.max(0, m.turns + Math.floor(rnd() * 9) - 3); // −3..5
          reposition(c, m);
        }
        const what = `seed ${seed} step ${step}`;
        assert.equal(judgedMedian(c, judgedCount(c)), plainJudgedMedian(c, (m) => m.turns), `${what}: judged median`);
        const judgedTurns = c.present.filter((m) => m.judged).map((m) => m.turns);
        if (judgedTurns.length > 0) {
          assert.equal(judgedAmountsEqual(c, judgedTurns.length), judgedTurns.every((t) => t === judgedTurns[0]), `${what}: judged amounts equal`);
        }
      }
    }
  });

  it('the marks follow members as they move past each other, without a rebuild', () => {
    // Amounts 0..5 for m0..m5; m1, m2 and m4 judged (median 2). Then m1 climbs past the
    // unjudged m3 and m5, and m4 falls below m0: each swap moves a mark.
    const { core: c, members } = core(6);
    members.forEach((m, i) => { m.turns = i; });
    rebuildRanking(c);
    for (const i of [1, 2, 4]) members[i].judged = true;
    c.marksStale = true;
    assert.equal(judgedMedian(c, 3), 2);
    judgedMarks(c); // read once: from here only the swaps keep them
    assert.equal(c.marksStale, false);
    members[1].turns = 9;
    reposition(c, members[1]);
    assert.equal(c.marksStale, false, 'no rebuild needed for a move');
    assert.equal(judgedMedian(c, 3), 4, 'judged 2, 4, 9');
    members[4].turns = 0;
    reposition(c, members[4]);
    assert.equal(judgedMedian(c, 3), 2, 'judged 0, 2, 9');
    members[2].judged = false;
    c.marksStale = true;
    assert.equal(judgedMedian(c, 2), 4.5, 'judged 0, 9');
  });

  it('a fresh ranking (after presence changed) reads the judged at their new places', () => {
    // Marks read once, then a member leaves: everyone's rank may move, so the marks taken at
    // the old ranks must not be read again.
    const { core: c, members } = core(5);
    [5, 1, 4, 2, 3].forEach((t, i) => { members[i].turns = t; });
    rebuildRanking(c);
    for (const i of [0, 2]) members[i].judged = true; // amounts 5 and 4
    c.marksStale = true;
    assert.equal(judgedMedian(c, 2), 4.5);
    const away = members[1]; // amount 1, ranked first: everyone above moves down one
    away.present = false;
    c.present.splice(c.present.indexOf(away), 1);
    rebuildRanking(c);
    assert.deepEqual(c.ranked.map((m) => m.turns), [2, 3, 4, 5]);
    assert.equal(judgedMedian(c, 2), 4.5, 'still the judged 4 and 5');
    members[3].judged = true; // amount 2
    c.marksStale = true;
    assert.equal(judgedMedian(c, 3), 4);
  });

  it('with everyone judged it is the median of everyone; with nobody judged it is 0', () => {
    const { core: c, members } = core(4, { driver: 'words' });
    [7, 1, 4, 2].forEach((w, i) => {
      members[i].words = w;
      members[i].turns = 10 - w; // not read under the words driver
      reposition(c, members[i]);
    });
    for (const m of members) m.judged = true;
    c.marksStale = true;
    assert.equal(judgedMedian(c, 4), 3, '(2 + 4) / 2');
    for (const m of members) m.judged = false;
    c.marksStale = true;
    assert.equal(judgedMedian(c, 0), 0);
    members[0].judged = true;
    c.marksStale = true;
    assert.equal(judgedMedian(c, 1), 7);
  });
});
