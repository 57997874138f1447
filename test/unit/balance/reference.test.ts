// The balance engine against an independent naive reference (naiveReference.ts): after
// every event of random logs, the gate, the reciprocated depth, the active flags (dominant,
// quiet, over-disclosure) and the active nudges must agree. Plus a few logs worked by hand.
// Four engine bugs the reference found are kept as skipped tests, each with its smallest log.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BalanceEngine, type BalanceSnapshot } from '../../../src/domain/balance';
import type { Depth, SessionEvent } from '../../../src/domain/types';
import { Log } from './events';
import { NAIVE_DEFAULTS, NaiveReference, naiveAfter, type NaiveResult, type NaiveSettings } from './naiveReference';

// ---------------------------------------------------------------------------------------
// Random logs.

const WORDS = ['ok', 'we', "don't", '3.5', 'héllo', '日本語', '🙂', 'x_y', '—'];

const depthPick = fc.record({
  /** Relative to the group's stage (most answers are near it), or anywhere. */
  rel: fc.boolean(),
  delta: fc.integer({ min: -1, max: 2 }),
  d: fc.integer({ min: 1, max: 4 }),
});

/** Who: m0 talks a lot, m1..m5 are the usual roster, up to m8 may be unknown or a late joiner. */
const who = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.nat(5) },
  { weight: 1, arbitrary: fc.nat(8) },
);

const op = fc.oneof(
  { weight: 10, arbitrary: fc.record({ k: fc.constant('say' as const), m: who, at: depthPick, w: fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('pass' as const), m: who, at: depthPick }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), back: fc.nat(10) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('presence' as const), m: who, p: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('join' as const) }) },
  /** A break: everyone but the first one or two steps out; or everyone is back. */
  { weight: 1, arbitrary: fc.record({ k: fc.constant('break' as const), keep: fc.integer({ min: 1, max: 2 }), back: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('stage' as const), move: fc.constantFrom('deeper' as const, 'deeper2' as const, 'stay' as const, 'back' as const, 'any' as const), d: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dup' as const), back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('other' as const), which: fc.nat(2) }) },
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const clampDepth = (d: number): Depth => Math.min(4, Math.max(1, d)) as Depth;

/** Turns generated operations into a log; `from` of every stage move is the stage it leaves. */
function toEvents(initial: number, ops: readonly Op[], end: boolean): SessionEvent[] {
  const events: SessionEvent[] = [];
  const ids: string[] = [];
  let members = initial;
  let n = 0;
  let depth: Depth = 1;
  const base = (): { id: string; at: number; actor: string } => ({ id: `e${++n}`, at: n * 1000, actor: 'fac' });
  for (let i = 0; i < members; i++) events.push({ ...base(), type: 'member.added', memberId: `m${i}`, name: `M${i}`, joinedLate: false });
  for (const o of ops) {
    if (o.k === 'say' || o.k === 'pass') {
      const cid = `c${n + 1}`;
      ids.push(cid);
      const d = o.at.rel ? clampDepth(depth + o.at.delta) : (o.at.d as Depth);
      // Member ids past the roster are unknown (until someone joins under that id).
      events.push({
        ...base(), type: 'contribution.added', contributionId: cid, memberId: `m${o.m}`, phase: 'check-in', promptId: null,
        depth: d, topic: 't', text: o.k === 'say' ? o.w.join(' ') : '', pass: o.k === 'pass',
      });
    } else if (o.k === 'remove') {
      events.push({ ...base(), type: 'contribution.removed', contributionId: ids[ids.length - 1 - o.back] ?? 'none' });
    } else if (o.k === 'presence') {
      events.push({ ...base(), type: 'member.presence', memberId: `m${o.m}`, present: o.p });
    } else if (o.k === 'break') {
      for (let m = o.keep; m < members; m++) events.push({ ...base(), type: 'member.presence', memberId: `m${m}`, present: o.back });
    } else if (o.k === 'join') {
      events.push({ ...base(), type: 'member.added', memberId: `m${members}`, name: `M${members}`, joinedLate: true });
      members++;
    } else if (o.k === 'stage') {
      const to: Depth = o.move === 'deeper' ? clampDepth(depth + 1) : o.move === 'deeper2' ? clampDepth(depth + 2)
        : o.move === 'back' ? clampDepth(depth - 1) : o.move === 'stay' ? depth : (o.d as Depth);
      const kind = to > depth ? 'deeper' : to < depth ? 'back' : 'stay';
      events.push({ ...base(), type: 'stage.moved', from: depth, to, kind, override: false });
      depth = to;
    } else if (o.k === 'dup') {
      // The same contribution id again (possibly after it was removed): ignored.
      const prev = events.filter((e) => e.type === 'contribution.added').slice(-1 - o.back)[0];
      if (prev) events.push({ ...prev, ...base() });
    } else if (o.which === 0) {
      events.push({ ...base(), type: 'prompt.shown', promptId: 'p' });
    } else if (o.which === 1) {
      events.push({ ...base(), type: 'member.renamed', memberId: 'm0', name: 'Renamed' });
    } else {
      events.push({ ...base(), type: 'turn.started', memberId: 'm1' });
    }
  }
  if (end) events.push({ ...base(), type: 'session.ended' });
  return events;
}

const logs = fc
  .tuple(fc.integer({ min: 3, max: 8 }), fc.array(op, { minLength: 5, maxLength: 70, size: 'max' }), fc.nat(3).map((x) => x === 0))
  .map(([k, ops, end]) => toEvents(k, ops, end));

const settingsArb: fc.Arbitrary<NaiveSettings> = fc.record({
  driver: fc.constantFrom<'turns' | 'words'>('turns', 'words'),
  lowFactor: fc.constantFrom(0.5, 0.5, 0.3),
  highFactor: fc.constantFrom(1.5, 1.5, 2),
  minTurnsPerMember: fc.integer({ min: 0, max: 2 }),
  hysteresis: fc.constantFrom(0, 0.1, 0.3),
  reciprocityQuorum: fc.constantFrom(0.3, 0.5, 0.7),
});

// ---------------------------------------------------------------------------------------
// What is compared.

const byKindThenMember = (a: { kind: string; memberId: string | null }, b: { kind: string; memberId: string | null }): number => {
  const x = `${a.kind}|${a.memberId ?? ''}`;
  const y = `${b.kind}|${b.memberId ?? ''}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The engine's snapshot in the reference's terms. */
function engineView(s: BalanceSnapshot): Omit<NaiveResult, 'tiedFlags'> {
  const nudges = s.nudges.map((x) => ({ kind: x.kind, memberId: x.memberId })).sort(byKindThenMember);
  return {
    gate: { open: s.gate.open, reciprocated: s.gate.reciprocated, present: s.gate.present },
    reciprocatedDepth: s.reciprocatedDepth,
    depth: s.depth,
    activeFlags: s.activeFlags.map((f) => ({ kind: f.kind, memberId: f.memberId })).sort(byKindThenMember),
    nudges,
    nudgeKinds: nudges.map((x) => (x.memberId === null ? x.kind : `${x.kind}:${x.memberId}`)).sort(),
  };
}

type View = Omit<NaiveResult, 'tiedFlags'>;
type Part = (r: View) => unknown;

const GATE: Part = (r) => ({ gate: r.gate, reciprocatedDepth: r.reciprocatedDepth, depth: r.depth });
const FLAGS: Part = (r) => r.activeFlags;
const NUDGES: Part = (r) => r.nudgeKinds;
/** Every nudge but the two group nudges the engine is known to leave stale (see the skipped test). */
const INVITES_AND_SLOW_DOWN: Part = (r) => r.nudgeKinds.filter((k) => k !== 'round-robin' && k !== 'hold-depth');

/**
 * Feeds the engine and the reference one event at a time and compares each part after each.
 * With `settleTies`, a share flag whose state hung on an exact tie that the engine decides
 * in floating point takes the engine's outcome in the reference too (and only such a flag):
 * see NaiveResult.tiedFlags and the skipped exact-ties test.
 */
function agreeAfterEveryEvent(
  events: readonly SessionEvent[], settings: NaiveSettings, parts: Record<string, Part>, settleTies = true,
): void {
  const engine = new BalanceEngine(settings);
  const ref = new NaiveReference(settings);
  for (let i = 0; i < events.length; i++) {
    engine.apply(events[i]);
    let want = ref.apply(events[i]);
    const got = engineView(engine.snapshot());
    if (settleTies) {
      for (const f of want.tiedFlags) {
        want = ref.settleTie(f, got.activeFlags.some((g) => g.kind === f.kind && g.memberId === f.memberId));
      }
    }
    for (const [name, part] of Object.entries(parts)) {
      assert.deepEqual(part(got), part(want), `${name} after event ${i} (${events[i].id}, ${events[i].type})`);
    }
  }
}

/**
 * About 2–4 s on a laptop; the timeout leaves room for a loaded CI machine and for Stryker's
 * coverage instrumentation (its dry run failed this test at 30 s at load ~16).
 */
const NUM_RUNS = 300;

describe('balance engine vs a naive reference: random logs, after every event', () => {
  it('the gate, the reciprocated depth, the active flags, the invitations and slow-down agree', () => {
    // Gate: open, reciprocated, present, and the stage. Flags: dominant, quiet (hysteresis),
    // over-disclosure, by kind and member. Nudges: invitations (by member) and slow-down.
    const parts = { gate: GATE, flags: FLAGS, nudges: INVITES_AND_SLOW_DOWN };
    fc.assert(fc.property(logs, settingsArb, (events, s) => agreeAfterEveryEvent(events, s, parts)), { numRuns: NUM_RUNS });
  }).timeout(120_000);

  // ENGINE BUG (src/domain/balance): round-robin and hold-depth are re-derived only when
  // syncGroupNudges runs, and it does not run (1) when a member leaves and takes the last
  // flag that held the nudge with them (clearMemberFlags lowers the counts, then
  // reviewOverDisclosures returns early at zero over-disclosures, and evaluateShareFlags
  // syncs only when the count changes against the count *after* the clearing), nor (2) when
  // one evaluation clears one share flag and raises another, leaving the count unchanged
  // (quiet → dominant). The nudge then lingers, or is missed, until some later event syncs.
  // Smallest logs: the skipped examples below. With a sync after every event the engine
  // passes this property.
  it('the active nudges agree, round-robin and hold-depth included', () => {
    fc.assert(fc.property(logs, settingsArb, (events, s) => agreeAfterEveryEvent(events, s, { nudges: NUDGES })), { numRuns: NUM_RUNS });
  });

  // ENGINE BUG (src/domain/balance/shareFlags.ts): when the members present have been present
  // for different numbers of turns (a late joiner, someone back from a break), the engine
  // compares rates amount ÷ turns-present in floating point, so a share exactly on a
  // threshold is decided by rounding: 3/5 < 1.5 × (2/5) is true in doubles
  // (0.6 < 0.6000000000000001). With everyone present throughout it compares integers and
  // decides the same tie exactly. Smallest log: the skipped example below.
  it('the active flags agree with ties decided exactly', () => {
    fc.assert(fc.property(logs, settingsArb, (events, s) => agreeAfterEveryEvent(events, s, { flags: FLAGS }, false)), { numRuns: NUM_RUNS });
  });
});

// ---------------------------------------------------------------------------------------
// Logs worked by hand. Each expectation is checked against the reference and the engine.

const DEFAULTS: NaiveSettings = { ...NAIVE_DEFAULTS };

function both(log: Log, settings: NaiveSettings): { ref: View; engine: View } {
  const engine = new BalanceEngine(settings);
  engine.applyAll(log.events);
  const { tiedFlags: _ties, ...ref } = naiveAfter(log.events, settings);
  return { ref, engine: engineView(engine.snapshot()) };
}

interface Expect {
  gate?: { open: boolean; reciprocated: number; present: number };
  reciprocatedDepth?: number;
  flags?: string[];
  nudges?: string[];
}

/** Checks the hand-computed values against both; `flags` as `kind:member`. */
function expectBoth(log: Log, want: Expect, settings: NaiveSettings = DEFAULTS): void {
  const { ref, engine } = both(log, settings);
  for (const [who, got] of [['reference', ref], ['engine', engine]] as const) {
    if (want.gate) assert.deepEqual(got.gate, want.gate, `${who}: gate`);
    if (want.reciprocatedDepth !== undefined) assert.equal(got.reciprocatedDepth, want.reciprocatedDepth, `${who}: reciprocatedDepth`);
    if (want.flags) assert.deepEqual(got.activeFlags.map((f) => `${f.kind}:${f.memberId}`), [...want.flags].sort(), `${who}: flags`);
    if (want.nudges) assert.deepEqual(got.nudgeKinds, [...want.nudges].sort(), `${who}: nudges`);
  }
}

describe('balance engine vs a naive reference: logs worked by hand', () => {
  it('a facilitator override: over-disclosure and hold-depth, cleared once the group catches up', () => {
    // Defaults: quorum 0.5, so a layer is reciprocated when more than 2.5 of 5 answered.
    // Fewer than 2 turns × 5 present = 10 turns throughout: no share flag can be raised.
    const upToTheDisclosure = (check: boolean): Log => {
      const log = new Log().members('a', 'b', 'c', 'd', 'e').say('a').say('b').say('c');
      // Three of five answered at 1: 3 > 2.5.
      if (check) expectBoth(log, { gate: { open: true, reciprocated: 3, present: 5 }, reciprocatedDepth: 1, flags: [], nudges: [] });
      log.stage(2); // gated: layer 1 is reciprocated, so no slow-down
      if (check) expectBoth(log, { gate: { open: false, reciprocated: 0, present: 5 }, reciprocatedDepth: 1, nudges: [] });
      log.say('a', 'how it felt', 2); // 2 < matched 1 + 2: fine
      if (check) expectBoth(log, { gate: { open: false, reciprocated: 1, present: 5 }, reciprocatedDepth: 1, flags: [], nudges: [] });
      log.stage(3); // override: layer 2 has 1 of 5, so slow down (from 2)
      if (check) expectBoth(log, { gate: { open: false, reciprocated: 0, present: 5 }, flags: [], nudges: ['slow-down'] });
      return log.say('d', 'what I fear', 3, { id: 'fear' });
    };
    const log = upToTheDisclosure(true);
    // Answered at 1: a b c d (4); at 2: a d (2, d's answer at 3 counts at 2); at 3: d (1).
    // Reciprocated depth 1, so 3 ≥ 1 + 2: over-disclosure, hold the depth.
    expectBoth(log, {
      gate: { open: false, reciprocated: 1, present: 5 }, reciprocatedDepth: 1,
      flags: ['over-disclosure:d'], nudges: ['hold-depth', 'slow-down'],
    });
    // Withdrawing the disclosure clears it at once.
    expectBoth(upToTheDisclosure(false).remove('fear'), { reciprocatedDepth: 1, flags: [], nudges: ['slow-down'] });
    log.say('b', 'me too', 2);
    // At 2: a b d (3 > 2.5): reciprocated depth 2, and 3 ≤ 2 + 1: cleared. Already the first
    // of "two more" suffices, because d's answer at 3 counts at 2 as well. Layer 3 has 1 of 5: still slow down.
    expectBoth(log, { gate: { open: false, reciprocated: 1, present: 5 }, reciprocatedDepth: 2, flags: [], nudges: ['slow-down'] });
    log.say('e', 'and me', 2); // at 2: 4 of 5; nothing else changes
    expectBoth(log, { gate: { open: false, reciprocated: 1, present: 5 }, reciprocatedDepth: 2, flags: [], nudges: ['slow-down'] });
    log.stage(2); // back at the depth slow-down started from: it ends; layer 2 has 4 of 5
    expectBoth(log, { gate: { open: true, reciprocated: 4, present: 5 }, reciprocatedDepth: 2, flags: [], nudges: [] });
  });

  it('over-disclosure is measured against what was reciprocated, not the stage; depth 4 never opens the gate', () => {
    const log = new Log().members('a', 'b', 'c', 'd').say('a').say('b');
    expectBoth(log, { gate: { open: false, reciprocated: 2, present: 4 } }); // 2 > 0.5 × 4 is false: strictly more
    log.say('c');
    expectBoth(log, { gate: { open: true, reciprocated: 3, present: 4 }, reciprocatedDepth: 1 });
    log.stage(4); // gated at 1 (3 of 4), so no slow-down even though it skips two layers
    expectBoth(log, { gate: { open: false, reciprocated: 0, present: 4 }, nudges: [] });
    log.say('a', 'x', 4); // matched 1: 4 ≥ 3
    expectBoth(log, { flags: ['over-disclosure:a'], nudges: ['hold-depth'] });
    log.say('b', 'y', 4); // 2 of 4 at 4 (and at 2, 3): still matched 1; b too
    expectBoth(log, { reciprocatedDepth: 1, flags: ['over-disclosure:a', 'over-disclosure:b'], nudges: ['hold-depth'] });
    log.say('c', 'z', 4); // 3 of 4 at 4: reciprocated depth 4; both clear and c raises none
    expectBoth(log, { gate: { open: false, reciprocated: 3, present: 4 }, reciprocatedDepth: 4, flags: [], nudges: [] });
  });

  it('quiet: invited, not after a pass at this depth, again at the next depth, cleared with hysteresis', () => {
    // Defaults: flags from 2 × 4 = 8 turns; quiet below 0.5 × median, kept below 0.6 × median.
    const log = new Log().members('a', 'b', 'c', 'd').round('a', 'b', 'c').round('a', 'b', 'c').say('a');
    expectBoth(log, { flags: [], nudges: [] }); // 7 turns: not yet
    log.say('b'); // 8 turns: a 3, b 3, c 2, d 0; median 2.5; d: 0 < 1.25 (and a full round missed)
    expectBoth(log, { flags: ['quiet:d'], nudges: ['invite:d'] }); // one quiet: no round-robin
    log.pass('d'); // a pass is a choice: not invited again at this depth; still quiet (0 < 1.5)
    expectBoth(log, { flags: ['quiet:d'], nudges: [] });
    log.stage(2); // a b c answered at 1 (3 > 2): gated. At depth 2 d has not passed: invited again
    expectBoth(log, { gate: { open: false, reciprocated: 0, present: 4 }, flags: ['quiet:d'], nudges: ['invite:d'] });
    log.say('d', 'something', 2); // d 1 < 0.6 × 2.5 = 1.5: kept
    expectBoth(log, { flags: ['quiet:d'], nudges: ['invite:d'] });
    log.say('d', 'more', 2); // d 2 ≥ 1.5: cleared
    expectBoth(log, { flags: [], nudges: [] });
  });

  it('a dominant member, the round-robin, and a late joiner judged only after the sample', () => {
    // minTurnsPerMember 1, hysteresis 0.1: dominant above 1.5 × median and the fair share.
    const s: NaiveSettings = { ...DEFAULTS, minTurnsPerMember: 1 };
    const log = new Log().members('a', 'b', 'c').say('a').say('a').say('a');
    // a 3, b 0, c 0: median 0; a's share 1 > 1/3: dominant. b, c: 0 < 0 is false, and no full round missed.
    expectBoth(log, { flags: ['dominant:a'], nudges: ['round-robin'] }, s);
    log.say('b').say('c').say('b').say('c');
    // a 3, b 2, c 2: median 2; 3 < 1.4 × 2 = 2.8 is false: kept (it was raised above 3)
    expectBoth(log, { flags: ['dominant:a'], nudges: ['round-robin'] }, s);
    log.say('b'); // a 3, b 3, c 2: median 3; 3 < 4.2: cleared
    expectBoth(log, { flags: [], nudges: [] }, s);
    log.member('d'); // d has been present for 0 turns: not judged (needs 1 × 4)
    log.say('a').say('b').say('c');
    expectBoth(log, { flags: [], nudges: [] }, s); // 3 turns since d came < 4
    log.say('a'); // 4 turns since d came, none by d: a full round missed, and 0 < 0.5 × median
    expectBoth(log, { flags: ['quiet:d'], nudges: ['invite:d'] }, s);
  });

  // The engine bugs the skipped properties describe, in their smallest logs. Expectations by hand.
  it('round-robin goes once the dominant member leaves', () => {
    const s: NaiveSettings = { ...DEFAULTS, minTurnsPerMember: 0 };
    const log = new Log().members('a', 'b', 'c').say('a'); // a 1, median 0: dominant
    expectBoth(log, { flags: ['dominant:a'], nudges: ['round-robin'] }, s);
    log.presence('a', false); // a's flag goes with a; nothing else is flagged
    expectBoth(log, { flags: [], nudges: [] }, s); // engine: nudges ['round-robin']
  });

  it('round-robin comes when a quiet flag becomes a dominant one in one event', () => {
    const s: NaiveSettings = { ...DEFAULTS, driver: 'words', minTurnsPerMember: 0 };
    const log = new Log().members('a', 'b', 'c').say('a', 'ok').say('b', 'ok'); // c missed a full round
    expectBoth(log, { flags: ['quiet:c'], nudges: ['invite:c'] }, s);
    log.say('c', 'one two three four'); // words 1, 1, 4: median 1; 4 > 1.5 and 4/6 > 1/3; quiet cleared
    expectBoth(log, { flags: ['dominant:c'], nudges: ['round-robin'] }, s); // engine: nudges []
  });

  it('hold-depth goes once the over-disclosing member leaves', () => {
    const log = new Log().members('a', 'b', 'c').say('b', 'deep', 3); // matched 1: 3 ≥ 3
    expectBoth(log, { flags: ['over-disclosure:b'], nudges: ['hold-depth'] });
    log.presence('b', false);
    expectBoth(log, { flags: [], nudges: [] }); // engine: nudges ['hold-depth']
  });

  it('a late joiner arriving does not clear a dominant flag by rounding', () => {
    const s: NaiveSettings = { ...DEFAULTS, minTurnsPerMember: 0, hysteresis: 0 };
    const log = new Log().members('a', 'b', 'c').say('b').say('b').say('b').say('c').say('c');
    // a 0, b 3, c 2: median 2; b was raised at its first turn and is kept while 3 ≥ 1.5 × 2.
    expectBoth(log, { flags: ['dominant:b', 'quiet:a'] }, s);
    // d joins and is not judged yet (0 turns present). Nobody else's rate moved: 3/5 ≥ 1.5 × 2/5
    // exactly, so b keeps the flag. The engine computes 0.6 < 0.6000000000000001 and clears it.
    log.member('d');
    expectBoth(log, { flags: ['dominant:b', 'quiet:a'] }, s);
  });
});
