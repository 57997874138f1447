import { strict as assert } from 'node:assert';
import type { Intent } from '../../../src/protocol';
import { builtinDeck, defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { decide, startSession, type DecideContext, type Decision } from '../../../src/domain/retro';
import { applyEvent, replay } from '../../../src/domain/session';
import { gateFromState } from '../../../src/domain/stages';
import type { Deck, SessionEvent, SessionState } from '../../../src/domain/types';

const settings = { turnSoftCapSeconds: 90, maxTextLength: 200 };

function start(deck: Deck = defaultDeck(), members = ['Ada', 'Bo', 'Cy']): SessionState {
  return replay(startSession({ title: 'Sprint', teamId: 'core', members, deck, settings, now: 0, newId: sequentialIds('s'), recentPromptIds: [] }));
}

// One id source for the whole file: a repeated event id would be a (correct) no-op.
const newId = sequentialIds('d');

function ctx(over: Partial<DecideContext> = {}): DecideContext {
  // start()'s first id is the creator's seat, which facilitates.
  return { actor: 's1', now: 10_000, newId, gate: (s) => gateFromState(s), recentPromptIds: [], ...over };
}

function events(d: Decision): SessionEvent[] {
  assert.ok(d.ok, d.ok ? '' : d.error);
  return d.ok ? d.events : [];
}

/** Decides and applies, as the host does. */
function run(s: SessionState, intent: Intent, c: DecideContext = ctx()): SessionState {
  return events(decide(s, intent, c)).reduce(applyEvent, s);
}

const errorOf = (d: Decision) => (d.ok ? '' : d.error);

describe('startSession', () => {
  it('creates the session, a cleaned and unique roster, check-in at depth 1 and a first prompt', () => {
    const evs = startSession({
      title: '  Sprint <b>12</b> ',
      teamId: 'core',
      members: ['Sam', 'sam', '', '  ', '\u202EAdmin', 'z'.repeat(500)],
      facilitator: 'Fay',
      deck: defaultDeck(),
      settings,
      now: 5,
      newId: sequentialIds('s'),
      recentPromptIds: ['lc-1-one-word'],
    });
    assert.deepEqual(evs.map((e) => e.type).slice(0, 1), ['session.created']);
    const s = replay(evs);
    assert.equal(s.title, 'Sprint <b>12</b>');
    assert.deepEqual(s.members.map((m) => m.name).slice(0, 3), ['Sam', 'sam (2)', 'Admin']);
    assert.equal(s.members[3]!.name.length, 80);
    assert.equal(s.members[4]!.name, 'Fay');
    assert.equal(s.facilitatorId, s.members[4]!.id);
    assert.equal(s.phase, 'check-in');
    assert.equal(s.depth, 1);
    assert.ok(s.promptId && s.promptId !== 'lc-1-one-word', 'recent prompts are avoided');
  });

  it('makes an existing member the facilitator', () => {
    const s = replay(startSession({ title: 't', teamId: 't', members: ['Ada', 'Bo'], facilitator: 'bo', deck: defaultDeck(), settings, now: 0, newId: sequentialIds('s'), recentPromptIds: [] }));
    assert.equal(s.members.length, 2);
    assert.equal(s.facilitatorId, s.members[1]!.id);
  });
});

describe('decide: contributions', () => {
  it('records text with the current prompt depth and topic, and ends the turn', () => {
    let s = start();
    const ada = s.members[0]!.id;
    s = run(s, { kind: 'startTurn', memberId: ada }, ctx({ now: 1_000 }));
    const d = decide(s, { kind: 'contribute', memberId: ada, text: '  <script>alert(1)</script> 🎉 ', pass: false }, ctx({ now: 13_400 }));
    const evs = events(d);
    assert.deepEqual(evs.map((e) => e.type), ['contribution.added'], "the author's answer ends their own turn");
    s = evs.reduce(applyEvent, s);
    const c = s.contributions[0]!;
    const prompt = s.deck.prompts.find((p) => p.id === s.promptId)!;
    assert.equal(c.text, '<script>alert(1)</script> 🎉', 'markup is kept as plain text');
    assert.deepEqual([c.promptId, c.depth, c.topic], [prompt.id, prompt.depth, prompt.topic]);
    assert.equal(c.seconds, 12, 'the running turn timer gives the seconds');
    assert.equal(s.turn.memberId, null);
  });

  it('records a pass as a choice, with no text and no words', () => {
    const s = run(start(), { kind: 'contribute', memberId: start().members[1]!.id, text: 'ignored', pass: true });
    assert.deepEqual([s.contributions[0]!.pass, s.contributions[0]!.text, s.contributions[0]!.words], [true, '', 0]);
  });

  it('cuts text over maxTextLength, flags it, and says so', () => {
    const s = start();
    const d = decide(s, { kind: 'contribute', memberId: s.members[0]!.id, text: 'word '.repeat(100), pass: false }, ctx());
    assert.ok(d.ok && d.notices?.[0]?.includes('200'));
    const after = events(d).reduce(applyEvent, s);
    assert.equal(after.contributions[0]!.truncated, true);
    assert.ok(after.contributions[0]!.text.length <= 200);
  });

  it('refuses empty text, unknown members, and an ended or read-only retro', () => {
    const s = start();
    const ada = s.members[0]!.id;
    assert.equal(errorOf(decide(s, { kind: 'contribute', memberId: ada, text: ' \n ', pass: false }, ctx())), 'Write what was said, or pass.');
    assert.equal(errorOf(decide(s, { kind: 'contribute', memberId: 'nobody', text: 'x', pass: false }, ctx())), 'No member with id nobody');
    assert.match(errorOf(decide(s, { kind: 'contribute', memberId: ada, text: 'x', pass: false }, ctx({ readOnly: true }))), /read-only/);
    const ended = run(s, { kind: 'endRetro' });
    assert.equal(ended.phase, 'ended');
    assert.match(errorOf(decide(ended, { kind: 'contribute', memberId: ada, text: 'x', pass: false }, ctx())), /ended/);
    assert.ok(decide(ended, { kind: 'openSummary' }, ctx()).ok, 'viewing still works');
  });

  it('removes a contribution, and refuses an unknown one', () => {
    let s = run(start(), { kind: 'contribute', memberId: start().members[0]!.id, text: 'hi', pass: false });
    s = run(s, { kind: 'removeContribution', contributionId: s.contributions[0]!.id });
    assert.equal(s.contributions.length, 0);
    assert.match(errorOf(decide(s, { kind: 'removeContribution', contributionId: 'zz' }, ctx())), /No contribution with id zz/);
  });
});

describe('decide: turns, stages and prompts', () => {
  it('starts turns and suggests the next speaker', () => {
    let s = start();
    s = run(s, { kind: 'nextSpeaker' });
    assert.equal(s.turn.memberId, s.members[0]!.id);
    s = run(s, { kind: 'nextSpeaker' });
    assert.equal(s.turn.memberId, s.members[1]!.id);
    s = run(s, { kind: 'setPresence', memberId: s.members[2]!.id, present: false });
    assert.match(errorOf(decide(s, { kind: 'startTurn', memberId: s.members[2]!.id }, ctx())), /not marked present/);
  });

  it('going deeper shows a prompt at the new depth and records the override', () => {
    const s = start();
    const after = run(s, { kind: 'stage', move: 'deeper' });
    assert.equal(after.depth, 2);
    assert.equal(after.deck.prompts.find((p) => p.id === after.promptId)?.depth, 2);
    assert.equal(after.stageMoves[after.stageMoves.length - 1]!.override, true, 'no one had answered yet');
    const back = run(after, { kind: 'stage', move: 'back' });
    assert.equal(back.depth, 1);
    assert.notEqual(back.promptId, s.promptId, 'a fresh prompt at layer 1');
    assert.match(errorOf(decide(back, { kind: 'stage', move: 'back' }, ctx())), /first layer/);
  });

  it('follows a custom gate advisor from the balance engine', () => {
    const alwaysOpen = () => ({ open: true, reciprocated: 0, present: 0, reason: 'ok' });
    const s = run(start(), { kind: 'stage', move: 'deeper' }, ctx({ gate: alwaysOpen }));
    assert.equal(s.stageMoves[s.stageMoves.length - 1]!.override, false);
  });

  it('nextPrompt picks a different prompt at the same depth, until none is left', () => {
    const s = start();
    const next = run(s, { kind: 'nextPrompt' });
    assert.notEqual(next.promptId, s.promptId);
    assert.equal(next.depth, 1);
    const tiny: Deck = { id: 't', name: 't', prompts: [{ id: 'only', depth: 1, topic: 't', text: 't' }] };
    assert.match(errorOf(decide(start(tiny), { kind: 'nextPrompt' }, ctx())), /no other prompt/);
  });
});

describe('decide: phases', () => {
  it('records phases that were skipped, but not ones people worked in', () => {
    let s = run(start(), { kind: 'contribute', memberId: start().members[0]!.id, text: 'hi', pass: false });
    s = run(s, { kind: 'setPhase', phase: 'gather', skip: true });
    assert.deepEqual(s.skippedPhases, []);
    s = run(s, { kind: 'setPhase', phase: 'decide', skip: true });
    assert.deepEqual(s.skippedPhases, ['gather', 'insights']);
    s = run(s, { kind: 'setPhase', phase: 'ended', skip: false });
    assert.deepEqual(s.skippedPhases, ['gather', 'insights', 'close']);
    assert.equal(s.phase, 'ended');
    assert.notEqual(s.endedAt, null);
  });
});

describe('decide: members', () => {
  it('adds cleaned, unique names, with notices for cut or renamed names', () => {
    let s = start();
    const d = decide(s, { kind: 'addMember', name: 'Ada' }, ctx());
    assert.ok(d.ok && d.notices?.some((n) => n.includes('"Ada (2)"')));
    s = events(d).reduce(applyEvent, s);
    const long = decide(s, { kind: 'addMember', name: 'q'.repeat(1000) }, ctx());
    assert.ok(long.ok && long.notices?.some((n) => /too long/.test(n)));
    assert.equal(errorOf(decide(s, { kind: 'addMember', name: '\u202E \u0000' }, ctx())), 'A name is needed.');
    assert.equal(s.members[s.members.length - 1]!.joinedLate, false);
  });
});

describe('decide: gather, insights, decide, close', () => {
  it('adds notes to the deck columns, groups them and dot-votes with a budget', () => {
    let s = start(builtinDeck('start-stop-continue'));
    const [ada, bo] = s.members.map((m) => m.id);
    assert.match(errorOf(decide(s, { kind: 'addNote', text: 'x', column: 'Nope', memberId: ada! }, ctx())), /No column "Nope"/);
    s = run(s, { kind: 'addNote', text: 'More pairing', column: 'Start', memberId: ada! });
    s = run(s, { kind: 'addNote', text: 'Late standups', column: 'Stop', memberId: null });
    const [n1, n2] = s.notes.map((n) => n.id);
    s = run(s, { kind: 'groupNote', noteId: n2!, groupId: n1! });
    assert.equal(s.notes[1]!.groupId, n1);
    for (let i = 0; i < 3; i++) s = run(s, { kind: 'vote', memberId: bo!, noteId: n1!, retract: false });
    assert.match(errorOf(decide(s, { kind: 'vote', memberId: bo!, noteId: n2!, retract: false }, ctx())), /3 dots/);
    s = run(s, { kind: 'vote', memberId: bo!, noteId: n1!, retract: true });
    assert.equal(s.votes.length, 2);
    assert.match(errorOf(decide(s, { kind: 'vote', memberId: ada!, noteId: n1!, retract: true }, ctx())), /no vote/);
  });

  it('manages action items with owners', () => {
    let s = start();
    const ada = s.members[0]!.id;
    assert.equal(errorOf(decide(s, { kind: 'addAction', text: 'x', ownerId: 'ghost' }, ctx())), 'No member with id ghost');
    s = run(s, { kind: 'addAction', text: ' Speed up CI ', ownerId: ada, due: '2025-02-01' });
    const id = s.actions[0]!.id;
    assert.deepEqual(s.actions[0], { id, text: 'Speed up CI', ownerId: ada, due: '2025-02-01', done: false });
    s = run(s, { kind: 'updateAction', actionId: id, done: true, ownerId: null });
    assert.deepEqual([s.actions[0]!.done, s.actions[0]!.ownerId], [true, null]);
    s = run(s, { kind: 'removeAction', actionId: id });
    assert.equal(s.actions.length, 0);
    assert.match(errorOf(decide(s, { kind: 'updateAction', actionId: id, done: true }, ctx())), /No action item/);
  });

  it('records a one-line check-out with a return-on-time rating', () => {
    const s0 = start();
    const s = run(s0, { kind: 'checkout', memberId: s0.members[0]!.id, text: 'Good\nretro', roti: 4 });
    assert.deepEqual(s.checkouts, [{ memberId: s0.members[0]!.id, text: 'Good retro', roti: 4 }]);
    assert.match(errorOf(decide(s0, { kind: 'checkout', memberId: s0.members[0]!.id, text: ' ' }, ctx())), /few words or a rating/);
  });

  it('has nothing to record for view-only intents, and records a dismissal once', () => {
    assert.deepEqual(events(decide(start(), { kind: 'openSummary' }, ctx())), []);
    const s = run(start(), { kind: 'dismissNudge', nudgeId: 'n' });
    assert.deepEqual(s.dismissedNudges, ['n']);
    assert.deepEqual(events(decide(s, { kind: 'dismissNudge', nudgeId: 'n' }, ctx())), []);
  });
});
