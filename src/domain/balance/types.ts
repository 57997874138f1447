// What the balance engine reports. Plain JSON-safe data: the host sends it to the webview
// and the summary stores it.
import type { Depth } from '../types';

export interface MemberBalance {
  memberId: string;
  name: string;
  present: boolean;
  joinedLate: boolean;
  /** Contributions that were not passes. */
  turns: number;
  words: number;
  seconds: number;
  passes: number;
  /**
   * Sticky notes written. Anonymous notes count only from the reveal's per-member counts
   * (`notes.revealed`); the engine never learns which note was whose.
   */
  notes: number;
  /** Disclosures per depth 1..4 (index 0 = depth 1); passes excluded. */
  disclosures: [number, number, number, number];
  /** Passes per depth 1..4. */
  passesByDepth: [number, number, number, number];
  /** Deepest disclosure, 0 if none. */
  deepest: number;
  /** Standing turns by others since this member's last turn (since joining if none). */
  turnsSinceLastSpoke: number;
  /** Shares among present members; 0 for absent members, who are not counted. */
  shareTurns: number;
  shareWords: number;
  /** Share by the chosen driver. */
  share: number;
  /**
   * Share over the time the member was present: share ÷ presenceWeight. Equal to `share`
   * for anyone present throughout; this is what the flags compare.
   */
  adjustedShare: number;
  /** Fraction of the team's turns taken while this member was present (1 = throughout). */
  presenceWeight: number;
  flag: 'dominant' | 'quiet' | null;
}

export interface LayerReciprocity {
  depth: Depth;
  /** Whether the group's stage was ever at this depth. */
  reached: boolean;
  /** Deepest disclosure made while the group was at this stage, 0 if none. */
  deepestDisclosure: number;
  /** Present members who have answered at this depth (answered.ts: this depth or deeper, passes not). */
  matched: number;
  present: number;
  reciprocated: boolean;
  /** Contributions during this stage, passes included. */
  contributions: number;
  passes: number;
}

export interface BalanceFlag {
  kind: 'dominant' | 'quiet' | 'over-disclosure';
  memberId: string;
  /** Id of the event that raised it: the flag's identity on every replica. */
  raisedBy: string;
  raisedAtSeq: number;
  raisedAt: number;
  clearedAtSeq: number | null;
  clearedAt: number | null;
}

export type NudgeKind = 'invite' | 'round-robin' | 'hold-depth' | 'slow-down';

export interface Nudge {
  /**
   * Built from the id of the event that raised it (`invite:${memberId}:${eventId}`,
   * `hold-depth:${eventId}`), never from a position, so a dismissal survives a replay and
   * a remote insert earlier in the log.
   */
  id: string;
  kind: NudgeKind;
  memberId: string | null;
  text: string;
  seq: number;
  at: number;
}

export type { GateAdvice } from '../answered';
import type { GateAdvice } from '../answered';

export interface TeamBalance {
  gini: number;
  /** Normalised entropy of the present members' shares. */
  evenness: number;
  maxShare: number;
  fairShare: number;
  /** Median of the present members' shares by driver. */
  medianShare: number;
  presentCount: number;
  totalTurns: number;
  totalWords: number;
  totalSeconds: number;
  totalPasses: number;
  sampleReady: boolean;
}

export interface BalanceSnapshot {
  members: MemberBalance[];
  team: TeamBalance;
  layers: LayerReciprocity[];
  activeFlags: BalanceFlag[];
  flagHistory: BalanceFlag[];
  /** Currently active nudges for the facilitator. */
  nudges: Nudge[];
  nudgeHistory: Nudge[];
  /** Present members, quietest first. */
  suggestedOrder: string[];
  suggestedNext: string | null;
  gate: GateAdvice;
  /** The group's current stage. */
  depth: number;
  /** Deepest layer the present group has reciprocated (0 when none): what the guard measures against. */
  reciprocatedDepth: number;
}
