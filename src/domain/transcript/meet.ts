// A Google Meet transcript as people keep it (.txt, or .md from the Google Doc): a title,
// an attendee list, "This editable transcript…", then `Name: text` lines with a bare
// `00:05:00` mark every five minutes, and a "Meeting ended after 01:14:43 👋" footer.
// Meet gives no time per line, so the time between two marks is shared by words.
import { estimatedMs } from './estimate';
import { dialogueLine } from './plain';
import { transcriptError } from './errors';
import { countWords } from './text';
import { parseLogTimestamp } from './timestamps';
import type { TranscriptError, TranscriptExpected, Utterance } from './types';
import type { LineParse } from './zoomChat';

export const MEET_MARK = /^(\d{1,2}:\d{2}:\d{2})$/;
export const MEET_FOOTER = /^Meeting ended after (\d{1,2}:\d{2}:\d{2})/;
export const MEET_ATTENDEES = /^Attendees:?$/i;
export const MEET_NOTE = /^This editable transcript was computer generated/;
const EMPTY_LABEL = /^(.{1,60}?)[ \t]*:$/;
const MARKUP = /[#*_\\]/;
const PRESENTATION = /['’]s Presentation$|\(Presentation\)$/i;

/** Drops Markdown heading marks, emphasis and escapes: "### Attendees", "*This…*", "12\.". */
export function unmark(line: string): string {
  if (!MARKUP.test(line)) return line.trim();
  return line
    .trim()
    .replace(/^#{1,6}[ \t]+/, '')
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/\\([\\`*_.{}[\]()#+!-])/g, '$1')
    .trim();
}

interface State {
  out: Utterance[];
  present: string[];
  /** Start of the current stretch between marks, and where its utterances begin in `out`. */
  markMs: number;
  markAt: number;
  endMs: number | null;
  inBody: boolean;
  count: number;
}

export function parseMeet(lines: readonly string[]): LineParse {
  const s: State = { out: [], present: [], markMs: 0, markAt: 0, endMs: null, inBody: false, count: 0 };
  let attendeesNext = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = unmark(lines[i] ?? '');
    if (line.length === 0) continue;
    s.count += 1;
    if (s.endMs !== null) {
      if (MEET_NOTE.test(line)) continue;
      return fail(i, 'meetEnded', lines[i]);
    }
    if (!s.inBody && attendeesNext) {
      s.present.push(...attendeeNames(line));
      attendeesNext = false;
      continue;
    }
    if (!s.inBody && MEET_ATTENDEES.test(line)) {
      attendeesNext = true;
      continue;
    }
    const error = bodyLine(s, line, i);
    if (error !== null) return { ok: false, error };
  }
  shareStretch(s, s.endMs ?? s.markMs + s.out.slice(s.markAt).reduce((a, u) => a + estimatedMs(u.text), 0));
  return { ok: true, utterances: s.out, lines: s.count, present: s.present };
}

function bodyLine(s: State, line: string, i: number): TranscriptError | null {
  const footer = MEET_FOOTER.exec(line);
  const mark = footer ?? MEET_MARK.exec(line);
  if (mark !== null) {
    const ms = parseLogTimestamp(mark[1] ?? '');
    if (ms === null || ms < s.markMs) return transcriptError(i + 1, 'meetMarkOrder', line);
    shareStretch(s, ms);
    if (footer !== null) s.endMs = ms;
    s.inBody = true;
    return null;
  }
  const said = dialogueLine(line);
  if (said !== null) {
    s.inBody = true;
    if (said.text.length > 0) s.out.push({ speaker: said.speaker, text: said.text, startMs: null, endMs: null, line: i + 1 });
    return null;
  }
  const empty = EMPTY_LABEL.exec(line);
  if (s.inBody && empty !== null) return null;
  const previous = s.out[s.out.length - 1];
  if (s.inBody && previous !== undefined) previous.text = `${previous.text} ${line}`;
  // Before the first line of speech: the title, the date, "Transcript", the editor's note.
  return null;
}

/** The utterances since the last mark share the time up to `untilMs`, in proportion to words. */
function shareStretch(s: State, untilMs: number): void {
  const stretch = s.out.slice(s.markAt);
  const words = stretch.map((u) => Math.max(1, countWords(u.text)));
  const total = words.reduce((a, b) => a + b, 0);
  const span = Math.max(0, untilMs - s.markMs);
  let at = s.markMs;
  let said = 0;
  stretch.forEach((u, k) => {
    said += words[k] ?? 1;
    u.startMs = at;
    u.endMs = k === stretch.length - 1 ? s.markMs + span : s.markMs + Math.round((span * said) / total);
    at = u.endMs;
  });
  s.markMs = untilMs;
  s.markAt = s.out.length;
}

function attendeeNames(line: string): string[] {
  return line
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && !PRESENTATION.test(n));
}

function fail(index: number, expected: TranscriptExpected, found: string | undefined): LineParse {
  return { ok: false, error: transcriptError(index + 1, expected, found) };
}
