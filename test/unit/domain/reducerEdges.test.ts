// What applied events write, field by field, and what they leave alone; checked in both of
// the reducer's modes (one event at a time on immutable states, and a replay with its
// indexes), which must agree. Companion to reducerRules.test.ts, which covers the refusals.
import { strict as assert } from 'node:assert';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { startSession } from '../../../src/domain/retro';
import { applyEvent, applyEventWithOutcome, hasEvent, replay, SessionBuilder } from '../../../src/domain/session';
import type { SessionEvent, SessionState } from '../../../src/domain/types';

const FAC = 'o1';
let n = 0;
const id = (): string => `q${++n}`;

function opening(): SessionEvent[] {
  return startSession({
    title: 'Edges', teamId: 't', members: ['Ada', 'Bo', 'Cy'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: 0, newId: sequentialIds('o'), recentPromptIds: [],
  });
}

const base = replay(opening());
const [ADA, BO, CY] = base.members.map((m) => m.id) as [string, string, string];

const ev = (e: Record<string, unknown>): SessionEvent => ({ id: id(), at: 7, actor: FAC, ...e }) as unknown as SessionEvent;
const say = (memberId: string, extra: Record<string, unknown> = {}): SessionEvent =>
  ev({ type: 'contribution.added', contributionId: `c${n + 1}`, memberId, phase: 'check-in', promptId: null, depth: 1, topic: 't', text: 'one two', pass: false, ...extra });
const note = (noteId: string, memberId: string | null = ADA): SessionEvent => ev({ type: 'note.added', noteId, memberId, text: 'n', column: 'Ideas' });
const vote = (memberId: string, noteId: string, type = 'vote.cast'): SessionEvent => ev({ type, memberId, noteId });

/** Both modes: step by step from the opened session, and a replay of the whole log. */
function run(events: SessionEvent[]): SessionState {
  const stepped = events.reduce(applyEvent, base);
  const replayed = replay([...opening(), ...events]);
  assert.deepEqual(replayed, stepped, 'replay agrees with step-by-step application');
  return stepped;
}

describe('reducer: what applied events write', () => {
  it('a contribution: who recorded it, its seconds and truncation only when given, no words for a pass', () => {
    const s = run([
      say(ADA, { contributionId: 'own', actor: ADA }),
      say(BO, { contributionId: 'for-bo', seconds: 12, truncated: true }),
      say(CY, { contributionId: 'pass', pass: true, text: 'slipped in', truncated: false }),
    ]);
    const [own, forBo, pass] = s.contributions;
    assert.deepEqual(Object.keys(own!).sort(), ['at', 'depth', 'id', 'memberId', 'pass', 'phase', 'promptId', 'seq', 'text', 'topic', 'words']);
    assert.equal(own!.words, 2);
    assert.deepEqual([forBo!.recordedBy, forBo!.seconds, forBo!.truncated], [FAC, 12, true]);
    assert.equal(pass!.words, 0);
    assert.ok(!('truncated' in pass!), 'false is not recorded');
    assert.ok(!('seconds' in pass!));
    assert.deepEqual(s.contributions.map((c) => c.seq), [base.seq, base.seq + 1, base.seq + 2]);
  });

  it('an answer ends its author\'s turn, not someone else\'s', () => {
    let s = run([ev({ type: 'turn.started', memberId: BO }), say(ADA)]);
    assert.equal(s.turn.memberId, BO);
    s = applyEvent(s, say(BO));
    assert.deepEqual(s.turn, { memberId: null, startedAt: null });
  });

  it('coming back does not end a turn', () => {
    const s = run([ev({ type: 'member.presence', memberId: ADA, present: false }), ev({ type: 'turn.started', memberId: ADA }), ev({ type: 'member.presence', memberId: ADA, present: true })]);
    assert.equal(s.turn.memberId, ADA);
    assert.equal(s.members[0]!.present, true);
    assert.ok(!('leftAtSeq' in s.members[0]!));
  });

  it('a note can be grouped under another and taken out again', () => {
    let s = run([note('n1'), note('n2'), ev({ type: 'note.grouped', noteId: 'n2', groupId: 'n1' })]);
    assert.equal(s.notes[1]!.groupId, 'n1');
    s = applyEvent(s, ev({ type: 'note.grouped', noteId: 'n2', groupId: null }));
    assert.deepEqual(s.notes.map((x) => x.groupId), [null, null]);
  });

  it('retracting a dot takes back that member\'s latest dot on that note, and only it', () => {
    const s = run([note('n1'), note('n2'), vote(BO, 'n1'), vote(ADA, 'n1'), vote(BO, 'n2'), vote(BO, 'n1', 'vote.retracted')]);
    assert.deepEqual(s.votes, [{ memberId: ADA, noteId: 'n1' }, { memberId: BO, noteId: 'n2' }]);
    const only = run([note('n1'), vote(CY, 'n1'), vote(CY, 'n1', 'vote.retracted')]);
    assert.deepEqual(only.votes, []);
    const other = applyEventWithOutcome(only, vote(CY, 'n1', 'vote.retracted'));
    assert.equal(other.outcome, 'rejected', 'nothing left to take back');
  });

  it('actions: no due date unless given; an update changes the named action and only the fields it names', () => {
    const s = run([
      ev({ type: 'action.added', actionId: 'a1', text: 'First', ownerId: ADA }),
      ev({ type: 'action.added', actionId: 'a2', text: 'Second', ownerId: null, due: '2030-01-01' }),
      ev({ type: 'action.updated', actionId: 'a2', done: true }),
      ev({ type: 'action.updated', actionId: 'a1', text: 'First, reworded' }),
    ]);
    assert.deepEqual(s.actions, [
      { id: 'a1', text: 'First, reworded', ownerId: ADA, done: false },
      { id: 'a2', text: 'Second', ownerId: null, due: '2030-01-01', done: true },
    ]);
    assert.ok(!('due' in s.actions[0]!));
    const t = applyEvent(s, ev({ type: 'action.updated', actionId: 'a1', ownerId: null, due: '2031-02-02' }));
    assert.deepEqual(t.actions[0], { id: 'a1', text: 'First, reworded', ownerId: null, due: '2031-02-02', done: false });
    const u = applyEvent(t, ev({ type: 'action.updated', actionId: 'a1', ownerId: BO }));
    assert.equal(u.actions[0]!.ownerId, BO);
    const removed = applyEvent(u, ev({ type: 'action.removed', actionId: 'a2' }));
    assert.deepEqual(removed.actions.map((a) => a.id), ['a1']);
  });

  it('check-outs: one each, the latest wins, a rating only when given', () => {
    const s = run([
      ev({ type: 'checkout.added', memberId: ADA, text: 'ok', roti: 3 }),
      ev({ type: 'checkout.added', memberId: BO, text: 'fine' }),
      ev({ type: 'checkout.added', memberId: ADA, text: 'better' }),
    ]);
    assert.deepEqual(s.checkouts, [{ memberId: ADA, text: 'better' }, { memberId: BO, text: 'fine' }]);
    assert.ok(!('roti' in s.checkouts[1]!));
  });

  it('a stage move records its gate as a copy, and the prompt stays on a stay', () => {
    const gate = { reciprocated: 2, present: 3, open: true };
    const e = ev({ type: 'stage.moved', from: 1, to: 2, kind: 'deeper', override: false, gate });
    const s = run([e]);
    assert.deepEqual(s.stageMoves.at(-1), { eventId: e.id, seq: base.seq, at: 7, from: 1, to: 2, kind: 'deeper', override: false, gate });
    gate.reciprocated = 99;
    assert.equal(s.stageMoves.at(-1)!.gate!.reciprocated, 2);
  });

  it('renaming to one\'s own name in another case, in a replay too', () => {
    const s = run([ev({ type: 'member.renamed', memberId: ADA, name: 'ADA' })]);
    assert.equal(s.members[0]!.name, 'ADA');
    const swapped = run([ev({ type: 'member.renamed', memberId: ADA, name: 'Zed' }), ev({ type: 'member.renamed', memberId: BO, name: 'Ada' })]);
    assert.deepEqual(swapped.members.map((m) => m.name), ['Zed', 'Ada', 'Cy'], 'a freed name can be taken');
    const rejoined = run([ev({ type: 'member.renamed', memberId: ADA, name: 'Zed' }), ev({ type: 'member.added', memberId: 'new', name: 'ada', joinedLate: true })]);
    assert.deepEqual(rejoined.members.map((m) => m.name), ['Zed', 'Bo', 'Cy', 'ada'], 'by a newcomer too');
  });

  it('the session record: creation fields, and the end', () => {
    const s = run([ev({ type: 'session.ended', at: 50 })]);
    const created = opening()[0] as Extract<SessionEvent, { type: 'session.created' }>;
    assert.deepEqual([s.id, s.title, s.teamId, s.createdAt, s.deck, s.settings], [created.sessionId, 'Edges', 't', 0, created.deck, created.settings]);
    assert.deepEqual([s.endedAt, s.phase], [50, 'ended']);
  });
});

describe('reducer: dots', () => {
  it('the cap comes from the session\'s settings when it names one', () => {
    const events = opening();
    const created = events[0] as Extract<SessionEvent, { type: 'session.created' }>;
    events[0] = { ...created, settings: { ...created.settings, dotsPerMember: 1 } };
    const s = replay([...events, note('n1'), note('n2'), vote(ADA, 'n1')]);
    const second = applyEventWithOutcome(s, vote(ADA, 'n2'));
    assert.equal(second.outcome, 'rejected');
    assert.equal(second.state.rejected.at(-1)!.reason, 'vote-cap');
    assert.equal(applyEventWithOutcome(s, vote(BO, 'n2')).outcome, 'applied', 'per member');
  });

  it('anonymous totals are the state\'s own copy, and all-zero totals do not hold anonymity on', () => {
    const totals: Record<string, number> = { n1: 2 };
    const s = run([ev({ type: 'anonymity.set', on: true }), note('n1', null), ev({ type: 'votes.tallied', totals })]);
    totals.n1 = 9;
    assert.deepEqual(s.voteTotals, { n1: 2 });
    const zero = run([ev({ type: 'anonymity.set', on: true }), note('n1', null), ev({ type: 'votes.tallied', totals: { n1: 0 } }), ev({ type: 'anonymity.set', on: false })]);
    assert.equal(zero.anonymous, false, 'no anonymous dot was placed, so nothing stands in the way');
    assert.deepEqual(zero.rejected, base.rejected);
  });
});

describe('reducer: history on a branch', () => {
  it('a builder and the snapshots it hands out keep their histories apart', () => {
    const b = new SessionBuilder();
    for (const e of opening()) b.apply(e);
    const snap = b.snapshot();
    const e = say(ADA);
    assert.equal(applyEventWithOutcome(snap, e).outcome, 'applied');
    assert.equal(b.apply(e), 'applied', 'the builder has not seen what was applied to its snapshot');
    assert.equal(b.apply(e), 'duplicate');
    assert.equal(applyEventWithOutcome(snap, e).outcome, 'applied', 'nor the snapshot what the builder saw since');
  });


  it('an event already in a state\'s past is a duplicate on every branch from it', () => {
    const e1 = say(ADA);
    const s1 = applyEvent(base, e1);
    const s2 = applyEvent(s1, say(BO));
    // s1 is no longer the tip of its line: applying to it forks, and e1 is still in its past.
    const again = applyEventWithOutcome(s1, e1);
    assert.equal(again.outcome, 'duplicate');
    assert.equal(again.state, s1);
    const branch = applyEvent(s1, say(CY));
    assert.ok(hasEvent(branch, e1.id));
    assert.equal(applyEventWithOutcome(branch, e1).outcome, 'duplicate');
    assert.ok(hasEvent(s2, e1.id));
    // An event seen only after s1, on the other branch, is new here.
    const later = say(CY, { contributionId: 'later' });
    const s3 = applyEvent(s2, later);
    assert.ok(hasEvent(s3, later.id));
    assert.equal(applyEventWithOutcome(s1, later).outcome, 'applied');
  });
});
