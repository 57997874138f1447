// `reciprocity report DIR` (or several files): a series of one recurring meeting. Every
// file must read, or the command fails naming it: a trend over the files that happened to
// parse would be a silent partial result. Files are taken in name order, which is how
// exports of a recurring meeting are named (dates), not in the order they were downloaded.
import { basename } from 'node:path';
import { csvCell } from '../domain/export';
import { mdInline, mdTable } from '../domain/export/escape';
import { trendNoteEnglish } from '../domain/summary/trend';
import { meetingSeries, type MeetingSeries } from '../domain/transcript/series';
import type { Summary, SummaryOptions } from '../domain/summary/types';
import type { CliIo } from './io';
import { render, summariseFile, type ReportCommand, type ReportResult } from './report';

const NAME_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function runSeries(command: ReportCommand, io: CliIo): ReportResult {
  const files: string[] = [];
  for (const path of command.files) {
    const inFolder = io.listFolder?.(path) ?? null;
    if (inFolder !== null && inFolder.length === 0) return { ok: false, message: `${path}: the folder holds no files` };
    files.push(...(inFolder ?? [path]).sort((a, b) => NAME_ORDER.compare(basename(a), basename(b))));
  }
  const summaries: Summary[] = [];
  for (const file of files) {
    // Names stay real here so one person is one person across meetings; pseudonyms come after.
    const s = summariseFile(file, command, io, false);
    if ('message' in s) return { ok: false, message: s.message };
    summaries.push(s);
  }
  const latest = summaries[summaries.length - 1];
  const latestFile = files[files.length - 1];
  if (latest === undefined || latestFile === undefined) return { ok: false, message: 'no files to report on' };
  const series = pseudonymiseSeries(meetingSeries(summaries), summaries, command.pseudonymise);
  const options: SummaryOptions = { pseudonymise: command.pseudonymise, namedTable: command.named };
  const shown = command.pseudonymise ? summariseFile(latestFile, command, io, true) : latest;
  if ('message' in shown) return { ok: false, message: shown.message };
  if (command.format === 'json') {
    const doc = { series, latest: JSON.parse(render(shown, options, 'json')) as unknown };
    return { ok: true, output: `${JSON.stringify(doc, null, 2)}\n` };
  }
  if (command.format === 'csv') return { ok: true, output: seriesCsv(series) };
  return { ok: true, output: `${render(shown, options, 'md')}\n${seriesMarkdown(series).join('\n')}\n` };
}

/** One pseudonym per person across every meeting, in order of first appearance. */
function pseudonymiseSeries(series: MeetingSeries, summaries: readonly Summary[], on: boolean): MeetingSeries {
  if (!on) return series;
  const letters = new Map<string, string>();
  for (const s of summaries) {
    for (const m of s.members) {
      const key = m.name.toLocaleLowerCase('en');
      if (!letters.has(key)) letters.set(key, `Member ${letterOf(letters.size)}`);
    }
  }
  const rename = (name: string): string => letters.get(name.toLocaleLowerCase('en')) ?? 'A member';
  const quiet = series.quiet.map((q) => ({ ...q, name: rename(q.name) }));
  const notes = series.notes.map((n) => (n.kind === 'quiet' ? { ...n, name: rename(n.name) } : n));
  return { ...series, quiet, messages: notes.map(trendNoteEnglish), notes };
}

function letterOf(index: number): string {
  const A = 'A'.charCodeAt(0);
  return index < 26 ? String.fromCharCode(A + index) : `${String.fromCharCode(A + (Math.floor(index / 26) - 1))}${String.fromCharCode(A + (index % 26))}`;
}

function seriesMarkdown(series: MeetingSeries): string[] {
  return [
    `## Across ${series.points.length} meetings`,
    '',
    ...series.messages.map((m) => `- ${mdInline(m)}`),
    '',
    ...mdTable(
      ['Meeting', 'Format', 'Measured by', 'People', 'Evenness', 'Gini'],
      series.points.map((p) => [mdInline(p.title), mdInline(p.format ?? 'saved retro'), p.driver, String(p.members), p.evenness.toFixed(2), p.gini.toFixed(2)]),
    ),
  ];
}

function seriesCsv(series: MeetingSeries): string {
  const rows: (string | number)[][] = [['meeting', 'createdAt', 'format', 'driver', 'people', 'evenness', 'gini']];
  for (const p of series.points) rows.push([p.title, new Date(p.createdAt).toISOString(), p.format ?? '', p.driver, p.members, p.evenness, p.gini]);
  rows.push([], ['quietMember', 'meetingsRunning']);
  for (const q of series.quiet) rows.push([q.name, q.meetings]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
