import type { Summary } from '../summary/types';
import type { SessionEvent } from '../types';
import { parseTranscript } from './index';
import { transcriptToEvents } from './toEvents';

export type TranscriptSession =
  | { ok: true; events: SessionEvent[]; unattributed: NonNullable<Summary['unattributed']> }
  | { ok: false; message: string };

/**
 * A transcript file as a session log, the one way both the CLI and the extension read it.
 * A caption file's time is when it was saved, at the end of the meeting.
 */
export function transcriptSession(text: string, fileName: string, modifiedMs: number): TranscriptSession {
  const parsed = parseTranscript(text, fileName);
  if (!parsed.ok) return { ok: false, message: `${fileName}: ${parsed.error.message}` };
  const t = parsed.transcript;
  const createdAt = Math.round(modifiedMs - (t.durationMs ?? 0));
  const dot = fileName.lastIndexOf('.');
  const title = (dot > 0 ? fileName.slice(0, dot) : fileName) || fileName;
  const events = transcriptToEvents(t, { title, createdAt, sessionId: `transcript-${createdAt}` });
  return { ok: true, events, unattributed: t.unattributed };
}
