// Utterances become speaker turns: consecutive cues by the same speaker are one turn,
// as they would be if the person had spoken in a retro. Seconds are the time covered by
// the speaker's cues: pauses between them do not count, and cues of one speaker that
// overlap count once. Overlap between two speakers counts for each of them (both spoke).
import { countWords, speakerKey } from './text';
import type { SpeakerTurn, Transcript, TranscriptFormat, Utterance } from './types';

export function buildTranscript(
  format: TranscriptFormat,
  utterances: readonly Utterance[],
  cues: number,
  emptyCues: number,
  /** People the file lists as present; those who never spoke are added as silent speakers. */
  present: readonly string[] = [],
): Transcript {
  const display = new Map<string, string>();
  // Keys are cached per spelling: normalising and lower-casing every cue dominates
  // a long transcript otherwise.
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = speakerKey(name)));
    return key;
  };
  const turns: SpeakerTurn[] = [];
  let currentKey: string | null | undefined;
  let coveredTo = -Infinity;
  for (const u of utterances) {
    const key = u.speaker === null ? null : keyOf(u.speaker);
    if (key !== null && u.speaker !== null && !display.has(key)) display.set(key, u.speaker);
    const last = turns[turns.length - 1];
    if (last !== undefined && key === currentKey) {
      last.text = `${last.text} ${u.text}`;
      last.seconds += uncoveredSeconds(u, coveredTo);
      if (u.endMs !== null) coveredTo = Math.max(coveredTo, u.endMs);
      last.endMs = u.endMs === null ? last.endMs : Math.max(last.endMs ?? u.endMs, u.endMs);
      continue;
    }
    const seconds = durationSeconds(u);
    coveredTo = u.endMs ?? -Infinity;
    currentKey = key;
    const speaker = key === null ? null : (display.get(key) ?? u.speaker);
    turns.push({ speaker, text: u.text, words: 0, seconds, startMs: u.startMs, endMs: u.endMs, line: u.line });
  }
  for (const t of turns) {
    t.words = countWords(t.text);
    t.seconds = Math.round(t.seconds * 1000) / 1000;
  }
  for (const name of present) {
    const key = keyOf(name);
    if (key.length > 0 && !display.has(key)) display.set(key, name);
  }
  return {
    format,
    speakers: [...display.values()],
    turns,
    cues,
    emptyCues,
    unattributed: unattributedTotals(turns),
    durationMs: span(utterances),
  };
}

function durationSeconds(u: Utterance): number {
  if (u.startMs === null || u.endMs === null) return 0;
  return Math.max(0, u.endMs - u.startMs) / 1000;
}

/** The part of an utterance not already covered by the same turn's earlier cues. */
function uncoveredSeconds(u: Utterance, coveredTo: number): number {
  if (u.startMs === null || u.endMs === null) return 0;
  return Math.max(0, u.endMs - Math.max(u.startMs, coveredTo)) / 1000;
}

function unattributedTotals(turns: readonly SpeakerTurn[]): Transcript['unattributed'] {
  const totals = { turns: 0, words: 0, seconds: 0 };
  for (const t of turns) {
    if (t.speaker !== null) continue;
    totals.turns += 1;
    totals.words += t.words;
    totals.seconds += t.seconds;
  }
  totals.seconds = Math.round(totals.seconds * 1000) / 1000;
  return totals;
}

function span(utterances: readonly Utterance[]): number | null {
  let first: number | null = null;
  let last: number | null = null;
  for (const u of utterances) {
    if (u.startMs !== null && (first === null || u.startMs < first)) first = u.startMs;
    const end = u.endMs ?? u.startMs;
    if (end !== null && (last === null || end > last)) last = end;
  }
  return first === null || last === null ? null : last - first;
}
