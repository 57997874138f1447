// Property tests: random session logs, checked after every event against a naive reference
// that recomputes each measure from the standing contributions, and against a replay from
// scratch (flags and nudges included).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BalanceEngine, computeBalance, gini, normalisedEntropy, type BalanceSnapshot } from '../../../src/domain/balance';
import { countWords } from '../../../src/domain/text';
import type { Depth, SessionEvent } from '../../../src/domain/types';

const WORDS = ['ok', "don't", '3.5', 'a.b', 'héllo', '日本語', '🙂', 'x_y', '1,000', '—', 'e.g.', "it's"];

const op = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant('say' as const), m: fc.nat(6), d: fc.integer({ min: 1, max: 4 }), w: fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }), s: fc.option(fc.nat(90), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('pass' as const), m: fc.nat(6), d: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), back: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('presence' as const), m: fc.nat(6), p: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('join' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('stage' as const), d: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dup' as const), back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('other' as const) }) },
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function toEvents(initial: number, ops: Op[]): SessionEvent[] {
  const events: SessionEvent[] = [];
  const ids: string[] = [];
  let members = initial;
  let n = 0;
  let depth: Depth = 1;
  const base = (): { id: string; at: number; actor: string } => ({ id: `e${++n}`, at: n * 1000, actor: 'fac' });
  for (let i = 0; i < members; i++) events.push({ ...base(), type: 'member.added', memberId: `m${i}`, name: `M${i}`, joinedLate: false });
  for (const o of ops) {
    if (o.k === 'say' || o.k === 'pass') {
      const cid = `c${n}`;
      ids.push(cid);
      // Member ids past the roster exercise the "unknown member" path.
      events.push({
        ...base(), type: 'contribution.added', contributionId: cid, memberId: `m${o.m}`, phase: 'check-in', promptId: null, depth: o.d as Depth,
        topic: 't', text: o.k === 'say' ? o.w.join(' ') : '', pass: o.k === 'pass',
        ...(o.k === 'say' && o.s !== undefined && { seconds: o.s }),
      });
    } else if (o.k === 'remove') {
      events.push({ ...base(), type: 'contribution.removed', contributionId: ids[ids.length - 1 - o.back] ?? 'none' });
    } else if (o.k === 'presence') {
      events.push({ ...base(), type: 'member.presence', memberId: `m${o.m}`, present: o.p });
    } else if (o.k === 'join') {
      events.push({ ...base(), type: 'member.added', memberId: `m${members}`, name: `M${members}`, joinedLate: true });
      members++;
    } else if (o.k === 'stage') {
      events.push({ ...base(), type: 'stage.moved', from: depth, to: o.d as Depth, kind: 'deeper', override: false });
      depth = o.d as Depth;
    } else if (o.k === 'dup') {
      const prev = events.filter((e) => e.type === 'contribution.added').slice(-1 - o.back)[0];
      if (prev) events.push({ ...prev, id: `e${++n}`, at: n * 1000 });
    } else {
      events.push({ ...base(), type: 'prompt.shown', promptId: 'p' });
    }
  }
  return events;
}

interface RefContribution { id: string; member: string; depth: number; stage: number; pass: boolean; words: number; seconds: number; seq: number }
interface RefMember { id: string; present: boolean; joinedSeq: number; joinedLate: boolean; stretches: [number, number][] }

/** The log folded the slow, obvious way: a list of standing contributions. */
function fold(events: readonly SessionEvent[]): { members: RefMember[]; cs: RefContribution[]; depth: number } {
  const members: RefMember[] = [];
  let cs: RefContribution[] = [];
  const everIds = new Set<string>();
  let depth = 1;
  let any = false;
  events.forEach((e, seq) => {
    const m = 'memberId' in e ? members.find((x) => x.id === e.memberId) : undefined;
    if (e.type === 'member.added' && !m) {
      members.push({ id: e.memberId, present: true, joinedSeq: seq, joinedLate: any, stretches: [[seq, Infinity]] });
    } else if (e.type === 'member.presence' && m && m.present !== e.present) {
      m.present = e.present;
      if (e.present) m.stretches.push([seq, Infinity]);
      else m.stretches[m.stretches.length - 1][1] = seq;
    } else if (e.type === 'stage.moved') depth = e.to;
    else if (e.type === 'contribution.added' && m && !everIds.has(e.contributionId)) {
      everIds.add(e.contributionId);
      any = true;
      cs.push({
        id: e.contributionId, member: m.id, depth: e.depth, stage: depth, pass: e.pass, seq,
        words: e.pass ? 0 : countWords(e.text), seconds: !e.pass && e.seconds ? e.seconds : 0,
      });
    } else if (e.type === 'contribution.removed') cs = cs.filter((c) => c.id !== e.contributionId);
  });
  return { members, cs, depth };
}

const near = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

function checkAgainstReference(events: readonly SessionEvent[], snap: BalanceSnapshot, driver: 'turns' | 'words'): void {
  const { members, cs, depth } = fold(events);
  const turns = cs.filter((c) => !c.pass);
  const present = members.filter((m) => m.present);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const mine = (id: string, pass: boolean): RefContribution[] => cs.filter((c) => c.member === id && c.pass === pass);
  const pTurns = sum(present.map((m) => mine(m.id, false).length));
  const pWords = sum(present.map((m) => sum(mine(m.id, false).map((c) => c.words))));
  assert.equal(snap.members.length, members.length);
  members.forEach((ref, i) => {
    const got = snap.members[i];
    const own = mine(ref.id, false);
    const disclosures = [1, 2, 3, 4].map((d) => own.filter((c) => c.depth === d).length);
    const last = own.length ? own[own.length - 1].seq : ref.joinedSeq;
    const exposure = turns.filter((t) => ref.stretches.some(([a, b]) => t.seq >= a && t.seq < b)).length;
    const shareTurns = ref.present && pTurns > 0 ? own.length / pTurns : 0;
    const weight = turns.length > 0 ? exposure / turns.length : ref.present ? 1 : 0;
    assert.equal(got.memberId, ref.id);
    assert.deepEqual([got.present, got.joinedLate, got.turns, got.passes, got.disclosures], [ref.present, ref.joinedLate, own.length, mine(ref.id, true).length, disclosures]);
    near(got.words, sum(own.map((c) => c.words)), 'words');
    near(got.seconds, sum(own.map((c) => c.seconds)), 'seconds');
    assert.equal(got.deepest, Math.max(0, ...own.map((c) => c.depth)));
    assert.equal(got.turnsSinceLastSpoke, turns.filter((t) => t.seq > last).length);
    near(got.shareTurns, shareTurns, 'shareTurns');
    const shareWords = ref.present && pWords > 0 ? sum(own.map((c) => c.words)) / pWords : 0;
    const share = driver === 'words' ? shareWords : shareTurns;
    near(got.shareWords, shareWords, 'shareWords');
    near(got.share, share, 'share');
    near(got.presenceWeight, weight, 'presenceWeight');
    near(got.adjustedShare, weight > 0 ? share / weight : share, 'adjustedShare');
    if (!ref.present) assert.equal(got.flag, null);
  });
  const values = present.map((m) => (driver === 'words' ? sum(mine(m.id, false).map((c) => c.words)) : mine(m.id, false).length));
  const total = sum(values);
  near(snap.team.gini, gini(values), 'gini');
  near(snap.team.evenness, normalisedEntropy(values), 'evenness');
  near(snap.team.maxShare, total > 0 ? Math.max(0, ...values) / total : 0, 'maxShare');
  assert.deepEqual([snap.team.presentCount, snap.team.totalTurns, snap.depth], [present.length, pTurns, depth]);
  near(snap.team.totalWords, pWords, 'totalWords');
  const answered = present.filter((m) => mine(m.id, false).some((c) => c.depth >= depth)).length;
  assert.deepEqual([snap.gate.reciprocated, snap.gate.present], [answered, present.length]);
  snap.layers.forEach((l, s) => {
    const inStage = cs.filter((c) => c.stage === s + 1);
    const deepest = Math.max(0, ...inStage.filter((c) => !c.pass).map((c) => c.depth));
    const matched = present.filter((m) => cs.some((c) => !c.pass && c.member === m.id && c.depth >= s + 1)).length;
    assert.deepEqual([l.contributions, l.passes, l.deepestDisclosure, l.matched], [inStage.length, inStage.filter((c) => c.pass).length, deepest, matched]);
  });
  assert.deepEqual([...snap.suggestedOrder].sort(), present.map((m) => m.id).sort());
}

const logs = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 70 })).map(([k, ops]) => toEvents(k, ops));

describe('balance engine: properties', () => {
  it('after every event, the incremental measures equal a naive recomputation', () => {
    fc.assert(fc.property(logs, fc.constantFrom<'turns' | 'words'>('turns', 'words'), (events, driver) => {
      const engine = new BalanceEngine({ driver });
      for (let i = 0; i < events.length; i++) {
        engine.apply(events[i]);
        checkAgainstReference(events.slice(0, i + 1), engine.snapshot(), driver);
      }
    }), { numRuns: 150 });
  });

  it('after every event, the whole snapshot (flags and nudges too) equals a replay from scratch', () => {
    const settings = fc.record({
      driver: fc.constantFrom<'turns' | 'words'>('turns', 'words'),
      minTurnsPerMember: fc.integer({ min: 0, max: 2 }),
      hysteresis: fc.constantFrom(0, 0.1, 0.3),
    });
    fc.assert(fc.property(logs, settings, (events, s) => {
      const engine = new BalanceEngine(s);
      for (let i = 0; i < events.length; i++) {
        engine.apply(events[i]);
        assert.deepEqual(engine.snapshot(), computeBalance(events.slice(0, i + 1), s));
      }
    }), { numRuns: 150 });
  });

  it('the per-event shortcut gives exactly the flags of the full check', () => {
    fc.assert(fc.property(logs, fc.constantFrom<'turns' | 'words'>('turns', 'words'), (events, driver) => {
      const quick = new BalanceEngine({ driver, minTurnsPerMember: 1 });
      const full = new BalanceEngine({ driver, minTurnsPerMember: 1 }, { shortcut: false });
      for (const e of events) {
        quick.apply(e);
        full.apply(e);
      }
      assert.deepEqual(quick.snapshot(), full.snapshot());
    }), { numRuns: 300 });
  });

  it('flags are raised only after the minimum sample, and only on present members', () => {
    fc.assert(fc.property(logs, (events) => {
      const engine = new BalanceEngine();
      let seen = 0;
      for (const e of events) {
        engine.apply(e);
        const s = engine.snapshot();
        for (const f of s.flagHistory.slice(seen)) {
          if (f.kind !== 'over-disclosure' && f.raisedAtSeq === engine.seq - 1) assert.ok(s.team.sampleReady);
        }
        seen = s.flagHistory.length;
        const present = new Set(s.members.filter((m) => m.present).map((m) => m.memberId));
        for (const f of s.activeFlags) assert.ok(present.has(f.memberId));
        near(s.members.filter((m) => m.present).reduce((a, m) => a + m.shareTurns, 0), s.team.totalTurns > 0 ? 1 : 0, 'shares sum');
      }
    }), { numRuns: 100 });
  });
});
