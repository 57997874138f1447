// Trends across a team's retros: is it getting deeper and more balanced, or sliding
// back? Messages are plain statements of what changed, never a score.
import type { Summary, Trend, TrendPoint } from './types';

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
  return { points, messages: trendMessages(points) };
}

function trendMessages(points: readonly TrendPoint[]): string[] {
  if (points.length === 0) return [];
  if (points.length === 1) return ['One retro so far; trends appear after the next one.'];
  const messages = [
    describe(streak(points.map((p) => p.deepestReached), 0), {
      label: 'layer',
      show: String,
      up: 'The team went deeper',
      down: 'Depth fell',
    }),
    // Lower Gini is better, so the streak runs over -gini and "up" means more even.
    describe(streak(points.map((p) => -p.gini), GINI_EPSILON), {
      label: 'Gini',
      show: (v) => (-v).toFixed(2),
      up: 'Balance improved',
      down: 'Balance slipped',
    }),
    describe(streak(points.map((p) => p.reciprocatedLayers), 0), {
      label: 'reciprocated layers',
      show: String,
      up: 'More layers were reciprocated',
      down: 'Fewer layers were reciprocated',
    }),
  ].filter((m): m is string => m !== null);
  return messages.length > 0 ? messages : ['Steady since the last retro.'];
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

interface Wording {
  label: string;
  show: (v: number) => string;
  up: string;
  down: string;
}

function describe(s: Streak, w: Wording): string | null {
  if (s.direction === 'flat') return null;
  const verb = s.direction === 'up' ? w.up : w.down;
  const range = `(${w.label} ${w.show(s.from)} → ${w.show(s.to)})`;
  if (s.steps === 1) return `${verb} since the last retro ${range}.`;
  const run = s.direction === 'up' ? 'running' : 'in a row';
  return `${verb} ${numberWord(s.steps)} retros ${run} ${range}.`;
}

function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}
