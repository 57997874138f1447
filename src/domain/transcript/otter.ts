// Otter.ai's text export: a header `Name  M:SS` (two spaces, often trailing ones too),
// then the paragraph said, until the next header. "Unknown Speaker" is Otter saying it
// could not tell who spoke, so that speech is unattributed rather than one person's.
import { closeByNextStart } from './estimate';
import { collapseSpaces, transcriptError } from './text';
import { parseLogTimestamp } from './timestamps';
import type { Utterance } from './types';
import type { LineParse } from './zoomChat';

export const OTTER_HEADER = /^(\S.*?)(?: {2,}|\t)(\d{1,2}:\d{2}(?::\d{2})?)[ \t]*$/;
export const OTTER_EXPECTED = 'a speaker line like "Name  0:00"';
const FOOTER = /^Transcribed by https?:\/\/otter\.ai\b/i;
const UNKNOWN = /^unknown speaker$/i;

export function parseOtter(lines: readonly string[]): LineParse {
  const out: Utterance[] = [];
  let lastMs = 0;
  let count = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0) continue;
    if (FOOTER.test(line)) break;
    count += 1;
    const header = OTTER_HEADER.exec(line);
    const ms = header === null ? null : parseLogTimestamp(header[2] ?? '');
    if (header !== null && ms !== null) {
      if (ms < lastMs) return { ok: false, error: transcriptError(i + 1, 'a time at or after the previous speaker line', line) };
      lastMs = ms;
      const name = collapseSpaces(header[1] ?? '');
      out.push({ speaker: UNKNOWN.test(name) ? null : name, text: '', startMs: ms, endMs: null, line: i + 1 });
      continue;
    }
    const current = out[out.length - 1];
    if (current === undefined) return { ok: false, error: transcriptError(i + 1, OTTER_EXPECTED, line) };
    current.text = current.text.length > 0 ? `${current.text} ${line}` : line;
  }
  closeByNextStart(out);
  return { ok: true, utterances: out.filter((u) => u.text.length > 0), lines: count, present: [] };
}
