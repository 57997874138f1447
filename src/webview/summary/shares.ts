// Each member's share as a horizontal bar, with the fair share marked by a line.
import * as l10n from '@vscode/l10n';
import type { Summary } from '../../domain/summary/types';
import { h } from './dom';
import { figure } from './figure';
import { driverName, pct, yesNo } from './format';

/** Axis maximum: a round 10% step above the largest share or the fair share. */
function scaleMax(summary: Summary): number {
  const top = Math.max(summary.maxShare, summary.fairShare, 0.1);
  return Math.min(1, Math.ceil(top * 10 + 0.25) / 10);
}

function sharesLabel(summary: Summary): string {
  const n = summary.members.length;
  const silent = summary.members.filter((m) => m.turns === 0 && m.present).length;
  const top = summary.members.reduce<Summary['members'][number] | null>((a, m) => (a && a.share >= m.share ? a : m), null);
  const by = driverName(summary.driver);
  const parts = [n === 1 ? l10n.t('Share of participation by {0} for 1 member.', by) : l10n.t('Share of participation by {0} for {1} members.', by, n)];
  parts.push(l10n.t('Fair share {0}.', pct(summary.fairShare)));
  if (top) parts.push(l10n.t('Largest share {0}, {1}.', pct(top.share), top.name));
  if (silent > 0) parts.push(silent === 1 ? l10n.t('1 present member did not speak.') : l10n.t('{0} present members did not speak.', silent));
  return parts.join(' ');
}

export function sharesChart(summary: Summary): HTMLElement {
  const max = scaleMax(summary);
  const fairLeft = `${(summary.fairShare / max) * 100}%`;
  const rows = summary.members.map((m) => {
    const bar = h('div', { class: m.share === 0 ? 'share-bar is-zero' : 'share-bar', 'data-key': m.key, 'data-share': m.share });
    bar.style.width = `${(m.share / max) * 100}%`;
    const fair = h('div', { class: 'fair-line' });
    fair.style.left = fairLeft;
    const note = !m.present ? ` ${l10n.t('(away)')}` : m.turns === 0 ? ` ${l10n.t('(quiet)')}` : '';
    return h(
      'div',
      { class: 'share-row' },
      h('span', { class: 'share-name', title: m.name }, m.name),
      h('div', { class: 'share-track' }, bar, fair),
      h('span', { class: 'share-value' }, pct(m.share), note),
    );
  });
  const axis = h('div', { class: 'share-row share-axis' }, h('span'), h('div', { class: 'share-track-axis' }, h('span', {}, '0%'), h('span', {}, pct(max))), h('span'));
  const graphic = h('div', { class: 'shares' }, ...rows, axis);
  return figure({
    id: 'shares',
    label: sharesLabel(summary),
    graphic,
    legend: [
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch swatch-bar' }), l10n.t('Share by {0}', driverName(summary.driver))),
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch swatch-fair' }), l10n.t('Fair share ({0})', pct(summary.fairShare))),
    ],
    table: {
      caption: l10n.t('Share of participation by {0}', driverName(summary.driver)),
      headers: [l10n.t('Member'), l10n.t('Share'), l10n.t('Fair share'), l10n.t('Present')],
      rows: summary.members.map((m) => [m.name, pct(m.share), pct(summary.fairShare), yesNo(m.present)]),
    },
  });
}
