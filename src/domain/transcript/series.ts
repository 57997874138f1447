// A series of meetings of one recurring meeting (a folder of transcripts): how evenly the
// time was shared in each, and who has been quiet several meetings running. Plain
// statements of what happened, never a score of a person.
import { trendNoteEnglish } from '../summary/trend';
import type { Summary, TrendNote } from '../summary/types';
import { speakerKey } from './text';

/** Quiet: below half the fair share, the summary's own rule of thumb for a quiet member. */
const QUIET_FACTOR = 0.5;
/** A quiet streak is reported from this many meetings running. */
export const QUIET_RUN = 2;

export interface SeriesPoint {
  title: string;
  createdAt: number;
  format: string | null;
  driver: Summary['driver'];
  members: number;
  evenness: number;
  gini: number;
}

export interface QuietRun {
  name: string;
  /** Consecutive meetings, counted back from the latest, in which the person was quiet. */
  meetings: number;
}

export interface MeetingSeries {
  points: SeriesPoint[];
  quiet: QuietRun[];
  /** In English; `notes` holds the same as data (src/domain/summary/types.ts, TrendNote). */
  messages: string[];
  notes: TrendNote[];
}

/** `summaries` in meeting order, oldest first. */
export function meetingSeries(summaries: readonly Summary[]): MeetingSeries {
  const points = summaries.map((s) => ({
    title: s.title,
    createdAt: s.createdAt,
    format: s.transcriptFormat ?? null,
    driver: s.driver,
    members: s.members.filter((m) => m.present).length,
    evenness: s.evenness,
    gini: s.gini,
  }));
  const quiet = quietRuns(summaries);
  const notes: TrendNote[] = [...evennessNote(points), ...quiet.map((q): TrendNote => ({ kind: 'quiet', name: q.name, meetings: q.meetings }))];
  return { points, quiet, messages: notes.map(trendNoteEnglish), notes };
}

function quietIn(s: Summary): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.members) if (m.present && m.share < QUIET_FACTOR * s.fairShare) out.set(speakerKey(m.name), m.name);
  return out;
}

function quietRuns(summaries: readonly Summary[]): QuietRun[] {
  const latest = summaries[summaries.length - 1];
  if (latest === undefined) return [];
  const runs: QuietRun[] = [];
  for (const [key, name] of quietIn(latest)) {
    let meetings = 0;
    for (let i = summaries.length - 1; i >= 0; i -= 1) {
      const s = summaries[i];
      if (s === undefined || !quietIn(s).has(key)) break;
      meetings += 1;
    }
    if (meetings >= QUIET_RUN) runs.push({ name, meetings });
  }
  return runs.sort((a, b) => b.meetings - a.meetings || a.name.localeCompare(b.name));
}

function evennessNote(points: readonly SeriesPoint[]): TrendNote[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return [];
  if (points.length === 1) return [{ kind: 'first-meeting' }];
  return [{ kind: 'evenness', from: first.evenness, to: last.evenness, meetings: points.length }];
}
