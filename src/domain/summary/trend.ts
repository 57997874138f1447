// Trends across a team's retros: is it getting deeper and more balanced, or sliding
// back? Messages are plain statements of what changed, never a score.
import type { Summary, Trend, TrendNote, TrendPoint } from './types';

/** Gini moves smaller than this are noise, not a change worth mentioning. */
const GINI_EPSILON = 0.005;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export function trendPoint(s: Summary): TrendPoint {
  return {
    sessionId: s.sessionId,
    title: s.title,
    createdAt: s.createdAt,
    gini: s.gini,
    evenness: s.evenness,
    deepestReached: s.deepestReached,
    reciprocatedLayers: s.layers.filter((l) => l.reached && l.reciprocated).length,
  };
}

export function buildTrend(summaries: readonly Summary[]): Trend {
  const points = summaries
    .map(trendPoint)
    .sort((a, b) => a.createdAt - b.createdAt || a.sessionId.localeCompare(b.sessionId));
  const notes = trendNotes(points);
  return { points, messages: notes.map(trendNoteEnglish), notes };
}

function trendNotes(points: readonly TrendPoint[]): TrendNote[] {
  if (points.length === 0) return [];
  if (points.length === 1) return [{ kind: 'first-retro' }];
  const notes = [
    streakNote('depth', streak(points.map((p) => p.deepestReached), 0), (v) => v),
    // Lower Gini is better, so the streak runs over -gini and "up" means more even.
    streakNote('gini', streak(points.map((p) => -p.gini), GINI_EPSILON), (v) => -v),
    streakNote('reciprocated', streak(points.map((p) => p.reciprocatedLayers), 0), (v) => v),
  ].filter((n): n is TrendNote => n !== null);
  return notes.length > 0 ? notes : [{ kind: 'steady' }];
}

function streakNote(measure: 'depth' | 'gini' | 'reciprocated', s: Streak, value: (v: number) => number): TrendNote | null {
  if (s.direction === 'flat') return null;
  return { kind: 'streak', measure, direction: s.direction, steps: s.steps, from: value(s.from), to: value(s.to) };
}

interface Streak {
  direction: 'up' | 'down' | 'flat';
  /** Consecutive steps in that direction, counted back from the latest retro. */
  steps: number;
  from: number;
  to: number;
}

/** The run of same-direction changes that ends at the latest value. */
export function streak(values: readonly number[], epsilon: number): Streak {
  const dir = (i: number): Streak['direction'] => {
    const d = (values[i] ?? 0) - (values[i - 1] ?? 0);
    return d > epsilon ? 'up' : d < -epsilon ? 'down' : 'flat';
  };
  const last = values.length - 1;
  const direction = dir(last);
  let steps = 0;
  while (last - steps >= 1 && direction !== 'flat' && dir(last - steps) === direction) steps += 1;
  return { direction, steps, from: values[last - steps] ?? 0, to: values[last] ?? 0 };
}

const STREAK_WORDS = {
  depth: { label: 'layer', up: 'The team went deeper', down: 'Depth fell' },
  gini: { label: 'Gini', up: 'Balance improved', down: 'Balance slipped' },
  reciprocated: { label: 'reciprocated layers', up: 'More layers were reciprocated', down: 'Fewer layers were reciprocated' },
} as const;

/**
 * A note in English, as the exports and the CLI print it. The panel's wording
 * (src/wording.ts, trendNoteText) gives the same English; a unit test holds them together.
 */
export function trendNoteEnglish(n: TrendNote): string {
  switch (n.kind) {
    case 'first-retro':
      return 'One retro so far; trends appear after the next one.';
    case 'steady':
      return 'Steady since the last retro.';
    case 'streak': {
      const w = STREAK_WORDS[n.measure];
      const show = (v: number): string => (n.measure === 'gini' ? v.toFixed(2) : String(v));
      const verb = n.direction === 'up' ? w.up : w.down;
      const range = `(${w.label} ${show(n.from)} → ${show(n.to)})`;
      if (n.steps === 1) return `${verb} since the last retro ${range}.`;
      const run = n.direction === 'up' ? 'running' : 'in a row';
      return `${verb} ${numberWord(n.steps)} retros ${run} ${range}.`;
    }
    case 'first-meeting':
      return 'One meeting so far; the trend appears with the next one.';
    case 'evenness': {
      const from = n.from.toFixed(2);
      const to = n.to.toFixed(2);
      const change = n.to - n.from;
      const verb = Math.abs(change) < EVENNESS_EPSILON ? 'held at' : change > 0 ? `rose from ${from} to` : `fell from ${from} to`;
      return `Evenness ${verb} ${to} over ${n.meetings} meetings.`;
    }
    case 'quiet':
      return `${n.name} has been quiet in the last ${n.meetings} meetings.`;
    case 'quiet-count':
      return n.people === 1 ? '1 person has been quiet several meetings running.' : `${n.people} people have been quiet several meetings running.`;
  }
}

/** Evenness moves smaller than this are worded as holding. */
export const EVENNESS_EPSILON = 0.005;

function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}
