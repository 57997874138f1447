// Many writers, one log. Simulated writers (two facilitator windows and several members)
// each decide from their own stale copy; their events reach one another late, out of
// order and more than once. Whatever order the merged log ends up in, every replica that
// applies it agrees, every rule holds, nothing an honest writer sent is lost, and a
// forged event changes nothing.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultDeck, deckColumns } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { SessionReplica } from '../../../src/domain/replica';
import { decide, startSession } from '../../../src/domain/retro';
import { applyEvent, dotsPerMember, emptyState, replay } from '../../../src/domain/session';
import { gateFromState } from '../../../src/domain/stages';
import { nameKey } from '../../../src/domain/text';
import type { Command } from '../../../src/domain/commands';
import type { SessionEvent, SessionState } from '../../../src/domain/types';

const NAMES = ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Fay', 'Gus', 'Hal'];

interface Writer {
  actor: string;
  facilitator: boolean;
  /** The events this writer has seen, in the order it saw them. */
  log: SessionEvent[];
  seen: Set<string>;
  state: SessionState;
}

type Step =
  | { k: 'act'; w: number; c: number; a: number; b: number; text: string }
  | { k: 'deliver'; w: number; pick: number; dup: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('act' as const), w: fc.nat(20), c: fc.integer({ min: 0, max: 30 }), a: fc.nat(20), b: fc.nat(20), text: fc.constantFrom('ok', 'Sam', 'sam ', 'stuck', '<b>hi</b>', '') }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('deliver' as const), w: fc.nat(20), pick: fc.nat(1000), dup: fc.boolean() }) },
);

/** What a facilitator window might ask for, from its own view. */
function facilitatorCommand(s: SessionState, c: number, a: number, b: number, text: string): Command {
  const member = s.members[a % Math.max(1, s.members.length)]?.id ?? 'nobody';
  const note = s.notes[b % Math.max(1, s.notes.length)]?.id ?? 'none';
  const commands: Command[] = [
    { kind: 'startTurn', memberId: member },
    { kind: 'stage', move: (['deeper', 'stay', 'back'] as const)[b % 3]! },
    { kind: 'setPhase', phase: (['check-in', 'gather', 'insights', 'decide', 'close'] as const)[b % 5]!, skip: a % 2 === 0 },
    { kind: 'nextPrompt' },
    { kind: 'addMember', name: text || 'Sam' },
    { kind: 'setPresence', memberId: member, present: b % 3 !== 0 },
    { kind: 'contribute', memberId: member, text, pass: text === '' },
    { kind: 'addNote', memberId: b % 4 === 0 ? null : member, text: text || 'note', column: deckColumns(s.deck)[b % 3]! },
    { kind: 'vote', memberId: member, noteId: note, retract: b % 5 === 0 },
    { kind: 'groupNote', noteId: note, groupId: s.notes[a % Math.max(1, s.notes.length)]?.id ?? null },
    { kind: 'addAction', text: text || 'do it', ownerId: b % 2 ? member : null },
    { kind: 'removeContribution', contributionId: s.contributions[b % Math.max(1, s.contributions.length)]?.id ?? 'none' },
    { kind: 'dismissNudge', nudgeId: `invite:${member}:x` },
    { kind: 'editContribution', contributionId: s.contributions[a % Math.max(1, s.contributions.length)]?.id ?? 'none', text: text || 'words' },
    { kind: 'editNote', noteId: note, text: text || 'edited' },
    { kind: 'removeNote', noteId: note },
    { kind: 'endRetro' },
  ];
  // Ending is rare (c = 30 only): most runs should see plenty happen first.
  if (c === 30) return commands[commands.length - 1]!;
  return commands[c % (commands.length - 1)]!;
}

/** What a member might ask for, about themselves. */
function memberCommand(s: SessionState, self: string, c: number, b: number, text: string): Command {
  const note = s.notes[b % Math.max(1, s.notes.length)]?.id ?? 'none';
  const mine = s.contributions.filter((x) => x.memberId === self);
  const commands: Command[] = [
    { kind: 'contribute', memberId: self, text, pass: text === '' || b % 4 === 0 },
    { kind: 'addNote', memberId: self, text: text || 'note', column: deckColumns(s.deck)[b % 3]! },
    { kind: 'vote', memberId: self, noteId: note, retract: b % 4 === 0 },
    { kind: 'checkout', memberId: self, text: text || 'thanks', roti: 1 + (b % 5) },
    { kind: 'setPresence', memberId: self, present: b % 2 === 0 },
    { kind: 'removeContribution', contributionId: mine[b % Math.max(1, mine.length)]?.id ?? 'none' },
    { kind: 'editContribution', contributionId: mine[b % Math.max(1, mine.length)]?.id ?? 'none', text: text || 'my words' },
    { kind: 'editNote', noteId: note, text: text || 'my note' },
    { kind: 'removeNote', noteId: note },
  ];
  return commands[c % commands.length]!;
}

interface Run {
  /** Each writer's own events, in the order it made them. */
  own: SessionEvent[][];
  /** Every event in the order it was made, across writers (a causal order). */
  made: SessionEvent[];
  opening: SessionEvent[];
  members: string[];
  facilitator: string;
}

function simulate(writers: number, steps: Step[]): Run {
  const newId = sequentialIds('w');
  const opening = startSession({
    title: 'Sprint', teamId: 't', members: NAMES.slice(0, Math.max(2, writers)), deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 400 }, now: 0, newId, recentPromptIds: [],
  });
  const s0 = replay(opening);
  const fac = s0.facilitatorId!;
  const members = s0.members.map((m) => m.id);
  const ws: Writer[] = [];
  // Two facilitator windows (say, two windows restoring the same retro) and the members.
  for (let i = 0; i < writers; i++) {
    const facilitator = i < 2;
    ws.push({ actor: facilitator ? fac : members[(i - 2) % members.length]!, facilitator, log: [...opening], seen: new Set(opening.map((e) => e.id)), state: s0 });
  }
  const own: SessionEvent[][] = ws.map(() => []);
  const made: SessionEvent[] = [];
  let now = 1_000;
  for (const st of steps) {
    const w = ws[st.w % ws.length]!;
    if (st.k === 'deliver') {
      if (made.length === 0) continue;
      const e = made[st.pick % made.length]!;
      if (w.seen.has(e.id) && !st.dup) continue;
      w.seen.add(e.id);
      w.log.push(e);
      w.state = applyEvent(w.state, e);
      continue;
    }
    const command = w.facilitator ? facilitatorCommand(w.state, st.c, st.a, st.b, st.text) : memberCommand(w.state, w.actor, st.c, st.b, st.text);
    const d = decide(w.state, command, { actor: w.actor, now: (now += 500), newId, gate: gateFromState, recentPromptIds: [] });
    if (!d.ok) continue;
    for (const e of d.events) {
      w.seen.add(e.id);
      w.log.push(e);
      w.state = applyEvent(w.state, e);
      own[ws.indexOf(w)]!.push(e);
      made.push(e);
    }
  }
  return { own, made, opening, members, facilitator: fac };
}

/** A merge of the writers' logs in an arbitrary interleaving that keeps each writer's own order, with duplicates. */
function interleave(run: Run, choices: number[]): SessionEvent[] {
  const queues = run.own.map((q) => [...q]);
  const out: SessionEvent[] = [...run.opening];
  let k = 0;
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    const c = choices[k++ % Math.max(1, choices.length)] ?? 0;
    const q = live[c % live.length]!;
    const e = q.shift()!;
    out.push(e);
    if (c % 7 === 0) out.push(e); // delivered twice
  }
  return out;
}

/** Positions (seq) legitimately move when events are added; everything else must not. */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (/seq$/i.test(k) || k === 'rejected' ? undefined : v)));
}

function checkInvariants(s: SessionState): void {
  const keys = s.members.map((m) => nameKey(m.name));
  assert.equal(new Set(keys).size, keys.length, 'names are unique');
  const ids = new Set(s.members.map((m) => m.id));
  for (const m of s.members) {
    const votes = s.votes.filter((v) => v.memberId === m.id).length;
    assert.ok(votes <= dotsPerMember(s), `at most ${dotsPerMember(s)} dots each (${votes})`);
  }
  const notes = new Set(s.notes.map((n) => n.id));
  for (const v of s.votes) assert.ok(ids.has(v.memberId) && notes.has(v.noteId), 'votes name real members and notes');
  for (const n of s.notes) assert.ok(n.groupId === null || notes.has(n.groupId), 'groups name real notes');
  for (const c of s.contributions) assert.ok(ids.has(c.memberId), 'answers belong to members');
  assert.equal(new Set(s.contributions.map((c) => c.id)).size, s.contributions.length, 'no answer twice');
  assert.equal(new Set(s.checkouts.map((c) => c.memberId)).size, s.checkouts.length, 'one check-out each');
  for (const a of s.actions) assert.ok(a.ownerId === null || ids.has(a.ownerId), 'owners are members');
  assert.ok(s.facilitatorId !== null);
}

const runs = fc.record({
  writers: fc.integer({ min: 3, max: 10 }),
  steps: fc.array(step, { minLength: 40, maxLength: 160, size: 'large' }),
  orders: fc.array(fc.array(fc.nat(50), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
});

describe('many writers, one log (properties)', () => {
  it('the simulation exercises the rules: concurrent writers really collide', () => {
    const reasons = new Map<string, number>();
    let made = 0;
    fc.assert(
      fc.property(runs, ({ writers, steps, orders }) => {
        const sim = simulate(writers, steps);
        made += sim.made.length;
        for (const r of replay(interleave(sim, orders[0]!)).rejected) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      }),
      { numRuns: 200, seed: 42 },
    );
    assert.ok(made > 200 * 30, `writers made ${made} events`);
    for (const reason of ['vote-cap', 'duplicate-name', 'after-end', 'unknown-id', 'stale']) {
      assert.ok((reasons.get(reason) ?? 0) > 0, `some merge hits "${reason}": ${JSON.stringify([...reasons])}`);
    }
  });

  it('every replica applying the same merged order reaches the same state and balance', () => {
    fc.assert(
      fc.property(runs, ({ writers, steps, orders }) => {
        const sim = simulate(writers, steps);
        for (const choices of orders) {
          const merged = interleave(sim, choices);
          const a = replay(merged);
          const b = merged.reduce(applyEvent, emptyState());
          const c = new SessionReplica();
          for (const e of merged) c.apply(e);
          const d = new SessionReplica(merged);
          assert.deepEqual(b, a, 'step by step equals replay');
          assert.deepEqual(c.state, a);
          assert.deepEqual(c.balance, d.balance, 'the balance too');
        }
      }),
      { numRuns: 120 },
    );
  });

  it('every rule holds, whatever the order, and nothing an honest writer sent is lost', () => {
    fc.assert(
      fc.property(runs, ({ writers, steps, orders }) => {
        const sim = simulate(writers, steps);
        for (const choices of [...orders, []]) {
          const merged = choices.length ? interleave(sim, choices) : [...sim.opening, ...sim.made];
          const builderStates: SessionState[] = [];
          let s = emptyState();
          for (const e of merged) {
            s = applyEvent(s, e);
            builderStates.push(s);
          }
          for (const st of builderStates) checkInvariants(st);
          // Each event made is in the log once, and either applied or ignored for a rule
          // other than permissions: honest writers are never "forbidden".
          const once = new Set(merged.map((e) => e.id));
          assert.equal(once.size, sim.opening.length + sim.made.length);
          const rejected = new Map(s.rejected.map((r) => [r.eventId, r.reason]));
          for (const e of sim.made) assert.notEqual(rejected.get(e.id), 'forbidden', `${e.type} by ${e.actor}`);
          if (s.endedAt !== null) {
            const end = merged.findIndex((e) => e.type === 'session.ended' && !rejected.has(e.id));
            const before = new Set(merged.slice(0, end + 1).map((e) => e.id));
            for (const e of merged.slice(end + 1)) {
              if (!before.has(e.id) && !rejected.has(e.id)) assert.fail(`${e.type} applied after the end`);
              before.add(e.id); // a second delivery of the same event is a duplicate, not an event
            }
          }
          // In the causal order each writer's own copy saw, nothing it made was refused as unknown.
          if (choices.length === 0) assert.ok(s.rejected.every((r) => r.reason !== 'invalid'));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('a forged event (wrong role, someone else’s name, a stranger) changes nothing', () => {
    const forgery = fc.record({ at: fc.nat(500), kind: fc.nat(9), who: fc.nat(20), whom: fc.nat(20) });
    fc.assert(
      fc.property(runs, fc.array(forgery, { minLength: 1, maxLength: 8 }), ({ writers, steps }, forged) => {
        const sim = simulate(writers, steps);
        const honest = [...sim.opening, ...sim.made];
        const log = [...honest];
        const s = replay(honest);
        forged.forEach((f, i) => {
          const member = sim.members[f.who % sim.members.length]!;
          const other = sim.members.filter((m) => m !== member)[f.whom % (sim.members.length - 1)] ?? member;
          const base = { id: `forged-${i}`, at: 1, actor: member };
          const fakes: SessionEvent[] = [
            { ...base, type: 'stage.moved', from: s.depth, to: s.depth === 4 ? 3 : ((s.depth + 1) as 2 | 3 | 4), kind: 'deeper', override: true },
            { ...base, type: 'session.ended' },
            { ...base, type: 'phase.changed', from: s.phase, phase: 'close', skipped: [] },
            { ...base, type: 'member.added', memberId: `ghost-${i}`, name: `Ghost ${i}`, joinedLate: true },
            { ...base, type: 'contribution.added', contributionId: `fc-${i}`, memberId: other, phase: 'check-in', promptId: null, depth: 4, topic: 't', text: 'not mine', pass: false },
            { ...base, type: 'vote.cast', memberId: other, noteId: s.notes[0]?.id ?? 'n' },
            { ...base, type: 'checkout.added', memberId: other, text: 'not mine' },
            { ...base, type: 'facilitator.set', memberId: member },
            { ...base, actor: 'stranger', type: 'contribution.added', contributionId: `fs-${i}`, memberId: 'stranger', phase: 'check-in', promptId: null, depth: 1, topic: 't', text: 'hi', pass: false },
            { ...base, type: 'nudge.dismissed', nudgeId: 'any' },
          ];
          log.splice(sim.opening.length + (f.at % (log.length - sim.opening.length + 1)), 0, fakes[f.kind % fakes.length]!);
        });
        const clean = new SessionReplica(honest);
        const dirty = new SessionReplica(log);
        assert.deepEqual(withoutPositions(dirty.state), withoutPositions(clean.state));
        assert.deepEqual(withoutPositions(dirty.balance), withoutPositions(clean.balance));
        const forgedIds = new Set(log.filter((e) => e.id.startsWith('forged-')).map((e) => e.id));
        const refused = dirty.state.rejected.filter((r) => forgedIds.has(r.eventId));
        assert.equal(refused.length, forgedIds.size, 'every forged event is counted as ignored');
      }),
      { numRuns: 120 },
    );
  });
});
