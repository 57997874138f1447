// The Lorenz curve against the line of equality, with the Gini coefficient. Silent
// members are part of the curve (they are the flat start), which is the point.
import * as l10n from '@vscode/l10n';
import type { Summary } from '../../domain/summary/types';
import { h, svg } from './dom';
import { figure } from './figure';
import { driverName, fixed2, pct } from './format';

const SIZE = 200;
const PAD = { left: 54, right: 22, top: 12, bottom: 40 };

const px = (x: number) => PAD.left + x * SIZE;
const py = (y: number) => PAD.top + (1 - y) * SIZE;

function points(summary: Summary): { x: number; y: number }[] {
  const pts = [...summary.lorenz].sort((a, b) => a.x - b.x || a.y - b.y);
  if (pts.length === 0 || pts[0].x !== 0 || pts[0].y !== 0) pts.unshift({ x: 0, y: 0 });
  const last = pts[pts.length - 1];
  if (last.x !== 1 || last.y !== 1) pts.push({ x: 1, y: 1 });
  return pts;
}

function axes(): SVGGElement {
  const g = svg('g', { class: 'axes' });
  g.append(svg('line', { x1: px(0), y1: py(0), x2: px(1), y2: py(0), class: 'axis' }));
  g.append(svg('line', { x1: px(0), y1: py(0), x2: px(0), y2: py(1), class: 'axis' }));
  for (const t of [0, 0.5, 1]) {
    g.append(svg('text', { x: px(t), y: py(0) + 14, 'text-anchor': 'middle', class: 'tick' }, pct(t)));
    g.append(svg('text', { x: px(0) - 6, y: py(t) + 4, 'text-anchor': 'end', class: 'tick' }, pct(t)));
  }
  g.append(svg('text', { x: px(0.5), y: py(0) + 32, 'text-anchor': 'middle', class: 'axis-title' }, l10n.t('Share of members')));
  g.append(
    svg('text', { x: 12, y: py(0.5), 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${py(0.5)})` }, l10n.t('Participation')),
  );
  return g;
}

export function lorenzChart(summary: Summary): HTMLElement {
  const pts = points(summary);
  const curve = pts.map((p) => `${px(p.x)},${py(p.y)}`).join(' ');
  const graphic = svg(
    'svg',
    { class: 'lorenz', viewBox: `0 0 ${PAD.left + SIZE + PAD.right} ${PAD.top + SIZE + PAD.bottom}`, width: PAD.left + SIZE + PAD.right },
    axes(),
    svg('polygon', { class: 'lorenz-gap', points: `${curve} ${px(0)},${py(0)}` }),
    svg('line', { class: 'equality', x1: px(0), y1: py(0), x2: px(1), y2: py(1) }),
    svg('polyline', { class: 'lorenz-curve', points: curve }),
    ...pts.map((p) => svg('circle', { class: 'lorenz-dot', cx: px(p.x), cy: py(p.y), r: 2.5 })),
  );
  const gini = fixed2(summary.gini);
  const aside = h(
    'div',
    { class: 'gini' },
    h('p', { class: 'gini-value', 'data-gini': summary.gini }, l10n.t('Gini {0}', gini)),
    h('p', {}, l10n.t('0 means everyone took an equal part; 1 means one person did all of it. Silent members count as zero.')),
  );
  return figure({
    id: 'lorenz',
    label: l10n.t(
      'Lorenz curve of participation by {0}. Gini coefficient {1}. The further the curve sags below the line of equality, the less even the retro was.',
      driverName(summary.driver),
      gini,
    ),
    graphic,
    aside,
    legend: [
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch swatch-curve' }), l10n.t('Lorenz curve')),
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch swatch-equality' }), l10n.t('Line of equality')),
    ],
    table: {
      caption: l10n.t('Lorenz curve points (Gini {0})', gini),
      headers: [l10n.t('Share of members'), l10n.t('Share of participation')],
      rows: pts.map((p) => [pct(p.x), pct(p.y)]),
    },
  });
}
