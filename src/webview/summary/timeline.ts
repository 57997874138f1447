// Flags and nudges on a timeline of the retro. Each kind of flag gets its own lane and
// marker shape, so the chart reads without colour (high contrast, colour blindness).
import * as l10n from '@vscode/l10n';
import type { Summary, SummaryFlag } from '../../domain/summary/types';
import { svg } from './dom';
import { figure } from './figure';
import { clock, humanise } from './format';
import { overrideText, summaryFlagText } from '../../wording';

// Kinds from src/domain/balance (flags and group nudges); unknown kinds are humanised.
const SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;

export function kindLabel(kind: string): string {
  switch (kind) {
    case 'dominant':
      return l10n.t('Sharing a lot');
    case 'quiet':
      return l10n.t('Quiet so far');
    case 'over-disclosure':
      return l10n.t('Over-disclosure guard');
    case 'hold-depth':
      return l10n.t('Hold this depth');
    case 'round-robin':
      return l10n.t('Try a round-robin');
    case 'slow-down':
      return l10n.t('Slow down');
    case 'invite':
      return l10n.t('Invite');
    case 'override':
      return l10n.t('Override');
    default:
      return humanise(kind);
  }
}

const W = 640;
const LEFT = 150;
const RIGHT = 16;
const LANE = 28;
const TOP = 10;

function marker(shape: (typeof SHAPES)[number], x: number, y: number): SVGElement {
  const r = 6;
  if (shape === 'circle') return svg('circle', { cx: x, cy: y, r });
  if (shape === 'square') return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r });
  if (shape === 'triangle') return svg('polygon', { points: `${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}` });
  return svg('polygon', { points: `${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}` });
}

/**
 * The flags and nudges, and the facilitator's overrides as a lane of their own, each with
 * its sentence in the display language (the summary's `text` is the exports' English).
 */
function marks(summary: Summary): SummaryFlag[] {
  const names = new Map(summary.members.map((m) => [m.key, m.name]));
  const flags = summary.flags.map((f) => ({ ...f, text: summaryFlagText(l10n, f, (key) => names.get(key)) }));
  const overrides = (summary.overrides ?? []).map((o): SummaryFlag => ({ kind: 'override', memberKey: null, text: overrideText(l10n, o), offsetMs: o.offsetMs, clearedOffsetMs: null }));
  return [...flags, ...overrides];
}

function endMs(summary: Summary): number {
  const last = Math.max(0, ...marks(summary).map((f) => Math.max(f.offsetMs, f.clearedOffsetMs ?? 0)));
  const dur = summary.durationSeconds !== null ? summary.durationSeconds * 1000 : 0;
  return Math.max(dur, last, 1000);
}

export function timelineChart(summary: Summary): SVGSVGElement | null {
  return marks(summary).length === 0 ? null : buildTimeline(summary);
}

function buildTimeline(summary: Summary): SVGSVGElement {
  const all = marks(summary);
  const kinds = [...new Set(all.map((f) => f.kind))];
  const end = endMs(summary);
  const x = (ms: number) => LEFT + (Math.min(ms, end) / end) * (W - LEFT - RIGHT);
  const height = TOP + kinds.length * LANE + 30;
  const root = svg('svg', { class: 'timeline', viewBox: `0 0 ${W} ${height}`, preserveAspectRatio: 'xMinYMin meet' });
  kinds.forEach((kind, i) => {
    const y = TOP + i * LANE + LANE / 2;
    const lane = svg('g', { class: `lane lane-${i % SHAPES.length}`, 'data-kind': kind });
    lane.append(svg('text', { x: LEFT - 10, y: y + 4, 'text-anchor': 'end', class: 'lane-label' }, kindLabel(kind)));
    lane.append(svg('line', { x1: LEFT, y1: y, x2: W - RIGHT, y2: y, class: 'lane-line' }));
    for (const f of all.filter((fl) => fl.kind === kind)) lane.append(flagMark(f, x, y, SHAPES[i % SHAPES.length]));
    root.append(lane);
  });
  const axisY = TOP + kinds.length * LANE + 6;
  root.append(svg('line', { x1: LEFT, y1: axisY, x2: W - RIGHT, y2: axisY, class: 'axis' }));
  root.append(svg('text', { x: LEFT, y: axisY + 16, class: 'tick', 'text-anchor': 'start' }, clock(0)));
  root.append(svg('text', { x: W - RIGHT, y: axisY + 16, class: 'tick', 'text-anchor': 'end' }, clock(end)));
  return root;
}

function flagMark(f: SummaryFlag, x: (ms: number) => number, y: number, shape: (typeof SHAPES)[number]): SVGGElement {
  const g = svg('g', { class: 'flag-mark', 'data-offset': f.offsetMs });
  if (f.clearedOffsetMs !== null) {
    g.append(svg('line', { class: 'flag-span', x1: x(f.offsetMs), y1: y, x2: x(f.clearedOffsetMs), y2: y }));
  }
  const m = marker(shape, x(f.offsetMs), y);
  m.setAttribute('class', 'flag-marker');
  g.append(m, svg('title', {}, `${clock(f.offsetMs)} ${kindLabel(f.kind)}: ${f.text}`));
  return g;
}

export function timelineFigure(summary: Summary): HTMLElement | null {
  const graphic = timelineChart(summary);
  if (!graphic) return null;
  const flags = marks(summary).sort((a, b) => a.offsetMs - b.offsetMs);
  const first = flags[0];
  const over = clock(endMs(summary));
  const label = `${
    flags.length === 1 ? l10n.t('Timeline of 1 flag or nudge over {0}.', over) : l10n.t('Timeline of {0} flags and nudges over {1}.', flags.length, over)
  } ${l10n.t('First at {0}: {1}.', clock(first.offsetMs), kindLabel(first.kind))}`;
  return figure({
    id: 'timeline',
    label,
    graphic,
    legend: [l10n.t('Marker: raised. Line after a marker: until it cleared.')],
    table: {
      caption: l10n.t('Flags and nudges in order'),
      headers: [l10n.t('Time'), l10n.t('Kind'), l10n.t('Nudge'), l10n.t('Cleared at')],
      rows: flags.map((f) => [clock(f.offsetMs), kindLabel(f.kind), f.text, f.clearedOffsetMs === null ? l10n.t('not cleared') : clock(f.clearedOffsetMs)]),
    },
  });
}
