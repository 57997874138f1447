// Command-line arguments for `reciprocity report`. Anything unexpected is an error
// (exit code 2), never silently ignored: a typo in --pseudonymise must not leak names.
import { parseArgs } from 'node:util';
import type { ShareDriver } from '../domain/summary/types';

export type ReportFormat = 'md' | 'json' | 'csv';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'report';
      /** One file, or several files and folders: a series of one recurring meeting. */
      files: string[];
      format: ReportFormat;
      pseudonymise: boolean;
      named: boolean;
      /** Undefined: seconds for a timed transcript, turns otherwise. */
      driver: ShareDriver | undefined;
    };

export type ParsedArgs = { ok: true; command: Command } | { ok: false; message: string };

export const USAGE = `Usage: reciprocity report <session.json | transcript> [options]
       reciprocity report <folder | transcript transcript…> [options]

Prints the participation summary of a saved retro or a meeting transcript. The
transcript's format is read from its content: Microsoft Teams, Zoom or spec WebVTT,
a Zoom chat export or saved captions, a Google Meet transcript (.txt or .md), an
Otter.ai export, or a plain "Name: text" log. Given a folder or several files of one
recurring meeting, it reports the latest meeting (files in name order) and the trend
across them: evenness, and who has been quiet several meetings running.

Options:
  --format md|json|csv   output format (default: md)
  --pseudonymise         replace every name with Member A, B, … (also --pseudonymize)
  --named                include the per-person table (turns, words, seconds)
  --driver seconds|words|turns
                         what a member's share counts (default: seconds for a
                         transcript with times, turns otherwise)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 on success; 2 on bad input (missing file, unknown option,
unreadable session or transcript).
`;

const OPTIONS = {
  format: { type: 'string' },
  pseudonymise: { type: 'boolean' },
  pseudonymize: { type: 'boolean' },
  named: { type: 'boolean' },
  driver: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const FORMATS: Readonly<Record<string, ReportFormat>> = { md: 'md', markdown: 'md', json: 'json', csv: 'csv' };

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, message: firstSentence(text) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { ok: true, command: { kind: 'help' } };
  if (values.version === true) return { ok: true, command: { kind: 'version' } };
  const [command, ...files] = positionals;
  if (command === undefined) return { ok: false, message: 'missing command (try "reciprocity report <file>")' };
  if (command !== 'report') return { ok: false, message: `unknown command "${command}"` };
  if (files.length === 0) return { ok: false, message: 'expected a file or folder to report on' };
  const format = FORMATS[values.format ?? 'md'];
  if (format === undefined) return { ok: false, message: `unknown format "${values.format ?? ''}" (expected md, json or csv)` };
  const driver = values.driver;
  if (driver !== undefined && driver !== 'turns' && driver !== 'words' && driver !== 'seconds') {
    return { ok: false, message: `unknown driver "${driver}" (expected seconds, words or turns)` };
  }
  const pseudonymise = values.pseudonymise === true || values.pseudonymize === true;
  return { ok: true, command: { kind: 'report', files, format, pseudonymise, named: values.named === true, driver } };
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return (end < 0 ? text : text.slice(0, end)).replace(/\.$/, '');
}
