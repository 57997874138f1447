// The shared vocabulary of the domain. Everything here is plain data (JSON-safe) so a
// session can be written to disk, sent to the webview, and later stored in a Y.Doc
// (an append-only Y.Array of events) without a rewrite.

/** Social penetration layers: 1 orientation, 2 exploratory affective, 3 affective, 4 stable. */
export type Depth = 1 | 2 | 3 | 4;
export const DEPTHS: readonly Depth[] = [1, 2, 3, 4];
export const DEPTH_NAMES: Readonly<Record<Depth, string>> = {
  1: 'Orientation',
  2: 'Exploratory',
  3: 'Affective',
  4: 'Stable',
};

/** Derby & Larsen's five phases; `ended` once the retro is closed. */
export type Phase = 'check-in' | 'gather' | 'insights' | 'decide' | 'close' | 'ended';
export const PHASES: readonly Phase[] = ['check-in', 'gather', 'insights', 'decide', 'close', 'ended'];
export const PHASE_NAMES: Readonly<Record<Phase, string>> = {
  'check-in': 'Set the stage',
  gather: 'Gather data',
  insights: 'Generate insights',
  decide: 'Decide what to do',
  close: 'Close',
  ended: 'Ended',
};

export interface Prompt {
  id: string;
  depth: Depth;
  topic: string;
  text: string;
}

export interface Deck {
  id: string;
  name: string;
  description?: string;
  prompts: Prompt[];
  /** Where the deck came from: `builtin` or a workspace-relative file path. */
  source?: string;
  /** Column headings for the gather-data phase (e.g. Start / Stop / Continue). */
  columns?: string[];
}

export interface Member {
  id: string;
  name: string;
  present: boolean;
  /** True when the member was added after the first contribution was recorded (a fact of the event). */
  joinedLate: boolean;
  /** Index in the event log (sequence number) when the member joined, for late-joiner fairness. */
  joinedAtSeq: number;
  /** Sequence number when the member left, if absent now. */
  leftAtSeq?: number;
}

export interface Contribution {
  id: string;
  /** The author: whose words these are. */
  memberId: string;
  /** Who recorded them when it was not the author (the facilitator, on their behalf). */
  recordedBy?: string;
  promptId: string | null;
  phase: Phase;
  depth: Depth;
  topic: string;
  text: string;
  words: number;
  seconds?: number;
  pass: boolean;
  at: number;
  /** Position of the event in the log; derived from log order, never used as an identity. */
  seq: number;
  /** True when the text was cut at the session's maxTextLength. */
  truncated?: boolean;
}

export interface ActionItem {
  id: string;
  text: string;
  ownerId: string | null;
  due?: string;
  done: boolean;
}

/** A sticky note in "gather data"; grouped and dot-voted in "generate insights". */
export interface Note {
  id: string;
  memberId: string | null;
  text: string;
  column: string;
  groupId: string | null;
}

export interface Vote {
  memberId: string;
  noteId: string;
}

export interface Checkout {
  memberId: string;
  text: string;
  /** Return on time, 1..5. */
  roti?: number;
}

export type StageMoveKind = 'deeper' | 'stay' | 'back';

export interface StageMove {
  /** Id of the stage.moved event: a stable identity across replicas. */
  eventId: string;
  seq: number;
  at: number;
  from: Depth;
  to: Depth;
  kind: StageMoveKind;
  /** True when the facilitator moved against the gate's advice. */
  override: boolean;
  /** The gate's advice at the moment of the move, recorded for the summary. */
  gate?: { reciprocated: number; present: number; open: boolean };
}

export interface TurnState {
  memberId: string | null;
  /** When the turn started, by the clock of the machine that decided it (the authority). */
  startedAt: number | null;
}

/** Why the reducer ignored an event. Ignored events are counted, never thrown on. */
export type RejectReason =
  | 'forbidden'
  | 'after-end'
  | 'unknown-id'
  | 'duplicate-name'
  | 'vote-cap'
  | 'stale'
  | 'invalid'
  | 'unknown-type';

export interface Rejection {
  eventId: string;
  type: string;
  reason: RejectReason;
}

export interface SessionSettings {
  /** Soft cap for a turn, seconds. 0 disables the cap. */
  turnSoftCapSeconds: number;
  /** Cap on a contribution's characters; longer text is cut with a visible note. */
  maxTextLength: number;
  /** Dots each member may place while voting; enforced by the reducer. */
  dotsPerMember?: number;
}

export interface SessionState {
  id: string;
  title: string;
  teamId: string;
  createdAt: number;
  /**
   * The actor id of whoever facilitates: the creator of the session, or the member it was
   * handed to. It may be a member's id (a facilitator who also answers) or a seat of its own.
   */
  facilitatorId: string | null;
  deck: Deck;
  settings: SessionSettings;
  members: Member[];
  phase: Phase;
  skippedPhases: Phase[];
  depth: Depth;
  promptId: string | null;
  /** Prompts already shown in this session, in order. */
  shownPromptIds: string[];
  turn: TurnState;
  contributions: Contribution[];
  notes: Note[];
  votes: Vote[];
  actions: ActionItem[];
  checkouts: Checkout[];
  stageMoves: StageMove[];
  endedAt: number | null;
  /** Nudges the facilitator dismissed, by nudge id. */
  dismissedNudges: string[];
  /** Ids of removed contributions: an id is never used twice, so it cannot come back. */
  removedContributionIds: string[];
  /** Number of events in the log so far (applied or ignored); the next event's seq. */
  seq: number;
  /** Events the reducer ignored because they broke a rule, in log order. */
  rejected: Rejection[];
  /**
   * Anonymous mode (team mode): notes are held by the authority and revealed together
   * without authors; votes are counted by the authority and only totals are shared.
   */
  anonymous: boolean;
  /** Anonymous dots per note id, as last tallied by the authority (never who cast them). */
  voteTotals: Record<string, number>;
}

// ---------------------------------------------------------------------------------
// Events. Every change to a session is one of these. State = fold(apply, events).
// An event is a fact: it carries everything applying it needs (who recorded it, whose
// words, in which phase and at which depth, the seconds measured by the machine that
// timed it), so applying a log never asks the current state about the past. Events
// that break a rule (see permissions.ts and the reducer) are ignored and counted.

export interface EventBase {
  id: string;
  /** Milliseconds since the epoch on the machine that decided the event. Never used for order. */
  at: number;
  /** Who recorded the event: a member id, or the facilitator's actor id. */
  actor: string;
  /** Id of the request it answers, when it came from a queue that may resend (team mode). */
  intent?: string;
}

export type StageGate = { reciprocated: number; present: number; open: boolean };

export type SessionEvent =
  | (EventBase & {
      type: 'session.created';
      sessionId: string;
      title: string;
      teamId: string;
      deck: Deck;
      settings: SessionSettings;
    })
  /** Renames the retro, so people can find it again; allowed after the end as well. */
  | (EventBase & { type: 'session.renamed'; title: string })
  | (EventBase & { type: 'member.added'; memberId: string; name: string; joinedLate: boolean })
  | (EventBase & { type: 'member.renamed'; memberId: string; name: string })
  | (EventBase & { type: 'member.presence'; memberId: string; present: boolean })
  /** Hands the facilitator's role to a member. */
  | (EventBase & { type: 'facilitator.set'; memberId: string })
  | (EventBase & { type: 'phase.changed'; from: Phase; phase: Phase; skipped: Phase[] })
  | (EventBase & {
      type: 'stage.moved';
      from: Depth;
      to: Depth;
      kind: StageMoveKind;
      override: boolean;
      gate?: StageGate;
    })
  | (EventBase & { type: 'prompt.shown'; promptId: string })
  | (EventBase & { type: 'turn.started'; memberId: string })
  | (EventBase & { type: 'turn.ended' })
  | (EventBase & {
      type: 'contribution.added';
      contributionId: string;
      /** The author. The actor may differ when the facilitator records for someone. */
      memberId: string;
      phase: Phase;
      promptId: string | null;
      depth: Depth;
      topic: string;
      text: string;
      /** Seconds measured by the machine that timed the turn. */
      seconds?: number;
      pass: boolean;
      /** True when the text was cut at the session's maxTextLength. */
      truncated?: boolean;
    })
  | (EventBase & { type: 'contribution.removed'; contributionId: string })
  /**
   * Words for an answer already on record, replacing its text: typically what was said in a
   * turn recorded in one action (a number key), added afterwards. A pass has no words.
   */
  | (EventBase & { type: 'contribution.edited'; contributionId: string; text: string; truncated?: boolean })
  | (EventBase & { type: 'note.added'; noteId: string; memberId: string | null; text: string; column: string })
  /** A gather note's new text (its author, or the facilitator). */
  | (EventBase & { type: 'note.edited'; noteId: string; text: string })
  /** A gather note taken off the board, with the dots on it; notes grouped with it stand alone again. */
  | (EventBase & { type: 'note.removed'; noteId: string })
  | (EventBase & { type: 'note.grouped'; noteId: string; groupId: string | null })
  | (EventBase & { type: 'vote.cast'; memberId: string; noteId: string })
  | (EventBase & { type: 'vote.retracted'; memberId: string; noteId: string })
  | (EventBase & { type: 'action.added'; actionId: string; text: string; ownerId: string | null; due?: string })
  | (EventBase & {
      type: 'action.updated';
      actionId: string;
      text?: string;
      ownerId?: string | null;
      due?: string;
      done?: boolean;
    })
  | (EventBase & { type: 'action.removed'; actionId: string })
  | (EventBase & { type: 'checkout.added'; memberId: string; text: string; roti?: number })
  | (EventBase & { type: 'nudge.dismissed'; nudgeId: string })
  /** Turns anonymous mode for notes and votes on or off (the facilitator). */
  | (EventBase & { type: 'anonymity.set'; on: boolean })
  /**
   * Closes a reveal: the held notes were appended just before it, without authors, in a
   * random order. `counts` says how many notes each member wrote (member id -> count), for
   * the balance engine; it never says which.
   */
  | (EventBase & { type: 'notes.revealed'; counts: Record<string, number> })
  /** The anonymous dots on each note (note id -> dots), replacing the previous tally. */
  | (EventBase & { type: 'votes.tallied'; totals: Record<string, number> })
  | (EventBase & { type: 'session.ended' });

export type SessionEventType = SessionEvent['type'];

/** A session as stored: the event log is the source of truth; the state is derived. */
export interface SessionFile {
  v: number;
  kind: 'reciprocity-session';
  id: string;
  title: string;
  teamId: string;
  createdAt: number;
  events: SessionEvent[];
}
