// The orders that keep the share-flag check off the whole roster (presentOrder.ts, issue 12),
// each against its definition by a plain scan, after every event of random logs with joins,
// turns, passes, withdrawn and edited turns, members leaving and coming back.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BalanceEngine } from '../../../src/domain/balance';
import { byExposure, leastDominant, roundMissedBy } from '../../../src/domain/balance/presentOrder';
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

describe('present orders (issue 12) against a plain scan', () => {
  const logs = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.array(step, { minLength: 5, maxLength: 80 })).map(([n, s]) => toEvents(n, s));
  const settings = fc.record({
    driver: fc.constantFrom<'turns' | 'words'>('turns', 'words'),
    minTurnsPerMember: fc.integer({ min: 0, max: 2 }),
    highFactor: fc.constantFrom(1, 1.5),
    hysteresis: fc.constantFrom(0, 0.1, 0.5),
  });

  it('after every event: the member a round closed on, the order by time present, the least dominant amount', () => {
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
          if (core.exposureInJoinOrder) assert.ok(order[j - 1].idx < order[j].idx, `join order as claimed ${at}`);
        }
        const least = leastDominant(core);
        const amounts = core.dominantMembers.map((m) => m.driverValue(core.settings.driver));
        const got = least;
        if (amounts.length === 0) assert.equal(got, null, `no dominant ${at}`);
        else assert.equal(got === null ? NaN : got.driverValue(core.settings.driver), Math.min(...amounts), `least dominant amount ${at}`);
      }
    }), { numRuns: 300 });
  }).timeout(120_000);
});
