// Trends across the team's past retros: small line charts for evenness, depth and
// reciprocity, plus the plain-language observations the domain derived.
import type { Trend, TrendPoint } from '../../domain/summary/types';
import { h, svg } from './dom';
import { figure } from './figure';
import { date, fixed2, shortDate } from './format';

interface Metric {
  id: string;
  title: string;
  value: (p: TrendPoint) => number;
  max: number;
  format: (n: number) => string;
  /** Which direction is the healthy one, said in words. */
  better: string;
}

const METRICS: readonly Metric[] = [
  { id: 'trend-gini', title: 'Gini', value: (p) => p.gini, max: 1, format: fixed2, better: 'lower is more even' },
  { id: 'trend-evenness', title: 'Evenness', value: (p) => p.evenness, max: 1, format: fixed2, better: 'higher is more even' },
  { id: 'trend-depth', title: 'Depth reached', value: (p) => p.deepestReached, max: 4, format: (n) => `${n} of 4`, better: 'higher is deeper' },
  { id: 'trend-reciprocated', title: 'Reciprocated layers', value: (p) => p.reciprocatedLayers, max: 4, format: (n) => `${n} of 4`, better: 'higher means more matched disclosure' },
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
  return (
    `${m.title} across ${points.length} retros, ${m.better}: ` +
    `from ${m.format(m.value(first))} (${first.title}) to ${m.format(m.value(last))} (${last.title}).`
  );
}

function trendFigure(points: readonly TrendPoint[], m: Metric): HTMLElement {
  const last = points[points.length - 1];
  return h(
    'div',
    { class: 'trend-card' },
    h('h3', {}, m.title),
    h('p', { class: 'trend-now' }, `Latest: ${m.format(m.value(last))}`, h('span', { class: 'trend-better' }, ` (${m.better})`)),
    figure({
      id: m.id,
      label: trendLabel(points, m),
      graphic: sparkline(points, m),
      table: {
        caption: `${m.title} per retro`,
        // Date and time: two retros on one day must be told apart.
        headers: ['Retro', 'When', m.title],
        rows: points.map((p) => [p.title, date(p.createdAt), m.format(m.value(p))]),
      },
    }),
  );
}

/** A meeting series has no depth layers: only how evenly the time was shared. */
const MEETING_METRICS = METRICS.filter((m) => m.id === 'trend-gini' || m.id === 'trend-evenness');

export function trendsSection(trend: Trend | null, across: 'retros' | 'meetings' = 'retros'): HTMLElement {
  const section = h('section', { class: 'trends', 'aria-labelledby': 'trends-heading' }, h('h2', { id: 'trends-heading' }, `Trends across ${across}`));
  const points = trend ? [...trend.points].sort((a, b) => a.createdAt - b.createdAt) : [];
  if (trend && trend.messages.length > 0) {
    section.append(h('ul', { class: 'trend-messages' }, ...trend.messages.map((msg) => h('li', {}, msg))));
  }
  if (points.length < 2) {
    section.append(h('p', { class: 'muted' }, `Trends appear once the team has two or more ${across}.`));
    return section;
  }
  const metrics = across === 'meetings' ? MEETING_METRICS : METRICS;
  section.append(h('div', { class: 'trend-grid' }, ...metrics.map((m) => trendFigure(points, m))));
  return section;
}
