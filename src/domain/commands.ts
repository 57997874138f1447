// What a person can ask the retro to do. The domain owns this vocabulary; the webview
// protocol (src/protocol.ts) validates messages onto it, and team mode will carry the
// same commands from members' machines to the authority.
import type { Phase, StageMoveKind } from './types';

/** Longest name kept, in graphemes; longer names are cut with a notice. */
export const MAX_NAME = 80;
/** Longest retro title kept, in graphemes. */
export const MAX_TITLE = 120;
/** Default cap on a contribution's characters (a session setting may lower it). */
export const MAX_TEXT = 4000;

export type Command =
  /** `tally`: a turn recorded in one action (a number key), words optional. */
  | { kind: 'contribute'; memberId: string; text: string; pass: boolean; seconds?: number; tally?: boolean }
  | { kind: 'removeContribution'; contributionId: string }
  /** Words for an answer on record (a tallied turn's words, added afterwards). */
  | { kind: 'editContribution'; contributionId: string; text: string }
  | { kind: 'startTurn'; memberId: string }
  | { kind: 'nextSpeaker' }
  | { kind: 'stage'; move: StageMoveKind }
  | { kind: 'nextPrompt' }
  | { kind: 'setPhase'; phase: Phase; skip: boolean }
  | { kind: 'addMember'; name: string }
  | { kind: 'setPresence'; memberId: string; present: boolean }
  | { kind: 'addNote'; text: string; column: string; memberId: string | null }
  | { kind: 'groupNote'; noteId: string; groupId: string | null }
  | { kind: 'editNote'; noteId: string; text: string }
  | { kind: 'removeNote'; noteId: string }
  | { kind: 'vote'; memberId: string; noteId: string; retract: boolean }
  | { kind: 'addAction'; text: string; ownerId: string | null; due?: string }
  | { kind: 'updateAction'; actionId: string; done?: boolean; ownerId?: string | null }
  | { kind: 'removeAction'; actionId: string }
  | { kind: 'checkout'; memberId: string; text: string; roti?: number }
  | { kind: 'dismissNudge'; nudgeId: string }
  | { kind: 'endRetro' }
  /** A new title (the facilitator); allowed after the end, so a past retro can be named. */
  | { kind: 'renameRetro'; title: string }
  /** Anonymous notes and votes (team mode): the facilitator turns it on before gathering. */
  | { kind: 'setAnonymity'; on: boolean }
  /** The facilitator shows the notes the authority holds, all at once and shuffled. */
  | { kind: 'revealNotes' }
  | { kind: 'openSummary' };

export type CommandKind = Command['kind'];

