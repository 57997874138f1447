// The page: a persistent toolbar (so keyboard focus survives updates) and a content
// area rebuilt from each summary the host sends. The view renders what it gets; it
// never pseudonymises or filters on its own.
import type { ShareDriver, Summary, SummaryOptions, Trend } from '../../domain/summary/types';
import type { ExportFormat } from '../../summaryProtocol';
import { insightsSection, notesSection, overridesSection } from './board';
import { h } from './dom';
import { layersChart } from './layers';
import { lorenzChart } from './lorenz';
import { actions, checkouts, header, keyFigures, namedTable, passes, section, unattributed } from './sections';
import { sharesChart } from './shares';
import { timelineFigure } from './timeline';
import { trendsSection } from './trends';

export interface ViewHandlers {
  setOptions(options: SummaryOptions): void;
  export(format: ExportFormat): void;
}

export interface SummaryView {
  render(summary: Summary, trend: Trend | null, options: SummaryOptions): void;
  showError(message: string): void;
}

const EXPORTS: readonly [ExportFormat, string][] = [
  ['md', 'Export Markdown'],
  ['json', 'Export JSON'],
  ['csv', 'Export CSV'],
];

const DRIVERS: readonly [ShareDriver, string][] = [
  ['seconds', 'Seconds spoken'],
  ['words', 'Words'],
  ['turns', 'Turns'],
];

/** Which amount the shares count: the lead switches between seconds, words and turns. */
function driverSelect(): { wrap: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { id: 'opt-driver', disabled: true }, ...DRIVERS.map(([value, label]) => h('option', { value }, label)));
  return { select, wrap: h('div', { class: 'check' }, h('label', { for: 'opt-driver' }, 'Measure'), select) };
}

function checkbox(id: string, label: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'checkbox', id, disabled: true });
  return { input, wrap: h('div', { class: 'check' }, input, h('label', { for: id }, label)) };
}

function flagsSection(summary: Summary): HTMLElement {
  const fig = timelineFigure(summary);
  return section('flags', 'Flags and nudges', fig ?? h('p', { class: 'muted' }, 'No flags or nudges were raised.'));
}

function content(summary: Summary, trend: Trend | null, options: SummaryOptions): HTMLElement[] {
  const parts: (HTMLElement | null)[] = [
    keyFigures(summary),
    h(
      'div',
      { class: 'pair' },
      section('shares', 'Share of participation', sharesChart(summary)),
      section('lorenz', 'Evenness: Lorenz curve', lorenzChart(summary)),
    ),
    summary.source === 'retro' ? section('layers', 'Depth and reciprocity', layersChart(summary)) : null,
    flagsSection(summary),
    overridesSection(summary),
    summary.source === 'retro' ? passes(summary) : null,
    notesSection(summary),
    insightsSection(summary),
    actions(summary),
    checkouts(summary),
    unattributed(summary),
    options.namedTable ? namedTable(summary) : null,
    summary.source === 'retro' ? trendsSection(trend) : trend ? trendsSection(trend, 'meetings') : null,
  ];
  return parts.filter((p): p is HTMLElement => p !== null);
}

export function mountView(root: HTMLElement, handlers: ViewHandlers): SummaryView {
  const pseudo = checkbox('opt-pseudonymise', 'Pseudonymise names');
  const named = checkbox('opt-named-table', 'Show named per-person table');
  const measure = driverSelect();
  const buttons = EXPORTS.map(([format, label]) => {
    const b = h('button', { type: 'button', class: 'button', 'data-format': format, disabled: true }, label);
    b.addEventListener('click', () => handlers.export(format));
    return b;
  });
  const status = h('div', { id: 'status', role: 'status', class: 'visually-hidden' });
  const error = h('div', { id: 'error', role: 'alert', class: 'error-box', hidden: true });
  const head = h('div', { id: 'summary-head' }, h('h1', {}, 'Participation summary'), h('p', { class: 'muted' }, 'Loading summary…'));
  const body = h('div', { id: 'summary-content' });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('div', { role: 'group', 'aria-label': 'Privacy', class: 'toolbar-group' }, pseudo.wrap, named.wrap),
    h('div', { role: 'group', 'aria-label': 'Measure', class: 'toolbar-group' }, measure.wrap),
    h('div', { role: 'group', 'aria-label': 'Export', class: 'toolbar-group' }, ...buttons),
  );
  const main = h('main', { id: 'summary', 'aria-busy': 'true' }, head, toolbar, error, body, status);
  root.replaceChildren(main);

  let pending = '';
  const onChange = (what: string) => () => {
    pending = what;
    main.setAttribute('aria-busy', 'true');
    const driver = DRIVERS.find(([d]) => d === measure.select.value)?.[0];
    handlers.setOptions({ pseudonymise: pseudo.input.checked, namedTable: named.input.checked, ...(driver && { driver }) });
  };
  pseudo.input.addEventListener('change', onChange('pseudonymise'));
  named.input.addEventListener('change', onChange('named'));
  measure.select.addEventListener('change', onChange('driver'));

  return {
    render(summary, trend, options) {
      pseudo.input.checked = options.pseudonymise;
      named.input.checked = options.namedTable;
      measure.select.value = summary.driver;
      for (const el of [pseudo.input, named.input, measure.select, ...buttons]) el.disabled = false;
      error.hidden = true;
      head.replaceChildren(header(summary));
      body.replaceChildren(...content(summary, trend, options));
      main.setAttribute('aria-busy', 'false');
      if (pending === 'pseudonymise') status.textContent = options.pseudonymise ? 'Names pseudonymised.' : 'Real names shown.';
      if (pending === 'named') status.textContent = options.namedTable ? 'Per-person table shown.' : 'Per-person table hidden.';
      if (pending === 'driver') status.textContent = `Shares now count ${summary.driver === 'seconds' ? 'seconds spoken' : summary.driver}.`;
      pending = '';
    },
    showError(message) {
      error.replaceChildren(h('strong', {}, 'Something went wrong: '), message);
      error.hidden = false;
      main.setAttribute('aria-busy', 'false');
    },
  };
}
