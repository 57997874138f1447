// How deep each layer went and whether it was reciprocated: one row per layer with a
// small meter of "matched of present".
import type { Summary, SummaryLayer } from '../../domain/summary/types';
import { h } from './dom';
import { figure } from './figure';

function matchedText(l: SummaryLayer): string {
  return `${l.matched} of ${l.present} answered`;
}

function status(l: SummaryLayer): string {
  if (!l.reached) return 'not reached';
  return l.reciprocated ? 'reciprocated' : 'not reciprocated';
}

function layersLabel(summary: Summary): string {
  const reached = summary.layers.filter((l) => l.reached).length;
  const recip = summary.layers.filter((l) => l.reciprocated).map((l) => l.depth);
  const recipText = recip.length === 0 ? 'No layer was reciprocated.' : `Reciprocated: ${recip.length === 1 ? 'layer' : 'layers'} ${recip.join(', ')}.`;
  return `Depth reached: ${summary.deepestReached} of 4 layers; ${reached} ${reached === 1 ? 'layer' : 'layers'} had disclosures. ${recipText}`;
}

function layerRow(l: SummaryLayer): HTMLElement {
  const fill = h('div', { class: 'meter-fill' });
  fill.style.width = l.present > 0 ? `${Math.min(1, l.matched / l.present) * 100}%` : '0%';
  const cls = ['layer-row', l.reached ? 'is-reached' : 'is-unreached', l.reciprocated ? 'is-reciprocated' : ''].join(' ').trim();
  return h(
    'div',
    { class: cls, 'data-depth': l.depth },
    h('span', { class: 'layer-depth' }, String(l.depth)),
    h('span', { class: 'layer-name' }, l.name),
    h('div', { class: 'meter' }, fill),
    h('span', { class: 'layer-matched' }, l.reached ? matchedText(l) : '—'),
    h('span', { class: 'layer-status' }, h('span', { class: 'status-icon' }, l.reciprocated ? '✓' : l.reached ? '○' : '–'), status(l)),
  );
}

export function layersChart(summary: Summary): HTMLElement {
  const layers = [...summary.layers].sort((a, b) => a.depth - b.depth);
  return figure({
    id: 'layers',
    label: layersLabel(summary),
    graphic: h('div', { class: 'layers' }, ...layers.map(layerRow)),
    table: {
      caption: 'Depth reached per layer',
      headers: ['Layer', 'Reached', 'Contributions', 'Passes', 'Matched', 'Reciprocated'],
      rows: layers.map((l) => [
        `${l.depth} ${l.name}`,
        l.reached ? 'yes' : 'no',
        String(l.contributions),
        String(l.passes),
        matchedText(l),
        l.reciprocated ? 'yes' : 'no',
      ]),
    },
  });
}
