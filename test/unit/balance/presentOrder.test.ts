// The orders that keep the share-flag check off the whole roster (presentOrder.ts, issue 12),
// each against its definition by a plain scan, after every event of random logs with joins,
// turns, passes, withdrawn and edited turns, members leaving and coming back.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BalanceEngine } from '../../../src/domain/balance';
import { byExposure, flagMarks, judgedPrefix, leastDominant, roundMissedBy } from '../../../src/domain/balance/presentOrder';
import { judgedMedian } from '../../../src/domain/balance/ranking';
import type { BalanceCore, MemberState } from '../../../src/domain/balance/state';
import type { SessionEvent } from '../../../src/domain/types';
import { Log } from './events';

const step = fc.oneof(
  { weight: 10, arbitrary: fc.record({ k: fc.constant('say' as const), m: fc.nat(9), words: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('pass' as const), m: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('edit' as const), back: fc.nat(5), words: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('presence' as const), m: fc.nat(9), p: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('join' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toEvents(initial: number, steps: readonly Step[]): SessionEvent[] {
  const log = new Log();
  let members = initial;
  for (let i = 0; i < members; i++) log.member(`m${i}`);
  const said: string[] = [];
  let k = 0;
  for (const o of steps) {
    if (o.k === 'say') {
      const id = `s${k++}`;
      said.push(id);
      log.say(`m${o.m % members}`, ['—', 'one', 'one two', 'one two three'][o.words], 1, { id });
    } else if (o.k === 'pass') log.pass(`m${o.m % members}`);
    else if (o.k === 'remove') log.remove(said[said.length - 1 - o.back] ?? 'none');
    else if (o.k === 'edit') {
      log.events.push({
        type: 'contribution.edited', id: `ed${k++}`, at: 0, actor: 'fac', contributionId: said[said.length - 1 - o.back] ?? 'none', text: 'w '.repeat(o.words + 1),
      });
    } else if (o.k === 'presence') log.presence(`m${o.m % members}`, o.p);
    else log.member(`m${members++}`);
  }
  return log.events;
}

const coreOf = (engine: BalanceEngine): BalanceCore => (engine as unknown as { core: BalanceCore }).core;

/** "Nothing after a full round", by its definition: silent since arriving while every other present member acted. */
function missedByScan(core: BalanceCore): string[] {
  const p = core.present;
  return p
    .filter((m) => p.length > 1 && m.lastActSeq < m.presentSinceSeq && p.every((o) => o === m || o.lastActSeq > m.presentSinceSeq))
    .map((m) => m.id);
}

const exposure = (core: BalanceCore, m: MemberState): number => m.exposureClosed + core.turnLog.total - m.exposureBase;

const plainMedian = (xs: readonly number[]): number => {
  const a = [...xs].sort((p, q) => p - q);
  if (a.length === 0) return 0;
  const mid = Math.floor(a.length / 2);
  return a.length % 2 === 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
};

/** 1 or 0 at each position of a Fenwick tree of marks, read back by prefix sums. */
const marksOf = (marks: { prefix(count: number): number }, n: number): number[] =>
  Array.from({ length: n }, (_, i) => marks.prefix(i + 1) - marks.prefix(i));

describe('present orders (issue 12) against a plain scan', () => {
  const logs = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.array(step, { minLength: 5, maxLength: 80 })).map(([n, s]) => toEvents(n, s));
  const settings = fc.record({
    driver: fc.constantFrom<'turns' | 'words'>('turns', 'words'),
    minTurnsPerMember: fc.integer({ min: 0, max: 2 }),
    highFactor: fc.constantFrom(1, 1.5),
    hysteresis: fc.constantFrom(0, 0.1, 0.5),
  });

  it('after every event: the member a round closed on, the order by time present, the judged, the flag marks, the least dominant amount', () => {
    fc.assert(fc.property(logs, settings, (events, s) => {
      const engine = new BalanceEngine(s);
      const core = coreOf(engine);
      for (let i = 0; i < events.length; i++) {
        engine.apply(events[i]);
        const at = `after event ${i} (${events[i].type})`;
        assert.deepEqual([roundMissedBy(core)?.id].filter((id) => id !== undefined), missedByScan(core), `round missed ${at}`);
        const order = byExposure(core);
        assert.deepEqual(order.map((m) => m.id).sort(), core.present.map((m) => m.id).sort(), `the order holds the present ${at}`);
        for (let j = 1; j < order.length; j++) {
          assert.ok(exposure(core, order[j - 1]) >= exposure(core, order[j]), `longest present first ${at}`);
          if (exposure(core, order[j - 1]) === exposure(core, order[j])) assert.ok(order[j - 1].idx < order[j].idx, `join order among equals ${at}`);
        }
        assert.equal(core.exposureInJoinOrder, order.every((m, j) => j === 0 || order[j - 1].idx < m.idx), `in join order, as claimed ${at}`);
        // The judged: present for the minimum sample (team turns × the minimum per member), and for a turn at least.
        const judged = judgedPrefix(core);
        const minExposure = s.minTurnsPerMember * order.length;
        const judgedByScan = order.filter((m) => exposure(core, m) > 0 && exposure(core, m) >= minExposure);
        assert.deepEqual(order.slice(0, judged).map((m) => m.id), judgedByScan.map((m) => m.id), `the judged are the prefix ${at}`);
        assert.deepEqual(order.map((m) => m.judged), order.map((_, j) => j < judged), `judged set on the prefix only ${at}`);
        const amountOf = (m: MemberState): number => m.driverValue(core.settings.driver);
        assert.equal(judgedMedian(core, judged), plainMedian(judgedByScan.map(amountOf)), `the judged median ${at}`);
        assert.equal(core.unjudgedDominant, core.dominantMembers.filter((m) => !m.judged).length, `dominant not judged ${at}`);
        // Where the dominant and the quiet stand in the order (kept between rebuilds by flagMarked).
        flagMarks(core);
        assert.deepEqual(marksOf(core.dominantMarks, order.length), order.map((m) => (m.dominant === null ? 0 : 1)), `dominant marks ${at}`);
        assert.deepEqual(marksOf(core.quietMarks, order.length), order.map((m) => (m.quiet === null ? 0 : 1)), `quiet marks ${at}`);
        const least = leastDominant(core);
        const amounts = core.dominantMembers.map((m) => m.driverValue(core.settings.driver));
        const got = least;
        if (amounts.length === 0) assert.equal(got, null, `no dominant ${at}`);
        else assert.equal(got === null ? NaN : got.driverValue(core.settings.driver), Math.min(...amounts), `least dominant amount ${at}`);
      }
    }), { numRuns: 300 });
  }).timeout(120_000);
});
