// The textual parts of the summary: heading, key figures, passes, action items,
// check-outs, unattributed speech and the (opt-in) named per-person table.
import * as l10n from '@vscode/l10n';
import type { Summary, SummaryMember } from '../../domain/summary/types';
import { h, type Child } from './dom';
import { dataTable } from './figure';
import { depthName } from '../names';
import { formatName } from '../../transcriptWording';
import { date, duration, fixed2, pct, yesNo } from './format';

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `block block-${id}`, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), ...children);
}

export function header(summary: Summary): HTMLElement {
  const source =
    summary.source === 'retro'
      ? l10n.t('Guided retro')
      : summary.transcriptFormat === undefined
        ? l10n.t('Imported meeting transcript')
        : l10n.t('Imported meeting transcript ({0})', summary.transcriptFormatId === undefined ? summary.transcriptFormat : formatName(l10n, summary.transcriptFormatId));
  return h(
    'header',
    { class: 'summary-header' },
    h('h1', { id: 'summary-title' }, summary.title || l10n.t('Untitled retro')),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'meta-date' }, date(summary.createdAt)),
      h('span', { class: 'meta-duration' }, duration(summary.durationSeconds)),
      h('span', { class: 'meta-source' }, source),
      summary.pseudonymised ? h('span', { class: 'badge' }, l10n.t('Names pseudonymised')) : null,
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
    stat(l10n.t('Gini'), fixed2(summary.gini), l10n.t('0 is perfectly even')),
    stat(l10n.t('Evenness'), fixed2(summary.evenness), l10n.t('1 is perfectly even')),
    stat(l10n.t('Largest share'), pct(summary.maxShare), l10n.t('fair share {0}', pct(summary.fairShare))),
    retro ? stat(l10n.t('Deepest layer'), l10n.t('{0} of 4', summary.deepestReached), l10n.t('{0} reciprocated', summary.layers.filter((l) => l.reciprocated).length)) : null,
    retro ? stat(l10n.t('Passes'), String(summary.totalPasses), l10n.t('a pass is a choice')) : null,
  );
}

export function passes(summary: Summary): HTMLElement {
  const byLayer = summary.layers.filter((l) => l.passes > 0).map((l) => l10n.t('{0} at layer {1} ({2})', l.passes, l.depth, depthName(l.depth)));
  return section(
    'passes',
    l10n.t('Passes'),
    h(
      'p',
      {},
      summary.totalPasses === 0 ? l10n.t('Nobody passed.') : summary.totalPasses === 1 ? l10n.t('1 pass in total.') : l10n.t('{0} passes in total.', summary.totalPasses),
      byLayer.length ? ` ${byLayer.join(', ')}.` : '',
    ),
    h('p', { class: 'muted' }, l10n.t('Passing is always allowed; a pass is recorded as a choice, never as silence.')),
  );
}

export function actions(summary: Summary): HTMLElement {
  if (summary.actions.length === 0) return section('actions', l10n.t('Action items'), h('p', { class: 'muted' }, l10n.t('No action items were recorded.')));
  return section(
    'actions',
    l10n.t('Action items'),
    h(
      'ul',
      { class: 'action-list' },
      ...summary.actions.map((a) =>
        h(
          'li',
          { class: a.done ? 'action is-done' : 'action' },
          h('span', { class: 'action-text' }, a.text),
          h('span', { class: 'action-owner' }, a.owner ? l10n.t('Owner: {0}', a.owner) : l10n.t('No owner yet')),
          a.due ? h('span', { class: 'action-due' }, l10n.t('Due {0}', a.due)) : null,
          h('span', { class: 'action-state' }, a.done ? l10n.t('Done') : l10n.t('Open')),
        ),
      ),
    ),
  );
}

export function checkouts(summary: Summary): HTMLElement | null {
  if (summary.checkouts.length === 0) return null;
  return section(
    'checkouts',
    l10n.t('Check-outs'),
    h(
      'ul',
      { class: 'checkout-list' },
      ...summary.checkouts.map((c) =>
        h(
          'li',
          {},
          h('span', { class: 'checkout-member', title: c.member }, c.member),
          h('span', { class: 'checkout-text' }, c.text),
          c.roti !== undefined ? h('span', { class: 'checkout-roti' }, l10n.t('Return on time {0} of 5', c.roti)) : null,
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
      ? l10n.t('Every cue in the transcript had a speaker label.')
      : l10n.t(
          "{0}, {1} and {2} had no speaker label. They are not counted in anyone's share.",
          u.turns === 1 ? l10n.t('1 turn') : l10n.t('{0} turns', u.turns),
          u.words === 1 ? l10n.t('1 word') : l10n.t('{0} words', u.words),
          Math.round(u.seconds) === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', Math.round(u.seconds)),
        );
  return section('unattributed', l10n.t('Unattributed speech'), h('p', {}, text));
}

function depthText(m: SummaryMember): string {
  return m.deepest === 0 ? l10n.t('none') : String(m.deepest);
}

export function namedTable(summary: Summary): HTMLElement {
  const caption = summary.pseudonymised ? l10n.t('Per person (pseudonymised)') : l10n.t('Per person (named)');
  const table = dataTable('named-table', {
    caption,
    headers: [l10n.t('Name'), l10n.t('Present'), l10n.t('Turns'), l10n.t('Words'), l10n.t('Seconds'), l10n.t('Passes'), l10n.t('Deepest layer'), l10n.t('Share')],
    rows: summary.members.map((m) => [
      m.name,
      m.present ? (m.joinedLate ? l10n.t('joined late') : yesNo(true)) : yesNo(false),
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
  return section('named', l10n.t('Per-person table'), scroller);
}
