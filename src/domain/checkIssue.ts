// What a schema check (valibot's) says about a value, as data. Valibot words its own checks
// "Invalid <label>: Expected <expected> but received <received>" in English; the label is
// one of its words ("type", "length", "value", ...), and expected and received are the
// schema's and the file's tokens ("number", "<=128", "\"soon\""). Kept as data, the
// extension words the sentence through l10n (src/host/problemText.ts) while the CLI prints
// checkIssueEnglish, which is the check's own message.
import type * as v from 'valibot';

export type CheckIssue =
  | { label: string; expected: string | null; received: string }
  /** A message that does not follow the pattern, as it came. */
  | { text: string };

const LABEL = /^Invalid ([a-z][a-z ]*): /;

/** The check's pattern as English, exactly as valibot builds its default message. */
function patternEnglish(label: string, expected: string | null, received: string): string {
  return `Invalid ${label}: ${expected ? `Expected ${expected} but r` : 'R'}eceived ${received}`;
}

export function checkIssue(issue: v.BaseIssue<unknown>): CheckIssue {
  const label = LABEL.exec(issue.message)?.[1];
  if (label !== undefined && patternEnglish(label, issue.expected, issue.received) === issue.message) {
    return { label, expected: issue.expected, received: issue.received };
  }
  return { text: issue.message };
}

export function checkIssueEnglish(c: CheckIssue): string {
  return 'text' in c ? c.text : patternEnglish(c.label, c.expected, c.received);
}
