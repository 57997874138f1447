// Every rule of the reducer, with the exact reason it records, checked in both of its
// modes (a whole replay, and one event at a time on an immutable state): an ignored
// event changes nothing but `seq` and `rejected`.
import { strict as assert } from 'node:assert';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { startSession } from '../../../src/domain/retro';
import { applyEvent, applyEventWithOutcome, emptyState, hasEvent, replay, SessionBuilder } from '../../../src/domain/session';
import type { RejectReason, SessionEvent } from '../../../src/domain/types';

const FAC = 'o1';
let n = 0;
const id = () => `r${++n}`;

function opening(): SessionEvent[] {
  return startSession({
    title: 'Rules', teamId: 't', members: ['Ada', 'Bo', 'Cy'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: 0, newId: sequentialIds('o'), recentPromptIds: [],
  });
}

const base = replay(opening());
const [ADA, BO] = base.members.map((m) => m.id) as [string, string];

const ev = (e: Record<string, unknown>): SessionEvent => ({ id: id(), at: 5, actor: FAC, ...e }) as unknown as SessionEvent;
const say = (memberId: string, extra: Record<string, unknown> = {}): SessionEvent =>
  ev({ type: 'contribution.added', contributionId: `c${n}`, memberId, phase: 'check-in', promptId: null, depth: 1, topic: 't', text: 'hi', pass: false, ...extra });
const note = (noteId: string, memberId: string | null = ADA, column = 'Ideas') => ev({ type: 'note.added', noteId, memberId, text: 'n', column });

/** Applies `setup`, then `event`; both modes must agree, and the event must be ignored for `reason`. */
function expectRejected(setup: SessionEvent[], event: SessionEvent, reason: RejectReason): void {
  const before = setup.reduce(applyEvent, base);
  const { state, outcome } = applyEventWithOutcome(before, event);
  assert.equal(outcome, 'rejected', `${event.type} should be ignored`);
  assert.deepEqual(state.rejected.at(-1), { eventId: event.id, type: event.type, reason });
  assert.deepEqual({ ...state, seq: before.seq, rejected: before.rejected }, before, 'nothing else changed');
  const replayed = replay([...opening(), ...setup, event]);
  assert.deepEqual(replayed, state, 'replay agrees with step-by-step application');
  const builder = new SessionBuilder();
  for (const e of [...opening(), ...setup]) builder.apply(e);
  assert.equal(builder.apply(event), 'rejected');
}

describe('reducer rules, reason by reason', () => {
  it('an empty state is a blank session', () => {
    const s = emptyState();
    assert.deepEqual(
      [s.id, s.title, s.teamId, s.createdAt, s.facilitatorId, s.deck, s.settings, s.phase, s.depth, s.promptId, s.turn, s.endedAt, s.seq],
      ['', '', '', 0, null, { id: '', name: '', prompts: [] }, { turnSoftCapSeconds: 90, maxTextLength: 4000 }, 'check-in', 1, null, { memberId: null, startedAt: null }, null, 0],
    );
    for (const k of ['members', 'skippedPhases', 'shownPromptIds', 'contributions', 'notes', 'votes', 'actions', 'checkouts', 'stageMoves', 'dismissedNudges', 'removedContributionIds', 'rejected'] as const) {
      assert.deepEqual(s[k], [], k);
    }
  });

  it('invalid: before or after creation, duplicates, empty names, unknown columns', () => {
    const stray = ev({ type: 'turn.ended' });
    const { state, outcome } = applyEventWithOutcome(emptyState(), stray);
    assert.equal(outcome, 'rejected');
    assert.equal(state.rejected[0]?.reason, 'invalid');
    expectRejected([], ev({ ...opening()[0], id: id() }), 'invalid');
    expectRejected([], ev({ type: 'member.added', memberId: ADA, name: 'Another', joinedLate: false }), 'invalid');
    expectRejected([], ev({ type: 'member.added', memberId: 'x', name: ' \u200B ', joinedLate: false }), 'invalid');
    expectRejected([], ev({ type: 'member.renamed', memberId: ADA, name: '\u202E' }), 'invalid');
    const first = say(ADA, { contributionId: 'same' });
    expectRejected([first], say(BO, { contributionId: 'same' }), 'invalid');
    expectRejected([], note('n1', ADA, 'No such column'), 'invalid');
    expectRejected([note('n1')], note('n1'), 'invalid');
    const action = ev({ type: 'action.added', actionId: 'a1', text: 'x', ownerId: null });
    expectRejected([action], ev({ type: 'action.added', actionId: 'a1', text: 'y', ownerId: null }), 'invalid');
  });

  it('unknown-type, forbidden and after-end come before anything else', () => {
    expectRejected([], ev({ type: 'poll.opened' }), 'unknown-type');
    expectRejected([], ev({ type: 'turn.ended', actor: 42 }), 'forbidden');
    expectRejected([], ev({ type: 'turn.ended', actor: ADA }), 'forbidden');
    expectRejected([], ev({ type: 'turn.ended', actor: 'stranger' }), 'forbidden');
    expectRejected([], say(BO, { actor: ADA }), 'forbidden');
    expectRejected([ev({ type: 'session.ended' })], ev({ type: 'turn.ended' }), 'after-end');
    expectRejected([ev({ type: 'session.ended' })], say(ADA, { actor: ADA }), 'after-end');
  });

  it('unknown-id for every handler that names something', () => {
    const cases: SessionEvent[] = [
      ev({ type: 'member.renamed', memberId: 'ghost', name: 'x' }),
      ev({ type: 'member.presence', memberId: 'ghost', present: false }),
      ev({ type: 'facilitator.set', memberId: 'ghost' }),
      ev({ type: 'prompt.shown', promptId: 'nope' }),
      ev({ type: 'turn.started', memberId: 'ghost' }),
      say('ghost'),
      ev({ type: 'contribution.removed', contributionId: 'nope' }),
      note('n9', 'ghost'),
      ev({ type: 'note.grouped', noteId: 'nope', groupId: null }),
      ev({ type: 'vote.cast', memberId: ADA, noteId: 'nope' }),
      ev({ type: 'vote.cast', memberId: 'ghost', noteId: 'nope' }),
      ev({ type: 'vote.retracted', memberId: ADA, noteId: 'nope' }),
      ev({ type: 'action.added', actionId: 'a', text: 'x', ownerId: 'ghost' }),
      ev({ type: 'action.updated', actionId: 'nope', done: true }),
      ev({ type: 'action.removed', actionId: 'nope' }),
      ev({ type: 'checkout.added', memberId: 'ghost', text: 'x' }),
    ];
    for (const e of cases) expectRejected([], e, 'unknown-id');
    // A member removing an answer that is not there names an unknown id, not a forbidden one.
    expectRejected([], ev({ type: 'contribution.removed', contributionId: 'nope', actor: ADA }), 'unknown-id');
    expectRejected([note('n1')], ev({ type: 'note.grouped', noteId: 'n1', groupId: 'nope' }), 'unknown-id');
    expectRejected([ev({ type: 'action.added', actionId: 'a1', text: 'x', ownerId: null })], ev({ type: 'action.updated', actionId: 'a1', ownerId: 'ghost' }), 'unknown-id');
  });

  it('duplicate-name, vote-cap and stale', () => {
    expectRejected([], ev({ type: 'member.added', memberId: 'x', name: ' ada ', joinedLate: false }), 'duplicate-name');
    expectRejected([], ev({ type: 'member.renamed', memberId: BO, name: 'ADA' }), 'duplicate-name');
    const ok = applyEvent(base, ev({ type: 'member.renamed', memberId: ADA, name: 'ada' }));
    assert.equal(ok.members[0]!.name, 'ada', 'renaming to your own name in another case is fine');
    const votes = [note('n1'), ...[1, 2, 3].map(() => ev({ type: 'vote.cast', memberId: BO, noteId: 'n1' }))];
    expectRejected(votes, ev({ type: 'vote.cast', memberId: BO, noteId: 'n1' }), 'vote-cap');
    assert.equal(applyEvent(votes.reduce(applyEvent, base), ev({ type: 'vote.cast', memberId: ADA, noteId: 'n1' })).votes.length, 4, 'the cap is per member');
    expectRejected([], ev({ type: 'phase.changed', from: 'gather', phase: 'insights', skipped: [] }), 'stale');
    expectRejected([], ev({ type: 'stage.moved', from: 2, to: 3, kind: 'deeper', override: false }), 'stale');
  });

  it('what applied events do: presence ends the speaker’s turn, skipped phases once, a stay keeps the prompt', () => {
    let s = applyEvent(base, ev({ type: 'turn.started', memberId: ADA }));
    s = applyEvent(s, ev({ type: 'member.presence', memberId: BO, present: false }));
    assert.equal(s.turn.memberId, ADA, 'someone else leaving does not end the turn');
    const same = applyEvent(s, ev({ type: 'member.presence', memberId: BO, present: false }));
    assert.deepEqual(same.members, s.members, 'no change for the same presence');
    s = applyEvent(s, ev({ type: 'member.presence', memberId: ADA, present: false }));
    assert.deepEqual(s.turn, { memberId: null, startedAt: null });
    s = applyEvent(s, ev({ type: 'phase.changed', from: 'check-in', phase: 'decide', skipped: ['gather', 'insights'] }));
    s = applyEvent(s, ev({ type: 'phase.changed', from: 'decide', phase: 'close', skipped: ['gather'] }));
    assert.deepEqual(s.skippedPhases, ['gather', 'insights']);
    const prompt = base.promptId;
    const stay = applyEvent(base, ev({ type: 'stage.moved', from: 1, to: 1, kind: 'stay', override: false }));
    assert.equal(stay.promptId, prompt);
    const deeper = applyEvent(base, ev({ type: 'stage.moved', from: 1, to: 2, kind: 'deeper', override: false }));
    assert.equal(deeper.promptId, null);
    assert.equal(deeper.stageMoves.at(-1)!.gate, undefined, 'no gate recorded when none was given');
    const dismissed = [ev({ type: 'nudge.dismissed', nudgeId: 'x' }), ev({ type: 'nudge.dismissed', nudgeId: 'x' })].reduce(applyEvent, base);
    assert.deepEqual(dismissed.dismissedNudges, ['x']);
    const ended = applyEvent(applyEvent(base, ev({ type: 'turn.started', memberId: BO })), ev({ type: 'session.ended', at: 99 }));
    assert.deepEqual([ended.phase, ended.endedAt, ended.turn.memberId], ['ended', 99, null]);
  });

  it('duplicates: a seen id is a no-op on its own line of history only', () => {
    const e = say(ADA);
    const once = applyEventWithOutcome(base, e);
    assert.equal(once.outcome, 'applied');
    const twice = applyEventWithOutcome(once.state, e);
    assert.equal(twice.outcome, 'duplicate');
    assert.equal(twice.state, once.state);
    assert.ok(hasEvent(once.state, e.id));
    assert.ok(!hasEvent(base, e.id), 'the earlier state did not see it');
    assert.ok(!hasEvent(emptyState(), e.id));
    const builder = new SessionBuilder();
    assert.equal(builder.apply(e), 'rejected', 'before creation');
    assert.equal(builder.apply(e), 'duplicate');
    const other = applyEvent(base, say(BO));
    assert.equal(applyEventWithOutcome(other, e).outcome, 'applied', 'a sibling branch has not seen it');
  });
});
