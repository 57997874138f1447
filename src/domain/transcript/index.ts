// Entry point for meeting transcripts: detect the format, parse the whole file or
// reject it with a precise error, and hand back speaker turns.
import { parsePlainUtterances } from './plain';
import { splitLines } from './text';
import { buildTranscript } from './turns';
import type { TranscriptFormat, TranscriptResult } from './types';
import { parseWebVttUtterances } from './webvtt';

export type { SpeakerTurn, Transcript, TranscriptError, TranscriptFormat, TranscriptResult, Utterance } from './types';
export { countWords, splitSpeakerPrefix, MAX_SPEAKER_NAME } from './text';
export { transcriptToEvents, TRANSCRIPT_DECK_ID, TRANSCRIPT_TOPIC } from './toEvents';
export type { TranscriptEventsOptions } from './toEvents';

/**
 * A file is WebVTT when its first line says so or its name ends in .vtt (then a
 * missing header is reported as an error rather than read as a plain log).
 */
export function detectTranscriptFormat(text: string, fileName: string): TranscriptFormat {
  const firstLine = splitLines(text.slice(0, 200))[0] ?? '';
  if (firstLine.startsWith('WEBVTT') || /\.vtt$/i.test(fileName)) return 'webvtt';
  return 'plain';
}

export function parseTranscript(text: string, fileName: string): TranscriptResult {
  const lines = splitLines(text);
  if (detectTranscriptFormat(text, fileName) === 'webvtt') {
    const r = parseWebVttUtterances(lines);
    if (!r.ok) return r;
    return { ok: true, transcript: buildTranscript('webvtt', r.read.utterances, r.read.cues, r.read.emptyCues) };
  }
  const r = parsePlainUtterances(lines);
  if (!r.ok) return r;
  return { ok: true, transcript: buildTranscript('plain', r.utterances, r.lines, 0) };
}
