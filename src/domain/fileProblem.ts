// Why a session file cannot be read, as data and in English. The English is what the CLI
// prints and what `message` holds; the extension words the same data through l10n
// (src/host/problemText.ts). A unit test holds the two to one English.
import { checkIssueEnglish } from './checkIssue';
import { deckCheckEnglish, type DeckCheck } from './decks/deckSchema';
import { jsonFaultEnglish, type JsonFault } from './text';

/** What is wrong at a path of the file, after the format's checks. */
export type IssueDetail =
  | { kind: 'unknownEvent'; type: string }
  | { kind: 'unknownField'; field: string }
  | { kind: 'required' }
  | { kind: 'nested'; max: number }
  /** The retro's deck, refused by a deck check of its own. */
  | { kind: 'deck'; check: DeckCheck }
  /** A check's own pattern (valibot's): a length, a type, a number out of range (checkIssue.ts). */
  | { kind: 'check'; label: string; expected: string | null; received: string }
  /** A check's own words that follow no pattern, as they came. */
  | { kind: 'other'; text: string };

export type SessionFileProblem =
  | { key: 'notJson'; file: string; fault: JsonFault; line: number; column: number }
  | { key: 'notSession'; file: string }
  | { key: 'badVersion'; file: string }
  | { key: 'newer'; file: string; version: number; reads: number }
  | { key: 'noMigration'; file: string; from: number }
  /** `path` is where in the file ('' for the file as a whole). */
  | { key: 'invalid'; file: string; path: string; detail: IssueDetail };

export function issueDetailEnglish(d: IssueDetail): string {
  switch (d.kind) {
    case 'unknownEvent':
      return `unknown event type ${d.type}`;
    case 'unknownField':
      return `unknown field ${d.field}`;
    case 'required':
      return 'is required';
    case 'nested':
      return `a value is nested more than ${d.max} levels deep`;
    case 'deck':
      return deckCheckEnglish(d.check);
    case 'check':
      return checkIssueEnglish(d);
    case 'other':
      return d.text;
  }
}

/** A path and what is wrong there: "events[5].type: unknown event type …". */
export function issueEnglish(path: string, d: IssueDetail): string {
  return `${path || '(file)'}: ${issueDetailEnglish(d)}`;
}

/** A session file problem in English, as the CLI prints it. */
export function fileProblemEnglish(p: SessionFileProblem): string {
  switch (p.key) {
    case 'notJson':
      return `${p.file} is not valid JSON: ${jsonFaultEnglish(p.fault)} at line ${p.line}, column ${p.column}.`;
    case 'notSession':
      return `${p.file} does not hold a Reciprocity session.`;
    case 'badVersion':
      return `${p.file}: v: the format version must be a whole number.`;
    case 'newer':
      return `${p.file} was saved by a newer version of Reciprocity (format v${p.version}; this version reads up to v${p.reads}). Update the extension to open it; the file was left untouched.`;
    case 'noMigration':
      return `${p.file}: no migration from format v${p.from}.`;
    case 'invalid':
      // A nesting problem ends with a full stop; the checks' own words do not.
      return `${p.file}: ${issueEnglish(p.path, p.detail)}${p.detail.kind === 'nested' ? '.' : ''}`;
  }
}

/** A log that cannot be written: a value nested deeper than a file may hold, at `path`. */
export function unsavableEnglish(path: string, max: number): string {
  return `The retro cannot be saved: ${issueEnglish(path, { kind: 'nested', max })}.`;
}
