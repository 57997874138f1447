// WebVTT captions as Teams, Zoom and Google Meet export them, and as the spec allows. A
// file is read whole or rejected whole: the first malformed block stops parsing with its
// line number, so a lead never sees a summary silently built from half a meeting.
// Lenient where real exporters break the spec (Teams' "0:0:6.90" clock, a missing blank
// line between cues, a missing header), as webvtt-py and subtitle.js chose to be.
import { parseCuePayload, type CueSegment } from './cuePayload';
import { looksLikeName } from './names';
import { transcriptError } from './errors';
import { countWords } from './text';
import { fractionStyleOf, parseCueTiming, type FractionStyle } from './timestamps';
import type { TranscriptError, TranscriptFormat, Utterance } from './types';

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
const NOTE = /^NOTE(?:[ \t].*)?$/;
const STYLE_OR_REGION = /^(?:STYLE|REGION)[ \t]*$/;
/** Teams' cue ids: "<meeting GUID>/<n>-<m>". */
const TEAMS_ID = /\/\d+-\d+$/;
/** A cue id standing right before a timing line: no spaces, digits or an id with / or -. */
const ID_LIKE = /^(?:\d+|\S*[/-]\S*)$/;
/** A line that was meant as a cue timing: a timestamp followed by some kind of arrow. */
const TIMING_ATTEMPT = /\d:\d{1,2}(?:[.,]\d+)?\s*(?:-+>|=>|→|–>|-)/;
/** Longer lines are text, not cue ids (and are kept from the id pattern). */
const MAX_ID = 200;
/** Timing lines looked at to recognise Teams' clock. */
const CLOCK_SAMPLE = 50;

export interface VttRead {
  utterances: Utterance[];
  cues: number;
  emptyCues: number;
  flavour: Extract<TranscriptFormat, 'teams-vtt' | 'zoom-vtt' | 'webvtt'>;
}

export type VttResult = { ok: true; read: VttRead } | { ok: false; error: TranscriptError };

interface Draft {
  utterances: Utterance[];
  cues: number;
  emptyCues: number;
  teamsIds: number;
  /** Unvoiced cues with text, and how many of them open with a name-like "Name:". */
  unvoiced: number;
  named: number;
  /** looksLikeName per label: a meeting has a handful of names over thousands of cues. */
  nameLike: Map<string, boolean>;
}

export function parseWebVttUtterances(lines: readonly string[], requireHeader = true): VttResult {
  let i = 0;
  if (HEADER.test(lines[0] ?? '')) i = skipHeader(lines);
  else if (requireHeader) return { ok: false, error: transcriptError(1, 'webvttHeader', lines[0]) };
  const style = clockStyle(lines, i);
  const draft: Draft = { utterances: [], cues: 0, emptyCues: 0, teamsIds: 0, unvoiced: 0, named: 0, nameLike: new Map() };
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) i += 1;
    else if (NOTE.test(line) || STYLE_OR_REGION.test(line)) i = blockEnd(lines, i);
    else {
      const next = readCue(lines, i, style, draft);
      if (typeof next !== 'number') return { ok: false, error: next };
      i = next;
    }
  }
  return { ok: true, read: finish(draft, style) };
}

/** Header metadata ("Kind: captions") runs to the first blank line or the first timing. */
function skipHeader(lines: readonly string[]): number {
  let i = 1;
  while (i < lines.length && !isBlank(lines[i]) && !(lines[i] ?? '').includes('-->')) i += 1;
  return i;
}

function clockStyle(lines: readonly string[], from: number): FractionStyle {
  let seen = 0;
  for (let i = from; i < lines.length && seen < CLOCK_SAMPLE; i += 1) {
    const line = lines[i] ?? '';
    if (!line.includes('-->')) continue;
    seen += 1;
    if (fractionStyleOf(line) === 'integer-ms') return 'integer-ms';
  }
  return 'decimal';
}

function blockEnd(lines: readonly string[], start: number): number {
  let i = start;
  while (i < lines.length && !isBlank(lines[i])) i += 1;
  return i;
}

function isBlank(line: string | undefined): boolean {
  if (line === undefined || line.length === 0) return true;
  // Most lines start with a visible character: answer without trim()'s copy.
  const c = line.charCodeAt(0);
  if (c > 32 && c !== 0xa0 && c !== 0xfeff && c < 0x1680) return false;
  return line.trim().length === 0;
}

function isTiming(line: string | undefined, style: FractionStyle): boolean {
  return line !== undefined && line.includes('-->') && parseCueTiming(line, style) !== null;
}

/** A new cue starts at a timing line, or at an id line directly followed by one. */
function startsCue(lines: readonly string[], j: number, style: FractionStyle): boolean {
  const line = lines[j] ?? '';
  if (isTiming(line, style)) return true;
  return line.length <= MAX_ID && ID_LIKE.test(line.trim()) && isTiming(lines[j + 1], style);
}

/** Reads one cue into `draft`; returns the index after it, or the error. */
function readCue(lines: readonly string[], start: number, style: FractionStyle, draft: Draft): number | TranscriptError {
  const first = lines[start] ?? '';
  // A cue may start with an identifier line; the timing then comes second.
  const hasId = !first.includes('-->') && !isBlank(lines[start + 1]);
  const timingAt = hasId ? start + 1 : start;
  if (hasId && TEAMS_ID.test(first.trim())) draft.teamsIds += 1;
  const timingLine = lines[timingAt];
  const timing = timingLine === undefined ? null : parseCueTiming(timingLine, style);
  if (timing === null) {
    // "00:00:01.000 -> 00:00:02.000" is a broken timing, not a cue id: point at it.
    const at = hasId && TIMING_ATTEMPT.test(first) ? start : timingAt;
    return transcriptError(at + 1, 'cueTiming', lines[at]);
  }
  if (timing.endMs < timing.startMs) return transcriptError(timingAt + 1, 'endAfterStart', timingLine);
  let end = timingAt + 1;
  while (end < lines.length && !isBlank(lines[end]) && !startsCue(lines, end, style)) end += 1;
  draft.cues += 1;
  const payload = end - timingAt === 2 ? (lines[timingAt + 1] ?? '') : lines.slice(timingAt + 1, end).join('\n');
  const segments = parseCuePayload(payload);
  if (segments.length === 0) draft.emptyCues += 1;
  else {
    countLabels(segments, draft);
    splitTiming(segments, timing.startMs, timing.endMs, timingAt + 2, draft.utterances);
  }
  return end;
}

function countLabels(segments: readonly CueSegment[], draft: Draft): void {
  const s = segments[0];
  if (segments.length !== 1 || s === undefined || (s.speaker !== null && s.labelled !== true)) return;
  draft.unvoiced += 1;
  if (s.labelled !== true || s.speaker === null) return;
  let nameLike = draft.nameLike.get(s.speaker);
  if (nameLike === undefined) draft.nameLike.set(s.speaker, (nameLike = looksLikeName(s.speaker)));
  if (nameLike) draft.named += 1;
}

/**
 * "Name: text" cues are Zoom's way of naming speakers, but in subtitles a colon is just
 * dialogue ("Todo pasa por la central:"). Labels count only when at least half of the
 * cues without a voice tag open with a name-like label; otherwise they are text again.
 */
function finish(draft: Draft, style: FractionStyle): VttRead {
  const keepLabels = draft.named > 0 && draft.named * 2 >= draft.unvoiced;
  const utterances: Utterance[] = [];
  let emptyCues = draft.emptyCues;
  for (const u of draft.utterances) {
    if (u.labelled === true && !keepLabels) {
      utterances.push({ ...u, speaker: null, text: `${u.speaker ?? ''}: ${u.text}`.trim(), labelled: false });
    } else if (u.text.length === 0) emptyCues += 1;
    else utterances.push(u);
  }
  const teams = style === 'integer-ms' || draft.teamsIds > 0;
  const flavour = teams ? 'teams-vtt' : keepLabels && draft.unvoiced * 2 > draft.cues ? 'zoom-vtt' : 'webvtt';
  return { utterances, cues: draft.cues, emptyCues, flavour };
}

/** Several voices in one cue share its time in proportion to the words each said. */
function splitTiming(segments: readonly CueSegment[], startMs: number, endMs: number, line: number, out: Utterance[]): void {
  if (segments.length === 1 && segments[0] !== undefined) {
    const s = segments[0];
    out.push({ speaker: s.speaker, text: s.text, startMs, endMs, line, ...(s.labelled === true && { labelled: true }) });
    return;
  }
  const words = segments.map((s) => Math.max(1, countWords(s.text)));
  const total = words.reduce((a, b) => a + b, 0);
  let at = startMs;
  segments.forEach((segment, k) => {
    const last = k === segments.length - 1;
    const next = last ? endMs : at + Math.round(((endMs - startMs) * (words[k] ?? 1)) / total);
    const labelled = segment.labelled === true && { labelled: true };
    out.push({ speaker: segment.speaker, text: segment.text, startMs: at, endMs: next, line, ...labelled });
    at = next;
  });
}
