// The exports' share of what the retro produced besides balance: the gather notes, the
// top-voted insights and the overrides. People's text goes through mdInline (Markdown)
// and csvCell (CSV) like everything else.
import type { Summary } from '../summary/types';
import { mdInline, mdTable } from './escape';
import { elapsed } from './format';

type Cell = string | number | boolean | null;
type Row = [section: string, item: Cell, field: string, value: Cell];

const dots = (n: number): string => `${n} ${n === 1 ? 'vote' : 'votes'}`;

export function boardMarkdown(s: Summary): string[][] {
  const notes = s.gatherNotes ?? [];
  const insights = s.topInsights ?? [];
  const overrides = s.overrides ?? [];
  return [
    notes.length === 0
      ? []
      : ['## Gather notes', '', ...mdTable(['Column', 'Note', 'Author', 'Votes'], notes.map((n) => [mdInline(n.column), mdInline(n.text), n.author === null ? 'anonymous' : mdInline(n.author), String(n.votes)]))],
    insights.length === 0 ? [] : ['## Top-voted insights', '', ...insights.map((n, k) => `${k + 1}. ${mdInline(n.text)} (${dots(n.votes)}, ${mdInline(n.column)})`)],
    overrides.length === 0 ? [] : ['## Overrides', '', ...overrides.map((o) => `- At ${elapsed(o.offsetMs)}: ${mdInline(o.text)}`)],
  ];
}

export function boardRows(s: Summary): Row[] {
  const notes = (s.gatherNotes ?? []).flatMap((n, k): Row[] => [
    ['note', k + 1, 'column', n.column],
    ['note', k + 1, 'text', n.text],
    ['note', k + 1, 'author', n.author],
    ['note', k + 1, 'votes', n.votes],
  ]);
  const insights = (s.topInsights ?? []).flatMap((n, k): Row[] => [
    ['insight', k + 1, 'text', n.text],
    ['insight', k + 1, 'column', n.column],
    ['insight', k + 1, 'votes', n.votes],
  ]);
  const overrides = (s.overrides ?? []).flatMap((o, k): Row[] => [
    ['override', k + 1, 'text', o.text],
    ['override', k + 1, 'offsetSeconds', o.offsetMs / 1000],
    ['override', k + 1, 'from', o.from],
    ['override', k + 1, 'to', o.to],
    ['override', k + 1, 'answered', o.answered],
    ['override', k + 1, 'present', o.present],
  ]);
  return [...notes, ...insights, ...overrides];
}

export function boardJson(s: Summary): Record<string, unknown> {
  return {
    gatherNotes: (s.gatherNotes ?? []).map((n) => ({ ...n })),
    topInsights: (s.topInsights ?? []).map((n) => ({ ...n })),
    overrides: (s.overrides ?? []).map((o) => ({ ...o })),
  };
}
