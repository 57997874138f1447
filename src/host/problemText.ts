// Why a transcript or a session file cannot be read, in the display language. The domain
// says it as data (TranscriptProblem, SessionFileProblem) and in English for the CLI
// (transcript/errors.ts, fileProblem.ts); this words the same data through vscode.l10n.
// A check's message that follows none of valibot's patterns stays as it came; the tokens a
// check quotes (a type, a limit, the value found) and a JSON fault's characters are data.
import * as vscode from 'vscode';
import type { CheckIssue } from '../domain/checkIssue';
import type { DeckCheck, DeckError } from '../domain/decks/deckSchema';
import type { IssueDetail, SessionFileProblem } from '../domain/fileProblem';
import type { JsonFault } from '../domain/text';
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

/** Why text is not JSON (the domain's JsonFault). */
export function jsonFaultText(f: JsonFault): string {
  switch (f.key) {
    case 'end':
      return vscode.l10n.t('Unexpected end of input (the file may be truncated)');
    case 'expected':
      return vscode.l10n.t("Expected '{0}' but found '{1}'", f.want, f.found);
    case 'unterminated':
      return vscode.l10n.t('Unterminated string');
    case 'escape':
      return vscode.l10n.t('Invalid escape in string');
    case 'control':
      return vscode.l10n.t('Control character in string (use {0})', '\\n');
    case 'number':
      return vscode.l10n.t('Invalid number');
    case 'deep':
      return vscode.l10n.t('Nested too deeply');
    case 'unexpected':
      return vscode.l10n.t("Unexpected character '{0}'", f.found);
    case 'separator':
      return vscode.l10n.t("Expected ',' or '{0}'", f.close);
    case 'trailing':
      return vscode.l10n.t('Unexpected text after the end of the JSON value');
    case 'invalid':
      return vscode.l10n.t('Invalid JSON');
  }
}

/** A schema check's own pattern, by the word valibot names it with; other words stay valibot's. */
export function checkIssueText(c: CheckIssue): string {
  if ('text' in c) return c.text;
  const { expected: e, received: r } = c;
  switch (c.label) {
    case 'type':
      return e ? vscode.l10n.t('Invalid type: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid type: Received {0}', r);
    case 'length':
      return e ? vscode.l10n.t('Invalid length: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid length: Received {0}', r);
    case 'value':
      return e ? vscode.l10n.t('Invalid value: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid value: Received {0}', r);
    case 'format':
      return e ? vscode.l10n.t('Invalid format: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid format: Received {0}', r);
    case 'key':
      return e ? vscode.l10n.t('Invalid key: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid key: Received {0}', r);
    case 'integer':
      return e ? vscode.l10n.t('Invalid integer: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid integer: Received {0}', r);
    case 'finite':
      // A number JSON holds but JavaScript cannot (1e999 reads as Infinity).
      return e ? vscode.l10n.t('Invalid finite: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid finite: Received {0}', r);
    case 'input':
      return e ? vscode.l10n.t('Invalid input: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid input: Received {0}', r);
    case 'entries':
      return e ? vscode.l10n.t('Invalid entries: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid entries: Received {0}', r);
    case 'item':
      return e ? vscode.l10n.t('Invalid item: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid item: Received {0}', r);
    case 'size':
      return e ? vscode.l10n.t('Invalid size: Expected {0} but received {1}', e, r) : vscode.l10n.t('Invalid size: Received {0}', r);
    default:
      return e ? vscode.l10n.t('Invalid {0}: Expected {1} but received {2}', c.label, e, r) : vscode.l10n.t('Invalid {0}: Received {1}', c.label, r);
  }
}

/** Why a deck, or a field of one, is refused (the domain's DeckCheck); `field` is the file's key. */
export function deckCheckText(c: DeckCheck): string {
  switch (c.key) {
    case 'notString':
      return vscode.l10n.t('{0} must be a string', c.field);
    case 'blank':
      return vscode.l10n.t('{0} must not be empty', c.field);
    case 'tooLong':
      return vscode.l10n.t('{0} must be at most {1} characters', c.field, c.max);
    case 'depth':
      return vscode.l10n.t('depth must be 1, 2, 3 or 4 (orientation, exploratory, affective, stable)');
    case 'promptId':
      return vscode.l10n.t('id must start with a letter or digit and use only letters, digits, "-", "_" and "."');
    case 'deckId':
      return vscode.l10n.t('id must be lower-case letters, digits and "-" (for example "team-health")');
    case 'promptsNotArray':
      return vscode.l10n.t('prompts must be an array');
    case 'promptsEmpty':
      return vscode.l10n.t('prompts must hold at least one prompt');
    case 'promptsTooMany':
      return vscode.l10n.t('prompts may hold at most {0} prompts', c.max);
    case 'columnsNotArray':
      return vscode.l10n.t('columns must be an array of strings');
    case 'columnsEmpty':
      return vscode.l10n.t('columns must hold at least one column');
    case 'columnsTooMany':
      return vscode.l10n.t('columns may hold at most {0} columns', c.max);
    case 'notObject':
      return vscode.l10n.t('a deck must be a JSON object');
    case 'unknownField':
      return vscode.l10n.t('unknown field {0}', c.field);
    case 'required':
      return vscode.l10n.t('is required');
    case 'notJson':
      return vscode.l10n.t('Invalid JSON: {0} at line {1}, column {2}', jsonFaultText(c.fault), c.line, c.column);
    case 'duplicateId':
      return vscode.l10n.t('duplicate prompt id "{0}" (also used by prompts[{1}])', c.id, c.first);
    case 'check':
      return checkIssueText(c.issue);
  }
}

/** A deck file's fault as Start Retro lists it: the file, the field (if any) and why. */
export function deckErrorText(e: DeckError): string {
  return e.path ? vscode.l10n.t('{0}: {1}: {2}', e.file, e.path, deckCheckText(e.check)) : vscode.l10n.t('{0}: {1}', e.file, deckCheckText(e.check));
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
    case 'deck':
      return vscode.l10n.t('{0}: {1}', where, deckCheckText(d.check));
    case 'check':
      return vscode.l10n.t('{0}: {1}', where, checkIssueText(d));
    case 'other':
      return vscode.l10n.t('{0}: {1}', where, d.text);
  }
}

/** Why a session file cannot be read. */
export function fileProblemText(p: SessionFileProblem): string {
  switch (p.key) {
    case 'notJson':
      return vscode.l10n.t('{0} is not valid JSON: {1} at line {2}, column {3}.', p.file, jsonFaultText(p.fault), p.line, p.column);
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
