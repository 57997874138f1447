// Issue 11: words added to a tallied turn afterwards (`contribution.edited`), and gather
// notes edited and deleted (`note.edited`, `note.removed`). Each is decided with a message
// a person can act on, and held again by the reducer for any order a merged log brings.
import { strict as assert } from 'node:assert';
import { defaultDeck, deckColumns } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { parseSessionEvent } from '../../../src/domain/persistence';
import { parseWebviewMessage } from '../../../src/protocol';
import { analyseLog } from '../../../src/domain/replica';
import { decide, startSession } from '../../../src/domain/retro';
import { replay } from '../../../src/domain/session';
import { gateFromState } from '../../../src/domain/stages';
import type { Command } from '../../../src/domain/commands';
import type { SessionEvent, SessionState } from '../../../src/domain/types';

function opening(newId = sequentialIds('e')): { log: SessionEvent[]; newId: () => string } {
  const log = startSession({
    title: 'Edits', teamId: 't', members: ['Ada', 'Bo', 'Cy'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 200 }, now: 0, newId, recentPromptIds: [],
  });
  return { log, newId };
}

/** A writer: decides from the log it has, as `actor` (the facilitator when omitted). */
function writer(log: SessionEvent[], newId: () => string) {
  let now = 1_000;
  const decideAs = (intent: Command, actor?: string) => {
    const s = replay(log);
    return decide(s, intent, { actor: actor ?? s.facilitatorId!, now: (now += 1_000), newId, gate: gateFromState, recentPromptIds: [] });
  };
  return {
    decide: decideAs,
    /** Decides and appends; fails the test when refused. */
    act(intent: Command, actor?: string): SessionEvent[] {
      const d = decideAs(intent, actor);
      if (!d.ok) assert.fail(`refused: ${d.error}`);
      log.push(...d.events);
      return d.events;
    },
    state: (): SessionState => replay(log),
  };
}

const errorOf = (d: ReturnType<typeof decide>): string => (d.ok ? '(accepted)' : d.error);

describe('words added to a tallied turn (contribution.edited)', () => {
  function tallied() {
    const { log, newId } = opening();
    const w = writer(log, newId);
    const [ada, bo] = w.state().members.map((m) => m.id) as [string, string];
    w.act({ kind: 'contribute', memberId: ada, text: '', pass: false, tally: true, seconds: 40 });
    const turn = w.state().contributions.at(-1)!;
    return { log, newId, w, ada, bo, turn };
  }

  it('the facilitator adds what was said; the turn keeps its author, seconds and place, and its words count', () => {
    const { log, w, ada, turn } = tallied();
    assert.deepEqual([turn.text, turn.words], ['', 0]);
    const [e] = w.act({ kind: 'editContribution', contributionId: turn.id, text: '  We shipped the importer on time  ' });
    assert.equal(e!.type, 'contribution.edited');
    const { state, balance } = analyseLog(log);
    const c = state.contributions.find((x) => x.id === turn.id)!;
    assert.deepEqual(
      [c.text, c.words, c.seconds, c.memberId, c.seq, c.recordedBy],
      ['We shipped the importer on time', 6, 40, ada, turn.seq, state.facilitatorId],
    );
    assert.equal(state.contributions.length, 1, 'no second turn');
    const stats = balance.members.find((m) => m.memberId === ada)!;
    assert.deepEqual([stats.turns, stats.words], [1, 6], 'the balance counts the words added');
  });

  it('the balance after adding words is the balance of a turn recorded with them', () => {
    const { log, w, turn } = tallied();
    w.act({ kind: 'editContribution', contributionId: turn.id, text: 'one two three four five' });
    const direct = log.map((e) => (e.type === 'contribution.added' && e.contributionId === turn.id ? { ...e, text: 'one two three four five' } : e))
      .filter((e) => e.type !== 'contribution.edited');
    assert.deepEqual(analyseLog(log).balance.members, analyseLog(direct).balance.members);
  });

  it('refuses, with a message: a pass, an unknown turn, no words, a long text is cut with a notice', () => {
    const { w, bo, turn } = tallied();
    w.act({ kind: 'contribute', memberId: bo, text: '', pass: true });
    const pass = w.state().contributions.at(-1)!;
    assert.equal(errorOf(w.decide({ kind: 'editContribution', contributionId: pass.id, text: 'words' })), 'A pass has no words to add.');
    assert.equal(errorOf(w.decide({ kind: 'editContribution', contributionId: 'nope', text: 'words' })), 'No contribution with id nope');
    assert.equal(errorOf(w.decide({ kind: 'editContribution', contributionId: turn.id, text: ' \n ' })), 'Write what was said.');
    const long = w.decide({ kind: 'editContribution', contributionId: turn.id, text: 'x'.repeat(500) });
    assert.ok(long.ok);
    assert.deepEqual(long.notices, ['The text was longer than 200 characters and has been cut.']);
    const edited = long.events[0] as Extract<SessionEvent, { type: 'contribution.edited' }>;
    assert.deepEqual([edited.text.length, edited.truncated], [200, true]);
    assert.deepEqual(w.decide({ kind: 'editContribution', contributionId: turn.id, text: '' + turn.text }).ok, false);
  });

  it('a member adds words to their own turn only; the facilitator to anyone\'s', () => {
    const { w, ada, bo, turn } = tallied();
    assert.match(errorOf(w.decide({ kind: 'editContribution', contributionId: turn.id, text: 'mine now' }, bo)), /only for yourself/);
    assert.ok(w.decide({ kind: 'editContribution', contributionId: turn.id, text: 'my words' }, ada).ok);
  });

  it('the reducer ignores a forged, stale or meaningless edit, and counts why', () => {
    const { log, w, ada, bo, turn } = tallied();
    w.act({ kind: 'contribute', memberId: bo, text: '', pass: true });
    const pass = w.state().contributions.at(-1)!;
    const base = { at: 9, actor: bo, type: 'contribution.edited' as const };
    const forged: SessionEvent = { ...base, id: 'f1', contributionId: turn.id, text: 'Bo writes for Ada' };
    const onPass: SessionEvent = { ...base, id: 'f2', actor: w.state().facilitatorId!, contributionId: pass.id, text: 'words' };
    const empty: SessionEvent = { ...base, id: 'f3', actor: ada, contributionId: turn.id, text: '   ' };
    const s = replay([...log, forged, onPass, empty]);
    assert.deepEqual(s.rejected.map((r) => [r.eventId, r.reason]), [['f1', 'forbidden'], ['f2', 'invalid'], ['f3', 'invalid']]);
    assert.equal(s.contributions.find((c) => c.id === turn.id)!.text, '');
  });

  it('an edit and a removal from two windows: either order gives a valid state, removal wins', () => {
    const { log, newId, turn } = tallied();
    const a = writer([...log], newId);
    const b = writer([...log], newId);
    const [edit] = a.act({ kind: 'editContribution', contributionId: turn.id, text: 'late words' });
    const [removal] = b.act({ kind: 'removeContribution', contributionId: turn.id });
    const editFirst = analyseLog([...log, edit!, removal!]);
    const removalFirst = analyseLog([...log, removal!, edit!]);
    for (const { state, balance } of [editFirst, removalFirst]) {
      assert.equal(state.contributions.length, 0);
      assert.equal(balance.members.reduce((n, m) => n + m.words, 0), 0);
    }
    assert.deepEqual(removalFirst.state.rejected.map((r) => [r.type, r.reason]), [['contribution.edited', 'unknown-id']]);
    assert.deepEqual(editFirst.state.rejected, []);
  });

  it('two edits: the later one in the log stands, and a duplicate delivery changes nothing', () => {
    const { log, newId, turn } = tallied();
    const w = writer(log, newId);
    const [first] = w.act({ kind: 'editContribution', contributionId: turn.id, text: 'first words' });
    w.act({ kind: 'editContribution', contributionId: turn.id, text: 'second words here' });
    log.push(first!);
    const { state, balance } = analyseLog(log);
    assert.equal(state.contributions[0]!.text, 'second words here');
    assert.equal(balance.members.reduce((n, m) => n + m.words, 0), 3);
  });

  it('after the end, words can no longer be added', () => {
    const { w, turn } = tallied();
    w.act({ kind: 'endRetro' });
    assert.match(errorOf(w.decide({ kind: 'editContribution', contributionId: turn.id, text: 'too late' })), /has ended/);
  });
});

describe('gather notes edited and deleted (note.edited, note.removed)', () => {
  function board() {
    const { log, newId } = opening();
    const w = writer(log, newId);
    const [ada, bo, cy] = w.state().members.map((m) => m.id) as [string, string, string];
    w.act({ kind: 'setPhase', phase: 'gather', skip: false });
    const column = deckColumns(w.state().deck)[0]!;
    w.act({ kind: 'addNote', text: 'Builds are slow', column, memberId: ada });
    w.act({ kind: 'addNote', text: 'CI flakes', column, memberId: bo });
    w.act({ kind: 'addNote', text: 'Nobody wrote this', column, memberId: null });
    const [slow, flakes, anon] = w.state().notes.map((n) => n.id) as [string, string, string];
    return { log, newId, w, ada, bo, cy, column, slow, flakes, anon };
  }

  it('edits a note in place: same id, column, author and group; text trimmed', () => {
    const { w, ada, column, slow } = board();
    const [e] = w.act({ kind: 'editNote', noteId: slow, text: '  Builds are slow on main ' });
    assert.equal(e!.type, 'note.edited');
    assert.deepEqual(w.state().notes[0], { id: slow, memberId: ada, text: 'Builds are slow on main', column, groupId: null });
  });

  it('refuses an empty note, an unknown note, someone else\'s note, and an unchanged text changes nothing', () => {
    const { w, ada, slow, flakes, anon } = board();
    assert.equal(errorOf(w.decide({ kind: 'editNote', noteId: slow, text: '  ' })), 'A note needs some text.');
    assert.equal(errorOf(w.decide({ kind: 'editNote', noteId: 'nope', text: 'x' })), 'No note with id nope');
    assert.equal(errorOf(w.decide({ kind: 'removeNote', noteId: 'nope' })), 'No note with id nope');
    assert.match(errorOf(w.decide({ kind: 'editNote', noteId: flakes, text: 'x' }, ada)), /only for yourself/);
    assert.match(errorOf(w.decide({ kind: 'removeNote', noteId: anon }, ada)), /Only the facilitator|only for yourself/);
    assert.ok(w.decide({ kind: 'removeNote', noteId: slow }, ada).ok, 'Ada deletes her own note');
    assert.deepEqual(w.decide({ kind: 'editNote', noteId: slow, text: 'Builds are slow' }), { ok: true, events: [] });
  });

  it('deleting a note gives its dots back and ungroups the notes grouped with it', () => {
    const { w, ada, bo, cy, slow, flakes, anon } = board();
    w.act({ kind: 'setPhase', phase: 'insights', skip: false });
    w.act({ kind: 'groupNote', noteId: flakes, groupId: slow });
    w.act({ kind: 'vote', memberId: ada, noteId: slow, retract: false });
    w.act({ kind: 'vote', memberId: bo, noteId: flakes, retract: false });
    w.act({ kind: 'vote', memberId: cy, noteId: slow, retract: false });
    w.act({ kind: 'removeNote', noteId: slow });
    const s = w.state();
    assert.deepEqual(s.notes.map((n) => [n.id, n.groupId]), [[flakes, null], [anon, null]]);
    assert.deepEqual(s.votes, [{ memberId: bo, noteId: flakes }]);
    assert.match(errorOf(w.decide({ kind: 'vote', memberId: ada, noteId: slow, retract: false })), /No note with id/);
  });

  it('a vote or group from a stale copy after the deletion is ignored as unknown', () => {
    const { log, newId, ada, slow, flakes } = board();
    const a = writer([...log], newId);
    const b = writer([...log], newId);
    const [removal] = a.act({ kind: 'removeNote', noteId: slow });
    const [vote] = b.act({ kind: 'vote', memberId: ada, noteId: slow, retract: false });
    const [group] = b.act({ kind: 'groupNote', noteId: flakes, groupId: slow });
    const [edit] = b.act({ kind: 'editNote', noteId: slow, text: 'edited meanwhile' });
    const after = replay([...log, removal!, vote!, group!, edit!]);
    assert.deepEqual(after.rejected.map((r) => [r.type, r.reason]), [['vote.cast', 'unknown-id'], ['note.grouped', 'unknown-id'], ['note.edited', 'unknown-id']]);
    const before = replay([...log, vote!, group!, edit!, removal!]);
    assert.deepEqual(before.rejected, []);
    for (const s of [after, before]) {
      assert.deepEqual([s.notes.map((n) => n.id), s.votes, s.notes.find((n) => n.id === flakes)!.groupId], [[flakes, s.notes[1]!.id], [], null]);
    }
  });

  it('a member\'s forged edit of another\'s note is ignored; the balance forgets a deleted note', () => {
    const { log, w, ada, bo, slow, flakes } = board();
    const forged: SessionEvent = { id: 'f1', at: 9, actor: ada, type: 'note.edited', noteId: flakes, text: 'Ada rewrites Bo' };
    const forgedRemoval: SessionEvent = { id: 'f2', at: 9, actor: ada, type: 'note.removed', noteId: flakes };
    const s = replay([...log, forged, forgedRemoval]);
    assert.deepEqual(s.rejected.map((r) => r.reason), ['forbidden', 'forbidden']);
    assert.equal(s.notes.find((n) => n.id === flakes)!.text, 'CI flakes');
    const notesOf = (id: string) => analyseLog(log).balance.members.find((m) => m.memberId === id)!.notes;
    assert.deepEqual([notesOf(ada), notesOf(bo)], [1, 1]);
    w.act({ kind: 'removeNote', noteId: slow });
    assert.deepEqual([notesOf(ada), notesOf(bo)], [0, 1]);
  });
});

describe('the new events in a session file', () => {
  it('are read back, and a malformed one is refused with its path', () => {
    const good: unknown[] = [
      { id: 'a', at: 1, actor: 'f', type: 'contribution.edited', contributionId: 'c', text: 'words', truncated: true },
      { id: 'b', at: 1, actor: 'f', type: 'note.edited', noteId: 'n', text: 'x' },
      { id: 'c', at: 1, actor: 'f', type: 'note.removed', noteId: 'n' },
    ];
    for (const e of good) assert.deepEqual(parseSessionEvent(e), { ok: true, event: e });
    const bad = parseSessionEvent({ id: 'd', at: 1, actor: 'f', type: 'contribution.edited', contributionId: 'c', text: 7 });
    assert.equal(bad.ok, false);
    assert.match((bad as { error: string }).error, /text/);
    assert.equal(parseSessionEvent({ id: 'e', at: 1, actor: 'f', type: 'note.removed', noteId: '' }).ok, false);
  });
});

describe('the panel asks for them', () => {
  it('accepts the three requests and refuses one with a stray field, no id or overlong text', () => {
    const intents: unknown[] = [
      { kind: 'editContribution', contributionId: 'c1', text: 'words' },
      { kind: 'editNote', noteId: 'n1', text: 'new text' },
      { kind: 'removeNote', noteId: 'n1' },
    ];
    for (const intent of intents) assert.ok(parseWebviewMessage({ type: 'intent', requestId: 1, intent }).ok, JSON.stringify(intent));
    const bad: unknown[] = [
      { kind: 'editContribution', contributionId: 'c1', text: 'w', memberId: 'm' },
      { kind: 'editNote', noteId: '', text: 'x' },
      { kind: 'removeNote' },
      { kind: 'editNote', noteId: 'n1', text: 'x'.repeat(8_001) },
    ];
    for (const intent of bad) assert.equal(parseWebviewMessage({ type: 'intent', requestId: 1, intent }).ok, false, JSON.stringify(intent).slice(0, 80));
  });
});
