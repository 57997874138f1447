// Plain-data shapes for an imported meeting transcript. A transcript is parsed into
// utterances (one per cue or log line), merged into speaker turns, and then turned
// into ordinary session events so the same balance engine and summary apply.

/** The shapes the importer recognises, detected from the content (never the file name). */
export type TranscriptFormat =
  | 'teams-vtt'
  | 'zoom-vtt'
  | 'webvtt'
  | 'zoom-chat'
  | 'zoom-captions'
  | 'google-meet'
  | 'otter'
  | 'plain';

/** How each format is named to people: in the summary, the CLI and error messages. */
export const FORMAT_LABELS: Readonly<Record<TranscriptFormat, string>> = {
  'teams-vtt': 'Microsoft Teams WebVTT',
  'zoom-vtt': 'Zoom recording WebVTT',
  webvtt: 'WebVTT',
  'zoom-chat': 'Zoom chat export',
  'zoom-captions': 'Zoom saved captions',
  'google-meet': 'Google Meet transcript',
  otter: 'Otter.ai transcript',
  plain: 'plain "Name: text" log',
};

/** One stretch of speech by one speaker (or by nobody we could name). */
export interface Utterance {
  /** Speaker as written in the file; null when the cue carried no label. */
  speaker: string | null;
  text: string;
  /** Milliseconds from the start of the recording; null when the file has no times. */
  startMs: number | null;
  endMs: number | null;
  /** 1-based line of the file where the utterance starts, for messages. */
  line: number;
  /** The speaker came from a "Name:" prefix in caption text, which may yet prove to be dialogue. */
  labelled?: boolean;
}

/** Consecutive utterances by the same speaker, merged. */
export interface SpeakerTurn {
  speaker: string | null;
  text: string;
  words: number;
  seconds: number;
  startMs: number | null;
  endMs: number | null;
  line: number;
}

export interface Transcript {
  format: TranscriptFormat;
  /**
   * Speakers in order of first appearance, with the first spelling seen; then anyone the
   * file lists as present (an attendee list, a reaction) who never spoke.
   */
  speakers: string[];
  turns: SpeakerTurn[];
  /** Cues or lines read (including empty cues), for the report. */
  cues: number;
  emptyCues: number;
  unattributed: { turns: number; words: number; seconds: number };
  /** Milliseconds from the first cue's start to the last cue's end; null without times. */
  durationMs: number | null;
}

/**
 * What a line should have been, as data: worded in English by EXPECTED_ENGLISH (the CLI, the
 * `message`) and through l10n by the extension (src/transcriptWording.ts).
 */
export type TranscriptExpected =
  /** The first line of a file that matched no format. */
  | 'any'
  | 'webvttHeader'
  | 'cueTiming'
  | 'endAfterStart'
  | 'chatLine'
  | 'captionHeader'
  | 'otterSpeaker'
  | 'otterOrder'
  | 'speakerLine'
  | 'timestamp'
  | 'timestampOrder'
  | 'meetMarkOrder'
  | 'meetEnded';

/** Where and why a file could not be read; the whole file is rejected. */
export interface TranscriptError {
  line: number;
  /** What the line should have been, in English (EXPECTED_ENGLISH[what]). */
  expected: string;
  /** What was there, in English ("the end of the file", "an empty line" or the quoted line). */
  found: string;
  /** The whole reason in English, as the CLI prints it. */
  message: string;
  /** Formats the importer tried, when the file matched none of them. */
  tried?: string[];
  /** What the line should have been, as data. */
  what: TranscriptExpected;
  /** The line as found, shortened and quoted; '' for a blank line; null at the end of the file. */
  foundLine: string | null;
  /** The format the file was read as, when it was recognised. */
  readAs?: TranscriptFormat;
}

export type TranscriptResult = { ok: true; transcript: Transcript } | { ok: false; error: TranscriptError };
