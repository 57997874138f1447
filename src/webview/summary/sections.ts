// The textual parts of the summary: heading, key figures, passes, action items,
// check-outs, unattributed speech and the (opt-in) named per-person table.
import type { Summary, SummaryMember } from '../../domain/summary/types';
import { h, type Child } from './dom';
import { dataTable } from './figure';
import { date, duration, fixed2, pct, plural } from './format';

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `block block-${id}`, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), ...children);
}

export function header(summary: Summary): HTMLElement {
  const format = summary.transcriptFormat === undefined ? '' : ` (${summary.transcriptFormat})`;
  const source = summary.source === 'retro' ? 'Guided retro' : `Imported meeting transcript${format}`;
  return h(
    'header',
    { class: 'summary-header' },
    h('h1', { id: 'summary-title' }, summary.title || 'Untitled retro'),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'meta-date' }, date(summary.createdAt)),
      h('span', { class: 'meta-duration' }, duration(summary.durationSeconds)),
      h('span', { class: 'meta-source' }, source),
      summary.pseudonymised ? h('span', { class: 'badge' }, 'Names pseudonymised') : null,
    ),
  );
}

function stat(label: string, value: string, hint: string): HTMLElement {
  return h('div', { class: 'stat' }, h('dt', {}, label), h('dd', {}, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-hint' }, hint)));
}

export function keyFigures(summary: Summary): HTMLElement {
  // A meeting transcript has no layers and no passes: only the balance figures apply.
  const retro = summary.source === 'retro';
  return h(
    'dl',
    { class: 'stats' },
    stat('Gini', fixed2(summary.gini), '0 is perfectly even'),
    stat('Evenness', fixed2(summary.evenness), '1 is perfectly even'),
    stat('Largest share', pct(summary.maxShare), `fair share ${pct(summary.fairShare)}`),
    retro ? stat('Deepest layer', `${summary.deepestReached} of 4`, `${summary.layers.filter((l) => l.reciprocated).length} reciprocated`) : null,
    retro ? stat('Passes', String(summary.totalPasses), 'a pass is a choice') : null,
  );
}

export function passes(summary: Summary): HTMLElement {
  const byLayer = summary.layers.filter((l) => l.passes > 0).map((l) => `${l.passes} at layer ${l.depth} (${l.name})`);
  return section(
    'passes',
    'Passes',
    h('p', {}, summary.totalPasses === 0 ? 'Nobody passed.' : `${plural(summary.totalPasses, 'pass', 'passes')} in total.`, byLayer.length ? ` ${byLayer.join(', ')}.` : ''),
    h('p', { class: 'muted' }, 'Passing is always allowed; a pass is recorded as a choice, never as silence.'),
  );
}

export function actions(summary: Summary): HTMLElement {
  if (summary.actions.length === 0) return section('actions', 'Action items', h('p', { class: 'muted' }, 'No action items were recorded.'));
  return section(
    'actions',
    'Action items',
    h(
      'ul',
      { class: 'action-list' },
      ...summary.actions.map((a) =>
        h(
          'li',
          { class: a.done ? 'action is-done' : 'action' },
          h('span', { class: 'action-text' }, a.text),
          h('span', { class: 'action-owner' }, a.owner ? `Owner: ${a.owner}` : 'No owner yet'),
          a.due ? h('span', { class: 'action-due' }, `Due ${a.due}`) : null,
          h('span', { class: 'action-state' }, a.done ? 'Done' : 'Open'),
        ),
      ),
    ),
  );
}

export function checkouts(summary: Summary): HTMLElement | null {
  if (summary.checkouts.length === 0) return null;
  return section(
    'checkouts',
    'Check-outs',
    h(
      'ul',
      { class: 'checkout-list' },
      ...summary.checkouts.map((c) =>
        h(
          'li',
          {},
          h('span', { class: 'checkout-member', title: c.member }, c.member),
          h('span', { class: 'checkout-text' }, c.text),
          c.roti !== undefined ? h('span', { class: 'checkout-roti' }, `Return on time ${c.roti} of 5`) : null,
        ),
      ),
    ),
  );
}

export function unattributed(summary: Summary): HTMLElement | null {
  const u = summary.unattributed;
  if (!u) return null;
  const text =
    u.turns === 0
      ? 'Every cue in the transcript had a speaker label.'
      : `${plural(u.turns, 'turn')}, ${plural(u.words, 'word')} and ${plural(Math.round(u.seconds), 'second')} had no speaker label. They are not counted in anyone's share.`;
  return section('unattributed', 'Unattributed speech', h('p', {}, text));
}

function depthText(m: SummaryMember): string {
  return m.deepest === 0 ? 'none' : String(m.deepest);
}

export function namedTable(summary: Summary): HTMLElement {
  const caption = summary.pseudonymised ? 'Per person (pseudonymised)' : 'Per person (named)';
  const table = dataTable('named-table', {
    caption,
    headers: ['Name', 'Present', 'Turns', 'Words', 'Seconds', 'Passes', 'Deepest layer', 'Share'],
    rows: summary.members.map((m) => [
      m.name,
      m.present ? (m.joinedLate ? 'joined late' : 'yes') : 'no',
      String(m.turns),
      String(m.words),
      String(Math.round(m.seconds)),
      String(m.passes),
      depthText(m),
      pct(m.share),
    ]),
  });
  table.classList.add('named');
  // The wrapper scrolls in narrow panels, so it must be reachable from the keyboard.
  const scroller = h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 }, table);
  return section('named', 'Per-person table', scroller);
}
