// Otter.ai's text export: a header `Name  M:SS` (two spaces, often trailing ones too),
// then the paragraph said, until the next header. "Unknown Speaker" is Otter saying it
// could not tell who spoke, so that speech is unattributed rather than one person's.
import { closeByNextStart } from './estimate';
import { transcriptError } from './errors';
import { collapseSpaces } from './text';
import { parseLogTimestamp } from './timestamps';
import type { Utterance } from './types';
import type { LineParse } from './zoomChat';

const OTTER_TIME = /^\d{1,2}:\d{2}(?::\d{2})?$/;
const FOOTER = /^Transcribed by https?:\/\/otter\.ai\b/i;
const UNKNOWN = /^unknown speaker$/i;

/**
 * "Name  0:00": the time after the last gap, the gap two spaces or a tab. Read by hand,
 * not by one pattern: a lazy name before a run of spaces backtracks quadratically on a
 * long hostile line.
 */
export function otterHeader(line: string): { name: string; time: string } | null {
  const trimmed = line.trimEnd();
  const gap = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t'));
  if (gap < 1) return null;
  const time = trimmed.slice(gap + 1);
  if (!OTTER_TIME.test(time)) return null;
  if (trimmed[gap] !== '\t' && trimmed[gap - 1] !== ' ') return null;
  const name = trimmed.slice(0, gap).trim();
  return name.length > 0 ? { name, time } : null;
}

export function parseOtter(lines: readonly string[]): LineParse {
  const out: Utterance[] = [];
  let lastMs = 0;
  let count = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0) continue;
    if (FOOTER.test(line)) break;
    count += 1;
    const header = otterHeader(line);
    const ms = header === null ? null : parseLogTimestamp(header.time);
    if (header !== null && ms !== null) {
      if (ms < lastMs) return { ok: false, error: transcriptError(i + 1, 'otterOrder', line) };
      lastMs = ms;
      const name = collapseSpaces(header.name);
      out.push({ speaker: UNKNOWN.test(name) ? null : name, text: '', startMs: ms, endMs: null, line: i + 1 });
      continue;
    }
    const current = out[out.length - 1];
    if (current === undefined) return { ok: false, error: transcriptError(i + 1, 'otterSpeaker', line) };
    current.text = current.text.length > 0 ? `${current.text} ${line}` : line;
  }
  closeByNextStart(out);
  return { ok: true, utterances: out.filter((u) => u.text.length > 0), lines: count, present: [] };
}
