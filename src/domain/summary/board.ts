// What the retro produced besides balance: the gather notes with their dots, the
// top-voted insights, and the facilitator's overrides with what each meant.
import { deckColumns } from '../decks/builtin';
import { voteCounts } from '../session';
import { describeOverride, overrides } from '../stages';
import type { SessionState } from '../types';
import type { SummaryNote, SummaryOverride } from './types';

/** How many notes the summary calls the top-voted insights. */
export const TOP_INSIGHTS = 3;

/** Notes by the deck's column order, then by dots (most first), then as written. */
export function gatherNotes(state: SessionState, names: ReadonlyMap<string, string>): SummaryNote[] {
  const votes = voteCounts(state);
  const columns = deckColumns(state.deck);
  const rank = (column: string): number => {
    const i = columns.indexOf(column);
    return i < 0 ? columns.length : i;
  };
  return state.notes
    .map((n, order) => ({ n, order, votes: votes.get(n.id) ?? 0 }))
    .sort((a, b) => rank(a.n.column) - rank(b.n.column) || b.votes - a.votes || a.order - b.order)
    .map(({ n, votes: dots }) => ({
      column: n.column,
      text: n.text,
      author: n.memberId === null ? null : (names.get(n.memberId) ?? 'a former member'),
      votes: dots,
    }));
}

/** The notes with the most dots, at most TOP_INSIGHTS, each with at least one dot. */
export function topInsights(notes: readonly SummaryNote[]): SummaryNote[] {
  return notes
    .filter((n) => n.votes > 0)
    .map((n, order) => ({ n, order }))
    .sort((a, b) => b.n.votes - a.n.votes || a.order - b.order)
    .slice(0, TOP_INSIGHTS)
    .map(({ n }) => ({ ...n }));
}

export function overrideList(state: SessionState): SummaryOverride[] {
  return overrides(state).map((m) => ({
    offsetMs: Math.max(0, m.at - state.createdAt),
    from: m.from,
    to: m.to,
    answered: m.gate?.reciprocated ?? null,
    present: m.gate?.present ?? null,
    text: describeOverride(m),
  }));
}
