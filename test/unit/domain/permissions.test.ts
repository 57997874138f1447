// The permission table on its own: who may emit each event type, what a `self` event is
// about, and the roles, with and without the reducer's member index.
import { strict as assert } from 'node:assert';
import { mayEmit, PERMISSIONS, roleOf, subjectOf } from '../../../src/domain/permissions';
import { emptyState } from '../../../src/domain/session';
import type { SessionEvent, SessionEventType, SessionState } from '../../../src/domain/types';

const FAC = 'fac';
const ADA = 'ada';
const BO = 'bo';

/** A created session: fac facilitates, ada and bo are members, ada has one answer on record. */
function state(): SessionState {
  const s = emptyState();
  return {
    ...s,
    id: 's1',
    facilitatorId: FAC,
    members: [
      { id: ADA, name: 'Ada', present: true, joinedLate: false, joinedAtSeq: 1 },
      { id: BO, name: 'Bo', present: true, joinedLate: false, joinedAtSeq: 2 },
    ],
    contributions: [{ id: 'c-ada', memberId: ADA, promptId: null, phase: 'check-in', depth: 1, topic: 't', text: 'x', words: 1, pass: false, at: 0, seq: 3 }],
    notes: [
      { id: 'n-ada', memberId: ADA, text: 'x', column: 'Ideas', groupId: null },
      { id: 'n-anon', memberId: null, text: 'y', column: 'Ideas', groupId: null },
    ],
  };
}

/** One event of each type; `who` is the member the event is about, where it names one. */
function eventOf(type: SessionEventType, actor: string, who: string): SessionEvent {
  const base = { id: `${type}-${actor}-${who}`, at: 1, actor };
  const by: Record<SessionEventType, Record<string, unknown>> = {
    'session.created': { sessionId: 's2', title: 't', teamId: 't', deck: { id: 'd', name: 'd', prompts: [] }, settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 } },
    'session.renamed': { title: 'New title' },
    'member.added': { memberId: 'new', name: 'New', joinedLate: true },
    'member.renamed': { memberId: who, name: 'Other' },
    'member.presence': { memberId: who, present: false },
    'facilitator.set': { memberId: who },
    'phase.changed': { from: 'check-in', phase: 'gather', skipped: [] },
    'stage.moved': { from: 1, to: 2, kind: 'deeper', override: false },
    'prompt.shown': { promptId: 'p' },
    'turn.started': { memberId: who },
    'turn.ended': {},
    'contribution.added': { contributionId: 'c-new', memberId: who, phase: 'check-in', promptId: null, depth: 1, topic: 't', text: 'x', pass: false },
    'contribution.removed': { contributionId: who === ADA ? 'c-ada' : 'c-none' },
    'contribution.edited': { contributionId: who === ADA ? 'c-ada' : 'c-none', text: 'words' },
    'note.added': { noteId: 'n', memberId: who, text: 'x', column: 'Ideas' },
    'note.edited': { noteId: who === ADA ? 'n-ada' : 'n-none', text: 'y' },
    'note.removed': { noteId: who === ADA ? 'n-ada' : 'n-none' },
    'note.grouped': { noteId: 'n', groupId: null },
    'vote.cast': { memberId: who, noteId: 'n' },
    'vote.retracted': { memberId: who, noteId: 'n' },
    'action.added': { actionId: 'a', text: 'x', ownerId: who },
    'action.updated': { actionId: 'a', done: true },
    'action.removed': { actionId: 'a' },
    'checkout.added': { memberId: who, text: 'x' },
    'nudge.dismissed': { nudgeId: 'x' },
    'anonymity.set': { on: true },
    'notes.revealed': { counts: {} },
    'votes.tallied': { totals: {} },
    'session.ended': {},
  };
  return { ...base, type, ...by[type] } as SessionEvent;
}

const TYPES = Object.keys(PERMISSIONS) as SessionEventType[];
/** The events a member may record about themselves (the `self` rule), written out by hand. */
const SELF: SessionEventType[] = [
  'member.presence', 'contribution.added', 'contribution.removed', 'contribution.edited',
  'note.added', 'note.edited', 'note.removed', 'vote.cast', 'vote.retracted', 'checkout.added',
];
/** Self events about something already recorded: their subject is its author. */
const ABOUT_RECORD: SessionEventType[] = ['contribution.removed', 'contribution.edited', 'note.edited', 'note.removed'];

describe('permissions', () => {
  it('the table: creator for session.created, self for what a member says or does, facilitator for the rest', () => {
    for (const t of TYPES) {
      const want = t === 'session.created' ? 'creator' : SELF.includes(t) ? 'self' : 'facilitator';
      assert.equal(PERMISSIONS[t], want, t);
    }
  });

  it('the facilitator may emit everything but a second session.created', () => {
    const s = state();
    for (const t of TYPES) assert.equal(mayEmit(s, eventOf(t, FAC, ADA)), t !== 'session.created', t);
  });

  it('anyone may create a session, once', () => {
    assert.equal(mayEmit(emptyState(), eventOf('session.created', 'anyone', ADA)), true);
    assert.equal(mayEmit(state(), eventOf('session.created', 'anyone', ADA)), false);
  });

  it('a member may emit the self events about themselves only', () => {
    const s = state();
    for (const t of TYPES) {
      assert.equal(mayEmit(s, eventOf(t, ADA, ADA)), SELF.includes(t), `${t} about oneself`);
      assert.equal(mayEmit(s, eventOf(t, ADA, BO)), false, `${t} about someone else`);
    }
    // Bo did not write Ada's answer, and nobody wrote one that does not exist.
    assert.equal(mayEmit(s, { ...eventOf('contribution.removed', BO, ADA) }), false);
    assert.equal(mayEmit(s, eventOf('contribution.removed', BO, BO)), false);
  });

  it('an anonymous note is the facilitator\'s to insert', () => {
    const s = state();
    const anon = { ...eventOf('note.added', ADA, ADA), memberId: null } as SessionEvent;
    assert.equal(mayEmit(s, anon), false);
    assert.equal(mayEmit(s, { ...anon, actor: FAC }), true);
    for (const t of ['note.edited', 'note.removed'] as const) {
      const e = { ...eventOf(t, ADA, ADA), noteId: 'n-anon' } as SessionEvent;
      assert.equal(mayEmit(s, e), false, `${t}: nobody can claim an anonymous note`);
      assert.equal(mayEmit(s, { ...e, actor: FAC }), true, `${t}: the facilitator`);
    }
  });

  it('a stranger may emit nothing, with or without a member index', () => {
    const s = state();
    for (const t of TYPES.filter((x) => x !== 'session.created')) {
      assert.equal(mayEmit(s, eventOf(t, 'stranger', 'stranger')), false, t);
      assert.equal(mayEmit(s, eventOf(t, 'stranger', 'stranger'), (id) => id === ADA || id === BO), false, t);
    }
  });

  it('the member index decides who is a member', () => {
    const s = state();
    const e = eventOf('checkout.added', 'guest', 'guest');
    assert.equal(mayEmit(s, e), false, 'not on the roster');
    assert.equal(mayEmit(s, e, (id) => id === 'guest'), true, 'the index knows better than the roster');
  });

  it('roles', () => {
    const s = state();
    assert.equal(roleOf(s, FAC), 'facilitator');
    assert.equal(roleOf(s, ADA), 'member');
    assert.equal(roleOf(s, 'stranger'), null);
    assert.equal(roleOf(s, 'stranger', () => true), 'member');
    const leaderless = { ...s, facilitatorId: null };
    assert.equal(roleOf(leaderless, FAC), null);
    assert.equal(roleOf({ ...s, facilitatorId: ADA }, ADA), 'facilitator');
  });

  it('what a self event is about; nothing for the facilitator\'s events', () => {
    const s = state();
    for (const t of TYPES) {
      const want = !SELF.includes(t) ? null : BO;
      if (ABOUT_RECORD.includes(t)) continue;
      assert.equal(subjectOf(s, eventOf(t, FAC, BO)), want, t);
    }
    for (const t of ABOUT_RECORD) {
      assert.equal(subjectOf(s, eventOf(t, FAC, ADA)), ADA, `${t}: the author of the answer or note`);
      assert.equal(subjectOf(s, eventOf(t, FAC, BO)), null, `${t}: no such answer or note`);
    }
  });
});
