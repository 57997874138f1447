import { logLimit } from '../summary/limits';
import type { ShareDriver, Summary } from '../summary/types';
import type { SessionEvent } from '../types';
import { parseTranscript } from './index';
import { transcriptProblemEnglish, type TranscriptProblem } from './errors';
import { transcriptToEvents } from './toEvents';
import { FORMAT_LABELS, type Transcript, type TranscriptFormat } from './types';

export type TranscriptSession =
  | {
      ok: true;
      events: SessionEvent[];
      unattributed: NonNullable<Summary['unattributed']>;
      /** The detected format, as people read it ("Zoom chat export"). */
      format: string;
      /** The detected format as data, for wording it in the display language. */
      formatId: TranscriptFormat;
      /** Seconds spoken when the file has times for speech, as Jitsi and Teams measure; else turns. */
      driver: ShareDriver;
    }
  /** `message` is the English (the CLI's); `problem` the same as data, for the extension to word. */
  | { ok: false; message: string; problem: TranscriptProblem };

function failed(problem: TranscriptProblem): TranscriptSession {
  return { ok: false, message: transcriptProblemEnglish(problem), problem };
}

/**
 * A transcript file as a session log, the one way both the CLI and the extension read it.
 * A caption file's time is when it was saved, at the end of the meeting.
 */
export function transcriptSession(text: string, fileName: string, modifiedMs: number): TranscriptSession {
  const parsed = parseTranscript(text, fileName);
  if (!parsed.ok) return failed({ key: 'parse', file: fileName, error: parsed.error });
  const t = parsed.transcript;
  const format = FORMAT_LABELS[t.format];
  // Subtitles that name nobody are not a meeting to measure: say so rather than show an empty summary.
  if (t.speakers.length === 0) return failed({ key: 'noSpeaker', file: fileName, format: t.format, cues: t.cues });
  const createdAt = Math.round(modifiedMs - (t.durationMs ?? 0));
  const dot = fileName.lastIndexOf('.');
  const title = (dot > 0 ? fileName.slice(0, dot) : fileName) || fileName;
  const events = transcriptToEvents(t, { title, createdAt, sessionId: `transcript-${createdAt}` });
  const limit = logLimit(events);
  if (limit !== null) return failed({ key: 'limit', file: fileName, limit });
  return { ok: true, events, unattributed: t.unattributed, format, formatId: t.format, driver: defaultDriver(t) };
}

export function defaultDriver(t: Transcript): ShareDriver {
  return t.turns.some((turn) => turn.speaker !== null && turn.seconds > 0) ? 'seconds' : 'turns';
}
