// Small text helpers shared by both transcript parsers.
import { countWords } from '../text';

// One word counter for the whole product, so a transcript's words match a retro's.
export { countWords };

const BOM = '\uFEFF';
const LINE_BREAK = /\r\n|\r|\n/;
const LONE_CR = /\r(?!\n)/;
const LONE_LF = /(?<!\r)\n/;
const WHITESPACE_RUN_GLOBAL = /\s+/g;
const UNTIDY_SPACE = /[^\S ]| {2}|^ | $/;

/** Longest text before ": " that still counts as a speaker name. Longer means prose. */
export const MAX_SPEAKER_NAME = 60;

/** Splits a file into lines, dropping a leading byte-order mark; handles CRLF and lone CR. */
export function splitLines(text: string): string[] {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  // Files use one line ending throughout; splitting on a string is about twice as fast
  // as on a pattern, which counts for a 50 MB export.
  if (!body.includes('\r')) return body.split('\n');
  if (!LONE_CR.test(body) && !LONE_LF.test(body)) return body.split('\r\n');
  return body.split(LINE_BREAK);
}

export function collapseSpaces(text: string): string {
  // Most caption text is already tidy; testing first avoids a copy per cue.
  if (!UNTIDY_SPACE.test(text)) return text;
  return text.replace(WHITESPACE_RUN_GLOBAL, ' ').trim();
}

/** A case- and spacing-insensitive key, so "sam  lee" and "Sam Lee" are one speaker. */
export function speakerKey(name: string): string {
  return collapseSpaces(name.normalize('NFC')).toLocaleLowerCase('en');
}

/**
 * Splits `Name: text` at the first ": " (or a colon ending the line). The rule is
 * deliberately simple and documented rather than clever: the name is whatever comes
 * before that first colon-space, provided it is 1..MAX_SPEAKER_NAME characters and
 * holds at least one letter. Commas and colons not followed by a space may appear in
 * names ("Lee, Sam", "Team:Ops"). We do not guess from sentence punctuation, so a
 * cue such as "Note: x" is read as said by "Note"; voice tags avoid the ambiguity.
 */
export function splitSpeakerPrefix(line: string): { speaker: string; text: string } | null {
  const colon = findNameColon(line);
  if (colon < 0) return null;
  const speaker = collapseSpaces(line.slice(0, colon));
  if (speaker.length === 0 || speaker.length > MAX_SPEAKER_NAME) return null;
  if (!/\p{L}/u.test(speaker)) return null;
  return { speaker, text: line.slice(colon + 1).trim() };
}

function findNameColon(line: string): number {
  const limit = Math.min(line.length, MAX_SPEAKER_NAME + 8);
  for (let i = 0; i < limit; i += 1) {
    if (line[i] !== ':') continue;
    const next = line[i + 1];
    if (next === undefined || next === ' ' || next === '\t') return i;
  }
  return -1;
}
