// Anonymous mode in the domain: the events and their rules in the reducer, the commands in
// `decide`, the reveal and the private vote book, the balance engine's note counts, and
// the session file. Expected values are worked out here by hand, never by the code
// under test.
import { strict as assert } from 'node:assert';
import { anonymousVote, insertAtRandom, revealEvents, sameTotals, shuffle, voteTotals, type HeldNote } from '../../../src/domain/anonymity';
import { computeBalance } from '../../../src/domain/balance';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { analyseLog } from '../../../src/domain/replica';
import { parseSessionEvent, parseSessionFile, serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import { decide, startSession, type DecideContext } from '../../../src/domain/retro';
import { applyEventWithOutcome, replay, voteCounts } from '../../../src/domain/session';
import { buildSummary } from '../../../src/domain/summary';
import type { RejectReason, SessionEvent, SessionState } from '../../../src/domain/types';

const FAC = 'o1';
let n = 0;
const id = () => `x${++n}`;

const opening = (): SessionEvent[] =>
  startSession({
    title: 'Anon', teamId: 't', members: ['Ada', 'Bo', 'Cy'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: 0, newId: sequentialIds('o'), recentPromptIds: [],
  });
const OPENING = opening();
const [ADA, BO, CY] = replay(OPENING).members.map((m) => m.id) as [string, string, string];

const ev = (e: Record<string, unknown>, actor = FAC): SessionEvent => ({ id: id(), at: 5, actor, ...e }) as unknown as SessionEvent;
const anon = (on = true) => ev({ type: 'anonymity.set', on });
const note = (noteId: string, memberId: string | null = null) => ev({ type: 'note.added', noteId, memberId, text: `text of ${noteId}`, column: 'Ideas' });
const vote = (memberId: string, noteId: string, type = 'vote.cast') => ev({ type, memberId, noteId }, memberId);
const tally = (totals: Record<string, number>, actor = FAC) => ev({ type: 'votes.tallied', totals }, actor);
const revealed = (counts: Record<string, number>, actor = FAC) => ev({ type: 'notes.revealed', counts }, actor);

const stateOf = (...events: SessionEvent[]): SessionState => replay([...OPENING, ...events]);

function outcome(setup: SessionEvent[], event: SessionEvent): { outcome: string; reason?: RejectReason; state: SessionState } {
  const { state, outcome } = applyEventWithOutcome(stateOf(...setup), event);
  const last = state.rejected.at(-1);
  return outcome === 'rejected' && last?.eventId === event.id ? { outcome, reason: last.reason, state } : { outcome, state };
}

function ctx(actor = FAC): DecideContext {
  return { actor, now: 100, newId: sequentialIds('d'), gate: () => ({ open: true, reciprocated: 0, present: 0, reason: '' }), recentPromptIds: [] };
}

/** A deterministic "random" source for the shape checks: always the last slot. */
const last = (k: number) => k - 1;

describe('anonymous mode: the reducer', () => {
  it('anonymity.set turns it on and off, from the facilitator only', () => {
    assert.equal(stateOf().anonymous, false);
    assert.equal(stateOf(anon()).anonymous, true);
    assert.equal(stateOf(anon(), anon(false)).anonymous, false);
    assert.deepEqual(outcome([], ev({ type: 'anonymity.set', on: true }, ADA)).reason, 'forbidden');
  });

  it('while anonymous, a note with an author and any named dot are ignored as forbidden', () => {
    assert.equal(outcome([anon()], note('n1', ADA)).reason, 'forbidden');
    assert.equal(outcome([anon()], note('n1', null)).outcome, 'applied');
    assert.equal(outcome([anon(), note('n1')], vote(ADA, 'n1')).reason, 'forbidden');
    assert.equal(outcome([anon(), note('n1')], vote(ADA, 'n1', 'vote.retracted')).reason, 'forbidden');
    // Without anonymity the same events are fine.
    assert.equal(outcome([], note('n1', ADA)).outcome, 'applied');
    assert.equal(outcome([note('n1', ADA)], vote(ADA, 'n1')).outcome, 'applied');
  });

  it('anonymity cannot start once named dots exist, nor end once anonymous dots were tallied', () => {
    assert.equal(outcome([note('n1', ADA), vote(BO, 'n1')], anon()).reason, 'invalid');
    assert.equal(outcome([anon(), note('n1'), tally({ n1: 2 })], anon(false)).reason, 'invalid');
    // A tally that went back to nothing no longer holds it.
    assert.equal(outcome([anon(), note('n1'), tally({ n1: 2 }), tally({})], anon(false)).outcome, 'applied');
  });

  it('votes.tallied replaces the totals; it needs anonymity, known notes, the facilitator and the cap', () => {
    const s = stateOf(anon(), note('n1'), note('n2'), tally({ n1: 2 }), tally({ n2: 1, n1: 1 }));
    assert.deepEqual(s.voteTotals, { n2: 1, n1: 1 });
    assert.deepEqual(s.votes, []);
    assert.equal(outcome([note('n1')], tally({ n1: 1 })).reason, 'invalid');
    assert.equal(outcome([anon(), note('n1')], tally({ nope: 1 })).reason, 'unknown-id');
    assert.equal(outcome([anon(), note('n1')], tally({ n1: 1 }, ADA)).reason, 'forbidden');
    // Three members with three dots each: nine at most.
    assert.equal(outcome([anon(), note('n1')], tally({ n1: 9 })).outcome, 'applied');
    assert.equal(outcome([anon(), note('n1')], tally({ n1: 10 })).reason, 'vote-cap');
  });

  it('notes.revealed needs anonymity, known members and the facilitator', () => {
    assert.equal(outcome([anon()], revealed({ [ADA]: 2 })).outcome, 'applied');
    assert.equal(outcome([], revealed({ [ADA]: 2 })).reason, 'invalid');
    assert.equal(outcome([anon()], revealed({ ghost: 1 })).reason, 'unknown-id');
    assert.equal(outcome([anon()], revealed({ [ADA]: 1 }, ADA)).reason, 'forbidden');
  });

  it('a board counts named dots and anonymous totals together', () => {
    const s = stateOf(note('n1', ADA), note('n2', BO), vote(ADA, 'n1'), vote(BO, 'n1'), vote(BO, 'n2'));
    assert.deepEqual([...voteCounts(s)].sort(), [['n1', 2], ['n2', 1]]);
    const t = stateOf(anon(), note('n1'), note('n2'), tally({ n1: 3, n2: 1 }));
    assert.deepEqual([...voteCounts(t)].sort(), [['n1', 3], ['n2', 1]]);
  });
});

describe('anonymous mode: decide', () => {
  const anonymous = stateOf(anon(), note('n1'));

  it('setAnonymity makes anonymity.set, refusing what the reducer would ignore', () => {
    const on = decide(stateOf(), { kind: 'setAnonymity', on: true }, ctx());
    assert.ok(on.ok);
    assert.deepEqual(on.events.map((e) => [e.type, (e as { on?: boolean }).on, e.actor]), [['anonymity.set', true, FAC]]);
    assert.deepEqual(decide(anonymous, { kind: 'setAnonymity', on: true }, ctx()), { ok: true, events: [] });
    const member = decide(stateOf(), { kind: 'setAnonymity', on: true }, ctx(ADA));
    assert.deepEqual(member, { ok: false, error: 'Only the facilitator can do that.', said: { key: 'facilitatorOnly' } });
    const voted = stateOf(note('n1', ADA), vote(ADA, 'n1'));
    assert.match((decide(voted, { kind: 'setAnonymity', on: true }, ctx()) as { error: string }).error, /before the first vote/);
    const tallied = stateOf(anon(), note('n1'), tally({ n1: 1 }));
    assert.match((decide(tallied, { kind: 'setAnonymity', on: false }, ctx()) as { error: string }).error, /stays anonymous/);
  });

  it('while anonymous, a note with a name and a dot are refused; a note without a name is fine', () => {
    assert.equal(decide(anonymous, { kind: 'addNote', text: 'x', column: 'Ideas', memberId: ADA }, ctx()).ok, false);
    const plain = decide(anonymous, { kind: 'addNote', text: ' x ', column: 'Ideas', memberId: null }, ctx());
    assert.ok(plain.ok);
    assert.equal((plain.events[0] as { memberId: unknown }).memberId, null);
    assert.equal(decide(anonymous, { kind: 'vote', memberId: ADA, noteId: 'n1', retract: false }, ctx(ADA)).ok, false);
  });

  it('on one machine nothing is held, so there is nothing to reveal', () => {
    const r = decide(anonymous, { kind: 'revealNotes' }, ctx());
    assert.equal(r.ok, false);
  });
});

describe('anonymous mode: the reveal', () => {
  const held: HeldNote[] = [
    { key: 'k1', author: ADA, text: 'one', column: 'Ideas' },
    { key: 'k2', author: BO, text: 'two', column: 'Went well' },
    { key: 'k3', author: ADA, text: 'three', column: 'Ideas' },
    { key: 'k4', author: null, text: 'four', column: 'Ideas' },
    { key: 'k5', author: 'not-a-member', text: 'five', column: 'Ideas' },
  ];
  const s = stateOf(anon());

  it('appends every held note without author, at the reveal time, as the facilitator, then the counts', () => {
    const events = revealEvents(s, held, { actor: FAC, now: 777, newId: sequentialIds('r'), randomInt: last });
    assert.equal(events.length, 6);
    const notes = events.slice(0, 5) as Extract<SessionEvent, { type: 'note.added' }>[];
    for (const e of notes) {
      assert.equal(e.type, 'note.added');
      assert.equal(e.memberId, null);
      assert.equal(e.actor, FAC);
      assert.equal(e.at, 777);
      assert.equal(e.intent, undefined);
    }
    assert.deepEqual(notes.map((e) => e.noteId).sort(), ['k1', 'k2', 'k3', 'k4', 'k5']);
    assert.deepEqual(notes.map((e) => [e.text, e.column]).sort(), [['five', 'Ideas'], ['four', 'Ideas'], ['one', 'Ideas'], ['three', 'Ideas'], ['two', 'Went well']]);
    // Ada wrote two, Bo one; nobody on the roster wrote the others.
    assert.deepEqual(events[5], { id: 'r6', at: 777, actor: FAC, type: 'notes.revealed', counts: { [ADA]: 2, [BO]: 1 } });
    const after = replay([...OPENING, anon(), ...events]);
    assert.equal(after.notes.length, 5);
    assert.deepEqual(after.rejected, []);
  });

  it('does not repeat notes already in the log (a reveal cut short by a crash)', () => {
    const first = revealEvents(s, held.slice(0, 2), { actor: FAC, now: 1, newId: sequentialIds('a'), randomInt: last });
    const after = replay([...OPENING, anon(), ...first]);
    const again = revealEvents(after, held, { actor: FAC, now: 2, newId: sequentialIds('b'), randomInt: last });
    assert.deepEqual(again.filter((e) => e.type === 'note.added').map((e) => (e as { noteId: string }).noteId).sort(), ['k3', 'k4', 'k5']);
    assert.deepEqual((again.at(-1) as { counts: unknown }).counts, { [ADA]: 1 });
    assert.deepEqual(revealEvents(after, held.slice(0, 2), { actor: FAC, now: 3, newId: sequentialIds('c'), randomInt: last }), []);
  });

  it('shuffles uniformly: every order of three notes is about equally likely', () => {
    const counts = new Map<string, number>();
    const random = (k: number) => Math.floor(Math.random() * k);
    const trials = 6000;
    for (let i = 0; i < trials; i++) {
      const order = shuffle(['a', 'b', 'c'], random).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), ['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
    // Expected 1000 each; a 5-sigma band (sigma about 29) keeps this from flaking.
    for (const [order, c] of counts) assert.ok(c > 850 && c < 1150, `${order}: ${c}`);
  });

  it('holds each note at a random place, so the held list keeps no order of arrival', () => {
    const positions = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const list = insertAtRandom(['a', 'b', 'c'], 'new', (k) => Math.floor(Math.random() * k));
      assert.deepEqual(list.filter((x) => x !== 'new'), ['a', 'b', 'c']);
      positions[list.indexOf('new')]! += 1;
    }
    for (const p of positions) assert.ok(p > 850 && p < 1150, `${positions.join(',')}`);
  });
});

describe('anonymous mode: the private vote book', () => {
  const s = stateOf(anon(), note('n1'), note('n2'));

  it('enforces the cap per member, keeps each list sorted, lets a dot be taken back', () => {
    let book = {};
    for (const noteId of ['n2', 'n1', 'n2']) {
      const r = anonymousVote(s, book, ADA, noteId, false);
      assert.ok(r.ok);
      book = r.votes;
    }
    assert.deepEqual(book, { [ADA]: ['n1', 'n2', 'n2'] });
    assert.deepEqual(anonymousVote(s, book, ADA, 'n1', false), { ok: false, error: 'Each person has 3 dots; take one back to move it.', said: { key: 'dotsUsed', dots: 3 } });
    const bo = anonymousVote(s, book, BO, 'n1', false);
    assert.ok(bo.ok);
    assert.deepEqual(voteTotals(bo.votes), { n1: 2, n2: 2 });
    const back = anonymousVote(s, bo.votes, ADA, 'n2', true);
    assert.ok(back.ok);
    assert.deepEqual(back.votes, { [ADA]: ['n1', 'n2'], [BO]: ['n1'] });
    assert.deepEqual(anonymousVote(s, back.votes, CY, 'n1', true), { ok: false, error: 'There is no vote on this note to take back.', said: { key: 'noVoteToRetract' } });
    const gone = anonymousVote(s, back.votes, BO, 'n1', true);
    assert.ok(gone.ok);
    assert.deepEqual(gone.votes, { [ADA]: ['n1', 'n2'] }, 'a member without dots leaves the book');
  });

  it('refuses unknown notes and members', () => {
    assert.equal(anonymousVote(s, {}, ADA, 'nope', false).ok, false);
    assert.equal(anonymousVote(s, {}, 'ghost', 'n1', false).ok, false);
  });

  it('compares totals ignoring notes with no dots', () => {
    assert.ok(sameTotals({ a: 1, b: 0 }, { a: 1 }));
    assert.ok(!sameTotals({ a: 1 }, { a: 2 }));
    assert.ok(!sameTotals({ a: 1 }, { a: 1, b: 1 }));
  });
});

describe('anonymous mode: the balance engine and the summary count notes', () => {
  it('counts attributed notes at once and anonymous ones only from the reveal', () => {
    const named = [note('n1', ADA), note('n2', ADA), note('n3', BO)];
    const before = computeBalance([...OPENING, ...named, anon(), note('a1'), note('a2'), note('a3')]);
    assert.deepEqual(before.members.map((m) => [m.name, m.notes]), [['Ada', 2], ['Bo', 1], ['Cy', 0]]);
    const log = [...OPENING, ...named, anon(), note('a1'), note('a2'), note('a3'), revealed({ [BO]: 1, [CY]: 2 })];
    const after = computeBalance(log);
    assert.deepEqual(after.members.map((m) => [m.name, m.notes]), [['Ada', 2], ['Bo', 2], ['Cy', 2]]);
    const summary = buildSummary(log);
    assert.deepEqual(summary.members.map((m) => [m.name, m.notes]), [['Ada', 2], ['Bo', 2], ['Cy', 2]]);
  });

  it('a reveal the reducer ignores counts for nothing', () => {
    const log = [...OPENING, revealed({ [BO]: 5 })]; // not anonymous: ignored
    assert.deepEqual(analyseLog(log).balance.members.map((m) => m.notes), [0, 0, 0]);
  });
});

describe('anonymous mode: the session file', () => {
  it('reads and writes the new events; bad counts and totals are refused', () => {
    const log = [...OPENING, anon(), note('a1'), revealed({ [ADA]: 1 }), tally({ a1: 2 })];
    const text = serializeSession(sessionFileFromEvents(log));
    const parsed = parseSessionFile(text, 'retro.json');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.file.events, log);
    assert.equal(parseSessionEvent({ ...revealed({ [ADA]: 0 }) }).ok, false);
    assert.equal(parseSessionEvent({ ...revealed({ [ADA]: 1.5 }) }).ok, false);
    assert.equal(parseSessionEvent({ ...tally({ a1: -1 }) }).ok, false);
    assert.equal(parseSessionEvent({ ...anon(), on: 'yes' }).ok, false);
  });
});
