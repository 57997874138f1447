// Entry point for meeting transcripts: detect the format from the content, parse the
// whole file or reject it with a precise error, and hand back speaker turns.
import { detectShape } from './detect';
import { readAs } from './errors';
import { parseMeet } from './meet';
import { parseOtter } from './otter';
import { parsePlainUtterances } from './plain';
import { splitLines } from './text';
import { buildTranscript } from './turns';
import type { TranscriptError, TranscriptFormat, TranscriptResult } from './types';
import { parseWebVttUtterances } from './webvtt';
import { parseZoomCaptions } from './zoomCaptions';
import { parseZoomChat, type LineParse } from './zoomChat';

export type { SpeakerTurn, Transcript, TranscriptError, TranscriptExpected, TranscriptFormat, TranscriptResult, Utterance } from './types';
export type { TranscriptProblem } from './errors';
export { FORMAT_LABELS } from './types';
export { countWords, splitSpeakerPrefix, MAX_SPEAKER_NAME } from './text';
export { looksLikeName } from './names';
export { transcriptToEvents, TRANSCRIPT_DECK_ID, TRANSCRIPT_TOPIC } from './toEvents';
export type { TranscriptEventsOptions } from './toEvents';

const LINE_PARSERS: Readonly<Record<string, [TranscriptFormat, (lines: readonly string[]) => LineParse]>> = {
  'zoom-chat': ['zoom-chat', parseZoomChat],
  'zoom-captions': ['zoom-captions', parseZoomCaptions],
  'google-meet': ['google-meet', parseMeet],
  otter: ['otter', parseOtter],
};

/** The format a file's content shows, or null when it matches none. The name is not consulted. */
export function detectTranscriptFormat(text: string): TranscriptFormat | null {
  const r = parseTranscript(text);
  return r.ok ? r.transcript.format : null;
}

/** `fileName` is kept for callers' messages; the format is decided by content alone. */
export function parseTranscript(text: string, _fileName = ''): TranscriptResult {
  const lines = splitLines(text);
  const shape = detectShape(lines);
  if (typeof shape !== 'string') return { ok: false, error: shape };
  if (shape === 'webvtt' || shape === 'cues') {
    const r = parseWebVttUtterances(lines, shape === 'webvtt');
    if (!r.ok) return failAs(r.error, r.error.line > 1 ? 'webvtt' : null);
    return { ok: true, transcript: buildTranscript(r.read.flavour, r.read.utterances, r.read.cues, r.read.emptyCues) };
  }
  if (shape === 'plain') {
    const r = parsePlainUtterances(lines);
    if (!r.ok) return failAs(r.error, 'plain');
    return { ok: true, transcript: buildTranscript('plain', r.utterances, r.lines, 0) };
  }
  const entry = LINE_PARSERS[shape];
  if (entry === undefined) throw new Error(`parseTranscript: no parser for ${shape}`);
  const [format, parse] = entry;
  const r = parse(lines);
  if (!r.ok) return failAs(r.error, format);
  return { ok: true, transcript: buildTranscript(format, r.utterances, r.lines, 0, r.present) };
}

/** Says which format the file was read as, so "expected" makes sense to the reader. */
function failAs(error: TranscriptError, format: TranscriptFormat | null): TranscriptResult {
  if (format === null) return { ok: false, error };
  return { ok: false, error: readAs(error, format) };
}
