// What the retro produced besides balance: the gather notes with their dots, the
// top-voted insights, and the facilitator's overrides. Older summaries lack them; then
// nothing is shown.
import * as l10n from '@vscode/l10n';
import type { Summary } from '../../domain/summary/types';
import { h } from './dom';
import { dataTable } from './figure';
import { clock } from './format';
import { section } from './sections';
import { overrideText } from '../../wording';

export function notesSection(summary: Summary): HTMLElement | null {
  const notes = summary.gatherNotes ?? [];
  if (notes.length === 0) return null;
  const table = dataTable('notes-table', {
    caption: l10n.t('Gather notes by column, then by votes'),
    headers: [l10n.t('Column'), l10n.t('Note'), l10n.t('Author'), l10n.t('Votes')],
    rows: notes.map((n) => [n.column, n.text, n.author ?? l10n.t('anonymous'), String(n.votes)]),
  });
  table.classList.add('notes-table');
  return section('notes', l10n.t('Gather notes'), table);
}

export function insightsSection(summary: Summary): HTMLElement | null {
  const top = summary.topInsights ?? [];
  if (top.length === 0) return null;
  return section(
    'insights',
    l10n.t('Top-voted insights'),
    h(
      'ol',
      { class: 'insight-list' },
      ...top.map((n) => h('li', {}, h('span', { class: 'insight-text' }, n.text), h('span', { class: 'insight-votes' }, `${n.votes === 1 ? l10n.t('1 vote') : l10n.t('{0} votes', n.votes)} · ${n.column}`))),
    ),
  );
}

export function overridesSection(summary: Summary): HTMLElement | null {
  const moves = summary.overrides ?? [];
  if (moves.length === 0) return null;
  return section(
    'overrides',
    l10n.t('Overrides'),
    h('p', { class: 'muted' }, l10n.t('Moves deeper against the advice, with how many had answered at that moment.')),
    h('ul', { class: 'override-list' }, ...moves.map((o) => h('li', {}, h('span', { class: 'override-at' }, clock(o.offsetMs)), ' ', overrideText(l10n, o)))),
  );
}
