// Which format a file is, decided from its content alone: the first lines of each
// format have a shape no other format shares. A file that matches none is refused with
// the line, what each format expected there, and the list of formats tried.
import { MEET_ATTENDEES, MEET_FOOTER, MEET_MARK, MEET_NOTE, unmark } from './meet';
import { unknownFormat } from './errors';
import { otterHeader } from './otter';
import { dialogueLine } from './plain';
import { CAPTION_HEADER } from './zoomCaptions';
import { chatMessage } from './zoomChat';
import { parseCueTiming } from './timestamps';
import type { TranscriptError } from './types';

export type DetectedShape = 'webvtt' | 'cues' | 'zoom-chat' | 'zoom-captions' | 'google-meet' | 'otter' | 'plain';

/** Lines looked at for Meet's header (title, attendees, the editor's note), and for its footer. */
const MEET_SNIFF_LINES = 40;
const MEET_TAIL_LINES = 5;

function firstLines(lines: readonly string[], n: number): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  for (let i = 0; i < lines.length && out.length < n; i += 1) {
    const text = (lines[i] ?? '').trim();
    if (text.length > 0) out.push({ index: i, text });
  }
  return out;
}

export function detectShape(lines: readonly string[]): DetectedShape | TranscriptError {
  const head = firstLines(lines, MEET_SNIFF_LINES);
  const first = head[0];
  if (first === undefined) return unknownFormat(1, undefined);
  if (/^WEBVTT(?:[ \t]|$)/.test(first.text)) return 'webvtt';
  const second = head[1]?.text;
  if (isTiming(first.text) || (second !== undefined && /^\S+$/.test(first.text) && isTiming(second))) return 'cues';
  if (chatMessage(lines[first.index] ?? '') !== null) return 'zoom-chat';
  if (CAPTION_HEADER.test(first.text)) return 'zoom-captions';
  if (otterHeader(first.text) !== null) return 'otter';
  if (looksLikeMeet(head.map((l) => unmark(l.text))) || endsLikeMeet(lines)) return 'google-meet';
  const stamped = first.text.replace(/^\[[^\]]*\]\s*/, '');
  if (dialogueLine(stamped) !== null) return 'plain';
  return unknownFormat(first.index + 1, first.text);
}

function isTiming(line: string): boolean {
  return line.includes('-->') && parseCueTiming(line) !== null;
}

/** Meet's footer, near the end (a long meeting's header may hold none of its marks). */
function endsLikeMeet(lines: readonly string[]): boolean {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < MEET_TAIL_LINES; i -= 1) {
    const line = unmark(lines[i] ?? '');
    if (line.length === 0) continue;
    seen += 1;
    if (MEET_FOOTER.test(line)) return true;
  }
  return false;
}

function looksLikeMeet(head: readonly string[]): boolean {
  return head.some((l) => MEET_ATTENDEES.test(l) || MEET_NOTE.test(l) || MEET_MARK.test(l) || MEET_FOOTER.test(l));
}
