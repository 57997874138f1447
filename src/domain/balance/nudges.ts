// Nudges are for the facilitator only, short and kind. A member is named only to be invited
// in; whoever shares a lot or discloses deeply is never named, so nothing reads as blame.
import type { BalanceCore, MemberState } from './state';
import { hasPassedAt } from '../answered';
import type { Nudge, NudgeKind } from './types';

export const NUDGE_TEXT = {
  roundRobin: 'Try a round-robin',
  holdDepth: 'Hold this depth for now',
  slowDown: 'Slow down — let everyone answer at this depth',
} as const;

export function inviteText(name: string): string {
  return `Invite ${name} — quiet so far`;
}

/**
 * Invite a quiet member in, unless they passed at this depth: a pass is a choice, and the
 * person who made it is not invited again at that depth. Called whenever the quiet flag,
 * their passes or the stage change.
 */
export function syncInvite(core: BalanceCore, m: MemberState, seq: number, at: number): void {
  const wanted = m.quiet !== null && m.present && !hasPassedAt(m.disclosures, m.passesByDepth, core.depth);
  if (wanted === (m.invite !== null)) return;
  if (!wanted) {
    m.invite = null;
    return;
  }
  const n: Nudge = { id: `invite:${m.id}:${core.eventId}`, kind: 'invite', memberId: m.id, text: inviteText(m.name), seq, at };
  m.invite = n;
  core.nudgeHistory.push(Object.freeze({ ...n }));
}

function groupNudge(core: BalanceCore, kind: NudgeKind, text: string, seq: number, at: number): Nudge {
  return { id: `${kind}:${core.eventId}`, kind, memberId: null, text, seq, at };
}

/**
 * Starts or ends one group nudge; its id keeps the seq at which its condition became true.
 * Runs after every event, so it allocates only when a nudge starts (no closure per call).
 */
function toggle(
  core: BalanceCore,
  current: Nudge | null,
  wanted: boolean,
  kind: NudgeKind,
  text: string,
  seq: number,
  at: number,
): Nudge | null {
  if (wanted === (current !== null)) return current;
  if (!wanted) return null;
  const n = groupNudge(core, kind, text, seq, at);
  core.nudgeHistory.push(Object.freeze({ ...n }));
  return n;
}

/** Re-derives the group nudges after anything that can change their conditions. */
export function syncGroupNudges(core: BalanceCore, seq: number, at: number): void {
  const g = core.group;
  const rr = core.activeQuiet >= 2 || core.dominantMembers.length >= 1;
  g.roundRobin = toggle(core, g.roundRobin, rr, 'round-robin', NUDGE_TEXT.roundRobin, seq, at);
  g.holdDepth = toggle(core, g.holdDepth, core.activeOverDisclosure > 0, 'hold-depth', NUDGE_TEXT.holdDepth, seq, at);
  g.slowDown = toggle(core, g.slowDown, core.slowDownFrom !== null, 'slow-down', NUDGE_TEXT.slowDown, seq, at);
}

/** Active nudges, most protective first: depth before pace before balance. */
export function activeNudges(core: BalanceCore): Nudge[] {
  if (core.ended) return [];
  const out: Nudge[] = [];
  const g = core.group;
  if (g.holdDepth) out.push({ ...g.holdDepth });
  if (g.slowDown) out.push({ ...g.slowDown });
  if (g.roundRobin) out.push({ ...g.roundRobin });
  const invites: Nudge[] = [];
  for (const m of core.present) if (m.invite) invites.push({ ...m.invite, text: inviteText(m.name) });
  invites.sort((a, b) => a.seq - b.seq);
  return out.concat(invites);
}
