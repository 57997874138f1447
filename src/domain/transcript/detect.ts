// Which format a file is, decided from its content alone: the first lines of each
// format have a shape no other format shares. A file that matches none is refused with
// the line, what each format expected there, and the list of formats tried.
import { MEET_ATTENDEES, MEET_FOOTER, MEET_MARK, MEET_NOTE, unmark } from './meet';
import { OTTER_EXPECTED, otterHeader } from './otter';
import { dialogueLine, SPEAKER_LINE } from './plain';
import { CAPTION_EXPECTED, CAPTION_HEADER } from './zoomCaptions';
import { CHAT_EXPECTED, chatMessage } from './zoomChat';
import { transcriptError } from './text';
import { parseCueTiming } from './timestamps';
import { FORMAT_LABELS, type TranscriptError } from './types';

export type DetectedShape = 'webvtt' | 'cues' | 'zoom-chat' | 'zoom-captions' | 'google-meet' | 'otter' | 'plain';

/** Lines looked at for Meet's header (title, attendees, the editor's note), and for its footer. */
const MEET_SNIFF_LINES = 40;
const MEET_TAIL_LINES = 5;

export const TRIED_FORMATS = [
  'WebVTT (Teams, Zoom, Meet, spec)',
  FORMAT_LABELS['zoom-chat'],
  FORMAT_LABELS['zoom-captions'],
  FORMAT_LABELS['google-meet'],
  FORMAT_LABELS.otter,
  FORMAT_LABELS.plain,
];

const EXPECTED_ANY = [
  'a "WEBVTT" header or a cue timing like 00:00:01.000 --> 00:00:04.000',
  CHAT_EXPECTED,
  CAPTION_EXPECTED,
  OTTER_EXPECTED,
  SPEAKER_LINE,
].join(', or ');

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
  if (first === undefined) {
    const error = transcriptError(1, EXPECTED_ANY, undefined);
    return { ...error, message: `${error.message} (tried: ${TRIED_FORMATS.join('; ')})`, tried: TRIED_FORMATS };
  }
  if (/^WEBVTT(?:[ \t]|$)/.test(first.text)) return 'webvtt';
  const second = head[1]?.text;
  if (isTiming(first.text) || (second !== undefined && /^\S+$/.test(first.text) && isTiming(second))) return 'cues';
  if (chatMessage(lines[first.index] ?? '') !== null) return 'zoom-chat';
  if (CAPTION_HEADER.test(first.text)) return 'zoom-captions';
  if (otterHeader(first.text) !== null) return 'otter';
  if (looksLikeMeet(head.map((l) => unmark(l.text))) || endsLikeMeet(lines)) return 'google-meet';
  const stamped = first.text.replace(/^\[[^\]]*\]\s*/, '');
  if (dialogueLine(stamped) !== null) return 'plain';
  const error = transcriptError(first.index + 1, EXPECTED_ANY, first.text);
  return { ...error, message: `${error.message} (tried: ${TRIED_FORMATS.join('; ')})`, tried: TRIED_FORMATS };
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
