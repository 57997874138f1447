// Zoom's chat export. The cloud recording's file has one message a line,
// `HH:MM:SS<TAB>Name:<TAB>text`; the desktop client's saved chat has
// `HH:MM:SS From Name to Everyone:` with the text on the same or the following lines.
// The name is the field the format gives it, so a colon inside a message is text.
// Messages have no duration: chat is counted in turns and words, never in seconds.
import { unwrapDay } from './estimate';
import { transcriptError } from './errors';
import { collapseSpaces } from './text';
import { parseLogTimestamp } from './timestamps';
import type { TranscriptError, Utterance } from './types';

// Names hold no colon here: each pattern then reads a line in one pass, where lazy names
// before optional spaces would backtrack quadratically on a long hostile line.
export const CLOUD_CHAT_LINE = /^(\d{1,2}:\d{2}:\d{2})\t([^\t:]+):[ \t]?(.*)$/;
const LOCAL_CHAT_LINE = /^(\d{1,2}:\d{2}:\d{2})[ \t]+From[ \t]+([^:]+):[ \t]?(.*)$/;
/** "Ana to Everyone", "Ana to Ben (Direct Message)": the sender is before the last " to ". */
const RECIPIENT = / to (?:Everyone|.+)$/;
/** "Reacted to "…" with 👍" and its removal are acknowledgements, not turns. */
const REACTION = /^(?:Reacted to .* with \S+|Removed a \S+ reaction from .*)$/u;

export type LineParse =
  | { ok: true; utterances: Utterance[]; lines: number; present: string[] }
  | { ok: false; error: TranscriptError };

export function chatMessage(line: string): { ms: number; speaker: string; text: string } | null {
  const cloud = CLOUD_CHAT_LINE.exec(line);
  const m = cloud ?? LOCAL_CHAT_LINE.exec(line);
  if (m === null) return null;
  const ms = parseLogTimestamp(m[1] ?? '');
  const field = collapseSpaces(m[2] ?? '');
  const speaker = cloud === null ? senderOf(field) : field;
  if (ms === null || speaker.length === 0) return null;
  return { ms, speaker, text: (m[3] ?? '').trim() };
}

function senderOf(field: string): string {
  const to = field.lastIndexOf(' to ');
  return to > 0 && RECIPIENT.test(field.slice(to)) ? field.slice(0, to).trim() : field;
}

export function parseZoomChat(lines: readonly string[]): LineParse {
  const out: Utterance[] = [];
  const present: string[] = [];
  let lastMs = 0;
  let first: number | null = null;
  let count = 0;
  // A reaction line is not a turn, but what wraps after it is still not a new message.
  let open: Utterance | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    if (raw.trim().length === 0) continue;
    count += 1;
    const msg = chatMessage(raw);
    if (msg === null) {
      if (open === null && out.length === 0 && present.length === 0) {
        return { ok: false, error: transcriptError(i + 1, 'chatLine', raw) };
      }
      if (open !== null) open.text = open.text.length > 0 ? `${open.text} ${raw.trim()}` : raw.trim();
      continue;
    }
    lastMs = unwrapDay(msg.ms, lastMs);
    // Times count from the first message, so the meeting's length is the chat's span.
    first ??= lastMs;
    if (REACTION.test(msg.text)) {
      present.push(msg.speaker);
      open = null;
      continue;
    }
    open = { speaker: msg.speaker, text: msg.text, startMs: lastMs - first, endMs: lastMs - first, line: i + 1 };
    out.push(open);
  }
  const kept = out.filter((u) => u.text.length > 0);
  return { ok: true, utterances: kept, lines: count, present };
}
