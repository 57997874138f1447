// Why a transcript or a session file cannot be read, in the display language. The domain
// says it as data (TranscriptProblem, SessionFileProblem) and in English for the CLI
// (transcript/errors.ts, fileProblem.ts); this words the same data through vscode.l10n.
// What a parser said in its own words (a JSON fault, a check's message) stays as it came.
import * as vscode from 'vscode';
import type { IssueDetail, SessionFileProblem } from '../domain/fileProblem';
import { TRIED, type TranscriptProblem } from '../domain/transcript/errors';
import type { TranscriptError, TranscriptExpected } from '../domain/transcript/types';
import { formatName } from '../transcriptWording';

/** What a line should have been; the examples are what such a line looks like in the file. */
function expectedText(what: TranscriptExpected): string {
  switch (what) {
    case 'any':
      return vscode.l10n.t(
        'a "WEBVTT" header or a cue timing like 00:00:01.000 --> 00:00:04.000, or a chat line like "00:01:02<TAB>Name:<TAB>text", or a caption header like "[Name] 10:15:32", or a speaker line like "Name  0:00", or a line like "Name: text" or "[00:01:02] Name: text"',
      );
    case 'webvttHeader':
      return vscode.l10n.t('the "WEBVTT" header on the first line');
    case 'cueTiming':
      return vscode.l10n.t('a cue timing like 00:00:01.000 --> 00:00:04.000');
    case 'endAfterStart':
      return vscode.l10n.t('an end time at or after the start time');
    case 'chatLine':
      return vscode.l10n.t('a chat line like "00:01:02<TAB>Name:<TAB>text"');
    case 'captionHeader':
      return vscode.l10n.t('a caption header like "[Name] 10:15:32"');
    case 'otterSpeaker':
      return vscode.l10n.t('a speaker line like "Name  0:00"');
    case 'otterOrder':
      return vscode.l10n.t('a time at or after the previous speaker line');
    case 'speakerLine':
      return vscode.l10n.t('a line like "Name: text" or "[00:01:02] Name: text"');
    case 'timestamp':
      return vscode.l10n.t('a timestamp like [00:01:02]');
    case 'timestampOrder':
      return vscode.l10n.t('a timestamp at or after the previous one');
    case 'meetMarkOrder':
      return vscode.l10n.t('a time mark at or after the previous one');
    case 'meetEnded':
      return vscode.l10n.t('nothing after "Meeting ended after …" (one meeting per file)');
  }
}

function foundText(foundLine: string | null): string {
  if (foundLine === null) return vscode.l10n.t('the end of the file');
  return foundLine === '' ? vscode.l10n.t('an empty line') : foundLine;
}

function parseErrorText(file: string, e: TranscriptError): string {
  const expected = expectedText(e.what);
  const found = foundText(e.foundLine);
  if (e.readAs !== undefined) return vscode.l10n.t('{0}: line {1}: expected {2}, found {3} (read as {4})', file, e.line, expected, found, formatName(vscode.l10n, e.readAs));
  if (e.tried === undefined) return vscode.l10n.t('{0}: line {1}: expected {2}, found {3}', file, e.line, expected, found);
  const tried = TRIED.map((f) => (f === 'webvtt-any' ? vscode.l10n.t('WebVTT (Teams, Zoom, Meet, spec)') : formatName(vscode.l10n, f))).join('; ');
  return vscode.l10n.t('{0}: line {1}: expected {2}, found {3} (tried: {4})', file, e.line, expected, found, tried);
}

/** Why a transcript gives no summary; `locale` formats the large numbers of a limit. */
export function transcriptProblemText(p: TranscriptProblem, locale = vscode.env.language): string {
  switch (p.key) {
    case 'parse':
      return parseErrorText(p.file, p.error);
    case 'noSpeaker':
      return vscode.l10n.t('{0}: read as {1}, but no line names a speaker ({2} cues or lines read)', p.file, formatName(vscode.l10n, p.format), p.cues);
    case 'limit':
      return p.limit.key === 'nameTooLong'
        ? vscode.l10n.t('{0}: a member name of {1} characters is too long (at most {2} characters)', p.file, count(p.limit.length, locale), count(p.limit.max, locale))
        : vscode.l10n.t('{0}: {1} members are more than one summary holds (at most {2})', p.file, count(p.limit.members, locale), count(p.limit.max, locale));
  }
}

function count(n: number, locale: string): string {
  try {
    return n.toLocaleString(locale);
  } catch {
    return n.toLocaleString('en-US');
  }
}

function issueText(path: string, d: IssueDetail): string {
  const where = path || vscode.l10n.t('(file)');
  switch (d.kind) {
    case 'unknownEvent':
      return vscode.l10n.t('{0}: unknown event type {1}', where, d.type);
    case 'unknownField':
      return vscode.l10n.t('{0}: unknown field {1}', where, d.field);
    case 'required':
      return vscode.l10n.t('{0}: is required', where);
    case 'nested':
      return vscode.l10n.t('{0}: a value is nested more than {1} levels deep.', where, d.max);
    case 'other':
      return vscode.l10n.t('{0}: {1}', where, d.text);
  }
}

/** Why a session file cannot be read. */
export function fileProblemText(p: SessionFileProblem): string {
  switch (p.key) {
    case 'notJson':
      return vscode.l10n.t('{0} is not valid JSON: {1} at line {2}, column {3}.', p.file, p.reason, p.line, p.column);
    case 'notSession':
      return vscode.l10n.t('{0} does not hold a Reciprocity session.', p.file);
    case 'badVersion':
      return vscode.l10n.t('{0}: v: the format version must be a whole number.', p.file);
    case 'newer':
      return vscode.l10n.t(
        '{0} was saved by a newer version of Reciprocity (format v{1}; this version reads up to v{2}). Update the extension to open it; the file was left untouched.',
        p.file, p.version, p.reads,
      );
    case 'noMigration':
      return vscode.l10n.t('{0}: no migration from format v{1}.', p.file, p.from);
    case 'invalid':
      return vscode.l10n.t('{0}: {1}', p.file, issueText(p.path, p.detail));
  }
}
