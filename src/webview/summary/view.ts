// The page: a persistent toolbar (so keyboard focus survives updates) and a content
// area rebuilt from each summary the host sends. The view renders what it gets; it
// never pseudonymises or filters on its own.
import * as l10n from '@vscode/l10n';
import type { ShareDriver, Summary, SummaryOptions, Trend } from '../../domain/summary/types';
import type { ExportFormat } from '../../summaryProtocol';
import { insightsSection, notesSection, overridesSection } from './board';
import { h } from './dom';
import { driverName } from './format';
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

// Functions, not constants: the texts come from the l10n bundle, loaded before the view mounts.
const exportsList = (): readonly [ExportFormat, string][] => [
  ['md', l10n.t('Export Markdown')],
  ['json', l10n.t('Export JSON')],
  ['csv', l10n.t('Export CSV')],
];

const DRIVERS: readonly ShareDriver[] = ['seconds', 'words', 'turns'];

function driverLabel(driver: ShareDriver): string {
  switch (driver) {
    case 'seconds':
      return l10n.t('Seconds spoken');
    case 'words':
      return l10n.t('Words');
    case 'turns':
      return l10n.t('Turns');
  }
}

/** Which amount the shares count: the lead switches between seconds, words and turns. */
function driverSelect(): { wrap: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { id: 'opt-driver', disabled: true }, ...DRIVERS.map((value) => h('option', { value }, driverLabel(value))));
  return { select, wrap: h('div', { class: 'check' }, h('label', { for: 'opt-driver' }, l10n.t('Measure')), select) };
}

function checkbox(id: string, label: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'checkbox', id, disabled: true });
  return { input, wrap: h('div', { class: 'check' }, input, h('label', { for: id }, label)) };
}

function flagsSection(summary: Summary): HTMLElement {
  const fig = timelineFigure(summary);
  return section('flags', l10n.t('Flags and nudges'), fig ?? h('p', { class: 'muted' }, l10n.t('No flags or nudges were raised.')));
}

function content(summary: Summary, trend: Trend | null, options: SummaryOptions): HTMLElement[] {
  const parts: (HTMLElement | null)[] = [
    keyFigures(summary),
    h(
      'div',
      { class: 'pair' },
      section('shares', l10n.t('Share of participation'), sharesChart(summary)),
      section('lorenz', l10n.t('Evenness: Lorenz curve'), lorenzChart(summary)),
    ),
    summary.source === 'retro' ? section('layers', l10n.t('Depth and reciprocity'), layersChart(summary)) : null,
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
  const pseudo = checkbox('opt-pseudonymise', l10n.t('Pseudonymise names'));
  const named = checkbox('opt-named-table', l10n.t('Show named per-person table'));
  const measure = driverSelect();
  const buttons = exportsList().map(([format, label]) => {
    const b = h('button', { type: 'button', class: 'button', 'data-format': format, disabled: true }, label);
    b.addEventListener('click', () => handlers.export(format));
    return b;
  });
  const status = h('div', { id: 'status', role: 'status', class: 'visually-hidden' });
  const error = h('div', { id: 'error', role: 'alert', class: 'error-box', hidden: true });
  const head = h('div', { id: 'summary-head' }, h('h1', {}, l10n.t('Participation summary')), h('p', { class: 'muted' }, l10n.t('Loading summary…')));
  const body = h('div', { id: 'summary-content' });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('div', { role: 'group', 'aria-label': l10n.t('Privacy'), class: 'toolbar-group' }, pseudo.wrap, named.wrap),
    h('div', { role: 'group', 'aria-label': l10n.t('Measure'), class: 'toolbar-group' }, measure.wrap),
    h('div', { role: 'group', 'aria-label': l10n.t('Export'), class: 'toolbar-group' }, ...buttons),
  );
  const main = h('main', { id: 'summary', 'aria-busy': 'true' }, head, toolbar, error, body, status);
  root.replaceChildren(main);

  let pending = '';
  const onChange = (what: string) => () => {
    pending = what;
    main.setAttribute('aria-busy', 'true');
    const driver = DRIVERS.find((d) => d === measure.select.value);
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
      if (pending === 'pseudonymise') status.textContent = options.pseudonymise ? l10n.t('Names pseudonymised.') : l10n.t('Real names shown.');
      if (pending === 'named') status.textContent = options.namedTable ? l10n.t('Per-person table shown.') : l10n.t('Per-person table hidden.');
      if (pending === 'driver') status.textContent = l10n.t('Shares now count {0}.', summary.driver === 'seconds' ? l10n.t('seconds spoken') : driverName(summary.driver));
      pending = '';
    },
    showError(message) {
      error.replaceChildren(h('strong', {}, l10n.t('Something went wrong:')), ' ', message);
      error.hidden = false;
      main.setAttribute('aria-busy', 'false');
    },
  };
}
