// A chart and the data table behind it. The graphic is role="img" with a one-sentence
// summary and aria-describedby pointing at the table; the table is always in the
// accessibility tree and can be shown on screen with a "Show data" disclosure.
import * as l10n from '@vscode/l10n';
import { h, type Child } from './dom';

export interface TableSpec {
  caption: string;
  headers: string[];
  /** The first cell of each row is its header (th scope=row). */
  rows: Child[][];
}

/** Which tables are on screen (the flags read best as a table, so that one starts open); survives re-renders when the host sends a new summary. */
const shown = new Set<string>(['timeline']);

export function dataTable(id: string, spec: TableSpec): HTMLTableElement {
  return h(
    'table',
    { id, class: 'data-table' },
    h('caption', {}, spec.caption),
    h('thead', {}, h('tr', {}, ...spec.headers.map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      ...spec.rows.map(([first, ...rest]) =>
        h('tr', {}, h('th', { scope: 'row' }, first), ...rest.map((cell) => h('td', {}, cell))),
      ),
    ),
  );
}

export interface FigureSpec {
  /** Stable id (per chart) used for the table and the disclosure state. */
  id: string;
  /** One sentence that says what the chart shows. */
  label: string;
  graphic: HTMLElement | SVGSVGElement;
  table: TableSpec;
  /** Visible legend or notes under the chart (not part of the image). */
  legend?: Child[];
  /** Shown beside the graphic as ordinary text (e.g. the Gini value). */
  aside?: Child;
  className?: string;
}

export function figure(spec: FigureSpec): HTMLElement {
  const tableId = `${spec.id}-data`;
  const wrapId = `${spec.id}-data-wrap`;
  spec.graphic.setAttribute('role', 'img');
  spec.graphic.setAttribute('aria-label', spec.label);
  spec.graphic.setAttribute('aria-describedby', tableId);
  spec.graphic.classList.add('chart-graphic');

  const isShown = shown.has(spec.id);
  const wrap = h('div', { id: wrapId, class: isShown ? 'table-wrap' : 'table-wrap visually-hidden' }, dataTable(tableId, spec.table));
  const word = h('span', {}, isShown ? l10n.t('Hide data') : l10n.t('Show data'));
  const toggle = h(
    'button',
    { type: 'button', class: 'link-button show-data', 'aria-expanded': String(isShown), 'aria-controls': wrapId },
    word,
    h('span', { class: 'visually-hidden' }, `: ${spec.table.caption}`),
  );
  toggle.addEventListener('click', () => {
    const open = !shown.has(spec.id);
    if (open) shown.add(spec.id);
    else shown.delete(spec.id);
    wrap.classList.toggle('visually-hidden', !open);
    toggle.setAttribute('aria-expanded', String(open));
    word.textContent = open ? l10n.t('Hide data') : l10n.t('Show data');
  });
  return h(
    'figure',
    { class: `chart ${spec.className ?? ''}`.trim(), 'data-chart': spec.id },
    spec.aside ? h('div', { class: 'chart-row' }, spec.graphic, h('div', { class: 'chart-aside' }, spec.aside)) : spec.graphic,
    spec.legend ? h('div', { class: 'chart-legend' }, ...spec.legend) : null,
    toggle,
    wrap,
  );
}
