// WebVTT captions as Teams, Zoom and Google Meet export them. A file is read whole or
// rejected whole: the first malformed block stops parsing with its line number, so a
// lead never sees a summary silently built from half a meeting.
import { parseCuePayload } from './cuePayload';
import { countWords, transcriptError } from './text';
import { CUE_TIMING_EXAMPLE, parseCueTiming } from './timestamps';
import type { TranscriptError, Utterance } from './types';

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
const NOTE = /^NOTE(?:[ \t].*)?$/;
const STYLE_OR_REGION = /^(?:STYLE|REGION)[ \t]*$/;

export interface VttRead {
  utterances: Utterance[];
  cues: number;
  emptyCues: number;
}

export type VttResult = { ok: true; read: VttRead } | { ok: false; error: TranscriptError };

export function parseWebVttUtterances(lines: readonly string[]): VttResult {
  if (!HEADER.test(lines[0] ?? '')) {
    return { ok: false, error: transcriptError(1, 'the "WEBVTT" header on the first line', lines[0]) };
  }
  const read: VttRead = { utterances: [], cues: 0, emptyCues: 0 };
  let i = skipHeader(lines);
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i += 1;
      continue;
    }
    const end = blockEnd(lines, i);
    const error = readBlock(lines, i, end, read);
    if (error !== null) return { ok: false, error };
    i = end;
  }
  return { ok: true, read };
}

/** Header metadata ("Kind: captions") runs to the first blank line or the first timing. */
function skipHeader(lines: readonly string[]): number {
  let i = 1;
  while (i < lines.length && !isBlank(lines[i]) && !(lines[i] ?? '').includes('-->')) i += 1;
  return i;
}

function blockEnd(lines: readonly string[], start: number): number {
  let i = start;
  while (i < lines.length && !isBlank(lines[i])) i += 1;
  return i;
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim().length === 0;
}

/** Reads one block into `read`; returns an error for a malformed cue, null otherwise. */
function readBlock(lines: readonly string[], start: number, end: number, read: VttRead): TranscriptError | null {
  const first = lines[start] ?? '';
  if (NOTE.test(first) || STYLE_OR_REGION.test(first)) return null;
  // A cue may start with an identifier line; the timing then comes second.
  const timingAt = first.includes('-->') || end - start === 1 ? start : start + 1;
  const timingLine = lines[timingAt];
  const timing = timingLine === undefined ? null : parseCueTiming(timingLine);
  if (timing === null) return transcriptError(timingAt + 1, CUE_TIMING_EXAMPLE, timingLine);
  if (timing.endMs < timing.startMs) {
    return transcriptError(timingAt + 1, 'an end time at or after the start time', timingLine);
  }
  read.cues += 1;
  const payload = end - timingAt === 2 ? (lines[timingAt + 1] ?? '') : lines.slice(timingAt + 1, end).join('\n');
  const segments = parseCuePayload(payload);
  if (segments.length === 0) {
    read.emptyCues += 1;
    return null;
  }
  splitTiming(segments, timing.startMs, timing.endMs, timingAt + 2, read.utterances);
  return null;
}

/** Several voices in one cue share its time in proportion to the words each said. */
function splitTiming(
  segments: readonly { speaker: string | null; text: string }[],
  startMs: number,
  endMs: number,
  line: number,
  out: Utterance[],
): void {
  if (segments.length === 1 && segments[0] !== undefined) {
    out.push({ speaker: segments[0].speaker, text: segments[0].text, startMs, endMs, line });
    return;
  }
  const words = segments.map((s) => Math.max(1, countWords(s.text)));
  const total = words.reduce((a, b) => a + b, 0);
  let at = startMs;
  segments.forEach((segment, k) => {
    const last = k === segments.length - 1;
    const next = last ? endMs : at + Math.round(((endMs - startMs) * (words[k] ?? 1)) / total);
    out.push({ speaker: segment.speaker, text: segment.text, startMs: at, endMs: next, line });
    at = next;
  });
}
