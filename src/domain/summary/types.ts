// The lead's participation summary: one plain-data shape shared by the summary view,
// the exports (Markdown, JSON, CSV) and the `reciprocity report` command-line program.
import type { TranscriptFormat } from '../transcript/types';
import type { Depth } from '../types';

export const SUMMARY_FORMAT_VERSION = 1;

export type ShareDriver = 'turns' | 'words' | 'seconds';

export interface SummaryMember {
  /** Stable key within this summary (member id, or a pseudonym key when pseudonymised). */
  key: string;
  /** Display name; "Member A" etc. when pseudonymised. */
  name: string;
  present: boolean;
  joinedLate: boolean;
  turns: number;
  words: number;
  seconds: number;
  passes: number;
  /** Sticky notes written (for anonymous notes, the reveal's count). Absent in older summaries. */
  notes?: number;
  shareTurns: number;
  shareWords: number;
  /** Share by the chosen driver. */
  share: number;
  /** 0 when the member never disclosed. */
  deepest: number;
  /** Disclosures per depth, index 0 = depth 1. */
  depthCounts: [number, number, number, number];
}

export interface LorenzPoint {
  /** Cumulative share of members, 0..1. */
  x: number;
  /** Cumulative share of participation, 0..1. */
  y: number;
}

export interface SummaryLayer {
  depth: Depth;
  name: string;
  reached: boolean;
  contributions: number;
  passes: number;
  /** Present members who have answered at this layer (docs/answered.md): the gate's count. */
  matched: number;
  present: number;
  reciprocated: boolean;
}

export interface SummaryFlag {
  kind: string;
  memberKey: string | null;
  text: string;
  /** Milliseconds since the start of the retro, for the timeline. */
  offsetMs: number;
  clearedOffsetMs: number | null;
}

export interface SummaryAction {
  text: string;
  owner: string | null;
  due?: string;
  done: boolean;
}

export interface SummaryCheckout {
  member: string;
  text: string;
  roti?: number;
}

/** A gather-phase note, with the dots it got while generating insights. */
export interface SummaryNote {
  column: string;
  text: string;
  /** The author's display name; null for an anonymous note. */
  author: string | null;
  votes: number;
}

/** A facilitator's move deeper against the gate's advice. */
export interface SummaryOverride {
  /** Milliseconds since the start of the retro, for the timeline. */
  offsetMs: number;
  from: number;
  to: number;
  /** Present members who had answered at the old depth, when the move recorded it. */
  answered: number | null;
  present: number | null;
  /** e.g. "Going deeper now, with 2 of 5 answered" (domain/stages.ts, describeOverride). */
  text: string;
}

export interface Summary {
  v: number;
  kind: 'reciprocity-summary';
  source: 'retro' | 'transcript';
  sessionId: string;
  title: string;
  createdAt: number;
  durationSeconds: number | null;
  pseudonymised: boolean;
  driver: ShareDriver;
  members: SummaryMember[];
  fairShare: number;
  gini: number;
  /** Normalised entropy, 0..1. */
  evenness: number;
  maxShare: number;
  lorenz: LorenzPoint[];
  layers: SummaryLayer[];
  deepestReached: number;
  flags: SummaryFlag[];
  totalPasses: number;
  actions: SummaryAction[];
  checkouts: SummaryCheckout[];
  /** The gather notes by column, then by votes. Absent in older summaries. */
  gatherNotes?: SummaryNote[];
  /** The notes with the most dots (at most three, each with at least one). Absent in older summaries. */
  topInsights?: SummaryNote[];
  /** The facilitator's overrides, in time order. Absent in older summaries. */
  overrides?: SummaryOverride[];
  /** For transcripts: the format the importer detected, in English ("Microsoft Teams WebVTT"), as the exports print it. */
  transcriptFormat?: string;
  /** The same format as data, for the panel to name in the display language. Not in the exports. */
  transcriptFormatId?: TranscriptFormat;
  /** Transcript cues with no speaker label; null for retros. */
  unattributed: { turns: number; words: number; seconds: number } | null;
}

export interface TrendPoint {
  sessionId: string;
  title: string;
  createdAt: number;
  gini: number;
  evenness: number;
  deepestReached: number;
  reciprocatedLayers: number;
}

/**
 * One observation across retros or meetings, as data: the summary panel words it in the
 * display language (src/wording.ts, trendNoteText); `Trend.messages` holds the English.
 * `from` and `to` of a `gini` streak are Gini values; of the others, layers.
 */
export type TrendNote =
  | { kind: 'first-retro' }
  | { kind: 'steady' }
  | { kind: 'streak'; measure: 'depth' | 'gini' | 'reciprocated'; direction: 'up' | 'down'; steps: number; from: number; to: number }
  | { kind: 'first-meeting' }
  | { kind: 'evenness'; from: number; to: number; meetings: number }
  | { kind: 'quiet'; name: string; meetings: number }
  | { kind: 'quiet-count'; people: number };

export interface Trend {
  points: TrendPoint[];
  /** Plain-language observations in English (the exports, the CLI), e.g. "Depth fell two retros in a row." */
  messages: string[];
  /** The same observations as data, for the panel to word; absent from exports. */
  notes?: TrendNote[];
}

export interface SummaryOptions {
  pseudonymise: boolean;
  /** Include the named per-person table (an explicit choice of the viewer). */
  namedTable: boolean;
  /** What shares count, as the viewer switched it; absent: the source's default (seconds for a timed transcript). */
  driver?: ShareDriver;
}
