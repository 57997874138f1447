// The engine's running state, shared by the event handlers, the flag check and the snapshot.
// Everything here is a running sum or a per-member counter: no handler rescans the log.
import { GrowableFenwick } from './fenwick';
import { ContributionLedger } from './ledger';
import type { BalanceDriver, BalanceSettings } from './settings';
import { deepestAnswer, hasAnsweredAt, MAX_DEPTH, reciprocated } from '../answered';
import type { BalanceFlag, Nudge } from './types';

export class MemberState {
  name: string;
  present = true;
  turns = 0;
  words = 0;
  seconds = 0;
  passes = 0;
  /** Notes written: counted when added with an author, or from the counts of an anonymous reveal. */
  notes = 0;
  /** Disclosures per depth (index depth − 1), passes excluded. */
  readonly disclosures: number[] = [0, 0, 0, 0];
  readonly passesByDepth: number[] = [0, 0, 0, 0];
  /** Ledger indexes of the newest standing contribution and turn, or -1. */
  lastAct = -1;
  lastTurn = -1;
  /** Seq of the newest standing act, -1 if none; read on every flag check. */
  lastActSeq = -1;
  /** Seq at which the current stretch of presence began. */
  presentSinceSeq: number;
  /** Team turns taken during presence stretches that have ended. */
  exposureClosed = 0;
  /** Team turns already taken when the current stretch began. */
  exposureBase: number;
  /** Presence stretches as [startSeq, endSeq) pairs; endSeq is Infinity while present. */
  readonly stretches: number[];
  /** Turn ordinals allocated before joining, for "turns since" of a member who never spoke. */
  readonly joinTurnOrd: number;
  dominant: BalanceFlag | null = null;
  /** Position in BalanceCore.dominantMembers while dominant, else -1. */
  dominantAt = -1;
  quiet: BalanceFlag | null = null;
  overDisclosure: BalanceFlag | null = null;
  /** Position in BalanceCore.overDisclosed while over-disclosed, else -1. */
  overDisclosedAt = -1;
  /** Ledger index of the contribution that raised the over-disclosure flag. */
  overDisclosureAt = -1;
  /** The facilitator's invitation while quiet, unless they passed at this depth. */
  invite: Nudge | null = null;
  /**
   * Present for the minimum sample (judged by the share flags); kept for the prefix of
   * BalanceCore.byExposure that is judged (presentOrder.ts judgedPrefix).
   */
  judged = false;
  /** Position in BalanceCore.byExposure while it is not stale, else -1 or out of date. */
  exposureAt = -1;
  /** Position in BalanceCore.ranked while present. */
  rank = -1;
  /** Neighbours in the present members' order by last act (presentOrder.ts). */
  actPrev: MemberState | null = null;
  actNext: MemberState | null = null;

  constructor(
    readonly idx: number,
    readonly id: string,
    name: string,
    readonly joinedAtSeq: number,
    readonly joinedLate: boolean,
    teamTurns: number,
    turnOrdinals: number,
  ) {
    this.name = name;
    this.presentSinceSeq = joinedAtSeq;
    this.exposureBase = teamTurns;
    this.stretches = [joinedAtSeq, Infinity];
    this.joinTurnOrd = turnOrdinals;
  }

  /** Team turns (standing) taken while this member was present. */
  exposure(teamTurns: number): number {
    return this.exposureClosed + (this.present ? teamTurns - this.exposureBase : 0);
  }

  driverValue(driver: BalanceDriver): number {
    return driver === 'words' ? this.words : driver === 'seconds' ? this.seconds : this.turns;
  }
}

/** Lifecycle of the nudges that are not tied to one member's flag. */
export interface GroupNudges {
  roundRobin: Nudge | null;
  holdDepth: Nudge | null;
  slowDown: Nudge | null;
}

/**
 * The last full share-flag check (shareFlags.ts) and the thresholds it derived. They depend
 * only on the median, the roster size and the settings, which the shortcut requires to be
 * unchanged, so it reuses them and refreshes only `toShare`.
 */
export interface ShareCheck {
  valid: boolean;
  ready: boolean;
  /** Members judged, the order by time present they are a prefix of, and the roster size. */
  judgedCount: number;
  orderVersion: number;
  n: number;
  /** The member a round had closed on (presentOrder.ts roundMissedBy), if judged. */
  missed: MemberState | null;
  /** Someone unjudged still carries a dominant flag (the shortcut visits only the judged). */
  unjudgedDominant: boolean;
  median: number;
  /** Converts a rate into an adjusted share. */
  toShare: number;
  fair: number;
  domRaise: number;
  domKeep: number;
  quietRaise: number;
  quietKeep: number;
  keepFair: number;
}

export interface BalanceCore {
  readonly settings: BalanceSettings;
  /** Seq of the next event: the index of the event in the session log. */
  seq: number;
  /** Id of the event being applied: flags and nudges raised by it are named after it. */
  eventId: string;
  /** answered[d]: present members who have answered at depth d (answered.ts), d = 1..4. */
  readonly answered: Int32Array;
  readonly members: MemberState[];
  readonly byId: Map<string, MemberState>;
  /** Present members in join order. */
  readonly present: MemberState[];
  readonly ledger: ContributionLedger;
  /** One entry per turn ever taken: 1 while it stands, 0 once removed. */
  readonly turnLog: GrowableFenwick;
  anyContribution: boolean;
  presentTurns: number;
  presentWords: number;
  presentSeconds: number;
  presentPasses: number;
  /** The group's current stage, 1..4. */
  depth: number;
  readonly reached: boolean[];
  /** Contributions and passes per stage (index stage − 1). */
  readonly stageContributions: Int32Array;
  readonly stagePasses: Int32Array;
  /** Disclosures per (stage − 1) * 4 + (depth − 1), all members. */
  readonly stageDepthCount: Int32Array;
  ended: boolean;
  activeShareFlags: number;
  /** Members with an active dominant flag (usually none or one), in no particular order. */
  readonly dominantMembers: MemberState[];
  activeQuiet: number;
  activeOverDisclosure: number;
  /** Members with an active over-disclosure flag, in no particular order. */
  readonly overDisclosed: MemberState[];
  /** Depth the group had before an ungated move deeper; null when not slowing down. */
  slowDownFrom: number | null;
  readonly flagHistory: BalanceFlag[];
  readonly nudgeHistory: Nudge[];
  readonly group: GroupNudges;
  /** Scratch buffers for the per-event flag check, sized to the roster. */
  rates: Float64Array;
  scratch: Float64Array;
  /** Present members sorted by driver amount, kept in order as amounts change. */
  ranked: MemberState[];
  /** Present members by last act, oldest first, as a linked list (presentOrder.ts); stale: rebuild when read. */
  actHead: MemberState | null;
  actTail: MemberState | null;
  actStale: boolean;
  /** Present members, longest present first (presentOrder.ts); stale: rebuild when read. */
  byExposure: MemberState[];
  exposureStale: boolean;
  /** True while byExposure is in join order too, so its judged prefix needs no sort. */
  exposureInJoinOrder: boolean;
  /** Bumped when byExposure is sorted afresh: a prefix of it is then other members. */
  orderVersion: number;
  /** How many of byExposure are judged (MemberState.judged), as of the last judgedPrefix. */
  judgedCount: number;
  /**
   * 1 at each position of `byExposure` holding a dominant (a quiet) member, valid while
   * `flagMarksVersion` is `orderVersion` (presentOrder.ts flagMarks): the check for equal
   * amounts (shareFlags.ts) finds the flagged and unflagged inside a stretch of the order.
   */
  dominantMarks: GrowableFenwick;
  quietMarks: GrowableFenwick;
  flagMarksVersion: number;
  /** Members with a dominant flag who are not judged (the shortcuts look only at the judged). */
  unjudgedDominant: number;
  /** 1 at each position of `ranked` holding a judged member, for the judged median; stale: rebuild when read. */
  judgedMarks: GrowableFenwick;
  marksStale: boolean;
  /** The dominant as a min-heap by amount (presentOrder.ts), with each entry's key; stale: rebuild when read. */
  dominantHeap: MemberState[];
  dominantKeys: number[];
  dominantHeapStale: boolean;
  /** What the last full flag check saw; the shortcut is valid only while it still holds. */
  readonly lastCheck: ShareCheck;
  /** Off in tests, to prove the shortcut changes nothing. */
  readonly shortcut: boolean;
}

export function createCore(settings: BalanceSettings, shortcut = true): BalanceCore {
  return {
    settings,
    seq: 0,
    eventId: '',
    answered: new Int32Array(MAX_DEPTH + 1),
    members: [],
    byId: new Map(),
    present: [],
    ledger: new ContributionLedger(),
    turnLog: new GrowableFenwick(),
    anyContribution: false,
    presentTurns: 0,
    presentWords: 0,
    presentSeconds: 0,
    presentPasses: 0,
    depth: 1,
    reached: [true, false, false, false],
    stageContributions: new Int32Array(4),
    stagePasses: new Int32Array(4),
    stageDepthCount: new Int32Array(16),
    ended: false,
    activeShareFlags: 0,
    dominantMembers: [],
    activeQuiet: 0,
    activeOverDisclosure: 0,
    overDisclosed: [],
    slowDownFrom: null,
    flagHistory: [],
    nudgeHistory: [],
    group: { roundRobin: null, holdDepth: null, slowDown: null },
    rates: new Float64Array(16),
    scratch: new Float64Array(16),
    ranked: [],
    actHead: null,
    actTail: null,
    actStale: false,
    byExposure: [],
    exposureStale: false,
    exposureInJoinOrder: true,
    orderVersion: 0,
    judgedCount: 0,
    dominantMarks: new GrowableFenwick(),
    quietMarks: new GrowableFenwick(),
    flagMarksVersion: -1,
    unjudgedDominant: 0,
    judgedMarks: new GrowableFenwick(),
    marksStale: false,
    dominantHeap: [],
    dominantKeys: [],
    dominantHeapStale: false,
    lastCheck: {
      valid: false, ready: false, judgedCount: 0, orderVersion: -1, n: 0, missed: null, unjudgedDominant: false, median: NaN,
      toShare: 0, fair: 0, domRaise: 0, domKeep: 0, quietRaise: 0, quietKeep: 0, keepFair: 0,
    },
    shortcut,
  };
}

/** The one rule (answered.ts), on the engine's counters. */
export function answeredAtDepth(m: MemberState, depth: number): boolean {
  return hasAnsweredAt(m.disclosures, depth);
}

/**
 * Moves a present member's answers in or out of `answered` (sign ±1) for every depth they
 * have answered at. Called around any change to their disclosures or presence: O(4).
 */
export function countAnswers(core: BalanceCore, m: MemberState, sign: 1 | -1): void {
  const deepest = deepestAnswer(m.disclosures);
  for (let d = 1; d <= deepest; d++) core.answered[d] += sign;
}

/** True when the present group has reciprocated this layer. */
export function layerReciprocated(core: BalanceCore, depth: number): boolean {
  return reciprocated(core.answered[depth] ?? 0, core.present.length, core.settings.reciprocityQuorum);
}

/** Deepest layer the present group has reciprocated, 0 when none. */
export function reciprocatedDepth(core: BalanceCore): number {
  for (let d = MAX_DEPTH; d >= 1; d--) if (layerReciprocated(core, d)) return d;
  return 0;
}

/** The present team's total of the amount that drives shares and flags. */
export function driverTotal(core: BalanceCore): number {
  const d = core.settings.driver;
  return d === 'words' ? core.presentWords : d === 'seconds' ? core.presentSeconds : core.presentTurns;
}
