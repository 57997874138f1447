// What the retro produced besides balance: the gather notes with their dots, the
// top-voted insights, and the facilitator's overrides. Older summaries lack them; then
// nothing is shown.
import type { Summary } from '../../domain/summary/types';
import { h } from './dom';
import { dataTable } from './figure';
import { clock, plural } from './format';
import { section } from './sections';

export function notesSection(summary: Summary): HTMLElement | null {
  const notes = summary.gatherNotes ?? [];
  if (notes.length === 0) return null;
  const table = dataTable('notes-table', {
    caption: 'Gather notes by column, then by votes',
    headers: ['Column', 'Note', 'Author', 'Votes'],
    rows: notes.map((n) => [n.column, n.text, n.author ?? 'anonymous', String(n.votes)]),
  });
  table.classList.add('notes-table');
  return section('notes', 'Gather notes', table);
}

export function insightsSection(summary: Summary): HTMLElement | null {
  const top = summary.topInsights ?? [];
  if (top.length === 0) return null;
  return section(
    'insights',
    'Top-voted insights',
    h(
      'ol',
      { class: 'insight-list' },
      ...top.map((n) => h('li', {}, h('span', { class: 'insight-text' }, n.text), h('span', { class: 'insight-votes' }, `${plural(n.votes, 'vote')} · ${n.column}`))),
    ),
  );
}

export function overridesSection(summary: Summary): HTMLElement | null {
  const moves = summary.overrides ?? [];
  if (moves.length === 0) return null;
  return section(
    'overrides',
    'Overrides',
    h('p', { class: 'muted' }, 'Moves deeper against the advice, with how many had answered at that moment.'),
    h('ul', { class: 'override-list' }, ...moves.map((o) => h('li', {}, h('span', { class: 'override-at' }, clock(o.offsetMs)), ' ', o.text))),
  );
}
