// How deep each layer went and whether it was reciprocated: one row per layer with a
// small meter of "matched of present".
import * as l10n from '@vscode/l10n';
import type { Summary, SummaryLayer } from '../../domain/summary/types';
import { check, circle, dash } from '../codicons';
import { h, icon } from './dom';
import { figure } from './figure';
import { yesNo } from './format';
import { depthName } from '../names';

function matchedText(l: SummaryLayer): string {
  return l10n.t('{0} of {1} answered', l.matched, l.present);
}

function status(l: SummaryLayer): string {
  if (!l.reached) return l10n.t('not reached');
  return l.reciprocated ? l10n.t('reciprocated') : l10n.t('not reciprocated');
}

function layersLabel(summary: Summary): string {
  const reached = summary.layers.filter((l) => l.reached).length;
  const recip = summary.layers.filter((l) => l.reciprocated).map((l) => l.depth);
  const recipText =
    recip.length === 0
      ? l10n.t('No layer was reciprocated.')
      : recip.length === 1
        ? l10n.t('Reciprocated: layer {0}.', recip[0])
        : l10n.t('Reciprocated: layers {0}.', recip.join(', '));
  const depth =
    reached === 1
      ? l10n.t('Depth reached: {0} of 4 layers; 1 layer had disclosures.', summary.deepestReached)
      : l10n.t('Depth reached: {0} of 4 layers; {1} layers had disclosures.', summary.deepestReached, reached);
  return `${depth} ${recipText}`;
}

function layerRow(l: SummaryLayer): HTMLElement {
  const fill = h('div', { class: 'meter-fill' });
  fill.style.width = l.present > 0 ? `${Math.min(1, l.matched / l.present) * 100}%` : '0%';
  const cls = ['layer-row', l.reached ? 'is-reached' : 'is-unreached', l.reciprocated ? 'is-reciprocated' : ''].join(' ').trim();
  return h(
    'div',
    { class: cls, 'data-depth': l.depth },
    h('span', { class: 'layer-depth' }, String(l.depth)),
    h('span', { class: 'layer-name' }, depthName(l.depth)),
    h('div', { class: 'meter' }, fill),
    h('span', { class: 'layer-matched' }, l.reached ? matchedText(l) : '—'),
    h('span', { class: 'layer-status' }, h('span', { class: 'status-icon' }, icon(l.reciprocated ? check : l.reached ? circle : dash)), status(l)),
  );
}

export function layersChart(summary: Summary): HTMLElement {
  const layers = [...summary.layers].sort((a, b) => a.depth - b.depth);
  return figure({
    id: 'layers',
    label: layersLabel(summary),
    graphic: h('div', { class: 'layers' }, ...layers.map(layerRow)),
    table: {
      caption: l10n.t('Depth reached per layer'),
      headers: [l10n.t('Layer'), l10n.t('Reached'), l10n.t('Contributions'), l10n.t('Passes'), l10n.t('Matched'), l10n.t('Reciprocated')],
      rows: layers.map((l) => [
        `${l.depth} ${depthName(l.depth)}`,
        yesNo(l.reached),
        String(l.contributions),
        String(l.passes),
        matchedText(l),
        yesNo(l.reciprocated),
      ]),
    },
  });
}
