// Raising and clearing flags, and the depth guards (over-disclosure, slow down). The share
// flags' rules live in shareFlags.ts.
import { syncGroupNudges, syncInvite } from './nudges';
import { dominantPushed, flagMarked } from './presentOrder';
import { layerReciprocated, reciprocatedDepth, type BalanceCore, type MemberState } from './state';
import type { BalanceFlag } from './types';

type FlagKind = BalanceFlag['kind'];

export function raise(core: BalanceCore, m: MemberState, kind: FlagKind, seq: number, at: number): BalanceFlag {
  const f: BalanceFlag = { kind, memberId: m.id, raisedBy: core.eventId, raisedAtSeq: seq, raisedAt: at, clearedAtSeq: null, clearedAt: null };
  // Share flags one event raises are kept in one order (kind, then member id), whichever
  // check raised them first: the per-event shortcut and the full check must read the same
  // history. An over-disclosure comes before them, as both raise it first.
  const h = core.flagHistory;
  let i = h.length;
  if (kind !== 'over-disclosure') {
    while (i > 0 && h[i - 1].raisedAtSeq === seq && h[i - 1].kind !== 'over-disclosure' && flagOrder(h[i - 1], f) > 0) i--;
  }
  if (i === h.length) h.push(f);
  else h.splice(i, 0, f);
  if (kind === 'over-disclosure') {
    core.activeOverDisclosure++;
    m.overDisclosedAt = core.overDisclosed.length;
    core.overDisclosed.push(m);
  } else {
    core.activeShareFlags++;
    flagMarked(core, m, kind, 1);
    if (kind === 'dominant') {
      m.dominantAt = core.dominantMembers.length;
      core.dominantMembers.push(m);
      dominantPushed(core, m);
    }
    else {
      core.activeQuiet++;
      m.quiet = f;
      syncInvite(core, m, seq, at);
    }
  }
  return f;
}

/**
 * Takes a member out of a list of flagged members that keeps each one's position in `at`:
 * the last moves into the gap. O(1), where a splice was O(list) for each flag cleared,
 * quadratic when many had been raised at once (issue 12). The lists' order is never read.
 */
function dropFrom(list: MemberState[], m: MemberState, at: 'dominantAt' | 'overDisclosedAt'): void {
  const last = list.pop() as MemberState;
  if (last !== m) {
    list[m[at]] = last;
    last[at] = m[at];
  }
  m[at] = -1;
}

function flagOrder(a: BalanceFlag, b: BalanceFlag): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

export function clear(core: BalanceCore, f: BalanceFlag, seq: number, at: number): null {
  f.clearedAtSeq = seq;
  f.clearedAt = at;
  // A cleared flag never changes again, so snapshots can share it instead of copying.
  Object.freeze(f);
  if (f.kind === 'over-disclosure') {
    core.activeOverDisclosure--;
    dropFrom(core.overDisclosed, core.byId.get(f.memberId) as MemberState, 'overDisclosedAt');
  } else {
    core.activeShareFlags--;
    const m = core.byId.get(f.memberId) as MemberState;
    flagMarked(core, m, f.kind, -1);
    if (f.kind === 'dominant') {
      dropFrom(core.dominantMembers, m, 'dominantAt');
    }
    else {
      core.activeQuiet--;
      m.quiet = null;
      syncInvite(core, m, seq, at);
    }
  }
  return null;
}

/** Absent members are not counted, so they carry no flag either. */
export function clearMemberFlags(core: BalanceCore, m: MemberState, seq: number, at: number): void {
  if (m.dominant) m.dominant = clear(core, m.dominant, seq, at);
  if (m.quiet) m.quiet = clear(core, m.quiet, seq, at);
  if (m.overDisclosure) {
    m.overDisclosure = clear(core, m.overDisclosure, seq, at);
    m.overDisclosureAt = -1;
  }
}

/**
 * The layer the over-disclosure guard measures against: the deepest the present group has
 * actually reciprocated, and at least orientation (safe facts never expose anyone).
 */
export function matchedDepth(core: BalanceCore): number {
  return Math.max(1, reciprocatedDepth(core));
}

/**
 * A disclosure two or more layers deeper than the group has matched: protect the person.
 * Measured against what was reciprocated, not the current stage, so it fires after a
 * facilitator's override too.
 */
export function checkOverDisclosure(core: BalanceCore, m: MemberState, c: number, seq: number, at: number): void {
  if (m.overDisclosure || !m.present) return;
  if (core.ledger.pass(c) || core.ledger.depth(c) < 3) return; // the cheap test first
  if (core.ledger.depth(c) < matchedDepth(core) + 2) return;
  m.overDisclosure = raise(core, m, 'over-disclosure', seq, at);
  m.overDisclosureAt = c;
  syncGroupNudges(core, seq, at);
}

/** Clears over-disclosure once the group has caught up, or the disclosure was withdrawn. */
export function reviewOverDisclosures(core: BalanceCore, seq: number, at: number): void {
  if (core.activeOverDisclosure === 0) return;
  const { ledger } = core;
  const matched = matchedDepth(core);
  // Only those with the flag (issue 12: a pass over the roster after every event while one
  // stood). Backwards, as a cleared flag moves the last of the list into its place.
  const list = core.overDisclosed;
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i];
    const c = m.overDisclosureAt;
    if (!ledger.alive(c) || ledger.depth(c) <= matched + 1) {
      m.overDisclosure = clear(core, m.overDisclosure as BalanceFlag, seq, at);
      m.overDisclosureAt = -1;
    }
  }
  syncGroupNudges(core, seq, at);
}

/** "Slow down" lasts until the new depth is reciprocated or the group steps back. */
export function reviewSlowDown(core: BalanceCore, seq: number, at: number): void {
  if (core.slowDownFrom === null) return;
  if (core.depth <= core.slowDownFrom || layerReciprocated(core, core.depth)) {
    core.slowDownFrom = null;
    syncGroupNudges(core, seq, at);
  }
}
