// Stage rules: the retro proposes going one layer deeper only once the current layer has
// been reciprocated (answered.ts holds the one rule; the balance engine counts it live and
// plugs in as the GateAdvisor). The facilitator may always move anyway: the gate advises,
// it never blocks, and each override is recorded with the count at that moment.
import { refused, type Said } from './said';
import { DEFAULT_QUORUM, gateAdvice, hasAnsweredAt, hasPassedAt, MAX_DEPTH, MIN_DEPTH, tallyByMember, type GateAdvice } from './answered';
import type { Depth, SessionEvent, SessionState, StageMove, StageMoveKind } from './types';

export { DEFAULT_QUORUM, MAX_DEPTH, MIN_DEPTH, type GateAdvice } from './answered';

export type GateAdvisor = (state: SessionState) => GateAdvice;

/**
 * The gate read straight from a session's state, by the same rule and wording the balance
 * engine uses live; for callers without an engine (and as a cross-check of it).
 */
export function gateFromState(state: SessionState, quorum: number = DEFAULT_QUORUM): GateAdvice {
  const tally = tallyByMember(state.contributions);
  let present = 0;
  let answered = 0;
  let passed = 0;
  for (const m of state.members) {
    if (!m.present) continue;
    present++;
    const t = tally.get(m.id);
    if (!t) continue;
    if (hasAnsweredAt(t.disclosures, state.depth)) answered++;
    else if (hasPassedAt(t.disclosures, t.passes, state.depth)) passed++;
  }
  return gateAdvice(state.depth, answered, present, passed, quorum);
}

export type StageMovedEvent = Extract<SessionEvent, { type: 'stage.moved' }>;
export type StageResult = { ok: true; event: StageMovedEvent } | { ok: false; error: string; said: Said };

/** Turns the facilitator's choice into a stage.moved event, with the gate's advice attached. */
export function stageEvent(
  state: SessionState,
  move: StageMoveKind,
  advice: GateAdvice,
  base: { id: string; at: number; actor: string },
): StageResult {
  const to = targetDepth(state.depth, move);
  if (to === null) {
    return refused(move === 'deeper' ? { key: 'deepestLayer', depth: MAX_DEPTH } : { key: 'firstLayer', depth: MIN_DEPTH });
  }
  return {
    ok: true,
    event: {
      ...base,
      type: 'stage.moved',
      from: state.depth,
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

export function isDepth(n: unknown): n is Depth {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

/**
 * What an override meant, in the words the panel and the summary both use: "Going
 * deeper with 2 of 5 answered". Moves from before the gate was recorded name the layers.
 */
export function describeOverride(move: { from: Depth; to: Depth; gate?: StageMove['gate'] }): string {
  if (!move.gate) return `Going deeper (layer ${move.from} to ${move.to})`;
  return `Going deeper now, with ${move.gate.reciprocated} of ${move.gate.present} answered`;
}

/** The overrides recorded so far: moves deeper against the gate's advice. */
export function overrides(state: SessionState): SessionState['stageMoves'] {
  return state.stageMoves.filter((m) => m.override);
}
