// Defect 2 of issue 12: the ranking was sorted afresh on every member.added, so a roster of
// 40k took a minute. The work is counted here (reads of a member's driver amount, which
// every comparison and every flag check makes), not timed, so the test is the same on any
// machine: four times the members must cost about four times the work, not sixteen.
import { strict as assert } from 'node:assert';
import { BalanceEngine } from '../../../src/domain/balance';
import { MemberState } from '../../../src/domain/balance/state';
import type { BalanceDriver } from '../../../src/domain/balance/settings';
import { Log } from './events';

function countReads(run: () => void): number {
  const proto = MemberState.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'driverValue')?.value as (this: MemberState, d: BalanceDriver) => number;
  let reads = 0;
  proto.driverValue = function (this: MemberState, driver: BalanceDriver): number {
    reads++;
    return original.call(this, driver);
  };
  try {
    run();
  } finally {
    proto.driverValue = original;
  }
  return reads;
}

/** A transcript's shape: everyone joins, then everyone speaks (some twice, at varied length). */
function meeting(n: number, driver: BalanceDriver): () => void {
  const log = new Log();
  for (let i = 0; i < n; i++) log.member(`m${i}`);
  for (let i = 0; i < n; i++) log.say(`m${i}`, 'word '.repeat(1 + (i % 7)), 1, { seconds: 1 + (i % 13) });
  for (let i = 0; i < n; i += 3) log.say(`m${i}`, 'again', 1, { seconds: 2 });
  return () => {
    const engine = new BalanceEngine({ driver });
    engine.applyAll(log.events);
    engine.snapshot();
  };
}

/** A live retro's shape: people keep joining while others speak. */
function trickle(n: number): () => void {
  const log = new Log();
  for (let i = 0; i < n; i++) {
    log.member(`m${i}`);
    if (i % 4 === 3) log.say(`m${i - 2}`, 'a few words here');
  }
  return () => {
    const engine = new BalanceEngine();
    engine.applyAll(log.events);
    engine.snapshot();
  };
}

describe('balance engine at scale (issue 12, defect 2)', () => {
  for (const driver of ['turns', 'words', 'seconds'] as const) {
    it(`work grows near-linearly with the roster (${driver})`, () => {
      const small = countReads(meeting(2000, driver));
      const large = countReads(meeting(8000, driver));
      assert.ok(large / small < 6, `4x the members cost ${(large / small).toFixed(1)}x the work (${small} → ${large} reads)`);
    });
  }

  it('members who join while others speak cost near-linear work too', () => {
    const small = countReads(trickle(2000));
    const large = countReads(trickle(8000));
    assert.ok(large / small < 6, `4x the members cost ${(large / small).toFixed(1)}x the work (${small} → ${large} reads)`);
  });
});
