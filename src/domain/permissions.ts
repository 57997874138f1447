// Who may record what, in one table. The reducer ignores an event whose actor may not
// emit it, so a forged event in a synced or hand-edited log changes nothing; `decide`
// consults the same table to refuse a request with a message before anything is written.
import type { SessionEvent, SessionEventType, SessionState } from './types';

export type Role = 'facilitator' | 'member';

/**
 * `facilitator`: only the facilitator. `self`: a member about themselves, or the
 * facilitator on someone's behalf (recorded as such: the actor differs from the author).
 * `creator`: whoever creates the session becomes its facilitator.
 */
export type Rule = 'facilitator' | 'self' | 'creator';

export const PERMISSIONS: Readonly<Record<SessionEventType, Rule>> = {
  'session.created': 'creator',
  'session.renamed': 'facilitator',
  'member.added': 'facilitator',
  'member.renamed': 'facilitator',
  'member.presence': 'self',
  'facilitator.set': 'facilitator',
  'phase.changed': 'facilitator',
  'stage.moved': 'facilitator',
  'prompt.shown': 'facilitator',
  'turn.started': 'facilitator',
  'turn.ended': 'facilitator',
  'contribution.added': 'self',
  'contribution.removed': 'self',
  'contribution.edited': 'self',
  'note.added': 'self',
  'note.edited': 'self',
  'note.removed': 'self',
  'note.grouped': 'facilitator',
  'vote.cast': 'self',
  'vote.retracted': 'self',
  'action.added': 'facilitator',
  'action.updated': 'facilitator',
  'action.removed': 'facilitator',
  'checkout.added': 'self',
  'nudge.dismissed': 'facilitator',
  'session.ended': 'facilitator',
  'anonymity.set': 'facilitator',
  'notes.revealed': 'facilitator',
  'votes.tallied': 'facilitator',
};

/** The role an actor holds in this session, or null for someone it does not know. */
export function roleOf(state: SessionState, actor: string, isMember: MemberLookup = scan(state)): Role | null {
  if (state.facilitatorId !== null && actor === state.facilitatorId) return 'facilitator';
  return isMember(actor) ? 'member' : null;
}

/** The reducer passes an index; everyone else can let it scan the roster. */
export type MemberLookup = (id: string) => boolean;
const scan = (state: SessionState): MemberLookup => (id) => state.members.some((m) => m.id === id);

/** The member a `self` event is about; null when only the facilitator may emit it. */
export function subjectOf(state: SessionState, event: SessionEvent): string | null {
  switch (event.type) {
    case 'member.presence':
    case 'contribution.added':
    case 'vote.cast':
    case 'vote.retracted':
    case 'checkout.added':
      return event.memberId;
    case 'note.added':
      return event.memberId; // an anonymous note (null) is inserted by the facilitator only
    case 'contribution.removed':
    case 'contribution.edited':
      return state.contributions.find((c) => c.id === event.contributionId)?.memberId ?? null;
    case 'note.edited':
    case 'note.removed':
      // An anonymous note (no author) is the facilitator's to change, like its insertion.
      return state.notes.find((n) => n.id === event.noteId)?.memberId ?? null;
    default:
      return null;
  }
}

/** True when `event.actor` may emit this event in this state. */
export function mayEmit(state: SessionState, event: SessionEvent, isMember?: MemberLookup): boolean {
  const rule = PERMISSIONS[event.type];
  if (rule === 'creator') return state.id === '';
  const role = roleOf(state, event.actor, isMember);
  if (role === 'facilitator') return true;
  if (role !== 'member' || rule === 'facilitator') return false;
  return subjectOf(state, event) === event.actor;
}
