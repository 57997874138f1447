// Defect 2 of issue 12: the ranking was sorted afresh on every member.added, so a roster of
// 40k took a minute. The work is counted here (reads of a member's driver amount, and
// members read out of the engine's lists of members), not timed, so the test is the same
// on any machine and under any load: four times the members must cost about four times the
// work, not sixteen. Timings are in bench/balance.bench.ts.
import { strict as assert } from 'node:assert';
import { BalanceEngine } from '../../../src/domain/balance';
import { MemberState, type BalanceCore } from '../../../src/domain/balance/state';
import type { BalanceDriver } from '../../../src/domain/balance/settings';
import type { SessionEvent } from '../../../src/domain/types';
import { Log } from './events';

/**
 * The work of one run, counted rather than timed, so that a count is the same on any
 * machine and under any load:
 * - `reads`: reads of a member's driver amount (MemberState.driverValue), which every
 *   comparison of amounts and every flag check makes;
 * - `visits`: members read out of any list of members the engine keeps (the roster, the
 *   present, the ranking, the order by time present, the dominant). A pass over the roster
 *   reads each member out of one of them, even one that reads no amount (the per-event pass
 *   of issue 12 read only times present and last acts). Reading a list's length is free.
 */
interface Work {
  reads: number;
  visits: number;
}

/** Every list of members in BalanceCore (state.ts). */
const LISTS = new Set<string>(['members', 'present', 'ranked', 'byExposure', 'dominantMembers', 'dominantHeap', 'overDisclosed']);

const coreOf = (engine: BalanceEngine): BalanceCore => (engine as unknown as { core: BalanceCore }).core;

/** Wraps the engine's core so that every list of members read from it counts its element reads. */
function countVisits(engine: BalanceEngine, work: Work): void {
  const counted = new WeakMap<object, unknown[]>();
  const wrap = (list: unknown[]): unknown[] => {
    let p = counted.get(list);
    if (p === undefined) {
      p = new Proxy(list, {
        get(target, key, receiver) {
          // An element (a canonical array index), not the length or a method.
          if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) work.visits++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      counted.set(list, p);
    }
    return p;
  };
  const core = coreOf(engine);
  const observed = new Proxy(core, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof key === 'string' && LISTS.has(key) ? wrap(v as unknown[]) : v;
    },
  });
  (engine as unknown as { core: BalanceCore }).core = observed;
}

/** Counts the work of `build`'s engine applying `events` and giving a snapshot. */
function countWork(events: readonly SessionEvent[], build: () => BalanceEngine): Work {
  const proto = MemberState.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'driverValue')?.value as (this: MemberState, d: BalanceDriver) => number;
  const work: Work = { reads: 0, visits: 0 };
  proto.driverValue = function (this: MemberState, driver: BalanceDriver): number {
    work.reads++;
    return original.call(this, driver);
  };
  try {
    const engine = build();
    countVisits(engine, work);
    engine.applyAll(events);
    engine.snapshot();
  } finally {
    proto.driverValue = original;
  }
  return work;
}

/**
 * Four times the members must cost about four times the work (a pass over the roster on
 * every event costs sixteen): both counts, large against small, under `limit`.
 */
function assertNearLinear(small: Work, large: Work, limit = 6): void {
  for (const k of ['reads', 'visits'] as const) {
    const ratio = large[k] / Math.max(1, small[k]);
    assert.ok(ratio < limit, `4x the members cost ${ratio.toFixed(1)}x the ${k} (${small[k]} → ${large[k]})`);
  }
}

/** A log and the engine it is applied to. */
interface Run {
  events: readonly SessionEvent[];
  engine: () => BalanceEngine;
}

const work = (run: Run): Work => countWork(run.events, run.engine);

/** A transcript's shape: everyone joins, then everyone speaks (some twice, at varied length). */
function meeting(n: number, driver: BalanceDriver): Run {
  const log = new Log();
  for (let i = 0; i < n; i++) log.member(`m${i}`);
  for (let i = 0; i < n; i++) log.say(`m${i}`, 'word '.repeat(1 + (i % 7)), 1, { seconds: 1 + (i % 13) });
  for (let i = 0; i < n; i += 3) log.say(`m${i}`, 'again', 1, { seconds: 2 });
  return { events: log.events, engine: () => new BalanceEngine({ driver }) };
}

/** A live retro's shape: people keep joining while others speak. */
function trickle(n: number): Run {
  const log = new Log();
  for (let i = 0; i < n; i++) {
    log.member(`m${i}`);
    if (i % 4 === 3) log.say(`m${i - 2}`, 'a few words here');
  }
  return { events: log.events, engine: () => new BalanceEngine() };
}

/**
 * Each member speaks as soon as they join (`interleaved`), or everyone joins and then each
 * speaks once. With a small minimum sample the flags are checked after every event.
 */
function speakOnce(n: number, interleaved: boolean, minTurnsPerMember: number): Run {
  const log = new Log();
  if (interleaved) for (let i = 0; i < n; i++) log.member(`m${i}`).say(`m${i}`);
  else {
    for (let i = 0; i < n; i++) log.member(`m${i}`);
    for (let i = 0; i < n; i++) log.say(`m${i}`);
  }
  return { events: log.events, engine: () => new BalanceEngine({ minTurnsPerMember }) };
}

/**
 * Everyone joins and speaks twice, so with a minimum sample of one turn per member everyone
 * is judged; then `late` more join one by one, silent, and the first `n` speak once more.
 * The late joiners stay unjudged throughout (present for fewer turns than the sample).
 */
function lateJoiners(n: number, late: number): Run {
  const log = new Log();
  for (let i = 0; i < n; i++) log.member(`m${i}`);
  for (let r = 0; r < 2; r++) for (let i = 0; i < n; i++) log.say(`m${i}`, 'fine', 1, { seconds: 1 + ((i * 7 + r) % 5) });
  for (let i = 0; i < late; i++) log.member(`late${i}`);
  for (let i = 0; i < n; i++) log.say(`m${(i * 37) % n}`);
  return { events: log.events, engine: () => new BalanceEngine({ minTurnsPerMember: 1 }) };
}

/**
 * Everyone joins, one member answers two layers deeper than the group has matched (an
 * over-disclosure, which stays up), then everyone speaks once at the surface.
 */
function overDisclosed(n: number): Run {
  const log = new Log();
  for (let i = 0; i < n; i++) log.member(`m${i}`);
  log.say('m0', 'something deep', 3);
  for (let i = 1; i < n; i++) log.say(`m${i}`);
  return { events: log.events, engine: () => new BalanceEngine() };
}

describe('balance engine at scale (issue 12, defect 2)', () => {
  // Once everyone present is judged, a late joiner made the present uneven (they have been
  // present for fewer turns), and every event after took the full check of everyone judged:
  // each join, then each turn.
  it('work grows near-linearly when members join late after everyone was judged', () => {
    assertNearLinear(work(lateJoiners(2000, 1000)), work(lateJoiners(8000, 4000)));
  }).timeout(180_000);

  // The share-flag check took a pass over the whole roster after every event: 10k members
  // who each spoke on joining took 5.5 s, 20k took 34 s. Only judged members, the one a
  // round may have closed on and the dominant are looked at now. With a minimum sample of 1
  // nobody but the first is judged, and that pass read no amounts (times present and last
  // acts only): the visits count it.
  for (const [shape, interleaved, minTurns] of [
    ['speaks on joining', true, 1],
    ['speaks on joining', true, 2],
    ['all join, then each speaks once', false, 0],
    ['all join, then each speaks once', false, 1],
  ] as const) {
    it(`work grows near-linearly when each member speaks once: ${shape}, minimum sample ${minTurns}`, () => {
      assertNearLinear(work(speakOnce(2000, interleaved, minTurns)), work(speakOnce(8000, interleaved, minTurns)));
    }).timeout(180_000);
  }

  // With a minimum sample of 0, everyone but the newest member is judged, and each has been
  // present for a different number of turns, so the rates share no denominator and every
  // event took the full check of everyone judged (15.9x the work for 4x the members). Their
  // amounts are equal, so the rates are in the order by time present (shareFlags.ts).
  it('work grows near-linearly when each member speaks once: speaks on joining, minimum sample 0', () => {
    assertNearLinear(work(speakOnce(2000, true, 0)), work(speakOnce(8000, true, 0)));
  }).timeout(180_000);

  for (const driver of ['turns', 'words', 'seconds'] as const) {
    it(`work grows near-linearly with the roster (${driver})`, () => {
      assertNearLinear(work(meeting(2000, driver)), work(meeting(8000, driver)));
    }).timeout(60_000); // work is counted, not timed: room for a loaded machine
  }

  // While an over-disclosure stood, every contribution looked over the whole roster for it.
  it('work grows near-linearly while an over-disclosure stands', () => {
    assertNearLinear(work(overDisclosed(2000)), work(overDisclosed(8000)));
  }).timeout(60_000);

  // Math.max(...shares) took every share as an argument: past ~120k members it overflowed the
  // stack and the snapshot threw (RangeError). The CLI caps rosters at 100k, near that edge.
  it('a snapshot of 150k present members, one of whom spoke, gives the largest share', () => {
    const log = new Log();
    for (let i = 0; i < 150_000; i++) log.member(`m${i}`);
    log.say('m7');
    const engine = new BalanceEngine();
    engine.applyAll(log.events);
    assert.equal(engine.snapshot().team.maxShare, 1);
  }).timeout(60_000);

  it('members who join while others speak cost near-linear work too', () => {
    assertNearLinear(work(trickle(2000)), work(trickle(8000)));
  }).timeout(60_000);
});
