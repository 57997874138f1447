// The summary as CSV (RFC 4180): one "long" table of section,item,field,value rows, so
// every part of the summary fits one header and a spreadsheet can pivot it. Cells
// that a spreadsheet would run as a formula are defused with a leading quote.
import type { Summary, SummaryOptions, Trend } from '../summary/types';
import { boardRows } from './board';
import { isoTime, round } from './format';
import { exportView, type ExportView } from './view';

type Cell = string | number | boolean | null;
type Row = [section: string, item: Cell, field: string, value: Cell];

const HEADER: Row = ['section', 'item', 'field', 'value'];
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV cell: formula-looking text is prefixed with ', then quoted if it must be. */
export function csvCell(value: Cell): string {
  let text = value === null ? '' : typeof value === 'number' ? String(round(value)) : String(value);
  if (text.length > 0 && FORMULA_START.has(text.charAt(0))) text = `'${text}`;
  const needsQuotes = /[",\r\n]/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(summary: Summary, options: SummaryOptions, trend?: Trend | null): string {
  const view = exportView(summary, options, trend);
  const rows: Row[] = [HEADER, ...teamRows(view), ...memberRows(view), ...chartRows(view), ...itemRows(view)];
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function teamRows({ summary: s, namedTable }: ExportView): Row[] {
  const fields: [string, Cell][] = [
    ['title', s.title],
    ['source', s.source],
    ...(s.transcriptFormat === undefined ? [] : ([['transcriptFormat', s.transcriptFormat]] as [string, Cell][])),
    ['createdAt', isoTime(s.createdAt) ?? ''],
    ['durationSeconds', s.durationSeconds],
    ['driver', s.driver],
    ['pseudonymised', s.pseudonymised],
    ['namedTable', namedTable],
    ['fairShare', s.fairShare],
    ['gini', s.gini],
    ['evenness', s.evenness],
    ['maxShare', s.maxShare],
    ['deepestReached', s.deepestReached],
    ['totalPasses', s.totalPasses],
  ];
  if (s.unattributed !== null) {
    fields.push(['unattributedTurns', s.unattributed.turns], ['unattributedWords', s.unattributed.words]);
    fields.push(['unattributedSeconds', s.unattributed.seconds]);
  }
  return fields.map(([field, value]) => ['summary', null, field, value]);
}

function memberRows(view: ExportView): Row[] {
  return view.members.flatMap((m): Row[] => {
    const rows: Row[] = [
      ['member', m.name, 'present', m.present],
      ['member', m.name, 'share', m.share],
    ];
    const d = m.detail;
    if (d === null) return rows;
    const detail: [string, Cell][] = [
      ['joinedLate', d.joinedLate],
      ['turns', d.turns],
      ['words', d.words],
      ['seconds', d.seconds],
      ['passes', d.passes],
      ['deepest', d.deepest],
    ];
    return rows.concat(detail.map(([field, value]): Row => ['member', m.name, field, value]));
  });
}

function chartRows({ summary: s }: ExportView): Row[] {
  const lorenz = s.lorenz.map((p): Row => ['lorenz', p.x, 'y', p.y]);
  const layers = s.layers.flatMap((l): Row[] => [
    ['layer', l.depth, 'name', l.name],
    ['layer', l.depth, 'reached', l.reached],
    ['layer', l.depth, 'contributions', l.contributions],
    ['layer', l.depth, 'passes', l.passes],
    ['layer', l.depth, 'matched', l.matched],
    ['layer', l.depth, 'present', l.present],
    ['layer', l.depth, 'reciprocated', l.reciprocated],
  ]);
  return [...lorenz, ...layers];
}

function itemRows({ summary: s, trend }: ExportView): Row[] {
  const flags = s.flags.flatMap((f, k): Row[] => [
    ['flag', k + 1, 'kind', f.kind],
    ['flag', k + 1, 'text', f.text],
    ['flag', k + 1, 'offsetSeconds', f.offsetMs / 1000],
    ['flag', k + 1, 'clearedOffsetSeconds', f.clearedOffsetMs === null ? null : f.clearedOffsetMs / 1000],
  ]);
  const actions = s.actions.flatMap((a, k): Row[] => [
    ['action', k + 1, 'text', a.text],
    ['action', k + 1, 'owner', a.owner],
    ['action', k + 1, 'due', a.due ?? null],
    ['action', k + 1, 'done', a.done],
  ]);
  const checkouts = s.checkouts.flatMap((c, k): Row[] => [
    ['checkout', k + 1, 'member', c.member],
    ['checkout', k + 1, 'text', c.text],
    ['checkout', k + 1, 'roti', c.roti ?? null],
  ]);
  const trendRows = trendToRows(trend);
  return [...flags, ...boardRows(s), ...actions, ...checkouts, ...trendRows];
}

function trendToRows(trend: Trend | null): Row[] {
  if (trend === null) return [];
  const messages = trend.messages.map((m, k): Row => ['trend-message', k + 1, 'text', m]);
  const points = trend.points.flatMap((p, k): Row[] => [
    ['trend', k + 1, 'title', p.title],
    ['trend', k + 1, 'createdAt', isoTime(p.createdAt) ?? ''],
    ['trend', k + 1, 'gini', p.gini],
    ['trend', k + 1, 'evenness', p.evenness],
    ['trend', k + 1, 'deepestReached', p.deepestReached],
    ['trend', k + 1, 'reciprocatedLayers', p.reciprocatedLayers],
  ]);
  return [...messages, ...points];
}
