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
  /** True when the member joined after the first contribution was recorded. */
  joinedLate: boolean;
  /** Index in the event log (sequence number) when the member joined, for late-joiner fairness. */
  joinedAtSeq: number;
  /** Sequence number when the member left, if absent now. */
  leftAtSeq?: number;
}

export interface Contribution {
  id: string;
  memberId: string;
  promptId: string | null;
  phase: Phase;
  depth: Depth;
  topic: string;
  text: string;
  words: number;
  seconds?: number;
  pass: boolean;
  at: number;
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
  startedAt: number | null;
}

export interface SessionSettings {
  /** Soft cap for a turn, seconds. 0 disables the cap. */
  turnSoftCapSeconds: number;
  /** Cap on a contribution's characters; longer text is cut with a visible note. */
  maxTextLength: number;
}

export interface SessionState {
  id: string;
  title: string;
  teamId: string;
  createdAt: number;
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
  /** Number of events applied; the next event's seq. */
  seq: number;
  /** Seq of the first contribution ever recorded; members added after it joined late. */
  firstContributionSeq?: number;
}

// ---------------------------------------------------------------------------------
// Events. Every change to a session is one of these. State = fold(apply, events).
// Each event carries a unique id (so a later CRDT merge can de-duplicate), the time,
// and the actor (member id of whoever recorded it, or null for the facilitator/system).

export interface EventBase {
  id: string;
  at: number;
  actor?: string | null;
}

export type SessionEvent =
  | (EventBase & {
      type: 'session.created';
      sessionId: string;
      title: string;
      teamId: string;
      deck: Deck;
      settings: SessionSettings;
    })
  | (EventBase & { type: 'member.added'; memberId: string; name: string })
  | (EventBase & { type: 'member.renamed'; memberId: string; name: string })
  | (EventBase & { type: 'member.presence'; memberId: string; present: boolean })
  | (EventBase & { type: 'facilitator.set'; memberId: string | null })
  | (EventBase & { type: 'phase.changed'; phase: Phase; skipped: Phase[] })
  | (EventBase & {
      type: 'stage.moved';
      to: Depth;
      kind: StageMoveKind;
      override: boolean;
      gate?: { reciprocated: number; present: number; open: boolean };
    })
  | (EventBase & { type: 'prompt.shown'; promptId: string })
  | (EventBase & { type: 'turn.started'; memberId: string })
  | (EventBase & { type: 'turn.ended' })
  | (EventBase & {
      type: 'contribution.added';
      contributionId: string;
      memberId: string;
      promptId: string | null;
      depth: Depth;
      topic: string;
      text: string;
      seconds?: number;
      pass: boolean;
      /** True when the text was cut at the session's maxTextLength. */
      truncated?: boolean;
    })
  | (EventBase & { type: 'contribution.removed'; contributionId: string })
  | (EventBase & { type: 'note.added'; noteId: string; memberId: string | null; text: string; column: string })
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
