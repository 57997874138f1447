import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { startSession } from '../../../src/domain/retro';
import { applyEvent, emptyState, hasEvent, replay, SessionBuilder } from '../../../src/domain/session';
import type { SessionEvent, SessionState } from '../../../src/domain/types';

const settings = { turnSoftCapSeconds: 90, maxTextLength: 4000 };

function opening(names = ['Ada', 'Grace', 'Linus']): SessionEvent[] {
  return startSession({
    title: 'Sprint 12',
    teamId: 'core',
    members: names,
    deck: defaultDeck(),
    settings,
    now: 1000,
    newId: sequentialIds('o'),
    recentPromptIds: [],
  });
}

let n = 0;
const eid = () => `t${++n}`;
const memberIds = (s: SessionState) => s.members.map((m) => m.id);

/** The opening's first id is the creator's seat: the facilitator. */
const FAC = 'o1';

function contribution(memberId: string, text: string, extra: Partial<Extract<SessionEvent, { type: 'contribution.added' }>> = {}): SessionEvent {
  return { id: eid(), at: 2000, actor: FAC, type: 'contribution.added', contributionId: `c-${eid()}`, memberId, phase: 'check-in', promptId: null, depth: 1, topic: 't', text, pass: false, ...extra };
}

function applyAll(state: SessionState, events: SessionEvent[]): SessionState {
  return events.reduce(applyEvent, state);
}

describe('session reducer', () => {
  it('opens a retro: roster, check-in at depth 1 and a first prompt', () => {
    const s = replay(opening());
    assert.equal(s.title, 'Sprint 12');
    assert.equal(s.teamId, 'core');
    assert.deepEqual(s.members.map((m) => m.name), ['Ada', 'Grace', 'Linus']);
    assert.ok(s.members.every((m) => m.present && !m.joinedLate));
    assert.equal(s.phase, 'check-in');
    assert.equal(s.depth, 1);
    assert.ok(s.promptId);
    assert.deepEqual(s.shownPromptIds, [s.promptId]);
    assert.equal(s.seq, opening().length);
  });

  it('records contributions with words, seq, phase and pass', () => {
    const base = replay(opening());
    const [a, b] = memberIds(base);
    const s = applyAll(base, [contribution(a!, 'One word: tired'), contribution(b!, '', { pass: true, seconds: 4 })]);
    assert.equal(s.contributions.length, 2);
    assert.equal(s.contributions[0]!.words, 3);
    assert.equal(s.contributions[0]!.seq, base.seq);
    assert.equal(s.contributions[0]!.phase, 'check-in');
    assert.equal(s.contributions[1]!.pass, true);
    assert.equal(s.contributions[1]!.words, 0);
    assert.equal(s.contributions[1]!.seconds, 4);
  });

  it('never changes the state it was given', () => {
    const base = replay(opening());
    const frozen = JSON.stringify(base);
    const [a] = memberIds(base);
    applyAll(base, [contribution(a!, 'hi'), { id: eid(), at: 3, actor: FAC, type: 'member.renamed', memberId: a!, name: 'Ada L.' }]);
    assert.equal(JSON.stringify(base), frozen);
  });

  it('marks members added after the first contribution as late joiners', () => {
    const base = replay(opening());
    const early = applyEvent(base, { id: eid(), at: 1, actor: FAC, type: 'member.added', memberId: 'early', name: 'Early', joinedLate: false });
    const s = applyAll(early, [contribution(memberIds(base)[0]!, 'hello'), { id: eid(), at: 2, actor: FAC, type: 'member.added', memberId: 'late', name: 'Late', joinedLate: true }]);
    const late = s.members.find((m) => m.id === 'late')!;
    assert.equal(s.members.find((m) => m.id === 'early')!.joinedLate, false);
    assert.equal(late.joinedLate, true);
    assert.equal(late.joinedAtSeq, s.seq - 1);
  });

  it('renames, tracks presence with leftAtSeq, and sets the facilitator', () => {
    const base = replay(opening());
    const [a, b] = memberIds(base);
    const s = applyAll(base, [
      { id: eid(), at: 1, actor: FAC, type: 'member.renamed', memberId: a!, name: '  Ada \u202Eevil ' },
      { id: eid(), at: 1, actor: FAC, type: 'member.presence', memberId: b!, present: false },
      { id: eid(), at: 1, actor: FAC, type: 'facilitator.set', memberId: a! },
    ]);
    assert.equal(s.members[0]!.name, 'Ada evil');
    assert.equal(s.members[1]!.present, false);
    assert.equal(s.members[1]!.leftAtSeq, base.seq + 1);
    assert.equal(s.facilitatorId, a);
    const refused = applyEvent(s, { id: eid(), at: 1, actor: FAC, type: 'member.presence', memberId: b!, present: true });
    assert.equal(refused.members[1]!.present, false, 'the old seat handed its role over');
    assert.equal(refused.rejected.at(-1)?.reason, 'forbidden');
    const back = applyEvent(s, { id: eid(), at: 1, actor: a!, type: 'member.presence', memberId: b!, present: true });
    assert.equal(back.members[1]!.present, true);
    assert.equal(back.members[1]!.leftAtSeq, undefined);
  });

  it('moves stages, records every move, and clears the prompt when the depth changes', () => {
    const base = replay(opening());
    const s = applyEvent(base, { id: eid(), at: 5, actor: FAC, type: 'stage.moved', from: 1, to: 2, kind: 'deeper', override: true, gate: { reciprocated: 1, present: 3, open: false } });
    assert.equal(s.depth, 2);
    assert.equal(s.promptId, null);
    const move = s.stageMoves[s.stageMoves.length - 1]!;
    assert.deepEqual(move, { eventId: move.eventId, seq: base.seq, at: 5, from: 1, to: 2, kind: 'deeper', override: true, gate: { reciprocated: 1, present: 3, open: false } });
    const shown = applyEvent(s, { id: eid(), at: 6, actor: FAC, type: 'prompt.shown', promptId: 'lc-2-surprised' });
    assert.equal(shown.promptId, 'lc-2-surprised');
  });

  it('handles turns, phases with skipped phases, and the end of the retro', () => {
    const base = replay(opening());
    const [a] = memberIds(base);
    let s = applyEvent(base, { id: eid(), at: 7, actor: FAC, type: 'turn.started', memberId: a! });
    assert.deepEqual(s.turn, { memberId: a, startedAt: 7 });
    s = applyEvent(s, { id: eid(), at: 8, actor: FAC, type: 'turn.ended' });
    assert.deepEqual(s.turn, { memberId: null, startedAt: null });
    s = applyEvent(s, { id: eid(), at: 9, actor: FAC, type: 'phase.changed', from: 'check-in', phase: 'insights', skipped: ['gather'] });
    assert.equal(s.phase, 'insights');
    assert.deepEqual(s.skippedPhases, ['gather']);
    s = applyEvent(s, { id: eid(), at: 10, actor: FAC, type: 'session.ended' });
    assert.equal(s.phase, 'ended');
    assert.equal(s.endedAt, 10);
  });

  it('handles notes, grouping, votes and retractions', () => {
    const base = replay(opening());
    const [a, b] = memberIds(base);
    let s = applyAll(base, [
      { id: eid(), at: 1, actor: FAC, type: 'note.added', noteId: 'n1', memberId: a!, text: '<b>CI</b> is slow', column: 'Could be better' },
      { id: eid(), at: 1, actor: FAC, type: 'note.added', noteId: 'n2', memberId: null, text: 'Pairing', column: 'Went well' },
      { id: eid(), at: 1, actor: FAC, type: 'note.grouped', noteId: 'n2', groupId: 'n1' },
      { id: eid(), at: 1, actor: FAC, type: 'vote.cast', memberId: a!, noteId: 'n1' },
      { id: eid(), at: 1, actor: FAC, type: 'vote.cast', memberId: b!, noteId: 'n1' },
      { id: eid(), at: 1, actor: FAC, type: 'vote.cast', memberId: b!, noteId: 'n1' },
    ]);
    assert.equal(s.notes[0]!.text, '<b>CI</b> is slow', 'markup stays plain text');
    assert.equal(s.notes[1]!.groupId, 'n1');
    assert.equal(s.votes.length, 3);
    s = applyEvent(s, { id: eid(), at: 1, actor: FAC, type: 'vote.retracted', memberId: b!, noteId: 'n1' });
    assert.equal(s.votes.length, 2);
  });

  it('handles action items and check-outs (latest check-out wins)', () => {
    const base = replay(opening());
    const [a, b] = memberIds(base);
    let s = applyAll(base, [
      { id: eid(), at: 1, actor: FAC, type: 'action.added', actionId: 'x1', text: 'Fix CI', ownerId: a!, due: '2025-01-01' },
      { id: eid(), at: 1, actor: FAC, type: 'action.updated', actionId: 'x1', done: true, ownerId: b! },
      { id: eid(), at: 1, actor: FAC, type: 'action.added', actionId: 'x2', text: 'Drop', ownerId: null },
      { id: eid(), at: 1, actor: FAC, type: 'action.removed', actionId: 'x2' },
      { id: eid(), at: 1, actor: FAC, type: 'checkout.added', memberId: a!, text: 'good', roti: 4 },
      { id: eid(), at: 1, actor: FAC, type: 'checkout.added', memberId: a!, text: 'great', roti: 5 },
    ]);
    assert.deepEqual(s.actions, [{ id: 'x1', text: 'Fix CI', ownerId: b, due: '2025-01-01', done: true }]);
    assert.deepEqual(s.checkouts, [{ memberId: a, text: 'great', roti: 5 }]);
    s = applyEvent(s, contribution(a!, 'x', { contributionId: 'cx' }));
    s = applyEvent(s, { id: eid(), at: 1, actor: FAC, type: 'contribution.removed', contributionId: 'cx' });
    assert.equal(s.contributions.length, 0);
  });

  it('ignores events that reference unknown ids, but still counts them in seq', () => {
    const base = replay(opening());
    const unknown: SessionEvent[] = [
      contribution('ghost', 'boo'),
      { id: eid(), at: 1, actor: FAC, type: 'member.renamed', memberId: 'ghost', name: 'x' },
      { id: eid(), at: 1, actor: FAC, type: 'member.presence', memberId: 'ghost', present: false },
      { id: eid(), at: 1, actor: FAC, type: 'facilitator.set', memberId: 'ghost' },
      { id: eid(), at: 1, actor: FAC, type: 'turn.started', memberId: 'ghost' },
      { id: eid(), at: 1, actor: FAC, type: 'prompt.shown', promptId: 'no-such-prompt' },
      { id: eid(), at: 1, actor: FAC, type: 'contribution.removed', contributionId: 'nope' },
      { id: eid(), at: 1, actor: FAC, type: 'note.added', noteId: 'n', memberId: 'ghost', text: 'x', column: 'Ideas' },
      { id: eid(), at: 1, actor: FAC, type: 'note.grouped', noteId: 'nope', groupId: null },
      { id: eid(), at: 1, actor: FAC, type: 'vote.cast', memberId: 'ghost', noteId: 'nope' },
      { id: eid(), at: 1, actor: FAC, type: 'vote.retracted', memberId: 'ghost', noteId: 'nope' },
      { id: eid(), at: 1, actor: FAC, type: 'action.added', actionId: 'a', text: 'x', ownerId: 'ghost' },
      { id: eid(), at: 1, actor: FAC, type: 'action.updated', actionId: 'nope', done: true },
      { id: eid(), at: 1, actor: FAC, type: 'action.removed', actionId: 'nope' },
      { id: eid(), at: 1, actor: FAC, type: 'checkout.added', memberId: 'ghost', text: 'x' },
    ];
    const s = applyAll(base, unknown);
    assert.deepEqual({ ...s, seq: base.seq, rejected: [] }, base);
    assert.equal(s.seq, base.seq + unknown.length);
    assert.deepEqual(s.rejected.map((r) => r.eventId), unknown.map((e) => e.id), 'each ignored event is counted');
  });

  it('never reuses a contribution id: one removed stays removed, in replay and step by step', () => {
    const base = replay(opening());
    const [a] = memberIds(base);
    const log = [contribution(a!, 'x', { contributionId: 'k' }), { id: eid(), at: 1, actor: FAC, type: 'contribution.removed', contributionId: 'k' } as SessionEvent, contribution(a!, 'again', { contributionId: 'k' })];
    const stepped = applyAll(base, log);
    const replayed = replay([...opening(), ...log]);
    for (const s of [stepped, replayed]) {
      assert.deepEqual(s.contributions, []);
      assert.deepEqual(s.removedContributionIds, ['k']);
      assert.equal(s.rejected.at(-1)?.reason, 'invalid');
    }
  });

  it('skips an event type it does not know, without throwing', () => {
    const base = replay(opening());
    const future = { id: 'f1', at: 1, type: 'poll.opened' } as unknown as SessionEvent;
    assert.equal(applyEvent(base, future).seq, base.seq + 1);
    assert.equal(replay([...opening(), future]).seq, base.seq + 1);
  });

  it('ignores a second session.created in a merged log', () => {
    const events = opening();
    const again = { ...events[0]!, id: 'other', title: 'Hijack' } as SessionEvent;
    const s = replay([...events, again]);
    assert.equal(s.title, 'Sprint 12');
    assert.deepEqual(s.rejected, [{ eventId: 'other', type: 'session.created', reason: 'invalid' }]);
  });

  it('treats an event id seen before as a no-op (same state object back)', () => {
    const base = replay(opening());
    const e = contribution(memberIds(base)[0]!, 'hello');
    const once = applyEvent(base, e);
    assert.equal(applyEvent(once, e), once);
    assert.ok(hasEvent(once, e.id));
    assert.ok(!hasEvent(base, e.id));
    assert.deepEqual(replay([...opening(), e, e, e]).contributions.length, 1);
    const dupOpening = replay([...opening(), ...opening()]);
    assert.equal(dupOpening.members.length, 3);
  });

  it('lets an older state branch without seeing ids from the other branch', () => {
    const base = replay(opening());
    const [a, b] = memberIds(base);
    const e1 = contribution(a!, 'branch one');
    const e2 = contribution(b!, 'branch two');
    const one = applyEvent(base, e1);
    const two = applyEvent(base, e2);
    assert.equal(applyEvent(two, e1).contributions.length, 2, 'e1 is new on branch two');
    assert.equal(applyEvent(one, e1), one);
  });

  it('replays deterministically: the same log gives the same state', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.string(), fc.boolean()), { maxLength: 40 }), (rows) => {
        const open = opening();
        const ids = memberIds(replay(open));
        const log = [...open, ...rows.map(([m, text, pass], i) => contribution(ids[m]!, text, { id: `r${i}`, contributionId: `rc${i}`, pass }))];
        const a = replay(log);
        const b = replay(log);
        const c = applyAll(emptyState(), log);
        assert.deepEqual(a, b);
        assert.deepEqual(a, c, 'replay and step-by-step application agree');
      }),
    );
  });

  it('SessionBuilder snapshots stay unchanged as the builder goes on', () => {
    const builder = new SessionBuilder();
    for (const e of opening()) builder.apply(e);
    const snap = builder.snapshot();
    assert.equal(builder.apply(contribution(snap.members[0]!.id, 'later')), 'applied');
    assert.equal(snap.contributions.length, 0);
    assert.equal(builder.snapshot().contributions.length, 1);
  });

  it('replays 50 members and 2,000 contributions (timings live in npm run bench)', () => {
    const names = Array.from({ length: 50 }, (_, i) => `Member ${i}`);
    const open = opening(names);
    const ids = replay(open).members.map((m) => m.id);
    const log = [...open, ...Array.from({ length: 2000 }, (_, i) => contribution(ids[i % 50]!, `said ${i}`, { id: `p${i}`, contributionId: `pc${i}` }))];
    const s = replay(log);
    assert.equal(s.contributions.length, 2000);
    assert.equal(new Set(s.contributions.map((c) => c.memberId)).size, 50);
    const next = applyEvent(s, contribution(ids[0]!, 'one more'));
    assert.equal(next.contributions.length, 2001);
    assert.equal(s.contributions.length, 2000, 'the earlier state is untouched');
});
});
