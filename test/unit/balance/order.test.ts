// The ranking the engine keeps of present members by their driver amount: the order, each
// member's rank, the median read from it, and whether everyone present shares one stretch
// of presence. Checked on the engine's own state, against a plain sort.
import { strict as assert } from 'node:assert';
import { rankedMedian, rebuildRanking, reposition } from '../../../src/domain/balance/ranking';
import type { BalanceCore, MemberState } from '../../../src/domain/balance/state';
import { core, lcg } from './handBuilt';


const plainMedian = (xs: number[]): number => {
  const a = [...xs].sort((p, q) => p - q);
  if (a.length === 0) return 0;
  const mid = a.length >> 1;
  return a.length % 2 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
};

function checkRanked(c: BalanceCore, amount: (m: MemberState) => number, what: string): void {
  const r = c.ranked;
  assert.equal(r.length, c.present.length, what);
  for (let i = 0; i < r.length; i++) {
    assert.equal(r[i].rank, i, `${what}: rank of ${r[i].id}`);
    if (i > 0) assert.ok(amount(r[i - 1]) <= amount(r[i]), `${what}: ${r[i - 1].id} ${amount(r[i - 1])} before ${r[i].id} ${amount(r[i])}`);
  }
  assert.deepEqual([...r].map((m) => m.id).sort(), c.present.map((m) => m.id).sort(), what);
  assert.equal(rankedMedian(c), plainMedian(c.present.map(amount)), `${what}: median`);
}

describe('balance ranking', () => {
  it('keeps present members sorted as amounts rise and fall, one step or many', () => {
    for (const n of [1, 2, 3, 4, 7, 8]) {
      const { core: c, members } = core(n);
      const rnd = lcg(n);
      checkRanked(c, (m) => m.turns, `n=${n} start`);
      for (let step = 0; step < 300; step++) {
        const m = members[Math.floor(rnd() * n)];
        const delta = Math.floor(rnd() * 7) - 2; // −2..4
        m.turns = Math.max(0, m.turns + delta);
        reposition(c, m);
        checkRanked(c, (x) => x.turns, `n=${n} step ${step}`);
      }
    }
  });

  it('ranks by words under the words driver; a fresh ranking breaks ties by join order', () => {
    const { core: c, members } = core(4, { driver: 'words' });
    members[3].words = 5;
    reposition(c, members[3]);
    members[0].words = 9;
    members[0].turns = 1;
    reposition(c, members[0]);
    members[1].turns = 50; // turns do not count under this driver
    reposition(c, members[1]);
    // Moving one member leaves equal amounts in any order (only amounts are read).
    checkRanked(c, (m) => m.words, 'after moves');
    assert.deepEqual(c.ranked.map((m) => m.words), [0, 0, 5, 9]);
    assert.deepEqual(c.ranked.slice(2).map((m) => m.id), ['m3', 'm0']);
    assert.equal(rankedMedian(c), 2.5);
    members[2].words = 5;
    rebuildRanking(c);
    assert.deepEqual(c.ranked.map((m) => m.id), ['m1', 'm2', 'm3', 'm0']);
    members[1].words = 5;
    rebuildRanking(c);
    assert.deepEqual(c.ranked.map((m) => m.id), ['m1', 'm2', 'm3', 'm0'], 'equal amounts in join order');
    assert.equal(rankedMedian(c), 5);
  });

  it('absent members leave the ranking; moving one who is away changes nothing', () => {
    const { core: c, members } = core(3);
    members[0].turns = 3;
    members[1].turns = 1;
    rebuildRanking(c);
    const away = members[2];
    c.present.splice(c.present.indexOf(away), 1);
    away.present = false;
    rebuildRanking(c);
    assert.equal(away.rank, -1);
    assert.deepEqual(c.ranked.map((m) => m.id), ['m1', 'm0']);
    away.turns = 2;
    reposition(c, away);
    assert.deepEqual(c.ranked.map((m) => m.id), ['m1', 'm0']);
    assert.deepEqual([away.rank, members[1].rank, members[0].rank], [-1, 0, 1]);
    assert.equal(rankedMedian(c), 2); // (1 + 3) / 2
  });

  it('the median of nobody is 0', () => {
    const { core: c } = core(0);
    assert.equal(rankedMedian(c), 0);
  });
});
