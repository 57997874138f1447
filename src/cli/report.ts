// `reciprocity report`: read a saved retro or a meeting transcript, summarise it with
// the same domain code the extension uses, and render it in the requested format.
import { basename, extname } from 'node:path';
import { toCsv, toJson, toMarkdown } from '../domain/export';
import { parseSessionFile } from '../domain/persistence';
import { buildSummary, logLimitProblem } from '../domain/summary';
import type { ShareDriver, Summary, SummaryOptions } from '../domain/summary/types';
import { transcriptSession } from '../domain/transcript/load';
import type { SessionEvent } from '../domain/types';
import type { Command, ReportFormat } from './args';
import { describeReadError, type CliIo } from './io';
import { runSeries } from './series';

export type ReportCommand = Extract<Command, { kind: 'report' }>;

export type ReportResult = { ok: true; output: string } | { ok: false; message: string };

interface Loaded {
  events: SessionEvent[];
  unattributed?: Summary['unattributed'];
  transcriptFormat?: string;
  driver: ShareDriver;
}

const SESSION_KIND = /"kind"\s*:\s*"reciprocity-session"/;

export function runReport(command: ReportCommand, io: CliIo): ReportResult {
  const only = command.files[0];
  if (command.files.length === 1 && only !== undefined && io.listFolder?.(only) == null) {
    const summary = summariseFile(only, command, io, command.pseudonymise);
    if ('message' in summary) return { ok: false, message: summary.message };
    const options: SummaryOptions = { pseudonymise: command.pseudonymise, namedTable: command.named };
    return { ok: true, output: render(summary, options, command.format) };
  }
  return runSeries(command, io);
}

/** One file's summary, or why it cannot be read. */
export function summariseFile(file: string, command: ReportCommand, io: CliIo, pseudonymise: boolean): Summary | { message: string } {
  let input: { text: string; modifiedMs: number };
  try {
    input = io.readFile(file);
  } catch (error) {
    return { message: `cannot read ${file}: ${describeReadError(error)}` };
  }
  const loaded = load(file, input.text, input.modifiedMs);
  if ('message' in loaded) return { message: loaded.message };
  return buildSummary(loaded.events, {
    driver: command.driver ?? loaded.driver,
    pseudonymise,
    ...(loaded.unattributed !== undefined && { unattributed: loaded.unattributed }),
    ...(loaded.transcriptFormat !== undefined && { transcriptFormat: loaded.transcriptFormat }),
  });
}

/** Sessions are recognised by content, or by a .json name (then a bad file is a bad session). */
export function isSessionFile(fileName: string, text: string): boolean {
  return extname(fileName).toLowerCase() === '.json' || SESSION_KIND.test(text.slice(0, 64 * 1024));
}

function load(file: string, text: string, modifiedMs: number): Loaded | { message: string } {
  const name = basename(file);
  if (isSessionFile(file, text)) {
    // The persistence module names the file in its own messages.
    const parsed = parseSessionFile(text, file);
    if (!parsed.ok) return { message: parsed.message };
    const beyond = logLimitProblem(parsed.file.events);
    if (beyond !== null) return { message: `${file}: ${beyond}` };
    return { events: parsed.file.events, driver: 'turns' };
  }
  const t = transcriptSession(text, name, modifiedMs);
  if (!t.ok) return { message: t.message };
  return { events: t.events, unattributed: t.unattributed, transcriptFormat: t.format, driver: t.driver };
}

export function render(summary: Summary, options: SummaryOptions, format: ReportFormat): string {
  if (format === 'json') return toJson(summary, options);
  if (format === 'csv') return toCsv(summary, options);
  return toMarkdown(summary, options);
}
