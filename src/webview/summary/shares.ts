// Each member's share as a horizontal bar, with the fair share marked by a line.
import type { Summary } from '../../domain/summary/types';
import { h } from './dom';
import { figure } from './figure';
import { pct } from './format';

/** Axis maximum: a round 10% step above the largest share or the fair share. */
function scaleMax(summary: Summary): number {
  const top = Math.max(summary.maxShare, summary.fairShare, 0.1);
  return Math.min(1, Math.ceil(top * 10 + 0.25) / 10);
}

function sharesLabel(summary: Summary): string {
  const n = summary.members.length;
  const silent = summary.members.filter((m) => m.turns === 0 && m.present).length;
  const top = summary.members.reduce<Summary['members'][number] | null>((a, m) => (a && a.share >= m.share ? a : m), null);
  const parts = [`Share of participation by ${summary.driver} for ${n} ${n === 1 ? 'member' : 'members'}.`];
  parts.push(`Fair share ${pct(summary.fairShare)}.`);
  if (top) parts.push(`Largest share ${pct(top.share)}, ${top.name}.`);
  if (silent > 0) parts.push(`${silent} present ${silent === 1 ? 'member' : 'members'} did not speak.`);
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
    const note = !m.present ? ' (away)' : m.turns === 0 ? ' (quiet)' : '';
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
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch swatch-bar' }), `Share by ${summary.driver}`),
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch swatch-fair' }), `Fair share (${pct(summary.fairShare)})`),
    ],
    table: {
      caption: `Share of participation by ${summary.driver}`,
      headers: ['Member', 'Share', 'Fair share', 'Present'],
      rows: summary.members.map((m) => [m.name, pct(m.share), pct(summary.fairShare), m.present ? 'yes' : 'no']),
    },
  });
}
