// Zoom's "Save captions": a header `[Name] HH:MM:SS` (wall-clock time), then the caption
// text on the following lines. A caption lasts until the next header.
import { closeByNextStart, unwrapDay } from './estimate';
import { transcriptError } from './errors';
import { collapseSpaces } from './text';
import { parseLogTimestamp } from './timestamps';
import type { Utterance } from './types';
import type { LineParse } from './zoomChat';

export const CAPTION_HEADER = /^\[([^\]]+)\][ \t]+(\d{1,2}:\d{2}:\d{2})[ \t]*$/;

export function parseZoomCaptions(lines: readonly string[]): LineParse {
  const out: Utterance[] = [];
  let first: number | null = null;
  let lastMs = 0;
  let count = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0) continue;
    count += 1;
    const header = CAPTION_HEADER.exec(line);
    const ms = header === null ? null : parseLogTimestamp(header[2] ?? '');
    const speaker = collapseSpaces(header?.[1] ?? '');
    if (header !== null && ms !== null && speaker.length > 0) {
      lastMs = unwrapDay(ms, lastMs);
      first ??= lastMs;
      out.push({ speaker, text: '', startMs: lastMs - first, endMs: null, line: i + 1 });
      continue;
    }
    const current = out[out.length - 1];
    if (current === undefined) return { ok: false, error: transcriptError(i + 1, 'captionHeader', line) };
    current.text = current.text.length > 0 ? `${current.text} ${line}` : line;
  }
  closeByNextStart(out);
  return { ok: true, utterances: out.filter((u) => u.text.length > 0), lines: count, present: [] };
}
