// What a member's panel may show: their own numbers only. Pure, so it is unit-tested.
// The member's machine holds the shared log (everyone's answers, as said in the room);
// the panel does not turn it into anyone else's counts, flags or nudges.
import type { Command } from '../../domain/commands';
import type { Said } from '../../domain/said';
import type { RetroView } from '../../protocol';

export function memberOnlyView(view: RetroView, memberId: string): RetroView {
  return {
    ...view,
    members: view.members.map((m) =>
      m.id === memberId
        ? m
        : { ...m, turns: 0, words: 0, passes: 0, share: 0, deepest: 0, answeredAtDepth: false, passedAtDepth: false, flag: null },
    ),
    contributions: view.contributions.map((c) => {
      if (c.memberId === memberId) return c;
      const { seconds: _seconds, ...rest } = c;
      return { ...rest, words: 0 };
    }),
    balance: { gini: 0, evenness: 0, maxShare: 0, fairShare: 0, sampleReady: false },
    nudges: [],
    viewer: { role: 'member', memberId },
  };
}

/** The member a request speaks for, when it speaks for one. */
export function subjectOfCommand(c: Command): string | null | undefined {
  switch (c.kind) {
    case 'contribute':
    case 'vote':
    case 'checkout':
    case 'setPresence':
      return c.memberId;
    case 'addNote':
      return c.memberId;
    default:
      return undefined;
  }
}

/** What a member may ask for from their own panel: only things about themselves. */
export function memberMayRequest(c: Command, memberId: string): boolean {
  const subject = subjectOfCommand(c);
  return subject === memberId;
}

/** One line per request still waiting for the authority, for the "waiting to send" list. */
export function describeWaiting(c: Command): { kind: string; text: string } {
  switch (c.kind) {
    case 'contribute':
      return { kind: c.pass ? 'Pass' : 'Answer', text: c.pass ? '' : c.text };
    case 'addNote':
      return { kind: 'Note', text: c.text };
    case 'vote':
      return { kind: c.retract ? 'Vote taken back' : 'Vote', text: '' };
    case 'checkout':
      return { kind: 'Check-out', text: c.text };
    default:
      return { kind: c.kind, text: '' };
  }
}

/**
 * A member's own anonymous dots for their own panel: only in a member's view, only while
 * votes are anonymous (named dots are on the notes), and only once the authority told
 * this machine (null until then).
 */
export function ownDots(role: 'facilitator' | 'member', anonymous: boolean, myVotes: readonly string[] | null): string[] | undefined {
  return role === 'member' && anonymous && myVotes !== null ? [...myVotes] : undefined;
}

/**
 * A member's dot refused at the cap (a click that raced the answer to their last one, or
 * another window of theirs): their panel already says so inline, from the dots it knows
 * (named ones on the notes, anonymous ones told to this machine with the refusal), and
 * turns Vote off; so it is not an error too.
 */
export function capShownInline(c: Command, r: { ok: true } | { ok: false; said?: Said }, ownDotsKnown: boolean): boolean {
  return ownDotsKnown && c.kind === 'vote' && !c.retract && !r.ok && r.said?.key === 'dotsUsed';
}
