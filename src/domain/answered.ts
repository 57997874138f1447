// One rule for "answered at this depth". The stage gate, the roster ticks, the
// quietest-first order, the summary, the CLI and docs/answered.md all use it.
//
// A member has answered at depth D once they disclosed (shared, not passed) at D or
// deeper. Disclosing deeper matches a shallower layer too, so after Go deeper → Step
// back everyone who answered below still counts. A pass is recorded and respected as a
// choice, but it reciprocates nobody's disclosure, so it never counts as answering.
import type { Depth } from './types';

export const MIN_DEPTH: Depth = 1;
export const MAX_DEPTH: Depth = 4;

/** Disclosures per depth, index depth − 1 (passes excluded). */
export type DepthCounts = ArrayLike<number>;

/** The rule itself. */
export function hasAnsweredAt(disclosures: DepthCounts, depth: number): boolean {
  for (let d = Math.max(depth, MIN_DEPTH); d <= MAX_DEPTH; d++) if ((disclosures[d - 1] ?? 0) > 0) return true;
  return false;
}

/** Deepest layer with a disclosure, 0 when none: hasAnsweredAt(c, d) ⇔ d ≤ deepestAnswer(c). */
export function deepestAnswer(disclosures: DepthCounts): number {
  for (let d = MAX_DEPTH; d >= MIN_DEPTH; d--) if ((disclosures[d - 1] ?? 0) > 0) return d;
  return 0;
}

/** Passed at this depth without answering at it: a choice, shown as such, never nudged again. */
export function hasPassedAt(disclosures: DepthCounts, passes: DepthCounts, depth: number): boolean {
  return (passes[depth - 1] ?? 0) > 0 && !hasAnsweredAt(disclosures, depth);
}

export interface GateAdvice {
  /** True when the retro may propose going one layer deeper. */
  open: boolean;
  /** Present members who have answered at the current depth. */
  reciprocated: number;
  present: number;
  reason: string;
}

/** The share of present members who must have answered, strictly exceeded, by default. */
export const DEFAULT_QUORUM = 0.5;

/** True when strictly more than `quorum` of `present` have answered. */
export function reciprocated(answered: number, present: number, quorum: number): boolean {
  return present > 0 && answered > quorum * present;
}

/**
 * The stage gate: open when the current layer has been reciprocated, never at the deepest
 * layer (there is nowhere deeper to go). The reason starts with the count people see.
 */
export function gateAdvice(depth: number, answered: number, present: number, passed: number, quorum: number): GateAdvice {
  const counts = { reciprocated: answered, present };
  if (present === 0) return { ...counts, open: false, reason: 'No one is here yet' };
  const tally = `${answered} of ${present} have answered at this depth${passed > 0 ? ` (${passed} passed)` : ''}`;
  if (depth >= MAX_DEPTH) return { ...counts, open: false, reason: tally }; // nowhere deeper to go
  const open = reciprocated(answered, present, quorum);
  return { ...counts, open, reason: tally };
}

export interface DepthTally {
  disclosures: [number, number, number, number];
  passes: [number, number, number, number];
}

/** Disclosures and passes per member and depth, from a list of contributions. */
export function tallyByMember(contributions: readonly { memberId: string; depth: number; pass: boolean }[]): Map<string, DepthTally> {
  const out = new Map<string, DepthTally>();
  for (const c of contributions) {
    let t = out.get(c.memberId);
    if (!t) out.set(c.memberId, (t = { disclosures: [0, 0, 0, 0], passes: [0, 0, 0, 0] }));
    if (c.depth < MIN_DEPTH || c.depth > MAX_DEPTH) continue;
    (c.pass ? t.passes : t.disclosures)[c.depth - 1] += 1;
  }
  return out;
}
