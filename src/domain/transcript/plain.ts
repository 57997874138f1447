// A plain chat-style log: one `Name: text` per line, optionally led by a [hh:mm:ss] or
// [mm:ss] timestamp. A line without a speaker continues the previous one (wrapped
// text); a log that starts without a speaker is rejected, not guessed at. Nothing else
// in the file says who speaks, so a label must look like a name: "The plan is: …"
// continues the previous speaker rather than inventing one.
import { closeByNextStart } from './estimate';
import { looksLikeName } from './names';
import { transcriptError } from './errors';
import { splitSpeakerPrefix } from './text';
import type { TranscriptExpected } from './types';
import { parseLogTimestamp } from './timestamps';
import type { TranscriptError, Utterance } from './types';


export type PlainResult = { ok: true; utterances: Utterance[]; lines: number } | { ok: false; error: TranscriptError };

/** The speaker and text of a dialogue line, when its label looks like a name. */
export function dialogueLine(body: string): { speaker: string; text: string } | null {
  const labelled = splitSpeakerPrefix(body);
  return labelled !== null && nameLike(labelled.speaker) ? labelled : null;
}

// A meeting has a handful of names over thousands of lines: remember the verdicts.
const NAME_CACHE = new Map<string, boolean>();
const NAME_CACHE_MAX = 4096;

function nameLike(label: string): boolean {
  let verdict = NAME_CACHE.get(label);
  if (verdict === undefined) {
    verdict = looksLikeName(label);
    if (NAME_CACHE.size >= NAME_CACHE_MAX) NAME_CACHE.clear();
    NAME_CACHE.set(label, verdict);
  }
  return verdict;
}

export function parsePlainUtterances(lines: readonly string[]): PlainResult {
  const out: Utterance[] = [];
  let lastMs = -1;
  let count = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0) continue;
    count += 1;
    const stamped = readTimestamp(line);
    if (stamped === 'bad') return fail(i, 'timestamp', line);
    const body = stamped === null ? line : stamped.rest;
    const labelled = dialogueLine(body);
    const previous = out[out.length - 1];
    if (labelled === null) {
      if (stamped !== null || previous === undefined) return fail(i, 'speakerLine', line);
      previous.text = `${previous.text} ${body}`;
      continue;
    }
    const ms = stamped === null ? null : stamped.ms;
    if (ms !== null && ms < lastMs) return fail(i, 'timestampOrder', line);
    if (ms !== null) lastMs = ms;
    out.push({ speaker: labelled.speaker, text: labelled.text, startMs: ms, endMs: null, line: i + 1 });
  }
  if (out.length === 0) return fail(lines.length - 1, 'speakerLine', undefined);
  closeByNextStart(out);
  return { ok: true, utterances: out, lines: count };
}

function fail(index: number, expected: TranscriptExpected, found: string | undefined): PlainResult {
  return { ok: false, error: transcriptError(Math.max(1, index + 1), expected, found) };
}

function readTimestamp(line: string): { ms: number; rest: string } | null | 'bad' {
  if (!line.startsWith('[')) return null;
  const close = line.indexOf(']');
  if (close < 0) return 'bad';
  const ms = parseLogTimestamp(line.slice(1, close).trim());
  if (ms === null) return 'bad';
  return { ms, rest: line.slice(close + 1).trim() };
}
