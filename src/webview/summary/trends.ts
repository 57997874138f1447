// Trends across the team's past retros: small line charts for evenness, depth and
// reciprocity, plus the plain-language observations the domain derived.
import * as l10n from '@vscode/l10n';
import type { Trend, TrendPoint } from '../../domain/summary/types';
import { h, svg } from './dom';
import { figure } from './figure';
import { date, fixed2, shortDate } from './format';
import { trendNoteText } from '../../wording';

interface Metric {
  id: string;
  title: string;
  value: (p: TrendPoint) => number;
  max: number;
  format: (n: number) => string;
  /** Which direction is the healthy one, said in words. */
  better: string;
}

/** Made when a section is built, so the texts come from the loaded l10n bundle. */
const metrics = (): readonly Metric[] => [
  { id: 'trend-gini', title: l10n.t('Gini'), value: (p) => p.gini, max: 1, format: fixed2, better: l10n.t('lower is more even') },
  { id: 'trend-evenness', title: l10n.t('Evenness'), value: (p) => p.evenness, max: 1, format: fixed2, better: l10n.t('higher is more even') },
  { id: 'trend-depth', title: l10n.t('Depth reached'), value: (p) => p.deepestReached, max: 4, format: (n) => l10n.t('{0} of 4', n), better: l10n.t('higher is deeper') },
  {
    id: 'trend-reciprocated',
    title: l10n.t('Reciprocated layers'),
    value: (p) => p.reciprocatedLayers,
    max: 4,
    format: (n) => l10n.t('{0} of 4', n),
    better: l10n.t('higher means more matched disclosure'),
  },
];

const W = 220;
const H = 90;
const PAD = { left: 30, right: 10, top: 10, bottom: 20 };

function sparkline(points: readonly TrendPoint[], m: Metric): SVGSVGElement {
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? iw / 2 : (i / (points.length - 1)) * iw);
  const y = (v: number) => PAD.top + (1 - Math.min(m.max, Math.max(0, v)) / m.max) * ih;
  const line = points.map((p, i) => `${x(i)},${y(m.value(p))}`).join(' ');
  return svg(
    'svg',
    { class: `trend-chart ${m.id}`, viewBox: `0 0 ${W} ${H}`, width: W, height: H },
    svg('line', { class: 'gridline', x1: PAD.left, y1: y(m.max), x2: W - PAD.right, y2: y(m.max) }),
    svg('line', { class: 'axis', x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0) }),
    svg('text', { class: 'tick', x: PAD.left - 4, y: y(m.max) + 4, 'text-anchor': 'end' }, m.max === 1 ? '1' : String(m.max)),
    svg('text', { class: 'tick', x: PAD.left - 4, y: y(0) + 4, 'text-anchor': 'end' }, '0'),
    svg('text', { class: 'tick', x: x(0), y: H - 4, 'text-anchor': 'start' }, shortDate(points[0].createdAt)),
    svg('text', { class: 'tick', x: x(points.length - 1), y: H - 4, 'text-anchor': 'end' }, shortDate(points[points.length - 1].createdAt)),
    svg('polyline', { class: 'trend-line', points: line }),
    ...points.map((p, i) => svg('circle', { class: i === points.length - 1 ? 'trend-dot is-last' : 'trend-dot', cx: x(i), cy: y(m.value(p)), r: 3 })),
  );
}

function trendLabel(points: readonly TrendPoint[], m: Metric): string {
  const first = points[0];
  const last = points[points.length - 1];
  return l10n.t(
    '{0} across {1} retros, {2}: from {3} ({4}) to {5} ({6}).',
    m.title,
    points.length,
    m.better,
    m.format(m.value(first)),
    first.title,
    m.format(m.value(last)),
    last.title,
  );
}

function trendFigure(points: readonly TrendPoint[], m: Metric): HTMLElement {
  const last = points[points.length - 1];
  return h(
    'div',
    { class: 'trend-card' },
    h('h3', {}, m.title),
    h('p', { class: 'trend-now' }, l10n.t('Latest: {0}', m.format(m.value(last))), h('span', { class: 'trend-better' }, ` (${m.better})`)),
    figure({
      id: m.id,
      label: trendLabel(points, m),
      graphic: sparkline(points, m),
      table: {
        caption: l10n.t('{0} per retro', m.title),
        // Date and time: two retros on one day must be told apart.
        headers: [l10n.t('Retro'), l10n.t('When'), m.title],
        rows: points.map((p) => [p.title, date(p.createdAt), m.format(m.value(p))]),
      },
    }),
  );
}

/** A meeting series has no depth layers: only how evenly the time was shared. */
const MEETING_METRICS = new Set(['trend-gini', 'trend-evenness']);

export function trendsSection(trend: Trend | null, across: 'retros' | 'meetings' = 'retros'): HTMLElement {
  const section = h('section', { class: 'trends', 'aria-labelledby': 'trends-heading' }, h('h2', { id: 'trends-heading' }, across === 'meetings' ? l10n.t('Trends across meetings') : l10n.t('Trends across retros')));
  const points = trend ? [...trend.points].sort((a, b) => a.createdAt - b.createdAt) : [];
  // The observations as data, worded here; a trend without them shows its English messages.
  const said = trend ? (trend.notes?.map((n) => trendNoteText(l10n, n)) ?? trend.messages) : [];
  if (said.length > 0) section.append(h('ul', { class: 'trend-messages' }, ...said.map((msg) => h('li', {}, msg))));
  if (points.length < 2) {
    section.append(
      h('p', { class: 'muted' }, across === 'meetings' ? l10n.t('Trends appear once the team has two or more meetings.') : l10n.t('Trends appear once the team has two or more retros.')),
    );
    return section;
  }
  const shown = metrics().filter((m) => across !== 'meetings' || MEETING_METRICS.has(m.id));
  section.append(h('div', { class: 'trend-grid' }, ...shown.map((m) => trendFigure(points, m))));
  return section;
}
