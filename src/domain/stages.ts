// Stage rules: the retro proposes going one layer deeper only once the current layer has
// been reciprocated. The exact rule belongs to the balance engine, which plugs in as a
// GateAdvisor; defaultGate is the simple majority rule it refines. The facilitator may
// always move anyway: the gate advises, it never blocks, and each override is recorded.
import type { Depth, SessionEvent, SessionState, StageMoveKind } from './types';

export interface GateAdvice {
  /** True when the retro may propose going one layer deeper. */
  open: boolean;
  /** Present members who disclosed (not passed) at the current depth. */
  reciprocated: number;
  present: number;
  reason: string;
}

export type GateAdvisor = (state: SessionState) => GateAdvice;

export const DEFAULT_QUORUM = 0.5;
export const MIN_DEPTH: Depth = 1;
export const MAX_DEPTH: Depth = 4;

/** Who has answered at the current depth; a pass counts as answering but not as disclosing. */
export function answersAtDepth(state: SessionState, depth: Depth = state.depth): { disclosed: Set<string>; passed: Set<string> } {
  const disclosed = new Set<string>();
  const passed = new Set<string>();
  for (const c of state.contributions) {
    if (c.depth !== depth) continue;
    if (c.pass) passed.add(c.memberId);
    else disclosed.add(c.memberId);
  }
  for (const id of disclosed) passed.delete(id);
  return { disclosed, passed };
}

/**
 * Open when strictly more than `quorum` of the present members disclosed at the current
 * depth. A pass is respected as a choice but does not reciprocate anyone's disclosure.
 */
export function defaultGate(state: SessionState, quorum: number = DEFAULT_QUORUM): GateAdvice {
  const present = state.members.filter((m) => m.present);
  const { disclosed, passed } = answersAtDepth(state);
  const reciprocated = present.filter((m) => disclosed.has(m.id)).length;
  const passes = present.filter((m) => passed.has(m.id)).length;
  const counts = { reciprocated, present: present.length };
  if (present.length === 0) return { ...counts, open: false, reason: 'No one is marked present yet' };
  const tally = `${reciprocated} of ${present.length} have answered at this depth${passes > 0 ? ` (${passes} passed)` : ''}`;
  if (state.depth >= MAX_DEPTH) return { ...counts, open: false, reason: `${tally}; this is the deepest layer` };
  const open = reciprocated / present.length > quorum;
  return { ...counts, open, reason: open ? `${tally}; ready to go deeper` : `${tally}; hold this depth for now` };
}

export type StageMovedEvent = Extract<SessionEvent, { type: 'stage.moved' }>;
export type StageResult = { ok: true; event: StageMovedEvent } | { ok: false; error: string };

/** Turns the facilitator's choice into a stage.moved event, with the gate's advice attached. */
export function stageEvent(state: SessionState, move: StageMoveKind, advice: GateAdvice, now: number, id: string): StageResult {
  const to = targetDepth(state.depth, move);
  if (to === null) {
    const error = move === 'deeper' ? 'Already at the deepest layer (4).' : 'Already at the first layer (1).';
    return { ok: false, error };
  }
  return {
    ok: true,
    event: {
      type: 'stage.moved',
      id,
      at: now,
      to,
      kind: move,
      override: move === 'deeper' && !advice.open,
      gate: { reciprocated: advice.reciprocated, present: advice.present, open: advice.open },
    },
  };
}

export function targetDepth(depth: Depth, move: StageMoveKind): Depth | null {
  const to = move === 'deeper' ? depth + 1 : move === 'back' ? depth - 1 : depth;
  return isDepth(to) ? to : null;
}

export function isDepth(n: number): n is Depth {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

/** The overrides recorded so far: moves deeper against the gate's advice. */
export function overrides(state: SessionState): SessionState['stageMoves'] {
  return state.stageMoves.filter((m) => m.override);
}
